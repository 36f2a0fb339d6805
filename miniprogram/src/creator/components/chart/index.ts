/** The chart for this build: Taro picks index.h5.ts for the browser, index.weapp.ts for WeChat. */
export { Chart } from './chart.weapp';
