import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { useBusyAction } from '../../hooks/use-busy-action';
import { StateView } from '../../components/state-view';
import { usePagedList } from '../../hooks/use-paged-list';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { toastOk } from '../../services/feedback';
import { goToSignIn } from '../../services/navigation';

const t = zhCN.qa;

/** A course's questions and the creator's answers; enrolled learners ask. */
export default function CourseQa() {
  const courseId = Number(useRouter().params.course);
  const session = useSession();
  const list = usePagedList(() => api.questions(courseId), [courseId, session?.token]);
  const [text, setText] = useState('');
  const [busy, run] = useBusyAction();
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());

  const ask = async () => {
    if (!session) return goToSignIn();
    if (!text.trim()) return;
    await run(async () => {
      await api.ask(courseId, text.trim());
      setText('');
      toastOk(t.asked);
      await list.refresh();
    });
  };

  return (
    <View className='page page--qa'>
      <View className='card ask'>
        <Textarea className='textarea textarea--short' value={text} placeholder={t.placeholder} maxlength={500} onInput={(e) => setText(e.detail.value)} />
        <Button className='btn btn--primary btn--small' disabled={busy || !text.trim()} onClick={() => void ask()}>
          {t.ask}
        </Button>
      </View>
      <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.empty} onRetry={() => void list.refresh()}>
        {list.items.map((q) => (
          <View key={q.id} className='card question'>
            <Text className='question__text'>问：{q.text}</Text>
            <Text className='muted small'>
              {q.user?.name ?? ''} · {new Date(q.created_at).toLocaleDateString('zh-CN')}
            </Text>
            {q.answer ? (
              <View className='question__answer'>
                <Text className='question__label'>{t.answer}</Text>
                <Text>{q.answer}</Text>
              </View>
            ) : (
              <Text className='muted small'>{t.waiting}</Text>
            )}
          </View>
        ))}
      </StateView>
    </View>
  );
}
