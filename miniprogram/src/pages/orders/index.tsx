import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { StateView } from '../../components/state-view';
import { SignInPrompt } from '../../components/sign-in-prompt';
import { usePagedList } from '../../hooks/use-paged-list';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import type { Order } from '../../services/types';
import { OrderRow } from './order-row';

/** My orders, newest first. */
export default function Orders() {
  const session = useSession();
  const list = usePagedList(() => (session ? api.orders() : Promise.resolve({ count: 0, next: null, previous: null, results: [] as Order[] })), [session?.token]);
  const [changed, setChanged] = useState<Record<number, Order>>({});

  useDidShow(() => {
    if (session) void list.refresh();
  });
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());

  if (!session) return <SignInPrompt />;
  return (
    <View className='page page--orders'>
      <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={zhCN.orders.empty} emptyHint={zhCN.orders.emptyHint} onRetry={() => void list.refresh()}>
        {list.items.map((o) => (
          <OrderRow key={o.id} order={changed[o.id] ?? o} onChange={(next) => setChanged((m) => ({ ...m, [next.id]: next }))} />
        ))}
      </StateView>
    </View>
  );
}
