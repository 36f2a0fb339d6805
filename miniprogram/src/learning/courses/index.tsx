import { Progress, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Cover } from '../../components/cover';
import { SignInPrompt } from '../../components/sign-in-prompt';
import { StateView } from '../../components/state-view';
import { usePagedList } from '../../hooks/use-paged-list';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { ROUTES, go } from '../../services/navigation';
import { progressLabel } from '../../services/progress';
import type { LibraryItem } from '../../services/types';

const t = zhCN.library;

/** My courses, most recently studied first, each with how much is done; tap to continue where I left off. */
export default function Library() {
  const session = useSession();
  const list = usePagedList(() => api.library(), [session?.token]);
  useDidShow(() => void list.refresh());
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());

  if (!session) return <SignInPrompt />;
  const open = (item: LibraryItem) => (item.last_lesson_id ? go(ROUTES.player, { id: item.last_lesson_id }) : go(ROUTES.player, { course: item.course.id }));
  return (
    <View className='page page--library'>
      <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.empty} emptyHint={t.emptyHint} onRetry={() => void list.refresh()}>
        {list.items.map((item) => (
          <View key={item.course.id} className='card library-item' onClick={() => open(item)} data-course-id={item.course.id}>
            <Cover url={item.course.cover_url} name={item.course.name} category={item.course.category} />
            <View className='library-item__body'>
              <Text className='library-item__name'>{item.course.name}</Text>
              <Text className='muted small'>{t.lessonsDone(item.progress.completed_lessons, item.progress.total_lessons)}</Text>
              <Progress className='library-item__bar' percent={item.progress.percent} strokeWidth={4} activeColor='#16a05d' backgroundColor='#e8ecef' borderRadius={4} />
              <Text className='library-item__percent' data-percent={item.progress.percent}>
                {progressLabel(item.progress.percent, { notStarted: t.notStarted, done: t.done, percent: t.percent })}
              </Text>
            </View>
          </View>
        ))}
      </StateView>
    </View>
  );
}
