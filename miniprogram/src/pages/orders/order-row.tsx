import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useBusyAction } from '../../hooks/use-busy-action';
import { Price } from '../../components/price';
import { useCountdown } from '../../hooks/use-countdown';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { formatCountdown } from '../../services/countdown';
import { toastInfo, toastOk } from '../../services/feedback';
import { ROUTES, go } from '../../services/navigation';
import { orderDescription, orderDestination } from '../../services/order-item';
import { payAndTell } from '../../services/payment';
import type { Order, Refund } from '../../services/types';

const t = zhCN.orders;

/** One order: its status; pay again with a countdown while open; ask for a refund once paid. */
export function OrderRow({ order, onChange }: { order: Order; onChange: (o: Order) => void }) {
  const [busy, run] = useBusyAction();
  const [refundOpen, setRefundOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [refund, setRefund] = useState<Refund | null>(null);
  const destination = orderDestination(order);
  const left = useCountdown(order.status === 'PENDING' ? order.expires_at : null, () => onChange({ ...order, status: 'EXPIRED' }));

  const payAgain = () =>
    run(async () => {
      await payAndTell(order);
      onChange(await api.order(order.id));
    });

  const askRefund = async () => {
    if (!reason.trim()) return toastInfo(t.refundReason);
    await run(async () => {
      setRefund(await api.requestRefund(order.id, reason.trim()));
      setRefundOpen(false);
      toastOk(t.refundRequested);
    });
  };

  return (
    <View className='card order' data-order-id={order.id} data-status={order.status}>
      <View className='order__head'>
        <Text className='order__name' onClick={() => order.course && go(ROUTES.course, { id: order.course })}>
          {orderDescription(order)}
        </Text>
        <Text className={`status status--${order.status.toLowerCase()}`}>{zhCN.orderStatus[order.status]}</Text>
      </View>
      <View className='order__meta'>
        <Text className='muted'>
          {t.orderedAt} {new Date(order.order_time).toLocaleString('zh-CN', { hour12: false })}
        </Text>
        <View>
          <Text className='muted'>{t.amount} </Text>
          <Price fen={order.amount_fen} />
        </View>
      </View>
      {refund && <Text className='notice'>{t.refundStatus[refund.status] ?? refund.status}</Text>}
      {order.status === 'PENDING' && left > 0 && (
        <View className='order__actions'>
          <Text className='countdown'>{t.closesIn(formatCountdown(left))}</Text>
          <Button className='btn btn--wechat btn--small' disabled={busy} onClick={() => void payAgain()}>
            {t.payAgain}
          </Button>
        </View>
      )}
      {order.status === 'PAID' && !refund && (
        <View className='order__actions'>
          <Text className='link' onClick={() => go(destination.route)}>
            {destination.label}
          </Text>
          <Text className='link link--muted' onClick={() => setRefundOpen(!refundOpen)}>
            {t.refund}
          </Text>
        </View>
      )}
      {refundOpen && (
        <View className='refund-form'>
          <Input className='refund-form__input' value={reason} placeholder={t.refundReason} onInput={(e) => setReason(e.detail.value)} maxlength={200} />
          <Button className='btn btn--ghost btn--small' disabled={busy} onClick={() => void askRefund()}>
            {zhCN.common.submit}
          </Button>
        </View>
      )}
    </View>
  );
}
