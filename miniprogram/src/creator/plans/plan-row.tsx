import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastInfo } from '../../services/feedback';
import { fenFromInput, yuan } from '../lib/format';
import type { OwnPlan } from '../services/types';

const t = consoleText.plans;

interface Props {
  plan: OwnPlan;
  busy: boolean;
  onSave: (patch: { name: string; price_fen: number }) => Promise<void>;
  onRetire: () => void;
}

/** One of my plans: its figures, an inline editor for name and price, and retiring. */
export function PlanRow({ plan, busy, onSave, onRetire }: Props) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(plan.name);
  const [price, setPrice] = useState((plan.price_fen / 100).toFixed(2));
  const retired = plan.status === 'RETIRED';

  const save = async () => {
    const fen = fenFromInput(price);
    if (!name.trim() || fen === null || fen < 1) return toastInfo(t.invalid);
    await onSave({ name: name.trim(), price_fen: fen });
    setEditing(false);
  };

  return (
    <View className='card plan-row' data-plan-id={plan.id}>
      <View className='order__head'>
        <Text className='plan-row__name'>{plan.name}</Text>
        <Text className={retired ? 'muted small' : 'tag'}>{retired ? t.retired : `${t.periods[plan.period]} · ${yuan(plan.price_fen)}`}</Text>
      </View>
      <Text className='muted small block'>
        {t.coverage(plan.all_courses, plan.courses.length)}
        {plan.trial_days > 0 ? ` · ${t.trial(plan.trial_days)}` : ''}
      </Text>
      <Text className='small block plan-row__figures'>
        {t.members(plan.members)} · {t.sales(plan.paid_orders, yuan(plan.revenue_fen))}
      </Text>
      {editing ? (
        <View className='form'>
          <Input className='form__input' value={name} maxlength={60} onInput={(e) => setName(e.detail.value)} />
          <Input className='form__input' type='digit' value={price} onInput={(e) => setPrice(e.detail.value)} />
          <View className='form__row'>
            <Button className='btn btn--primary btn--small' disabled={busy} onClick={() => void save()}>
              {t.save}
            </Button>
            <Button className='btn btn--ghost btn--small' onClick={() => setEditing(false)}>
              {t.cancel}
            </Button>
          </View>
        </View>
      ) : (
        !retired && (
          <View className='order__meta'>
            <Text className='link plan-row__edit' onClick={() => setEditing(true)}>
              {t.edit}
            </Text>
            <Text className='link plan-row__retire' onClick={onRetire}>
              {t.retire}
            </Text>
          </View>
        )
      )}
    </View>
  );
}
