import { activityChart, conversionChart, percent, refundChart, revenueChart } from './charts';
import { chinaDateTime, chinaDay, lastDays, orderedRange } from './dates';
import type { AnalyticsReport } from '../services/types';

const zero = { revenue: 0, revenue_fen: 0, views: 0, orders: 0, paid_orders: 0, refunds: 0, refunded_fen: 0, new_learners: 0 };
const report: AnalyticsReport = {
  from: '2026-01-01',
  to: '2026-01-02',
  computed_at: '2026-01-02T12:00:00.000Z',
  totals: { ...zero, revenue: 199.8, paid_orders: 8, refunds: 2, refund_rate: 0.25 },
  revenue_by_day: [
    { ...zero, date: '2026-01-01', revenue: 99.9, paid_orders: 1 },
    { ...zero, date: '2026-01-02', revenue: 99.9, paid_orders: 1 },
  ],
  courses: [
    { ...zero, id: 1, name: '数据分析实战课程', orders: 4, paid_orders: 3, views: 40, refund_rate: 0, conversion: { view_to_order: 0.1, order_to_paid: 0.75, view_to_paid: 0.075 } },
    { ...zero, id: 2, name: '摄影', refund_rate: null, conversion: { view_to_order: null, order_to_paid: null, view_to_paid: null } },
  ],
  activity: {
    period_days: 30,
    learners: 3,
    average_score: 0.2,
    distribution: [
      { min_hours_per_day: 0, max_hours_per_day: 0.1, learners: 2 },
      { min_hours_per_day: 1, max_hours_per_day: null, learners: 1 },
    ],
  },
};

type Series = Array<{ name: string; type: string; data: unknown[] }>;
const series = (o: Record<string, unknown>) => o.series as Series;

describe('analytics charts', () => {
  it('draw revenue by day as bars and paid orders as a line, one point a day', () => {
    const o = revenueChart(report);
    expect((o.xAxis as { data: string[] }).data).toEqual(['01-01', '01-02']);
    expect(series(o).map((s) => [s.type, s.data])).toEqual([
      ['bar', [99.9, 99.9]],
      ['line', [1, 1]],
    ]);
  });

  it('draw orders, paid orders and conversion per course, with a gap where there is nothing to divide by', () => {
    const o = conversionChart(report);
    expect((o.xAxis as { data: string[] }).data).toEqual(['数据分析实战…', '摄影']);
    expect(series(o).map((s) => s.data)).toEqual([
      [4, 0],
      [3, 0],
      [7.5, null],
    ]);
  });

  it('count learners per activity band, and split paid orders into kept and refunded', () => {
    const a = activityChart(report);
    expect((a.xAxis as { data: string[] }).data).toEqual(['0–0.1', '≥1']);
    expect(series(a)[0]!.data).toEqual([2, 1]);
    const r = refundChart(report);
    expect(series(r)[0]!.data).toEqual([
      { name: '未退款', value: 6 },
      { name: '已退款', value: 2 },
    ]);
    expect((r.title as { text: string }).text).toBe('25%');
  });

  it('show rates as percent, and nothing to divide by as a dash', () => {
    expect(percent(0.075)).toBe('7.5%');
    expect(percent(1)).toBe('100%');
    expect(percent(null)).toBe('—');
  });
});

describe('report dates', () => {
  it('cut days in China time', () => {
    expect(chinaDay(new Date('2026-01-01T15:59:00Z'))).toBe('2026-01-01');
    expect(chinaDay(new Date('2026-01-01T16:00:00Z'))).toBe('2026-01-02');
  });

  it('make ranges of the last n days, and put picked ends in order', () => {
    expect(lastDays('2026-03-01', 7)).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(lastDays('2026-03-01', 1)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(orderedRange('2026-02-02', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-02-02' });
    expect(chinaDateTime('2026-02-02')).toBe('2026-02-02T00:00:00+08:00');
    expect(chinaDateTime('2026-02-02', true)).toBe('2026-02-02T23:59:59+08:00');
  });
});
