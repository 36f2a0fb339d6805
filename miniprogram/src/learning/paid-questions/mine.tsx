import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { StateView } from '../../components/state-view';
import { useBusyRow } from '../../hooks/use-busy-action';
import { useCountdown } from '../../hooks/use-countdown';
import { usePagedList } from '../../hooks/use-paged-list';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { toastOk } from '../../services/feedback';
import { ROUTES, go } from '../../services/navigation';
import { askerState, formatTimeLeft, type PaidQuestion } from '../../services/paid-questions';
import { paidQuestionsApi } from '../../services/paid-questions-api';
import { payAndTell } from '../../services/payment';
import { AnswerBlock } from './answer-block';

const t = zhCN.paidQa;

/** One of my paid questions: its state (with the time left to answer while waiting), the answer, and publishing it. */
function MyQuestion({ q, busy, onPay, onPublish }: { q: PaidQuestion; busy: boolean; onPay: () => void; onPublish: () => void }) {
  const state = askerState(q);
  const left = useCountdown(state === 'waiting' ? q.answer_due_at : null);
  const status = state === 'waiting' && left > 0 ? t.timeLeft(formatTimeLeft(left)) : t.states[state];
  return (
    <View className='card question' data-paid-question-id={q.id} data-state={state}>
      <View className='order__head'>
        <Text className='order__name' onClick={() => go(ROUTES.course, { id: q.course })}>
          {q.course_name}
        </Text>
        <Text className={`status status--${state}`}>{status}</Text>
      </View>
      <AnswerBlock q={q} />
      {state === 'unpaid' && (
        <Button className='btn btn--wechat btn--small' disabled={busy} onClick={onPay}>
          {busy ? t.paying : zhCN.orders.payAgain}
        </Button>
      )}
      {state === 'answered' && !q.is_public && (
        <Button className='btn btn--ghost btn--small' disabled={busy} onClick={onPublish}>
          {t.publish}
        </Button>
      )}
    </View>
  );
}

/** My paid questions, newest first: waiting (with the countdown to the deadline), answered, refunded. */
export default function MyPaidQuestions() {
  const session = useSession();
  const list = usePagedList(() => paidQuestionsApi.mine(), [session?.token]);
  const [busyId, run] = useBusyRow();
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());

  const pay = (q: PaidQuestion) =>
    run(q.id, async () => {
      if (q.order === null) return;
      await payAndTell(await api.order(q.order));
      await list.refresh();
    });
  const publish = (q: PaidQuestion) =>
    run(q.id, async () => {
      await paidQuestionsApi.publish(q.id);
      toastOk(t.published);
      await list.refresh();
    });

  return (
    <View className='page page--paid-mine'>
      <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.mineEmpty} onRetry={() => void list.refresh()}>
        {list.items.map((q) => (
          <MyQuestion key={q.id} q={q} busy={busyId === q.id} onPay={() => void pay(q)} onPublish={() => void publish(q)} />
        ))}
      </StateView>
    </View>
  );
}
