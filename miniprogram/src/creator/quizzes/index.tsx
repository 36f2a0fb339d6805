import { Button, Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastInfo, toastOk } from '../../services/feedback';
import { CourseScopedPage } from '../components/course-scoped-page';
import { blankQuestion as blank, questionsOf, type QuestionForm } from '../lib/quiz-draft';
import { consoleApi } from '../services/console-api';

const t = consoleText.quizzes;

/** Quizzes of my courses: the list with delete, and a new quiz of single-choice and true/false questions. */
export default function Quizzes() {
  return (
    <CourseScopedPage title={consoleText.nav.quizzes} current='quizzes'>
      {(courseId) => <CourseQuizzes courseId={courseId} />}
    </CourseScopedPage>
  );
}

function CourseQuizzes({ courseId }: { courseId: number }) {
  const list = useAsync(() => consoleApi.quizzes(courseId), [courseId]);
  const [title, setTitle] = useState('');
  const [pass, setPass] = useState('60');
  const [required, setRequired] = useState(false);
  const [questions, setQuestions] = useState<QuestionForm[]>([blank()]);
  const [busy, run] = useBusyAction();
  const edit = (i: number, patch: Partial<QuestionForm>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));

  const save = async () => {
    const parsed = questionsOf(questions);
    if (typeof parsed === 'number') return toastInfo(t.incomplete(parsed));
    await run(async () => {
      await consoleApi.createQuiz(courseId, { title: title.trim(), pass_percent: Number(pass), required, questions: parsed });
      setTitle('');
      setQuestions([blank()]);
      toastOk(t.created);
      await list.reload();
    });
  };

  return (
    <View>
      <StateView loading={list.loading} error={list.error} empty={(list.data?.length ?? 0) === 0} emptyText={t.empty} onRetry={() => void list.reload()}>
        {list.data?.map((q) => (
          <View key={q.id} className='card card__title' data-quiz-id={q.id}>
            <View>
              <Text className='block'>{q.title}</Text>
              <Text className='muted small'>{t.summary(q.question_count, q.pass_percent)}</Text>
            </View>
            <Text className='icon-btn icon-btn--danger' onClick={() =>
                void run(async () => {
                  await consoleApi.deleteQuiz(q.id);
                  toastOk(t.deleted);
                  await list.reload();
                })
              }>
              {t.delete}
            </Text>
          </View>
        ))}
      </StateView>
      <View className='card'>
        <Text className='card__title'>{t.newQuiz}</Text>
        <Input className='form__input' value={title} maxlength={100} placeholder={t.titlePlaceholder} onInput={(e) => setTitle(e.detail.value)} />
        <View className='form__row'>
          <View className='form__col'>
            <Text className='form__label'>{t.passPercent}</Text>
            <Input className='form__input' type='number' value={pass} onInput={(e) => setPass(e.detail.value)} />
          </View>
          <View className='form__col'>
            <Text className='form__label'>{t.required}</Text>
            <Switch checked={required} color='#16a05d' onChange={(e) => setRequired(Boolean(e.detail.value))} />
          </View>
        </View>
        {questions.map((q, i) => (
          <View key={i} className='work'>
            <View className='card__title'>
              <Text>{t.question(i + 1)}</Text>
              <View className='chips'>
                <Text className={`chip${q.kind === 'single' ? ' chip--on' : ''}`} onClick={() => edit(i, { kind: 'single' })}>
                  {t.single}
                </Text>
                <Text className={`chip${q.kind === 'true_false' ? ' chip--on' : ''}`} onClick={() => edit(i, { kind: 'true_false' })}>
                  {t.trueFalse}
                </Text>
              </View>
            </View>
            <Input className='form__input' value={q.prompt} maxlength={2000} placeholder={t.promptPlaceholder} onInput={(e) => edit(i, { prompt: e.detail.value })} />
            {q.kind === 'single' ? (
              <View>
                <Textarea className='textarea textarea--short' value={q.options} placeholder={t.optionsPlaceholder} onInput={(e) => edit(i, { options: e.detail.value })} />
                <Picker
                  mode='selector'
                  range={q.options.split('\n').map((o) => o.trim()).filter(Boolean)}
                  value={q.answer}
                  onChange={(e) => edit(i, { answer: Number(e.detail.value) })}
                >
                  <View className='form__input form__picker'>{`${t.answer}：${q.options.split('\n').map((o) => o.trim()).filter(Boolean)[q.answer] ?? ''}`}</View>
                </Picker>
              </View>
            ) : (
              <View className='chips'>
                <Text className={`chip${q.truth ? ' chip--on' : ''}`} onClick={() => edit(i, { truth: true })}>
                  {t.yes}
                </Text>
                <Text className={`chip${!q.truth ? ' chip--on' : ''}`} onClick={() => edit(i, { truth: false })}>
                  {t.no}
                </Text>
              </View>
            )}
            {questions.length > 1 && (
              <Text className='icon-btn icon-btn--danger' onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}>
                {t.removeQuestion}
              </Text>
            )}
          </View>
        ))}
        <View className='form__row'>
          <Button className='btn btn--ghost btn--small' onClick={() => setQuestions((qs) => [...qs, blank()])}>
            {t.addQuestion}
          </Button>
          <Button className='btn btn--primary btn--small' disabled={busy || !title.trim()} onClick={() => void save()}>
            {t.create}
          </Button>
        </View>
      </View>
    </View>
  );
}
