import { Text, View } from '@tarojs/components';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { CopyCode } from '../gift/copy-code';

const t = zhCN.gift;

/** The gifts the learner bought: each course, its code to copy, and whether a friend redeemed it. */
export default function Gifts() {
  const gifts = useAsync(() => api.myGifts(), []);
  const list = gifts.data?.results ?? [];
  return (
    <View className='page page--gifts'>
      <StateView loading={gifts.loading} error={gifts.error} empty={list.length === 0} emptyText={t.empty} onRetry={() => void gifts.reload()}>
        {list.map((g) => (
          <View key={g.order} className='card gift-row' data-order-id={g.order}>
            <View className='card__title'>
              <Text>{g.course_name}</Text>
              <Text className={g.redeemed ? 'muted small' : 'tag'}>{g.redeemed ? t.redeemed : t.unredeemed}</Text>
            </View>
            <CopyCode code={g.code} small />
          </View>
        ))}
      </StateView>
    </View>
  );
}
