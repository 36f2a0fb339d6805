import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction, useBusyRow } from '../../hooks/use-busy-action';
import { usePagedList } from '../../hooks/use-paged-list';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastInfo, toastOk } from '../../services/feedback';
import { paidQuestionsApi } from '../../services/paid-questions-api';
import { CourseScopedPage } from '../components/course-scoped-page';
import { chinaMinute } from '../lib/dates';
import { formFromSettings, settingsFromForm, type SettingsForm } from '../lib/paid-question-settings';

const t = consoleText.paidQuestions;

/** One course's paid question settings: on or off, the prices and the days to answer. */
function SettingsCard({ courseId }: { courseId: number }) {
  const saved = useAsync(() => paidQuestionsApi.creatorSettings(courseId), [courseId]);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [busy, run] = useBusyAction();
  useEffect(() => {
    if (saved.data) setForm(formFromSettings(saved.data));
  }, [saved.data]);

  const save = () => {
    if (!form) return;
    const parsed = settingsFromForm(form);
    if ('error' in parsed) return toastInfo(parsed.error === 'price' ? t.badPrice : t.badDays);
    return run(async () => {
      setForm(formFromSettings(await paidQuestionsApi.saveSettings(courseId, parsed.body)));
      toastOk(t.saved);
    });
  };

  const field = (key: 'price' | 'unlockPrice' | 'answerDays', label: string, type: 'digit' | 'number') => (
    <View>
      <Text className='form__label'>{label}</Text>
      <Input className='form__input' type={type} value={form?.[key] ?? ''} data-field={key} onInput={(e) => setForm((f) => (f ? { ...f, [key]: e.detail.value } : f))} />
    </View>
  );

  return (
    <View className='card paid-settings'>
      <Text className='card__title block'>{t.settings}</Text>
      <StateView loading={saved.loading && !form} error={form ? null : saved.error} onRetry={() => void saved.reload()}>
        {form && (
          <View>
            <View className='form__row'>
              <Text className='form__label'>{t.enabled}</Text>
              <Switch checked={form.enabled} color='#16a05d' onChange={(e) => setForm({ ...form, enabled: Boolean(e.detail.value) })} />
            </View>
            {field('price', t.price, 'digit')}
            {field('unlockPrice', t.unlockPrice, 'digit')}
            {field('answerDays', t.answerDays, 'number')}
            <Button className='btn btn--primary btn--small' disabled={busy} onClick={() => void save()}>
              {busy ? t.saving : t.save}
            </Button>
          </View>
        )}
      </StateView>
    </View>
  );
}

/** The course's paid questions, open ones first with the soonest deadline first; an answer box on each open one. */
function QuestionsCard({ courseId }: { courseId: number }) {
  const list = usePagedList(() => paidQuestionsApi.forCreator(courseId), [courseId]);
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [busy, run] = useBusyRow();

  const answer = (id: number) => {
    const text = drafts[id]?.trim();
    if (!text) return;
    return run(id, async () => {
      await paidQuestionsApi.answer(id, text);
      toastOk(t.answered);
      await list.refresh();
    });
  };
  const publish = (id: number) =>
    run(id, async () => {
      await paidQuestionsApi.publish(id);
      toastOk(t.published);
      await list.refresh();
    });

  return (
    <View>
      <Text className='section-title block'>{t.list}</Text>
      <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.empty} onRetry={() => void list.refresh()}>
        <View className='console-grid'>
          {list.items.map((q) => {
            const overdue = q.status === 'OPEN' && q.answer_due_at !== null && Date.parse(q.answer_due_at) <= Date.now();
            return (
              <View key={q.id} className='card question' data-paid-question-id={q.id} data-status={q.status}>
                <Text className={`status status--${q.status.toLowerCase()}`}>{t.status[q.status] ?? q.status}</Text>
                <Text className='question__text block'>{q.text}</Text>
                {q.status === 'OPEN' && q.answer_due_at && <Text className='countdown block'>{overdue ? t.overdue : t.due(chinaMinute(q.answer_due_at))}</Text>}
                {q.status === 'OPEN' && !overdue && (
                  <View>
                    <Textarea className='textarea textarea--short' value={drafts[q.id] ?? ''} placeholder={t.answerPlaceholder} maxlength={5000} onInput={(e) => setDrafts((d) => ({ ...d, [q.id]: e.detail.value }))} />
                    <Button className='btn btn--primary btn--small' disabled={busy === q.id || !drafts[q.id]?.trim()} onClick={() => void answer(q.id)}>
                      {busy === q.id ? t.answering : t.answer}
                    </Button>
                  </View>
                )}
                {q.status === 'ANSWERED' && q.answer && <Text className='question__answer block'>{q.answer}</Text>}
                {q.status === 'ANSWERED' && q.allow_public && !q.is_public && (
                  <Button className='btn btn--ghost btn--small' disabled={busy === q.id} onClick={() => void publish(q.id)}>
                    {t.publish}
                  </Button>
                )}
                {q.is_public && <Text className='muted small'>{t.published}</Text>}
              </View>
            );
          })}
        </View>
      </StateView>
    </View>
  );
}

/** Paid questions on one of my courses at a time: the settings, then the questions to answer before their deadlines. */
export default function PaidQuestions() {
  return (
    <CourseScopedPage title={consoleText.nav.paidQuestions} current='paidQuestions'>
      {(courseId) => (
        <View>
          <SettingsCard courseId={courseId} />
          <QuestionsCard courseId={courseId} />
        </View>
      )}
    </CourseScopedPage>
  );
}
