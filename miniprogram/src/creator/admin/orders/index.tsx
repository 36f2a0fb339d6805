import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../../components/state-view';
import { useBusyAction } from '../../../hooks/use-busy-action';
import { usePagedList } from '../../../hooks/use-paged-list';
import { consoleText } from '../../../i18n/zh-CN.console';
import { zhCN } from '../../../i18n/zh-CN';
import { toastInfo, toastOk } from '../../../services/feedback';
import { orderDescription } from '../../../services/order-item';
import { ConsolePage } from '../../components/console-page';
import { chinaMinute } from '../../lib/dates';
import { yuan } from '../../lib/format';
import { consoleApi } from '../../services/console-api';
import { ChipChoice } from '../../components/chip-choice';

const t = consoleText.orders;
const STATUSES = ['PENDING', 'PAID', 'REFUNDED', 'EXPIRED', 'FAILED'] as const;

/** Orders by number, buyer or course, filtered by status; a paid order can be refunded with a reason. */
export default function AdminOrders() {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState({ q: '', status: '' });
  const list = usePagedList(() => consoleApi.orders(query.q, query.status || undefined), [query.q, query.status]);
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [open, setOpen] = useState<number | null>(null);
  const [busy, run] = useBusyAction();

  const refund = (id: number) => {
    const reason = reasons[id]?.trim();
    if (!reason) return toastInfo(t.needReason);
    return run(async () => {
      await consoleApi.refundOrder(id, reason);
      toastOk(t.refunded);
      setOpen(null);
      await list.refresh();
    });
  };

  return (
    <ConsolePage role='admin' title={consoleText.nav.orders} current='adminOrders'>
      {() => (
        <>
          <View className='card'>
            <View className='inline-form'>
              <Input className='form__input inline-form__input' value={q} placeholder={t.searchPlaceholder} confirmType='search' onInput={(e) => setQ(e.detail.value)} onConfirm={() => setQuery({ ...query, q: q.trim() })} />
              <Button className='btn btn--primary btn--small' onClick={() => setQuery({ ...query, q: q.trim() })}>
                {t.search}
              </Button>
            </View>
            <ChipChoice
              options={['', ...STATUSES]}
              isOn={(s) => query.status === s}
              label={(s) => (s ? zhCN.orderStatus[s as (typeof STATUSES)[number]] : t.allStatuses)}
              onPick={(s) => setQuery({ ...query, status: s })}
            />
          </View>
          <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.empty} onRetry={() => void list.refresh()}>
            <View className='console-grid'>
              {list.items.map((o) => (
                <View key={o.id} className='card order' data-order-id={o.id} data-status={o.status}>
                  <View className='order__head'>
                    <Text className='order__name'>{orderDescription(o)}</Text>
                    <Text className={`status status--${o.status.toLowerCase()}`}>{zhCN.orderStatus[o.status as (typeof STATUSES)[number]] ?? o.status}</Text>
                  </View>
                  <Text className='muted small'>{`${o.out_trade_no} · ${chinaMinute(o.order_time)}`}</Text>
                  <View className='order__meta'>
                    <Text className='small'>{t.buyer(o.buyer ? `${o.buyer.name} @${o.buyer.username}` : '')}</Text>
                    <Text className='price'>{yuan(o.amount_fen)}</Text>
                  </View>
                  {o.refund && <Text className='muted small'>{t.refundState(zhCN.orders.refundStatus[o.refund.status] ?? o.refund.status)}</Text>}
                  {o.status === 'PAID' && o.amount_fen > 0 && open !== o.id && (
                    <Text className='link right' onClick={() => setOpen(o.id)}>
                      {t.refund}
                    </Text>
                  )}
                  {open === o.id && (
                    <View className='refund-form'>
                      <Input className='refund-form__input' value={reasons[o.id] ?? ''} placeholder={t.refundReason} maxlength={200} onInput={(e) => setReasons((r) => ({ ...r, [o.id]: e.detail.value }))} />
                      <Button className='btn btn--primary btn--small' disabled={busy} onClick={() => void refund(o.id)}>
                        {t.refund}
                      </Button>
                    </View>
                  )}
                </View>
              ))}
            </View>
          </StateView>
        </>
      )}
    </ConsolePage>
  );
}
