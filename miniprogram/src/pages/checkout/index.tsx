import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { CourseSummary } from '../../components/course-summary';
import { Price } from '../../components/price';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useCountdown } from '../../hooks/use-countdown';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { formatCountdown } from '../../services/countdown';
import { toastError, toastInfo, toastOk } from '../../services/feedback';
import { asApiError } from '../../services/http';
import { ROUTES, go, goToSignIn } from '../../services/navigation';
import { payOrder, tellPaymentResult } from '../../services/payment';
import type { Order } from '../../services/types';

const t = zhCN.checkout;

/** Checkout: the server's price, an optional coupon, and WeChat Pay; on success, straight to studying. */
export default function Checkout() {
  const id = Number(useRouter().params.id);
  const session = useSession();
  const course = useAsync(() => api.course(id), [id]);
  const [coupon, setCoupon] = useState('');
  const [order, setOrder] = useState<Order | null>(null);
  const [busy, setBusy] = useState<'' | 'paying' | 'confirming'>('');
  const left = useCountdown(order?.status === 'PENDING' ? order.expires_at : null, () => setOrder((o) => (o ? { ...o, status: 'EXPIRED' } : o)));

  useEffect(() => {
    if (!session) goToSignIn();
  }, [session]);

  const c = course.data;
  const studyNow = () => void Taro.redirectTo({ url: `${ROUTES.library}` });

  const pay = async () => {
    if (!c || busy) return;
    setBusy('paying');
    try {
      // A second call returns the order already open for this course, so paying again never makes two.
      const opened = order?.status === 'PENDING' ? order : await api.createOrder(c.id, coupon.trim() || undefined);
      setOrder(opened);
      if (opened.status === 'PAID') {
        toastOk(t.enrolledFree);
        return studyNow();
      }
      const result = await payOrder(opened, c.name);
      setBusy('confirming');
      tellPaymentResult(result);
      if (result === 'paid') return studyNow();
      if (result === 'pending') return go(ROUTES.orders);
      setOrder(await api.order(opened.id));
    } catch (err) {
      const e = asApiError(err);
      if (e.code === 'ALREADY_ENROLLED') {
        toastInfo(t.alreadyEnrolled);
        return studyNow();
      }
      toastError(e);
    } finally {
      setBusy('');
    }
  };

  const total = order ? order.amount_fen : (c?.price_fen ?? 0);
  return (
    <View className='page page--checkout'>
      <StateView loading={course.loading} error={course.error} onRetry={() => void course.reload()}>
        {c && (
          <View>
            <CourseSummary course={c} />
            <View className='card'>
              <View className='line'>
                <Text>{t.price}</Text>
                <Price fen={c.price_fen} />
              </View>
              <View className='line'>
                <Text>{t.coupon}</Text>
                <Input
                  className='line__input'
                  value={coupon}
                  placeholder={t.couponPlaceholder}
                  disabled={!!order && order.status === 'PENDING'}
                  onInput={(e) => setCoupon(e.detail.value)}
                  maxlength={32}
                />
              </View>
              {order && order.discount_fen > 0 && (
                <View className='line'>
                  <Text>{t.discount}</Text>
                  <Text className='price price--discount'>-{(order.discount_fen / 100).toFixed(2)}</Text>
                </View>
              )}
              <View className='line line--total'>
                <Text>{t.total}</Text>
                <Price fen={total} large />
              </View>
            </View>
            {order?.status === 'PENDING' && left > 0 && <Text className='notice'>{t.countdown(formatCountdown(left))}</Text>}
            {order?.status === 'EXPIRED' && <Text className='notice notice--warn'>{zhCN.errorCodes.ORDER_EXPIRED}</Text>}
            <View className='action-bar'>
              <View className='action-bar__price'>
                <Price fen={total} large />
              </View>
              <Button className='btn btn--wechat action-bar__btn' disabled={busy !== ''} onClick={() => void pay()}>
                {busy === 'paying' ? t.paying : busy === 'confirming' ? t.confirming : t.pay}
              </Button>
            </View>
          </View>
        )}
      </StateView>
    </View>
  );
}
