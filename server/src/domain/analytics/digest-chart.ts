import type { EChartsOption } from 'echarts';
import type { DigestFigures } from './digest-figures';

/** Draws a chart (an ECharts option) as a PNG image: charts/png-chart.renderer.ts. */
export interface ChartRenderer {
  renderPng(option: EChartsOption, size: { width: number; height: number }): Promise<Buffer>;
}

export const DIGEST_CHART_SIZE = { width: 800, height: 450 };

/** The week at a glance: revenue per day as bars (yuan, left axis), paid orders as a line (right axis). */
export function digestChart(f: DigestFigures, creatorName: string): EChartsOption {
  const days = f.trend.map((d) => (d.partial ? `今天\n截至 ${f.cutoff}` : d.date.slice(5)));
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: 'sans-serif' },
    color: ['#3a7bd5', '#f28c28'],
    title: { text: `销售日报 · ${f.date}`, subtext: `${creatorName} · 近 ${f.trend.length} 天收入与支付订单`, left: 'center', top: 12 },
    legend: { data: ['收入（元）', '支付订单（笔）'], bottom: 10 },
    grid: { left: 70, right: 70, top: 90, bottom: 80 },
    xAxis: { type: 'category', data: days, axisTick: { alignWithLabel: true }, axisLabel: { interval: 0 } },
    yAxis: [
      { type: 'value', name: '收入（元）', min: 0 },
      { type: 'value', name: '订单（笔）', min: 0, minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        name: '收入（元）',
        type: 'bar',
        barMaxWidth: 48,
        data: f.trend.map((d) => d.revenueFen / 100),
        label: { show: true, position: 'top', formatter: ({ value }) => (Number(value) > 0 ? Number(value).toFixed(2) : '') },
      },
      { name: '支付订单（笔）', type: 'line', yAxisIndex: 1, symbolSize: 8, data: f.trend.map((d) => d.paidOrders) },
    ],
  };
}
