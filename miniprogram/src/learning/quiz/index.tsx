import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { toastInfo } from '../../services/feedback';
import { go, ROUTES } from '../../services/navigation';
import { answersPayload, correctAnswerText, newAttemptId, toggleChoice, unansweredNumbers } from '../../services/quiz';
import type { GivenAnswer, QuizAttempt, QuizQuestion, QuizToTake } from '../../services/types';

const t = zhCN.quiz;

/** With `course`: the course's quizzes; with `id`: take that quiz, then see the score, answers and explanations. */
export default function QuizPage() {
  const params = useRouter().params;
  const quizId = Number(params.id);
  return quizId ? <TakeQuiz id={quizId} /> : <QuizList courseId={Number(params.course)} />;
}

function QuizList({ courseId }: { courseId: number }) {
  const quizzes = useAsync(() => api.courseQuizzes(courseId), [courseId]);
  return (
    <View className='page page--quiz'>
      <StateView loading={quizzes.loading} error={quizzes.error} empty={(quizzes.data?.length ?? 0) === 0} emptyText={t.empty} onRetry={() => void quizzes.reload()}>
        {quizzes.data?.map((q) => (
          <View key={q.id} className='card card--link quiz-item' onClick={() => go(ROUTES.quiz, { id: q.id })}>
            <View>
              <Text className='quiz-item__title'>{q.title}</Text>
              {q.required && <Text className='tag'>{t.required}</Text>}
              <Text className='muted small block'>{`${t.questions(q.question_count)} · ${t.passMark(q.pass_percent)}`}</Text>
              {q.best_attempt && <Text className='muted small block'>{t.best(q.best_attempt.percent, q.best_attempt.passed)}</Text>}
            </View>
            <Text className='muted'>›</Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}

function TakeQuiz({ id }: { id: number }) {
  const quiz = useAsync(() => api.quiz(id), [id]);
  const [answers, setAnswers] = useState<Record<number, GivenAnswer>>({});
  const [attempt, setAttempt] = useState<QuizAttempt | null>(null);
  const [busy, run] = useBusyAction();
  // One id per set of answers: a retry after a failed or lost submit sends the same one; changed answers get a new one.
  const attemptId = useRef<string | null>(null);
  const answer = (questionId: number, value: GivenAnswer) => {
    attemptId.current = null;
    setAnswers((a) => ({ ...a, [questionId]: value }));
  };

  const submit = async (q: QuizToTake) => {
    const missing = unansweredNumbers(q.questions, answers);
    if (missing.length) return toastInfo(t.unanswered(missing.join('、')));
    attemptId.current ??= newAttemptId();
    const clientAttemptId = attemptId.current;
    await run(async () => setAttempt(await api.submitQuiz(id, answersPayload(q.questions, answers), clientAttemptId)));
  };

  const retake = () => {
    attemptId.current = null;
    setAttempt(null);
    setAnswers({});
  };

  return (
    <View className='page page--quiz'>
      <StateView loading={quiz.loading} error={quiz.error} onRetry={() => void quiz.reload()}>
        {quiz.data && !attempt && (
          <View>
            <View className='card'>
              <Text className='card__title'>{quiz.data.title}</Text>
              <Text className='muted small'>{`${t.questions(quiz.data.questions.length)} · ${t.passMark(quiz.data.pass_percent)}`}</Text>
            </View>
            {quiz.data.questions.map((q, i) => (
              <QuestionCard key={q.id} index={i} question={q} value={answers[q.id]} onAnswer={(v) => answer(q.id, v)} />
            ))}
            <Button className='btn btn--primary btn--block quiz-submit' disabled={busy} onClick={() => void submit(quiz.data!)}>
              {busy ? t.submitting : t.submit}
            </Button>
          </View>
        )}
        {attempt && <AttemptResult attempt={attempt} onRetake={retake} />}
      </StateView>
    </View>
  );
}

function QuestionCard({ index, question: q, value, onAnswer }: { index: number; question: QuizQuestion; value: GivenAnswer | undefined; onAnswer: (v: GivenAnswer) => void }) {
  const choices = q.kind === 'true_false' ? [t.yes, t.no] : q.options;
  const isPicked = (i: number) => (q.kind === 'multiple' ? Array.isArray(value) && value.includes(i) : q.kind === 'true_false' ? value === (i === 0) : value === i);
  const pick = (i: number) => onAnswer(q.kind === 'multiple' ? toggleChoice(value, i) : q.kind === 'true_false' ? i === 0 : i);
  return (
    <View className='card quiz-question'>
      <Text className='quiz-question__prompt'>{`${index + 1}. [${t.kinds[q.kind]}] ${q.prompt}`}</Text>
      {(q.kind === 'single' || q.kind === 'multiple' || q.kind === 'true_false') &&
        choices.map((option, i) => (
          <View key={i} className={`quiz-option${isPicked(i) ? ' quiz-option--picked' : ''}`} onClick={() => pick(i)}>
            <Text>{option}</Text>
          </View>
        ))}
      {q.kind === 'fill_in' && <Input className='input' value={typeof value === 'string' ? value : ''} placeholder={t.fillPlaceholder} maxlength={200} onInput={(e) => onAnswer(e.detail.value)} />}
      {q.kind === 'short_answer' && (
        <Textarea className='textarea textarea--short' value={typeof value === 'string' ? value : ''} placeholder={t.shortPlaceholder} maxlength={2000} onInput={(e) => onAnswer(e.detail.value)} />
      )}
    </View>
  );
}

function AttemptResult({ attempt, onRetake }: { attempt: QuizAttempt; onRetake: () => void }) {
  const verdict = attempt.status === 'AWAITING_REVIEW' ? t.awaiting : attempt.passed ? t.passed : t.failed;
  return (
    <View>
      <View className={`card quiz-result${attempt.passed ? ' quiz-result--passed' : ''}`}>
        <Text className='quiz-result__score'>{t.score(attempt.score, attempt.max_score, attempt.percent)}</Text>
        <Text className='quiz-result__verdict'>{verdict}</Text>
      </View>
      {attempt.questions.map((q, i) => {
        const correct = correctAnswerText(q, t);
        return (
          <View key={q.id} className='card quiz-question'>
            <Text className='quiz-question__prompt'>{`${i + 1}. ${q.prompt}`}</Text>
            <Text className={q.correct === null ? 'muted small' : q.correct ? 'quiz-right small' : 'quiz-wrong small'}>{q.correct === null ? t.pending : q.correct ? t.right : t.wrong}</Text>
            {correct !== null && <Text className='small block'>{t.correctAnswer(correct)}</Text>}
            {q.explanation && <Text className='muted small block'>{t.explanation(q.explanation)}</Text>}
          </View>
        );
      })}
      <Button className='btn btn--ghost btn--block' onClick={onRetake}>
        {t.retake}
      </Button>
    </View>
  );
}
