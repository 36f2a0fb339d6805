import { Button, Input, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction, useBusyRow } from '../../hooks/use-busy-action';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastInfo, toastOk } from '../../services/feedback';
import { ConsolePage } from '../components/console-page';
import { fenFromInput } from '../lib/format';
import { consoleApi } from '../services/console-api';
import type { OwnPlan, PlanInput } from '../services/types';
import { PlanRow } from './plan-row';
import { ChipChoice } from '../components/chip-choice';

const t = consoleText.plans;
const PERIODS: Array<PlanInput['period']> = ['MONTHLY', 'YEARLY', 'LIFETIME'];

/** My membership plans with members and sales; a form to offer one (all courses or a pick, trial days); rename, reprice, retire. */
export default function Plans() {
  const plans = useAsync(() => consoleApi.plans(), []);
  const courses = useAsync(() => consoleApi.myCourses(), []);
  const [name, setName] = useState('');
  const [period, setPeriod] = useState<PlanInput['period']>('YEARLY');
  const [price, setPrice] = useState('');
  const [trialDays, setTrialDays] = useState('0');
  const [allCourses, setAllCourses] = useState(true);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [busy, run] = useBusyAction();
  const [busyId, runRow] = useBusyRow();

  const toggle = (id: number) =>
    setPicked((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const create = async () => {
    const fen = fenFromInput(price);
    const days = Number(trialDays || '0');
    if (!name.trim() || fen === null || fen < 1 || !Number.isInteger(days) || days < 0 || days > 90 || (!allCourses && picked.size === 0)) return toastInfo(t.invalid);
    await run(async () => {
      await consoleApi.createPlan({ name: name.trim(), period, price_fen: fen, all_courses: allCourses, courses: allCourses ? [] : [...picked], trial_days: days });
      toastOk(t.created);
      setName('');
      setPrice('');
      await plans.reload();
    });
  };

  const save = (plan: OwnPlan, patch: { name: string; price_fen: number }) =>
    runRow(plan.id, async () => {
      await consoleApi.updatePlan(plan.id, patch);
      toastOk(t.saved);
      await plans.reload();
    });

  const retire = async (plan: OwnPlan) => {
    const { confirm } = await Taro.showModal({ title: t.retire, content: t.retireConfirm });
    if (!confirm) return;
    await runRow(plan.id, async () => {
      await consoleApi.retirePlan(plan.id);
      await plans.reload();
    });
  };

  const list = plans.data?.results ?? [];
  return (
    <ConsolePage role='creator' title={consoleText.nav.plans} current='plans'>
      {() => (
        <View className='console-grid'>
          <View className='card'>
            <Text className='card__title'>{t.create}</Text>
            <View className='form plan-form'>
              <Text className='form__label'>{t.name}</Text>
              <Input className='form__input' name='plan-name' value={name} placeholder={t.namePlaceholder} maxlength={60} onInput={(e) => setName(e.detail.value)} />
              <Text className='form__label'>{t.period}</Text>
              <ChipChoice options={PERIODS} isOn={(p) => p === period} label={(p) => t.periods[p]} onPick={setPeriod} dataName='period' />
              <Text className='form__label'>{t.price}</Text>
              <Input className='form__input' name='plan-price' type='digit' value={price} onInput={(e) => setPrice(e.detail.value)} />
              <Text className='form__label'>{t.trialDays}</Text>
              <Input className='form__input' name='plan-trial' type='number' value={trialDays} onInput={(e) => setTrialDays(e.detail.value)} />
              <Text className='form__label'>{t.courses}</Text>
              <View className='form__row'>
                <Switch checked={allCourses} onChange={(e) => setAllCourses(e.detail.value)} />
                <Text className='small'>{t.allCourses}</Text>
              </View>
              {!allCourses && (
                <ChipChoice
                  options={(courses.data?.results ?? []).map((c) => c.id)}
                  isOn={(id) => picked.has(id)}
                  label={(id) => courses.data?.results.find((c) => c.id === id)?.name ?? ''}
                  onPick={toggle}
                  dataName='course-id'
                />
              )}
              <Button className='btn btn--primary btn--block' disabled={busy} onClick={() => void create()}>
                {t.create}
              </Button>
            </View>
          </View>
          <View>
            <StateView loading={plans.loading && !plans.data} error={plans.error} empty={list.length === 0} emptyText={t.empty} onRetry={() => void plans.reload()}>
              {list.map((p) => (
                <PlanRow key={`${p.id}:${p.name}:${p.price_fen}`} plan={p} busy={busyId === p.id} onSave={(patch) => save(p, patch)} onRetire={() => void retire(p)} />
              ))}
            </StateView>
          </View>
        </View>
      )}
    </ConsolePage>
  );
}
