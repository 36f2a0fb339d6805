import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Price } from '../../components/price';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useReferralLanding } from '../../hooks/use-referral-landing';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { toastOk } from '../../services/feedback';
import { chinaDate, cheapestPlan } from '../../services/membership';
import { ROUTES, go, goToSignIn } from '../../services/navigation';
import { openAndPay, tellPaymentResult } from '../../services/payment';
import type { PlanOffer } from '../../services/types';

const t = zhCN.membership;

/** Back where the learner came from (the course, now open to them), or to the profile when opened directly. */
function done(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else go(ROUTES.profile);
}

/**
 * The plan picker: the plans covering a course (`course`) or a creator's plans (`creator`, from a renewal),
 * monthly / yearly / lifetime with prices; a free trial when one is open to the learner; pays through the
 * same order → WeChat Pay flow as a course.
 */
export default function Plans() {
  const params = useRouter().params;
  const courseId = Number(params.course ?? 0);
  const creatorId = Number(params.creator ?? 0);
  const session = useSession();
  // A plan's share link opens here: the visit counts for the sharer (after sign-in if need be).
  useReferralLanding(params.ref, { plan: params.plan ? Number(params.plan) : undefined });
  const plans = useAsync(() => (courseId ? api.coursePlans(courseId) : api.creatorPlans(creatorId)), [courseId, creatorId, session?.token]);
  const [selected, setSelected] = useState<number | null>(params.plan ? Number(params.plan) : null);
  const [busy, run] = useBusyAction();
  const [step, setStep] = useState<'' | 'paying' | 'trial'>('');

  useEffect(() => {
    if (!session) goToSignIn();
  }, [session]);

  const offers = plans.data?.results ?? [];
  const plan: PlanOffer | null = offers.find((p) => p.id === selected) ?? cheapestPlan(offers);
  // Renewing a plan that has been taken off sale: it is not offered any more; the others are.
  const asked = params.plan ? Number(params.plan) : null;
  const offSale = plans.data !== null && asked !== null && !offers.some((p) => p.id === asked);

  const buy = () =>
    run(async () => {
      if (!plan) return;
      setStep('paying');
      try {
        const { result } = await openAndPay(() => api.createPlanOrder(plan.id), plan.name);
        tellPaymentResult(result, t.paid);
        if (result === 'paid') return done();
        if (result === 'pending') return go(ROUTES.orders);
      } finally {
        setStep('');
      }
    });

  const trial = () =>
    run(async () => {
      if (!plan) return;
      setStep('trial');
      try {
        await api.startTrial(plan.id);
        toastOk(t.trialStarted(plan.trial_days));
        done();
      } finally {
        setStep('');
      }
    });

  return (
    <View className='page page--plans'>
      {offSale && <Text className='notice notice--warn plans__retired'>{zhCN.errorCodes.PLAN_RETIRED}</Text>}
      <StateView loading={plans.loading && !plans.data} error={plans.data ? null : plans.error} empty={offers.length === 0} emptyText={t.empty} onRetry={() => void plans.reload()}>
        {offers.map((p) => {
          const until = p.member ? (p.member_until ? t.until(chinaDate(p.member_until)) : t.forever) : null;
          return (
            <View key={p.id} className={`card plan-option${plan?.id === p.id ? ' plan-option--on' : ''}`} data-plan-id={p.id} data-period={p.period} onClick={() => setSelected(p.id)}>
              <View className='plan-option__head'>
                <Text className='plan-option__name'>{p.name}</Text>
                {p.member && <Text className='badge badge--member'>{t.current}</Text>}
              </View>
              <View className='plan-option__price'>
                <Price fen={p.price_fen} large />
                <Text className='muted'>/{t.period[p.period]}</Text>
              </View>
              <Text className='muted small block'>
                {t.periodName[p.period]} · {p.all_courses ? t.coverage.all : t.coverage.some}
              </Text>
              {until && <Text className='small block'>{until}</Text>}
            </View>
          );
        })}
        {plan && (
          <View className='action-bar'>
            <View className='action-bar__price'>
              <Price fen={plan.price_fen} large />
            </View>
            {plan.trial_available && (
              <Button className='btn btn--ghost action-bar__btn plan-trial' disabled={busy} onClick={() => void trial()}>
                {step === 'trial' ? zhCN.common.loading : t.trial(plan.trial_days)}
              </Button>
            )}
            <Button className='btn btn--wechat action-bar__btn plan-buy' disabled={busy} onClick={() => void buy()}>
              {step === 'paying' ? t.paying : plan.member ? t.renew : t.buy}
            </Button>
          </View>
        )}
      </StateView>
    </View>
  );
}
