import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { StateView } from '../../components/state-view';
import { usePagedList } from '../../hooks/use-paged-list';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastOk } from '../../services/feedback';
import { ConsolePage } from '../components/console-page';
import { chinaMinute } from '../lib/dates';
import { consoleApi } from '../services/console-api';
import { useBusyRow } from '../../hooks/use-busy-action';

const t = consoleText.questions;

/** Learners' questions on my courses still waiting for an answer, oldest first; answering tells the asker. */
export default function Questions() {
  const list = usePagedList(() => consoleApi.openQuestions(), []);
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [busy, run] = useBusyRow();
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));

  const answer = async (id: number) => {
    const text = drafts[id]?.trim();
    if (!text) return;
    await run(id, async () => {
      await consoleApi.answer(id, text);
      toastOk(t.answered);
      await list.refresh();
    });
  };

  return (
    <ConsolePage role='creator' title={consoleText.nav.questions} current='questions'>
      {() => (
        <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.empty} onRetry={() => void list.refresh()}>
          <View className='console-grid'>
            {list.items.map((q) => (
              <View key={q.id} className='card question' data-question-id={q.id}>
                <Text className='question__text'>{q.text}</Text>
                <Text className='muted small'>{`${t.asker(q.user?.name ?? '', q.course_name ?? '')} · ${chinaMinute(q.created_at)}`}</Text>
                <Textarea className='textarea textarea--short' value={drafts[q.id] ?? ''} placeholder={t.answerPlaceholder} maxlength={2000} onInput={(e) => setDrafts((d) => ({ ...d, [q.id]: e.detail.value }))} />
                <Button className='btn btn--primary btn--small' disabled={busy === q.id || !drafts[q.id]?.trim()} onClick={() => void answer(q.id)}>
                  {t.answer}
                </Button>
              </View>
            ))}
          </View>
        </StateView>
      )}
    </ConsolePage>
  );
}
