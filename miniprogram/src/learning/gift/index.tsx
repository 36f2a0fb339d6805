import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { CourseSummary } from '../../components/course-summary';
import { Price } from '../../components/price';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { ROUTES, go, goToSignIn } from '../../services/navigation';
import { openAndPay, tellPaymentResult } from '../../services/payment';
import { CopyCode } from './copy-code';

const t = zhCN.gift;

/** Gift checkout: the course at its price, paid like any order; once paid, the code to copy and pass on. */
export default function GiftCheckout() {
  const id = Number(useRouter().params.course);
  const session = useSession();
  const course = useAsync(() => api.course(id), [id]);
  const [busy, run] = useBusyAction();
  const [code, setCode] = useState<string | null>(null);

  useEffect(() => {
    if (!session) goToSignIn();
  }, [session]);

  const c = course.data;
  const pay = () =>
    run(async () => {
      if (!c) return;
      const { order, result } = await openAndPay(() => api.createGiftOrder(c.id), c.name);
      if (result === 'paid') setCode((await api.giftOf(order.id)).code);
      tellPaymentResult(result, t.paid);
      if (result === 'pending') go(ROUTES.gifts);
    });

  return (
    <View className='page page--gift'>
      <StateView loading={course.loading} error={course.error} onRetry={() => void course.reload()}>
        {c && (
          <View>
            <CourseSummary course={c} />
            {code ? (
              <View className='card gift-done'>
                <Text className='card__title'>{t.code}</Text>
                <CopyCode code={code} />
                <Text className='muted small block'>{t.share}</Text>
              </View>
            ) : (
              <View>
                <Text className='notice'>{t.hint}</Text>
                <View className='action-bar'>
                  <View className='action-bar__price'>
                    <Price fen={c.price_fen} large />
                  </View>
                  <Button className='btn btn--wechat action-bar__btn gift-pay' disabled={busy} onClick={() => void pay()}>
                    {busy ? t.paying : t.pay}
                  </Button>
                </View>
              </View>
            )}
          </View>
        )}
      </StateView>
    </View>
  );
}
