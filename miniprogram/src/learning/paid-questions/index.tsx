import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Price } from '../../components/price';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyRow } from '../../hooks/use-busy-action';
import { usePagedList } from '../../hooks/use-paged-list';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { formatPrice } from '../../services/money';
import { ROUTES, go, goToSignIn } from '../../services/navigation';
import { payAndTell } from '../../services/payment';
import { paidQuestionsApi } from '../../services/paid-questions-api';
import { AnswerBlock } from './answer-block';

const t = zhCN.paidQa;

/** A course's public paid answers (locked until unlocked), and the way to ask the creator a paid question. */
export default function CoursePaidQuestions() {
  const courseId = Number(useRouter().params.course);
  const session = useSession();
  const settings = useAsync(() => paidQuestionsApi.settings(courseId), [courseId]);
  const list = usePagedList(() => paidQuestionsApi.ofCourse(courseId), [courseId, session?.token]);
  const [busyId, run] = useBusyRow();
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());
  useDidShow(() => {
    if (!list.loading) void list.refresh();
  });

  const unlock = (id: number) => {
    if (!session) return goToSignIn();
    return run(id, async () => {
      const order = await paidQuestionsApi.unlock(id);
      const result = await payAndTell(order);
      if (result === 'paid' || result === 'pending') await list.refresh();
    });
  };

  const s = settings.data;
  return (
    <View className='page page--paid-qa'>
      <StateView loading={settings.loading && !s} error={s ? null : settings.error} onRetry={() => void settings.reload()}>
        <View className='card paid-ask'>
          {s?.enabled && s.price_fen !== null ? (
            <View>
              <View className='card__title'>
                <Text>{t.entry}</Text>
                <Price fen={s.price_fen} />
              </View>
              <Text className='muted small block'>{t.deadline(s.answer_days)}</Text>
              <Button className='btn btn--primary btn--small' onClick={() => (session ? go(ROUTES.paidAsk, { course: courseId }) : goToSignIn())}>
                {t.entry}
              </Button>
            </View>
          ) : (
            <Text className='muted'>{t.off}</Text>
          )}
          {session && (
            <Text className='link block' onClick={() => go(ROUTES.myPaidQuestions)}>
              {t.mine}
            </Text>
          )}
        </View>
      </StateView>
      <Text className='section-title block'>{t.publicTitle}</Text>
      <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.publicEmpty} onRetry={() => void list.refresh()}>
        {list.items.map((q) => {
          const label = busyId === q.id ? t.unlocking : t.unlock(formatPrice(q.unlock_price_fen ?? 0));
          return (
            <View key={q.id} className='card question' data-paid-question-id={q.id}>
              <AnswerBlock q={q} />
              {q.locked && q.unlock_price_fen !== null && (
                <Button className='btn btn--wechat btn--small' disabled={busyId !== null} onClick={() => void unlock(q.id)}>
                  {label}
                </Button>
              )}
              {q.unlocked && <Text className='muted small'>{t.unlocked}</Text>}
            </View>
          );
        })}
      </StateView>
    </View>
  );
}
