import { expectError } from './support/expect-error';
import { buildCourse, enroll, publishCourse, registerAdmin, registerCreator, registerUser, type Account, type BuiltCourse } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';
import type { PageBody } from '../src/http/pagination';

interface Question {
  id: number;
  kind: string;
  prompt: string;
  options: string[];
  answer?: unknown;
  explanation?: string | null;
}
interface QuizBody {
  id: number;
  lesson_id: number | null;
  questions: Question[];
}
interface Attempt {
  id: number;
  status: string;
  score: number;
  max_score: number;
  percent: number;
  passed: boolean;
  questions: Array<Question & { given: unknown; correct: boolean | null; awarded_points: number | null }>;
}

// Words that exist only in the answer key and the explanations: finding them in a response gives the answers away.
const SECRET_FILL = '费曼学习法XQ';
const SECRET_EXPLANATION = '解析：复述是检验理解的唯一办法ZW';

let app: TestApp;
let creator: Account;
let course: BuiltCourse;
let quiz: QuizBody;

const quizInput = {
  title: '第一章测验',
  pass_percent: 60,
  required: true,
  questions: [
    { kind: 'single', prompt: '哪一个是质数？', options: ['4', '7', '9'], answer: 1, explanation: SECRET_EXPLANATION, points: 2 },
    { kind: 'multiple', prompt: '哪些是偶数？', options: ['2', '3', '4'], answer: [2, 0] },
    { kind: 'true_false', prompt: '地球是平的。', answer: false },
    { kind: 'fill_in', prompt: '用自己的话讲给别人听的学习方法叫什么？', answer: [SECRET_FILL] },
  ],
};

beforeAll(async () => {
  app = await startTestApp();
  let admin: Account;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  course = await buildCourse(app, creator);
  await publishCourse(app, creator, admin, course.id);
  const created = await app.request<QuizBody>('POST', `/api/creator/courses/${course.id}/quizzes`, { token: creator.token, body: { ...quizInput, lesson: course.paidLessonId } });
  expect(created.status).toBe(201);
  quiz = created.body;
});
afterAll(() => app.close());

async function learner(): Promise<Account> {
  const account = await registerUser(app);
  await enroll(app, account.user.id, course.id);
  return account;
}

function submit(token: string, answers: Record<string, unknown>, quizId = quiz.id) {
  return app.request<Attempt>('POST', `/api/quizzes/${quizId}/attempts`, { token, body: { answers } });
}

function answersBy(kind: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(quiz.questions.filter((q) => q.kind in kind).map((q) => [String(q.id), kind[q.kind]]));
}

describe('the answer key stays hidden until the learner submits', () => {
  it('is never in the quiz, the course list of quizzes or the course page', async () => {
    const student = await learner();
    const responses = await Promise.all([
      app.request<QuizBody>('GET', `/api/quizzes/${quiz.id}`, { token: student.token }),
      app.request('GET', `/api/courses/${course.id}/quizzes`, { token: student.token }),
      app.request('GET', `/api/courses/${course.id}`, { token: student.token }),
    ]);
    for (const res of responses) {
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(SECRET_FILL);
      expect(text).not.toContain(SECRET_EXPLANATION);
    }
    const taken = responses[0]!.body as QuizBody;
    expect(taken.questions.map((q) => q.prompt)).toEqual(quizInput.questions.map((q) => q.prompt));
    for (const q of taken.questions) {
      expect(Object.keys(q).sort()).toEqual(['id', 'kind', 'options', 'points', 'prompt']);
    }
    // A wrong attempt reveals the answers to the one who submitted it, not to the next learner.
    const wrong = await submit(student.token, answersBy({ single: 0 }));
    expect(wrong.status).toBe(201);
    expect(JSON.stringify(wrong.body)).toContain(SECRET_FILL);
    const other = await learner();
    const forOther = await app.request('GET', `/api/quizzes/${quiz.id}`, { token: other.token });
    expect(JSON.stringify(forOther.body)).not.toContain(SECRET_FILL);
    expect((await app.request<Attempt[]>('GET', `/api/quizzes/${quiz.id}/attempts`, { token: other.token })).body).toEqual([]);
  });

  it('shows the creator the answers and explanations of their own quiz', async () => {
    const own = await app.request<QuizBody>('GET', `/api/creator/quizzes/${quiz.id}`, { token: creator.token });
    expect(own.status).toBe(200);
    expect(own.body.questions.map((q) => q.answer)).toEqual([1, [0, 2], false, [SECRET_FILL]]);
    const stranger = await registerCreator(app);
    expectError(await app.request('GET', `/api/creator/quizzes/${quiz.id}`, { token: stranger.token }), 404, 'NOT_FOUND');
  });
});

describe('taking a quiz', () => {
  it('grades every kind, shows explanations after submitting, and passes at the pass mark', async () => {
    const student = await learner();
    const res = await submit(student.token, answersBy({ single: 1, multiple: [0, 2], true_false: false, fill_in: ' 费曼学习法xq ' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'GRADED', score: 5, max_score: 5, percent: 100, passed: true });
    expect(res.body.questions[0]).toMatchObject({ correct: true, answer: 1, explanation: SECRET_EXPLANATION, given: 1, awarded_points: 2 });

    const failed = await submit(student.token, answersBy({ single: 1, multiple: [0] }));
    expect(failed.body).toMatchObject({ score: 2, percent: 40, passed: false });
    const list = await app.request<Array<{ id: number; best_attempt: { passed: boolean; percent: number } | null }>>('GET', `/api/courses/${course.id}/quizzes`, { token: student.token });
    expect(list.body.find((q) => q.id === quiz.id)?.best_attempt).toMatchObject({ passed: true, percent: 100 });
    const mine = await app.request<Attempt[]>('GET', `/api/quizzes/${quiz.id}/attempts`, { token: student.token });
    expect(mine.body.map((a) => a.percent)).toEqual([40, 100]);
  });

  it('refuses learners who have not bought the course, and answers that do not fit, naming the question', async () => {
    const stranger = await registerUser(app);
    expectError(await app.request('GET', `/api/quizzes/${quiz.id}`, { token: stranger.token }), 403, 'NOT_ENROLLED');
    expectError(await submit(stranger.token, {}), 403, 'NOT_ENROLLED');
    expectError(await app.request('GET', `/api/quizzes/${quiz.id}`), 401, 'UNAUTHORIZED');

    const student = await learner();
    const single = quiz.questions.find((q) => q.kind === 'single')!;
    const bad = await submit(student.token, { [single.id]: 7 });
    expectError(bad, 400, 'VALIDATION_ERROR');
    expect(JSON.stringify(bad.body)).toContain(`answers.${single.id}`);
    expectError(await submit(student.token, { '999999': 1 }), 400, 'VALIDATION_ERROR');
    expectError(await app.request('GET', '/api/quizzes/999999', { token: student.token }), 404, 'NOT_FOUND');
  });

  it('checks what the creator writes: an answer that is not an option, a lesson of another course', async () => {
    const badAnswer = await app.request('POST', `/api/creator/courses/${course.id}/quizzes`, {
      token: creator.token,
      body: { title: 't', questions: [{ kind: 'single', prompt: 'p', options: ['a', 'b'], answer: 2 }] },
    });
    expectError(badAnswer, 400, 'VALIDATION_ERROR');
    expect(JSON.stringify(badAnswer.body)).toContain('questions.0.answer');
    const badKind = await app.request('POST', `/api/creator/courses/${course.id}/quizzes`, { token: creator.token, body: { title: 't', questions: [{ kind: 'essay', prompt: 'p' }] } });
    expectError(badKind, 400, 'VALIDATION_ERROR');
    const other = await buildCourse(app, creator);
    expectError(
      await app.request('POST', `/api/creator/courses/${course.id}/quizzes`, { token: creator.token, body: { ...quizInput, lesson: other.paidLessonId } }),
      400,
      'VALIDATION_ERROR',
    );
    const learnerAccount = await registerUser(app);
    expectError(await app.request('POST', `/api/creator/courses/${course.id}/quizzes`, { token: learnerAccount.token, body: quizInput }), 403, 'ROLE_REQUIRED');
  });
});

describe('short answers graded by the creator', () => {
  it('waits for the creator, who gives points, and then passes or fails', async () => {
    const created = await app.request<QuizBody>('POST', `/api/creator/courses/${course.id}/quizzes`, {
      token: creator.token,
      body: {
        title: '作业',
        chapter: course.chapterId,
        pass_percent: 75,
        questions: [
          { kind: 'true_false', prompt: '水在零度结冰。', answer: true },
          { kind: 'short_answer', prompt: '谈谈你的体会。', points: 3, explanation: '言之有物即可' },
        ],
      },
    });
    expect(created.status).toBe(201);
    const [tf, essay] = created.body.questions;
    const student = await learner();
    const submitted = await submit(student.token, { [tf!.id]: true, [essay!.id]: '我学到了很多。' }, created.body.id);
    expect(submitted.body).toMatchObject({ status: 'AWAITING_REVIEW', score: 1, max_score: 4, passed: false });
    expect(submitted.body.questions[1]).toMatchObject({ correct: null, awarded_points: null, explanation: '言之有物即可' });

    const waiting = await app.request<PageBody<Attempt>>('GET', `/api/creator/quizzes/${created.body.id}/attempts?status=AWAITING_REVIEW`, { token: creator.token });
    expect(waiting.body.results.map((a) => a.id)).toEqual([submitted.body.id]);
    expectError(await app.request('POST', `/api/creator/quiz-attempts/${submitted.body.id}/grade`, { token: creator.token, body: { points: {} } }), 400, 'VALIDATION_ERROR');
    expectError(
      await app.request('POST', `/api/creator/quiz-attempts/${submitted.body.id}/grade`, { token: creator.token, body: { points: { [essay!.id]: 4 } } }),
      400,
      'VALIDATION_ERROR',
    );
    const graded = await app.request<Attempt>('POST', `/api/creator/quiz-attempts/${submitted.body.id}/grade`, { token: creator.token, body: { points: { [essay!.id]: 2 } } });
    expect(graded.status).toBe(200);
    expect(graded.body).toMatchObject({ status: 'GRADED', score: 3, percent: 75, passed: true });
    const mine = await app.request<Attempt[]>('GET', `/api/quizzes/${created.body.id}/attempts`, { token: student.token });
    expect(mine.body[0]).toMatchObject({ status: 'GRADED', passed: true });

    const otherCreator = await registerCreator(app);
    expectError(
      await app.request('POST', `/api/creator/quiz-attempts/${submitted.body.id}/grade`, { token: otherCreator.token, body: { points: { [essay!.id]: 3 } } }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('editing a quiz', () => {
  const questions = [
    { kind: 'single', prompt: '哪一个是质数？', options: ['4', '7'], answer: 1, explanation: '7 只能被 1 和自己整除' },
    { kind: 'multiple', prompt: '哪些是偶数？', options: ['2', '3', '4'], answer: [0, 2] },
    { kind: 'true_false', prompt: '水在零度结冰。', answer: true },
    { kind: 'fill_in', prompt: '中国的首都是？', answer: ['北京', 'Beijing'] },
    { kind: 'short_answer', prompt: '谈谈你的体会。', points: 2 },
  ];
  async function freshQuiz(): Promise<QuizBody> {
    const created = await app.request<QuizBody>('POST', `/api/creator/courses/${course.id}/quizzes`, {
      token: creator.token,
      body: { title: '可编辑的测验', chapter: course.chapterId, questions },
    });
    expect(created.status).toBe(201);
    return created.body;
  }
  const put = (id: number, body: unknown, token = creator.token) => app.request<QuizBody & { title: string; pass_percent: number }>('PUT', `/api/creator/quizzes/${id}`, { token, body });

  it('replaces everything of a quiz nobody has attempted, all five kinds of question', async () => {
    const draft = await freshQuiz();
    const replaced = await put(draft.id, {
      title: '改过的测验',
      pass_percent: 80,
      questions: [{ kind: 'fill_in', prompt: '一加一等于？', answer: ['2', '二'] }, ...questions.slice(0, 2)],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ title: '改过的测验', pass_percent: 80, lesson_id: null });
    expect(replaced.body.questions.map((q) => [q.kind, q.answer])).toEqual([
      ['fill_in', ['2', '二']],
      ['single', 1],
      ['multiple', [0, 2]],
    ]);
    const taken = await app.request<QuizBody>('GET', `/api/quizzes/${draft.id}`, { token: (await learner()).token });
    expect(taken.body.questions.map((q) => q.prompt)).toEqual(['一加一等于？', '哪一个是质数？', '哪些是偶数？']);
  });

  it('once attempted, lets the wording change and refuses what would regrade the attempts with 409 QUIZ_HAS_ATTEMPTS', async () => {
    const draft = await freshQuiz();
    const student = await learner();
    const single = draft.questions[0]!;
    const attempt = await submit(student.token, { [single.id]: 1 }, draft.id);
    expect(attempt.status).toBe(201);

    const reworded = questions.map((q, i) => (i === 0 ? { ...q, prompt: '下面哪一个是质数？', explanation: '7 是质数' } : q));
    const ok = await put(draft.id, { title: '改了措辞', questions: reworded });
    expect(ok.status).toBe(200);
    expect(ok.body.questions.map((q) => q.id)).toEqual(draft.questions.map((q) => q.id));
    expect(ok.body.questions[0]).toMatchObject({ prompt: '下面哪一个是质数？', explanation: '7 是质数' });
    const mine = await app.request<Attempt[]>('GET', `/api/quizzes/${draft.id}/attempts`, { token: student.token });
    expect(mine.body[0]).toMatchObject({ id: attempt.body.id, score: attempt.body.score });
    expect(mine.body[0]!.questions[0]).toMatchObject({ prompt: '下面哪一个是质数？', explanation: '7 是质数' });

    const refused = [
      { title: 't', pass_percent: 90, questions: reworded },
      { title: 't', questions: reworded.slice(1) },
      { title: 't', questions: reworded.map((q, i) => (i === 0 ? { ...q, answer: 0 } : q)) },
      { title: 't', questions: reworded.map((q, i) => (i === 3 ? { ...q, answer: ['北京'] } : q)) },
    ];
    for (const body of refused) expectError(await put(draft.id, body), 409, 'QUIZ_HAS_ATTEMPTS');
    const own = await app.request<QuizBody & { title: string }>('GET', `/api/creator/quizzes/${draft.id}`, { token: creator.token });
    expect(own.body.title).toBe('改了措辞');
    expect(own.body.questions[0]).toMatchObject({ answer: 1 });
  });

  it("is for the quiz's creator, with a body that holds together", async () => {
    const draft = await freshQuiz();
    expectError(await put(draft.id, { title: '别人的', questions }, (await registerCreator(app)).token), 404, 'NOT_FOUND');
    expectError(await put(draft.id, { title: 't', questions: [] }), 400, 'VALIDATION_ERROR', 'questions');
    expectError(await put(draft.id, { title: 't', lesson: course.paidLessonId, questions }), 400, 'VALIDATION_ERROR');
  });
});

describe('submitting again with the same idempotency key', () => {
  it('returns the first attempt to a retry, and makes one attempt of two concurrent identical submits', async () => {
    const student = await learner();
    const answers = answersBy({ single: 1, true_false: false });
    const key = 'retry-key-0001';
    const first = await app.request<Attempt>('POST', `/api/quizzes/${quiz.id}/attempts`, { token: student.token, body: { answers }, headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(201);
    const retry = await app.request<Attempt>('POST', `/api/quizzes/${quiz.id}/attempts`, { token: student.token, body: { answers, client_attempt_id: key } });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);

    const both = await Promise.all(
      [0, 1].map(() => app.request<Attempt>('POST', `/api/quizzes/${quiz.id}/attempts`, { token: student.token, body: { answers, client_attempt_id: 'double-tap-0002' } })),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(both[0]!.body.id).toBe(both[1]!.body.id);
    const mine = await app.request<Attempt[]>('GET', `/api/quizzes/${quiz.id}/attempts`, { token: student.token });
    expect(mine.body).toHaveLength(2);

    // Another learner's key is theirs alone; a key that is not one is refused.
    const other = await learner();
    const theirs = await app.request<Attempt>('POST', `/api/quizzes/${quiz.id}/attempts`, { token: other.token, body: { answers, client_attempt_id: key } });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
    expectError(await app.request('POST', `/api/quizzes/${quiz.id}/attempts`, { token: other.token, body: { answers }, headers: { 'Idempotency-Key': 'short' } }), 400, 'VALIDATION_ERROR', 'Idempotency-Key');
  });
});
