import { Button, Input, Switch, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastInfo, toastOk } from '../../services/feedback';
import { CourseScopedPage } from '../components/course-scoped-page';
import { blankQuestion as blank, formOf, questionsOf, type QuestionForm } from '../lib/quiz-draft';
import { consoleApi } from '../services/console-api';
import { QuestionEditor } from './question-editor';

const t = consoleText.quizzes;

/** Quizzes of my courses: the list with edit and delete, and the form for a new quiz or the one being edited (all five kinds of question). */
export default function Quizzes() {
  return (
    <CourseScopedPage title={consoleText.nav.quizzes} current='quizzes'>
      {(courseId) => <CourseQuizzes courseId={courseId} />}
    </CourseScopedPage>
  );
}

interface QuizForm {
  title: string;
  pass: string;
  required: boolean;
  questions: QuestionForm[];
}

const blankQuiz = (): QuizForm => ({ title: '', pass: '60', required: false, questions: [blank()] });

function CourseQuizzes({ courseId }: { courseId: number }) {
  const list = useAsync(() => consoleApi.quizzes(courseId), [courseId]);
  const [form, setForm] = useState<QuizForm>(blankQuiz);
  const [editing, setEditing] = useState<number | null>(null);
  const [busy, run] = useBusyAction();
  const set = (patch: Partial<QuizForm>) => setForm((f) => ({ ...f, ...patch }));
  const editQuestion = (i: number, patch: Partial<QuestionForm>) => setForm((f) => ({ ...f, questions: f.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) }));

  const reset = () => {
    setForm(blankQuiz());
    setEditing(null);
  };

  const save = async () => {
    const parsed = questionsOf(form.questions);
    if (typeof parsed === 'number') return toastInfo(t.incomplete(parsed));
    const body = { title: form.title.trim(), pass_percent: Number(form.pass), required: form.required, questions: parsed };
    await run(async () => {
      if (editing === null) await consoleApi.createQuiz(courseId, body);
      else await consoleApi.replaceQuiz(editing, body);
      toastOk(editing === null ? t.created : t.saved);
      reset();
      await list.reload();
    });
  };

  const edit = (id: number) =>
    run(async () => {
      const quiz = await consoleApi.ownQuiz(id);
      setForm({ title: quiz.title, pass: String(quiz.pass_percent), required: quiz.required, questions: quiz.questions.map(formOf) });
      setEditing(id);
    });

  return (
    <View>
      <StateView loading={list.loading} error={list.error} empty={(list.data?.length ?? 0) === 0} emptyText={t.empty} onRetry={() => void list.reload()}>
        {list.data?.map((q) => (
          <View key={q.id} className='card card__title' data-quiz-id={q.id}>
            <View>
              <Text className='block'>{q.title}</Text>
              <Text className='muted small'>{t.summary(q.question_count, q.pass_percent)}</Text>
            </View>
            <View>
              <Text className='icon-btn quiz-edit' onClick={() => !busy && void edit(q.id)}>
                {t.edit}
              </Text>
              <Text
                className='icon-btn icon-btn--danger'
                onClick={() =>
                  !busy &&
                  void run(async () => {
                    await consoleApi.deleteQuiz(q.id);
                    if (editing === q.id) reset();
                    toastOk(t.deleted);
                    await list.reload();
                  })
                }
              >
                {t.delete}
              </Text>
            </View>
          </View>
        ))}
      </StateView>
      <View className='card quiz-form'>
        <Text className='card__title'>{editing === null ? t.newQuiz : t.editing}</Text>
        {editing !== null && <Text className='muted small block'>{t.editRule}</Text>}
        <Input className='form__input' value={form.title} maxlength={100} placeholder={t.titlePlaceholder} onInput={(e) => set({ title: e.detail.value })} />
        <View className='form__row'>
          <View className='form__col'>
            <Text className='form__label'>{t.passPercent}</Text>
            <Input className='form__input' type='number' value={form.pass} onInput={(e) => set({ pass: e.detail.value })} />
          </View>
          <View className='form__col'>
            <Text className='form__label'>{t.required}</Text>
            <Switch checked={form.required} color='#16a05d' onChange={(e) => set({ required: Boolean(e.detail.value) })} />
          </View>
        </View>
        {form.questions.map((q, i) => (
          <QuestionEditor
            key={i}
            index={i}
            question={q}
            onChange={(patch) => editQuestion(i, patch)}
            onRemove={form.questions.length > 1 ? () => set({ questions: form.questions.filter((_, j) => j !== i) }) : undefined}
          />
        ))}
        <View className='form__row'>
          <Button className='btn btn--ghost btn--small' onClick={() => set({ questions: [...form.questions, blank()] })}>
            {t.addQuestion}
          </Button>
          {editing !== null && (
            <Button className='btn btn--ghost btn--small' onClick={reset}>
              {t.cancel}
            </Button>
          )}
          <Button className='btn btn--primary btn--small quiz-save' disabled={busy || !form.title.trim()} onClick={() => void save()}>
            {editing === null ? t.create : t.saveEdit}
          </Button>
        </View>
      </View>
    </View>
  );
}
