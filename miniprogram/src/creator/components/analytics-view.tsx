import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { consoleText } from '../../i18n/zh-CN.console';
import { yuan } from '../lib/format';
import { activityChart, conversionChart, percent, refundChart, revenueChart } from '../lib/charts';
import { chinaDay, chinaMinute, lastDays } from '../lib/dates';
import type { AnalyticsReport } from '../services/types';
import { Chart } from './chart';
import { DateRange } from './date-range';

const t = consoleText.analytics;

/** Totals, revenue by day, orders and conversion per course, learner activity and refunds, over a picked range. */
export function AnalyticsView({ load }: { load: (range: { from: string; to: string }) => Promise<AnalyticsReport> }) {
  const today = chinaDay(new Date());
  const [range, setRange] = useState(() => lastDays(today, 30));
  const report = useAsync(() => load(range), [range.from, range.to]);
  const r = report.data;
  const charts = useMemo(() => (r ? { revenue: revenueChart(r), conversion: conversionChart(r), activity: activityChart(r), refunds: refundChart(r) } : null), [r]);

  return (
    <View className='analytics'>
      <View className='card'>
        <DateRange from={range.from} to={range.to} today={today} onChange={setRange} />
      </View>
      <StateView loading={report.loading && !r} error={report.error} onRetry={() => void report.reload()}>
        {r && charts && (
          <>
            <View className='kpis'>
              <Kpi label={t.revenue} value={yuan(r.totals.revenue_fen)} name='revenue' />
              <Kpi label={t.paidOrders} value={String(r.totals.paid_orders)} name='paid-orders' />
              <Kpi label={t.orders} value={String(r.totals.orders)} name='orders' />
              <Kpi label={t.views} value={String(r.totals.views)} name='views' />
              <Kpi label={t.newLearners} value={String(r.totals.new_learners)} name='new-learners' />
              <Kpi label={t.refundRate} value={percent(r.totals.refund_rate)} name='refund-rate' />
            </View>
            <Text className='muted small console__note'>{r.computed_at ? t.computedAt(chinaMinute(r.computed_at)) : t.notComputed}</Text>
            <View className='console-grid'>
              <View className='card card--chart'>
                <Text className='card__title'>{t.revenueByDay}</Text>
                <Chart option={charts.revenue} label='revenue-by-day' />
              </View>
              <View className='card card--chart'>
                <Text className='card__title'>{t.conversion}</Text>
                <Chart option={charts.conversion} label='conversion' />
                {r.courses.slice(0, 8).map((c) => (
                  <View key={c.id} className='line small' data-course-id={c.id}>
                    <Text className='line__name'>{c.name}</Text>
                    <Text className='muted'>{`${c.paid_orders}/${c.orders} · ${percent(c.conversion.view_to_paid)}`}</Text>
                  </View>
                ))}
              </View>
              <View className='card card--chart'>
                <Text className='card__title'>{t.activity}</Text>
                <Chart option={charts.activity} label='activity' />
                <Text className='muted small'>{t.averageActivity(r.activity.average_score === null ? t.none : r.activity.average_score.toFixed(2))}</Text>
              </View>
              <View className='card card--chart'>
                <Text className='card__title'>{t.refundShare}</Text>
                <Chart option={charts.refunds} label='refunds' />
              </View>
            </View>
          </>
        )}
      </StateView>
    </View>
  );
}

function Kpi({ label, value, name }: { label: string; value: string; name: string }) {
  return (
    <View className='kpi' data-kpi={name}>
      <Text className='kpi__value'>{value}</Text>
      <Text className='kpi__label'>{label}</Text>
    </View>
  );
}
