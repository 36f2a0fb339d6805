import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction, useBusyRow } from '../../hooks/use-busy-action';
import { usePagedList } from '../../hooks/use-paged-list';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastInfo, toastOk } from '../../services/feedback';
import { ConsolePage } from '../components/console-page';
import { DateRange } from '../components/date-range';
import { chinaDay, chinaMinute, lastDays } from '../lib/dates';
import { yuan } from '../lib/format';
import { consolePlatform } from '../platform';
import { consoleApi } from '../services/console-api';
import type { ReferralRateRow, ReferralSales } from '../services/types';

const t = consoleText.referrals;
const MAX_RATE = 50;

/** Rows are keyed by kind and id (a course and a plan may share an id); useBusyRow wants a number. */
const rowKey = (r: ReferralRateRow) => (r.item_type === 'course' ? r.item_id * 2 : r.item_id * 2 + 1);

/** Each course and plan with its rate, edited in place and saved per row. */
function Rates() {
  const rates = useAsync(() => consoleApi.referralRates(), []);
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [busyRow, run] = useBusyRow();

  const save = (row: ReferralRateRow) => {
    const text = drafts[rowKey(row)] ?? String(row.rate_percent);
    const rate = Number(text);
    if (!/^\d{1,2}$/.test(text.trim()) || rate > MAX_RATE) return toastInfo(t.badRate);
    return run(rowKey(row), async () => {
      await consoleApi.setReferralRate(row.item_type, row.item_id, rate);
      toastOk(t.saved);
      await rates.reload();
    });
  };

  const rows = rates.data?.results ?? [];
  return (
    <View className='card'>
      <Text className='card__title'>{t.rates}</Text>
      <Text className='muted small block'>{t.ratesHint}</Text>
      <StateView loading={rates.loading && !rates.data} error={rates.error} empty={rows.length === 0} emptyText={t.noItems} onRetry={() => void rates.reload()}>
        {rows.map((row) => {
          const key = rowKey(row);
          return (
            <View key={key} className='rate-row' data-rate={`${row.item_type}-${row.item_id}`}>
              <View className='rate-row__name'>
                <Text className='tag'>{t.kinds[row.item_type]}</Text>
                <Text>{row.name}</Text>
                <Text className='muted small block'>{yuan(row.price_fen)}</Text>
              </View>
              <Input
                className='form__input rate-row__input'
                type='number'
                maxlength={2}
                value={drafts[key] ?? String(row.rate_percent)}
                onInput={(e) => setDrafts({ ...drafts, [key]: e.detail.value })}
              />
              <Text className='muted'>%</Text>
              <Button className='btn btn--ghost btn--small' disabled={busyRow === key} onClick={() => void save(row)}>
                {t.save}
              </Button>
            </View>
          );
        })}
      </StateView>
    </View>
  );
}

/** Orders referrals brought, over a picked range, with totals and a CSV export. */
function Sales() {
  const today = chinaDay(new Date());
  const [range, setRange] = useState(() => lastDays(today, 30));
  const [totals, setTotals] = useState<ReferralSales['totals'] | null>(null);
  const list = usePagedList(async () => {
    const page = await consoleApi.referralSales(range);
    setTotals(page.totals);
    return page;
  }, [range.from, range.to]);
  const [busy, run] = useBusyAction();

  const exportCsv = () =>
    run(async () => {
      const { url } = await consoleApi.referralSalesExport(range);
      if ((await consolePlatform.openLink(url)) === 'copied') toastInfo(t.linkCopied);
    });

  return (
    <View>
      <View className='card'>
        <DateRange from={range.from} to={range.to} today={today} onChange={setRange} />
      </View>
      {totals && (
        <View className='kpis'>
          <View className='kpi' data-kpi='referral-orders'>
            <Text className='kpi__value'>{String(totals.orders)}</Text>
            <Text className='kpi__label'>{t.orders}</Text>
          </View>
          <View className='kpi' data-kpi='referral-amount'>
            <Text className='kpi__value'>{yuan(totals.order_amount_fen)}</Text>
            <Text className='kpi__label'>{t.orderAmount}</Text>
          </View>
          <View className='kpi' data-kpi='referral-reward'>
            <Text className='kpi__value'>{yuan(totals.reward_fen)}</Text>
            <Text className='kpi__label'>{t.reward}</Text>
          </View>
        </View>
      )}
      <View className='card'>
        <View className='card__title'>
          <Text>{t.sales}</Text>
          <Text className='link' data-action='export' onClick={() => !busy && void exportCsv()}>
            {busy ? t.exporting : t.export}
          </Text>
        </View>
        <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.noSales} onRetry={() => void list.refresh()}>
          {list.items.map((s) => (
            <View key={s.id} className='ledger-row' data-order={s.order}>
              <View>
                <Text className='block'>{s.item_name}</Text>
                <Text className='muted small block'>{t.referrer(s.referrer_name)}</Text>
                <Text className='muted small block'>{chinaMinute(s.paid_at)}</Text>
              </View>
              <View className='right'>
                <Text className='block'>{yuan(s.order_amount_fen)}</Text>
                <Text className='muted small block'>{t.rateAndReward(s.rate_percent, yuan(s.amount_fen))}</Text>
                <Text className={`tag status--${s.status.toLowerCase()}`}>{t.status[s.status]}</Text>
              </View>
            </View>
          ))}
          {list.hasMore && (
            <Button className='btn btn--ghost btn--block' disabled={list.loadingMore} onClick={() => void list.loadMore()}>
              {t.loadMore}
            </Button>
          )}
        </StateView>
      </View>
    </View>
  );
}

/** 推广分销: my rates per course and plan, and the sales referrals brought me. */
export default function CreatorReferrals() {
  return (
    <ConsolePage role='creator' title={consoleText.nav.referrals} current='referrals'>
      {() => (
        <View className='console-grid'>
          <Rates />
          <Sales />
        </View>
      )}
    </ConsolePage>
  );
}
