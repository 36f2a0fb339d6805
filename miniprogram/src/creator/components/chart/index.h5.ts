export { Chart } from './chart.h5';
