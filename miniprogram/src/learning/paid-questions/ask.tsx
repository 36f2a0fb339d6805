import { Button, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Price } from '../../components/price';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { ROUTES, goToSignIn } from '../../services/navigation';
import { payAndTell } from '../../services/payment';
import { paidQuestionsApi } from '../../services/paid-questions-api';

const t = zhCN.paidQa;
const MAX_CHARS = 1000;

/** Ask the course's creator a paid question: the text, whether it may become public, the price and the deadline; then pay. */
export default function AskPaidQuestion() {
  const courseId = Number(useRouter().params.course);
  const session = useSession();
  const settings = useAsync(() => paidQuestionsApi.settings(courseId), [courseId]);
  const [text, setText] = useState('');
  const [allowPublic, setAllowPublic] = useState(true);
  const [busy, run] = useBusyAction();

  useEffect(() => {
    if (!session) goToSignIn();
  }, [session]);

  const submit = () =>
    run(async () => {
      const { order } = await paidQuestionsApi.ask(courseId, text.trim(), allowPublic);
      await payAndTell(order);
      // Paid or not, the question is in the asker's list now (an unpaid one is paid from there, until its order closes).
      void Taro.redirectTo({ url: ROUTES.myPaidQuestions });
    });

  const s = settings.data;
  const ready = !!s?.enabled && s.price_fen !== null;
  return (
    <View className='page page--paid-ask'>
      <StateView loading={settings.loading} error={settings.error} empty={!!s && !ready} emptyText={t.off} onRetry={() => void settings.reload()}>
        {s && ready && (
          <View className='card'>
            <Text className='card__title block'>{t.askTitle}</Text>
            <Textarea className='textarea' value={text} placeholder={t.placeholder} maxlength={MAX_CHARS} onInput={(e) => setText(e.detail.value)} />
            <Text className='muted small block'>{`${text.length}/${MAX_CHARS}`}</Text>
            <View className='form__row'>
              <Text className='form__label'>{t.allowPublic}</Text>
              <Switch checked={allowPublic} color='#16a05d' onChange={(e) => setAllowPublic(Boolean(e.detail.value))} />
            </View>
            <View className='form__row'>
              <Text className='form__label'>{t.price}</Text>
              <Price fen={s.price_fen ?? 0} large />
            </View>
            <Text className='notice block'>{t.deadline(s.answer_days)}</Text>
            <Button className='btn btn--wechat' disabled={busy || !text.trim()} onClick={() => void submit()}>
              {busy ? t.paying : t.submit}
            </Button>
          </View>
        )}
      </StateView>
    </View>
  );
}
