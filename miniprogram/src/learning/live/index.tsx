import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { ApiError } from '../../services/http';
import { toastInfo } from '../../services/feedback';
import { applyRoomMessage, chinaMinute, CLOSE_ACCESS_ENDED, roomOrder, roomUrl } from '../../services/live';
import { go, goToSignIn, ROUTES } from '../../services/navigation';
import type { LiveSession, RoomMessage, RoomQuestion } from '../../services/types';
import { LiveStream } from './live-stream';

const t = zhCN.live;
const RECONNECT_MS = 2000;

/** With `course`: the course's live sessions; with `id`: the session's Q&A room. */
export default function LivePage() {
  const params = useRouter().params;
  const sessionId = Number(params.id);
  return sessionId ? <Room id={sessionId} /> : <SessionList courseId={Number(params.course)} />;
}

function SessionList({ courseId }: { courseId: number }) {
  const sessions = useAsync(() => api.liveSessions(courseId), [courseId]);
  return (
    <View className='page page--live'>
      <StateView loading={sessions.loading} error={sessions.error} empty={(sessions.data?.length ?? 0) === 0} emptyText={t.empty} onRetry={() => void sessions.reload()}>
        {sessions.data?.map((s) => (
          <View key={s.id} className='card card--link live-item' onClick={() => go(ROUTES.live, { id: s.id })}>
            <View>
              <Text className='quiz-item__title'>{s.title}</Text>
              <Text className='muted small block'>{t.startsAt(chinaMinute(s.starts_at), s.duration_min)}</Text>
            </View>
            <Text className='link'>{t.enter}</Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}

type Socket = Awaited<ReturnType<typeof Taro.connectSocket>>;

function Room({ id }: { id: number }) {
  const session = useSession();
  const [questions, setQuestions] = useState<RoomQuestion[]>([]);
  const [info, setInfo] = useState<{ session: LiveSession; moderator: boolean } | null>(null);
  const [connected, setConnected] = useState(false);
  const [text, setText] = useState('');
  // Why the room is closed to this learner for good: their access ended (a refund), or the session is gone.
  const [closedFor, setClosedFor] = useState<'access' | 'missing' | null>(null);
  const accessEnded = closedFor !== null;
  const socket = useRef<Socket | null>(null);

  useEffect(() => {
    if (!session) {
      goToSignIn();
      return undefined;
    }
    // Left the page, or the learner's access to the course ended (a refund): no reconnecting then.
    let left = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const origin = typeof location === 'undefined' ? '' : location.origin;
    const endAccess = (why: 'access' | 'missing' = 'access') => {
      left = true;
      setClosedFor(why);
    };
    /** A socket refused before it opened: the HTTP twin of the room says whether it is for good (no access) or passing. */
    const afterRefusal = async () => {
      try {
        await api.liveQuestions(id);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'NOT_ENROLLED') endAccess('access');
        else if (err instanceof ApiError && err.status === 404) endAccess('missing');
      }
    };
    const connect = async () => {
      let opened = false;
      const task = await Taro.connectSocket({ url: roomUrl(API_BASE, origin, id, session.token) });
      socket.current = task;
      task.onOpen(() => {
        opened = true;
        setConnected(true);
      });
      task.onMessage((res) => {
        const message = JSON.parse(String(res.data)) as RoomMessage;
        if (message.type === 'snapshot') setInfo({ session: message.session, moderator: message.you.moderator });
        if (message.type === 'error' && message.code === 'NOT_ENROLLED') endAccess('access');
        else if (message.type === 'error') toastInfo(message.message);
        setQuestions((current) => applyRoomMessage(current, message));
      });
      // A dropped connection comes back on its own; its snapshot brings what was missed.
      task.onClose((res: { code?: number }) => {
        setConnected(false);
        if (res?.code === CLOSE_ACCESS_ENDED) endAccess('access');
        void (opened ? Promise.resolve() : afterRefusal()).then(() => {
          if (!left) retry = setTimeout(() => void connect(), RECONNECT_MS);
        });
      });
      task.onError(() => undefined);
    };
    void connect();
    return () => {
      left = true;
      clearTimeout(retry);
      void socket.current?.close({});
    };
  }, [id, session]);

  const send = (message: object) => void socket.current?.send({ data: JSON.stringify(message) });
  const ask = () => {
    if (!text.trim()) return;
    send({ type: 'ask', text: text.trim() });
    setText('');
  };

  return (
    <View className='page page--live'>
      {info && (
        <View className='card'>
          <Text className='card__title'>{info.session.title}</Text>
          <LiveStream session={info.session} />
          <Text className='muted small block'>{connected ? t.startsAt(chinaMinute(info.session.starts_at), info.session.duration_min) : t.reconnecting}</Text>
        </View>
      )}
      {!info && !accessEnded && <Text className='muted center block'>{t.connecting}</Text>}
      {accessEnded && (
        <View className='card live-ended'>
          <Text className='block'>{closedFor === 'missing' ? t.missing : t.accessEnded}</Text>
        </View>
      )}
      <View className='card ask'>
        <Textarea className='textarea textarea--short live-ask__input' value={text} placeholder={t.placeholder} maxlength={500} onInput={(e) => setText(e.detail.value)} />
        <Button className='btn btn--primary btn--small live-ask__send' disabled={!connected || accessEnded || !text.trim()} onClick={ask}>
          {t.ask}
        </Button>
      </View>
      {info && questions.length === 0 && <Text className='muted center block'>{t.noQuestions}</Text>}
      {roomOrder(questions).map((q) => (
        <View key={q.id} className='card live-question' data-question-id={q.id}>
          <Text className='live-question__text'>{q.text}</Text>
          <View className='live-question__foot'>
            <Text className='muted small'>{q.asker_name}</Text>
            {q.answered ? (
              <Text className='tag'>{t.answered}</Text>
            ) : (
              <View>
                <Text className='link small live-question__vote' onClick={() => send({ type: 'upvote', question_id: q.id })}>
                  {t.upvote(q.upvotes)}
                </Text>
                {info?.moderator && (
                  <Text className='link small live-question__answer' onClick={() => send({ type: 'answer', question_id: q.id })}>
                    {t.markAnswered}
                  </Text>
                )}
              </View>
            )}
          </View>
        </View>
      ))}
    </View>
  );
}
