import type { AnswerKey } from '../../domain/quizzes/grading';
import type { QuizListing, QuizWithQuestions, ReviewedAttempt } from '../../domain/quizzes/quiz.service';
import type { QuizQuestion } from '../../domain/quizzes/quiz-question.entity';
import type { Quiz } from '../../domain/quizzes/quiz.entity';

function serializeQuizHead(quiz: Quiz) {
  return {
    id: quiz.id,
    course_id: quiz.courseId,
    chapter_id: quiz.chapterId,
    lesson_id: quiz.lessonId,
    title: quiz.title,
    pass_percent: quiz.passPercent,
    required: quiz.required,
  };
}

/** A question as a learner sees it before submitting: never its answer or explanation. */
function serializeOpenQuestion(q: QuizQuestion) {
  return { id: q.id, kind: q.kind, prompt: q.prompt, options: q.options, points: q.points };
}

/** The answer in the shape the creator gave it: an option index, indexes, true/false, accepted texts; null for short answers. */
function answerOf(key: AnswerKey): number | number[] | boolean | string[] | null {
  switch (key.kind) {
    case 'single':
      return key.choice;
    case 'multiple':
      return key.choices;
    case 'true_false':
      return key.value;
    case 'fill_in':
      return key.accepted;
    case 'short_answer':
      return null;
  }
}

function serializeKeyedQuestion(q: QuizQuestion) {
  return { ...serializeOpenQuestion(q), answer: answerOf(q.answerKey), explanation: q.explanation };
}

export function serializeQuizListing(l: QuizListing) {
  return {
    ...serializeQuizHead(l.quiz),
    question_count: l.questionCount,
    best_attempt: l.best ? { score: l.best.score, max_score: l.best.maxScore, percent: l.best.percent, passed: l.best.passed, status: l.best.status } : null,
  };
}

/** For taking the quiz. */
export function serializeQuizToTake({ quiz, questions }: QuizWithQuestions) {
  return { ...serializeQuizHead(quiz), questions: questions.map(serializeOpenQuestion) };
}

/** For the quiz's creator: with answers and explanations. */
export function serializeOwnQuiz({ quiz, questions }: QuizWithQuestions) {
  return { ...serializeQuizHead(quiz), questions: questions.map(serializeKeyedQuestion) };
}

/** A submitted attempt: per question what was given, whether it was right, the answer and the explanation. */
export function serializeAttempt({ attempt, questions }: ReviewedAttempt) {
  const byId = new Map(attempt.results.map((r) => [r.questionId, r]));
  return {
    id: Number(attempt.id),
    quiz_id: attempt.quizId,
    user_id: attempt.userId,
    status: attempt.status,
    score: attempt.score,
    max_score: attempt.maxScore,
    percent: attempt.percent,
    passed: attempt.passed,
    submitted_at: attempt.submittedAt.toISOString(),
    graded_at: attempt.gradedAt?.toISOString() ?? null,
    questions: questions.map((q) => {
      const r = byId.get(q.id);
      return { ...serializeKeyedQuestion(q), given: r?.given ?? null, correct: r?.correct ?? null, awarded_points: r?.points ?? null };
    }),
  };
}
