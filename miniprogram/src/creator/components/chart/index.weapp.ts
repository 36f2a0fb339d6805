export { Chart } from './chart.weapp';
