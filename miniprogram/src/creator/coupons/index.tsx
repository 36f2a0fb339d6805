import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { usePagedList } from '../../hooks/use-paged-list';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastInfo, toastOk } from '../../services/feedback';
import { ConsolePage } from '../components/console-page';
import { chinaDateTime, chinaDay } from '../lib/dates';
import { fenFromInput } from '../lib/format';
import { consoleApi } from '../services/console-api';
import type { Coupon } from '../services/types';
import { ChipChoice } from '../components/chip-choice';

const t = consoleText.coupons;
const DAY_MS = 24 * 3600_000;

/** My coupons with their usage, a form to create one (kind, value, course, dates, limits), and disabling. */
export default function Coupons() {
  const list = usePagedList(() => consoleApi.coupons(), []);
  const courses = useAsync(() => consoleApi.myCourses(), []);
  const today = chinaDay(new Date());
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<'PERCENT' | 'FIXED'>('PERCENT');
  const [value, setValue] = useState('20');
  const [courseIndex, setCourseIndex] = useState(0);
  const [startsOn, setStartsOn] = useState(today);
  const [endsOn, setEndsOn] = useState(chinaDay(new Date(Date.now() + 30 * DAY_MS)));
  const [total, setTotal] = useState('100');
  const [perUser, setPerUser] = useState('1');
  const [busy, run] = useBusyAction();
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));

  const courseOptions = [{ id: null as number | null, name: t.allCourses }, ...(courses.data?.results ?? []).map((c) => ({ id: c.id as number | null, name: c.name }))];

  const create = async () => {
    const amount = kind === 'PERCENT' ? Number(value) : fenFromInput(value);
    if (!/^[A-Za-z0-9_-]{3,32}$/.test(code.trim())) return toastInfo(t.codePlaceholder);
    if (amount === null || !Number.isInteger(amount) || amount < 1) return toastInfo(t.value);
    await run(async () => {
      await consoleApi.createCoupon({
        code: code.trim(),
        kind,
        value: amount,
        course: courseOptions[courseIndex]?.id ?? null,
        starts_at: chinaDateTime(startsOn),
        ends_at: chinaDateTime(endsOn, true),
        total_limit: Number(total) || 1,
        per_user_limit: Number(perUser) || 1,
      });
      toastOk(t.created);
      setCode('');
      await list.refresh();
    });
  };

  const disable = (coupon: Coupon) =>
    run(async () => {
      await consoleApi.disableCoupon(coupon.id);
      await list.refresh();
    });

  return (
    <ConsolePage role='creator' title={consoleText.nav.coupons} current='coupons'>
      {() => (
        <View className='console-grid'>
          <View className='card'>
            <Text className='card__title'>{t.create}</Text>
            <View className='form'>
              <Text className='form__label'>{t.code}</Text>
              <Input className='form__input' name='code' value={code} placeholder={t.codePlaceholder} maxlength={32} onInput={(e) => setCode(e.detail.value)} />
              <Text className='form__label'>{t.kind}</Text>
              <ChipChoice options={['PERCENT', 'FIXED'] as const} isOn={(k) => k === kind} label={(k) => t.kinds[k]} onPick={setKind} />
              <Text className='form__label'>{t.value}</Text>
              <Input className='form__input' name='value' type='digit' value={value} onInput={(e) => setValue(e.detail.value)} />
              <Text className='form__label'>{t.course}</Text>
              <Picker mode='selector' range={courseOptions.map((c) => c.name)} value={courseIndex} onChange={(e) => setCourseIndex(Number(e.detail.value))}>
                <View className='form__input form__picker'>{courseOptions[courseIndex]?.name}</View>
              </Picker>
              <View className='form__row'>
                <Picker mode='date' value={startsOn} onChange={(e) => setStartsOn(String(e.detail.value))}>
                  <View className='form__col'>
                    <Text className='form__label'>{t.startsAt}</Text>
                    <View className='form__input form__picker'>{startsOn}</View>
                  </View>
                </Picker>
                <Picker mode='date' value={endsOn} start={startsOn} onChange={(e) => setEndsOn(String(e.detail.value))}>
                  <View className='form__col'>
                    <Text className='form__label'>{t.endsAt}</Text>
                    <View className='form__input form__picker'>{endsOn}</View>
                  </View>
                </Picker>
              </View>
              <View className='form__row'>
                <View className='form__col'>
                  <Text className='form__label'>{t.totalLimit}</Text>
                  <Input className='form__input' type='number' value={total} onInput={(e) => setTotal(e.detail.value)} />
                </View>
                <View className='form__col'>
                  <Text className='form__label'>{t.perUserLimit}</Text>
                  <Input className='form__input' type='number' value={perUser} onInput={(e) => setPerUser(e.detail.value)} />
                </View>
              </View>
              <Button className='btn btn--primary btn--block' disabled={busy} onClick={() => void create()}>
                {t.create}
              </Button>
            </View>
          </View>
          <View>
            <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.empty} onRetry={() => void list.refresh()}>
              {list.items.map((c) => (
                <View key={c.id} className='card coupon' data-coupon={c.code}>
                  <View className='order__head'>
                    <Text className='coupon__code'>{c.code}</Text>
                    <Text className='tag'>{t.off(c.kind, c.value)}</Text>
                  </View>
                  <Text className='muted small'>{t.validity(chinaDay(new Date(c.starts_at)), chinaDay(new Date(c.ends_at)))}</Text>
                  <View className='order__meta'>
                    <Text className='coupon__usage'>{t.usage(c.redeemed_count, c.total_limit)}</Text>
                    {c.disabled ? (
                      <Text className='muted small'>{t.disabled}</Text>
                    ) : (
                      <Text className='link' onClick={() => void disable(c)}>
                        {t.disable}
                      </Text>
                    )}
                  </View>
                </View>
              ))}
            </StateView>
          </View>
        </View>
      )}
    </ConsolePage>
  );
}
