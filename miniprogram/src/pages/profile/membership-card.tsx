import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useAsync } from '../../hooks/use-async';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { chinaDate } from '../../services/membership';
import { ROUTES, go } from '../../services/navigation';

const t = zhCN.membership;

/** 我的会员: each running membership with its end (or 永久) and a renew button; nothing while there are none. */
export function MembershipCard({ userId }: { userId: number }) {
  const mine = useAsync(() => api.myMemberships(), [userId]);
  useDidShow(() => {
    if (mine.data) void mine.reload();
  });
  const list = mine.data?.results ?? [];
  if (list.length === 0) return null;
  return (
    <View className='card member-card'>
      <View className='card__title'>
        <Text>{t.mine}</Text>
        <Text className='badge badge--member'>{t.badge}</Text>
      </View>
      {list.map((m) => (
        <View key={m.id} className='member-card__row' data-plan-id={m.plan}>
          <View>
            <Text className='block'>{m.plan_name}</Text>
            <Text className='muted small block member-card__until'>{m.ends_at ? t.until(chinaDate(m.ends_at)) : t.forever}</Text>
          </View>
          {m.ends_at && m.creator !== null && (
            <Button className='btn btn--ghost btn--small' onClick={() => go(ROUTES.plans, { creator: m.creator ?? undefined, plan: m.plan })}>
              {t.renew}
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
