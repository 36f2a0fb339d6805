import { expectError } from './support/expect-error';
import { buildCourse, enroll, publishCourse, registerAdmin, registerCreator, registerUser, type Account, type BuiltCourse } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

interface Analytics {
  learners: number;
  finished: number;
  funnel: Array<{ lesson_id: number; started: number; completed: number; completion_rate: number | null; stopped_here: number }>;
  quizzes: Array<{ quiz_id: number; learners: number; pass_rate: number | null; score_buckets: number[] }>;
  activity: { learners: number; average_score: number | null };
}

let app: TestApp;
let creator: Account;
let course: BuiltCourse;

beforeAll(async () => {
  app = await startTestApp();
  let admin: Account;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  course = await buildCourse(app, creator);
  await publishCourse(app, creator, admin, course.id);
});
afterAll(() => app.close());

async function learner(): Promise<Account> {
  const account = await registerUser(app);
  await enroll(app, account.user.id, course.id);
  return account;
}

const complete = (lessonId: number, token: string) => app.request('PUT', `/api/learning/lessons/${lessonId}/progress`, { token, body: { position_s: 60, completed: true } });

describe('learning analytics of a course', () => {
  it('shows completion per lesson, where idle learners stopped, quiz scores and activity', async () => {
    const quiz = await app.request<{ id: number; questions: Array<{ id: number }> }>('POST', `/api/creator/courses/${course.id}/quizzes`, {
      token: creator.token,
      body: { title: '小测', questions: [{ kind: 'true_false', prompt: '对吗？', answer: true }] },
    });
    const question = quiz.body.questions[0]!.id;
    const [finisher, halfway, idle] = [await learner(), await learner(), await learner()];
    await complete(course.previewLessonId, finisher.token);
    await app.request('PUT', `/api/learning/lessons/${course.paidLessonId}/progress`, { token: finisher.token, body: { position_s: 0, completed: false } });
    app.clock.advance(600);
    await complete(course.paidLessonId, finisher.token);
    await complete(course.previewLessonId, halfway.token);
    await app.request('POST', `/api/quizzes/${quiz.body.id}/attempts`, { token: finisher.token, body: { answers: { [question]: true } } });
    await app.request('POST', `/api/quizzes/${quiz.body.id}/attempts`, { token: halfway.token, body: { answers: { [question]: false } } });
    void idle;
    await app.container.analytics.refresh(2);

    // A week and a day later the two who did not finish count as stopped (the creator signs in again: tokens last a week).
    app.clock.advance(8 * 24 * 3600);
    const login = await app.request<{ token: string }>('POST', '/api/auth/login', { body: { username: creator.user.username, password: creator.password } });
    const res = await app.request<Analytics>('GET', `/api/creator/courses/${course.id}/learning-analytics`, { token: login.body.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ learners: 3, finished: 1 });
    expect(res.body.funnel).toEqual([
      { lesson_id: course.previewLessonId, title: '试听', started: 2, completed: 2, completion_rate: 2 / 3, stopped_here: 1 },
      { lesson_id: course.paidLessonId, title: '正课', started: 1, completed: 1, completion_rate: 1 / 3, stopped_here: 1 },
    ]);
    const scores = res.body.quizzes.find((q) => q.quiz_id === quiz.body.id)!;
    expect(scores).toMatchObject({ learners: 2, pass_rate: 0.5 });
    expect(scores.score_buckets[0]).toBe(1);
    expect(scores.score_buckets[9]).toBe(1);
    // Two learners reported progress (study sessions); the finisher's ten minutes make the average positive.
    expect(res.body.activity.learners).toBe(2);
    expect(res.body.activity.average_score).toBeGreaterThan(0);
  });

  it("is the creator's own: another creator gets 404, a learner 403", async () => {
    const other = await registerCreator(app);
    expectError(await app.request('GET', `/api/creator/courses/${course.id}/learning-analytics`, { token: other.token }), 404, 'NOT_FOUND');
    const someone = await registerUser(app);
    expectError(await app.request('GET', `/api/creator/courses/${course.id}/learning-analytics`, { token: someone.token }), 403, 'ROLE_REQUIRED');
  });
});
