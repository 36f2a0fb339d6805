import { consoleText } from '../../i18n/zh-CN.console';
import type { AnalyticsReport } from '../services/types';

const t = consoleText.analytics;
const GREEN = '#16a05d';
const BLUE = '#4c8bf5';
const ORANGE = '#f5a623';
const RED = '#f2504b';

/** An ECharts option: plain data, so the page can hand it to either build's chart. */
export type ChartOption = Record<string, unknown>;

/** 0.125 → "12.5%"; null (nothing to divide by) → "—". */
export function percent(x: number | null): string {
  return x === null ? t.none : `${Math.round(x * 1000) / 10}%`;
}

const grid = { left: 44, right: 44, top: 36, bottom: 28, containLabel: true };
const legend = (data: string[]) => ({ data, top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } });

/** Revenue by day (bars, yuan) with paid orders (line, right axis). */
export function revenueChart(r: AnalyticsReport): ChartOption {
  return {
    color: [GREEN, BLUE],
    tooltip: { trigger: 'axis' },
    legend: legend([t.revenue, t.paidOrders]),
    grid,
    xAxis: { type: 'category', data: r.revenue_by_day.map((d) => d.date.slice(5)) },
    yAxis: [
      { type: 'value', name: t.revenue, nameTextStyle: { fontSize: 10 } },
      { type: 'value', name: t.paidOrders, minInterval: 1, nameTextStyle: { fontSize: 10 } },
    ],
    series: [
      { name: t.revenue, type: 'bar', data: r.revenue_by_day.map((d) => d.revenue), barMaxWidth: 18 },
      { name: t.paidOrders, type: 'line', yAxisIndex: 1, data: r.revenue_by_day.map((d) => d.paid_orders), symbolSize: 5 },
    ],
  };
}

/** Per course: orders and paid orders (bars), and views → paid conversion in percent (line, right axis). */
export function conversionChart(r: AnalyticsReport): ChartOption {
  const courses = r.courses.slice(0, 8);
  const label = (name: string) => (name.length > 6 ? `${name.slice(0, 6)}…` : name);
  return {
    color: [BLUE, GREEN, ORANGE],
    tooltip: { trigger: 'axis' },
    legend: legend([t.orders, t.paidOrders, t.conversionRate]),
    grid,
    xAxis: { type: 'category', data: courses.map((c) => label(c.name)), axisLabel: { fontSize: 10, interval: 0 } },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: t.orders, type: 'bar', data: courses.map((c) => c.orders), barMaxWidth: 16 },
      { name: t.paidOrders, type: 'bar', data: courses.map((c) => c.paid_orders), barMaxWidth: 16 },
      {
        name: t.conversionRate,
        type: 'line',
        yAxisIndex: 1,
        data: courses.map((c) => (c.conversion.view_to_paid === null ? null : Math.round(c.conversion.view_to_paid * 1000) / 10)),
        connectNulls: true,
      },
    ],
  };
}

/** How many learners study how much (activity-score bands, hours a day). */
export function activityChart(r: AnalyticsReport): ChartOption {
  const bands = r.activity.distribution;
  return {
    color: [ORANGE],
    tooltip: { trigger: 'axis' },
    grid: { ...grid, top: 30, bottom: 36 },
    xAxis: {
      type: 'category',
      name: t.hoursPerDay,
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: { fontSize: 10 },
      data: bands.map((b) => t.activityBand(b.min_hours_per_day, b.max_hours_per_day)),
      axisLabel: { fontSize: 10, interval: 0 },
    },
    yAxis: { type: 'value', minInterval: 1, name: t.learners, nameTextStyle: { fontSize: 10 } },
    series: [{ name: t.learners, type: 'bar', data: bands.map((b) => b.learners), barMaxWidth: 28 }],
  };
}

/** Paid orders kept vs refunded in the range, the refund rate in the middle. */
export function refundChart(r: AnalyticsReport): ChartOption {
  const refunded = r.totals.refunds;
  const kept = Math.max(0, r.totals.paid_orders - refunded);
  return {
    color: [GREEN, RED],
    tooltip: { trigger: 'item' },
    legend: legend([t.kept, t.refunded]),
    title: { text: percent(r.totals.refund_rate), subtext: t.refundRate, left: 'center', top: '38%', textStyle: { fontSize: 18 }, subtextStyle: { fontSize: 11 } },
    series: [
      {
        name: t.refundShare,
        type: 'pie',
        radius: ['48%', '70%'],
        center: ['50%', '55%'],
        label: { show: false },
        data: [
          { name: t.kept, value: kept },
          { name: t.refunded, value: refunded },
        ],
      },
    ],
  };
}
