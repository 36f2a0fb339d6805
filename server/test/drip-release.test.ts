import { expectError } from './support/expect-error';
import { buildCourse, enroll, publishCourse, registerAdmin, registerCreator, registerUser, type Account, type BuiltCourse } from './support/fixtures';
import { startTestApp, type ErrorBody, type TestApp } from './support/harness';

interface DetailLesson {
  id: number;
  url: string | null;
  opens_at: string | null;
  release_after_days: number | null;
  release_at: string | null;
}
interface Detail {
  chapters: Array<{ lessons: DetailLesson[] }>;
}

const DAY_S = 24 * 3600;

let app: TestApp;
let creator: Account;
let course: BuiltCourse;
/** A third lesson, released on a fixed date five days from the start of the test (tokens live seven days of the clock). */
let datedLessonId: number;
let datedAt: Date;

beforeAll(async () => {
  app = await startTestApp();
  let admin: Account;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  course = await buildCourse(app, creator);
  const dated = await app.request<{ id: number }>('POST', `/api/creator/chapters/${course.chapterId}/lessons`, {
    token: creator.token,
    body: { title: '直播回放', kind: 'article', duration_s: 0 },
  });
  datedLessonId = dated.body.id;
  await publishCourse(app, creator, admin, course.id);
  datedAt = new Date(app.clock.now().getTime() + 5 * DAY_S * 1000);
  const relative = await app.request('PUT', `/api/creator/lessons/${course.paidLessonId}/release`, { token: creator.token, body: { after_days: 3 } });
  expect(relative.status).toBe(200);
  expect(relative.body).toEqual({ lesson_id: course.paidLessonId, release_after_days: 3, release_at: null });
  const fixed = await app.request('PUT', `/api/creator/lessons/${datedLessonId}/release`, { token: creator.token, body: { at: datedAt.toISOString() } });
  expect(fixed.status).toBe(200);
});
afterAll(() => app.close());

/** A learner whose enrollment began at `at` (the clock's time by default). */
async function learnerEnrolledAt(at: Date = app.clock.now()): Promise<Account> {
  const learner = await registerUser(app);
  await enroll(app, learner.user.id, course.id);
  await app.container.dataSource.query('UPDATE enrollments SET enrolled_at = ? WHERE user_id = ? AND course_id = ?', [at, learner.user.id, course.id]);
  return learner;
}

async function lessonsFor(token?: string): Promise<Map<number, DetailLesson>> {
  const res = await app.request<Detail>('GET', `/api/courses/${course.id}`, { token });
  expect(res.status).toBe(200);
  return new Map(res.body.chapters.flatMap((c) => c.lessons).map((l) => [l.id, l]));
}

function openLesson(id: number, token: string) {
  return app.request<{ url: string | null }>('GET', `/api/learning/lessons/${id}`, { token });
}

function report(id: number, token: string) {
  return app.request('PUT', `/api/learning/lessons/${id}/progress`, { token, body: { position_s: 1, completed: false } });
}

describe('drip release by enrollment date', () => {
  it('locks a lesson until its day after enrollment: no URL, the player and progress refuse, opens_at says when', async () => {
    const enrolledAt = app.clock.now();
    const learner = await learnerEnrolledAt(enrolledAt);
    const opensAt = new Date(enrolledAt.getTime() + 3 * DAY_S * 1000).toISOString();

    const lessons = await lessonsFor(learner.token);
    expect(lessons.get(course.paidLessonId)).toMatchObject({ url: null, opens_at: opensAt, release_after_days: 3 });
    expect(lessons.get(course.previewLessonId)).toMatchObject({ opens_at: null });
    expect(lessons.get(course.previewLessonId)!.url).toMatch(/^http/);
    const locked = await openLesson(course.paidLessonId, learner.token);
    expectError(locked, 403, 'LESSON_LOCKED');
    expect((locked.body as unknown as ErrorBody).error.details).toEqual({ opens_at: opensAt });
    expectError(await report(course.paidLessonId, learner.token), 403, 'LESSON_LOCKED');

    app.clock.advance(3 * DAY_S - 60);
    expectError(await openLesson(course.paidLessonId, learner.token), 403, 'LESSON_LOCKED');
    app.clock.advance(61);
    const open = await lessonsFor(learner.token);
    expect(open.get(course.paidLessonId)).toMatchObject({ opens_at: null });
    expect(open.get(course.paidLessonId)!.url).toMatch(/^http/);
    expect((await openLesson(course.paidLessonId, learner.token)).body.url).toMatch(/^http/);
    expect((await report(course.paidLessonId, learner.token)).status).toBe(200);
  });

  it('counts from each learner’s own enrollment: an earlier learner has it open while a newer one waits', async () => {
    const now = app.clock.now();
    const early = await learnerEnrolledAt(new Date(now.getTime() - 5 * DAY_S * 1000));
    const late = await learnerEnrolledAt(now);
    expect((await openLesson(course.paidLessonId, early.token)).status).toBe(200);
    expectError(await openLesson(course.paidLessonId, late.token), 403, 'LESSON_LOCKED');
  });

  it('opens a dated lesson for everybody at its date; the creator is never held back', async () => {
    const learner = await learnerEnrolledAt();
    const lessons = await lessonsFor(learner.token);
    expect(lessons.get(datedLessonId)).toMatchObject({ url: null, opens_at: datedAt.toISOString(), release_at: datedAt.toISOString() });
    expect((await lessonsFor(creator.token)).get(datedLessonId)!.opens_at).toBeNull();
    expect((await openLesson(course.paidLessonId, creator.token)).status).toBe(200);

    const untilThen = (datedAt.getTime() - app.clock.now().getTime()) / 1000;
    app.clock.advance(untilThen + 1);
    expect((await openLesson(datedLessonId, learner.token)).status).toBe(200);
  });

  it('shows a stranger the rule but no opening date of their own, and 403 NOT_ENROLLED in the player', async () => {
    const stranger = await registerUser(app);
    const lessons = await lessonsFor(stranger.token);
    expect(lessons.get(course.paidLessonId)).toMatchObject({ url: null, opens_at: null, release_after_days: 3 });
    expectError(await openLesson(course.paidLessonId, stranger.token), 403, 'NOT_ENROLLED');
  });

  it('locks the quizzes of a locked lesson too', async () => {
    const quiz = await app.request<{ id: number }>('POST', `/api/creator/courses/${course.id}/quizzes`, {
      token: creator.token,
      body: { title: '小测', lesson: course.paidLessonId, questions: [{ kind: 'true_false', prompt: '对吗？', answer: true }] },
    });
    const learner = await learnerEnrolledAt();
    expectError(await app.request('GET', `/api/quizzes/${quiz.body.id}`, { token: learner.token }), 403, 'LESSON_LOCKED');
    expectError(await app.request('POST', `/api/quizzes/${quiz.body.id}/attempts`, { token: learner.token, body: { answers: {} } }), 403, 'LESSON_LOCKED');
  });
});

describe('setting the release', () => {
  it('takes days or a date, not both; only on the creator’s own lessons; and can be removed', async () => {
    const bad = await app.request('PUT', `/api/creator/lessons/${course.paidLessonId}/release`, {
      token: creator.token,
      body: { after_days: 1, at: new Date().toISOString() },
    });
    expectError(bad, 400, 'VALIDATION_ERROR', 'after_days');
    expectError(await app.request('PUT', `/api/creator/lessons/${course.paidLessonId}/release`, { token: creator.token, body: { after_days: -1 } }), 400, 'VALIDATION_ERROR', 'after_days');
    expectError(await app.request('PUT', `/api/creator/lessons/${course.paidLessonId}/release`, { token: creator.token, body: { at: 'tomorrow' } }), 400, 'VALIDATION_ERROR', 'at');
    const other = await registerCreator(app);
    expectError(await app.request('PUT', `/api/creator/lessons/${course.paidLessonId}/release`, { token: other.token, body: { after_days: 1 } }), 404, 'NOT_FOUND');

    const extra = await app.request<{ id: number }>('POST', `/api/creator/chapters/${course.chapterId}/lessons`, { token: creator.token, body: { title: '加餐', kind: 'article' } });
    await app.request('PUT', `/api/creator/lessons/${extra.body.id}/release`, { token: creator.token, body: { after_days: 30 } });
    const learner = await learnerEnrolledAt();
    expect((await lessonsFor(learner.token)).get(extra.body.id)!.opens_at).not.toBeNull();
    expect((await app.request('DELETE', `/api/creator/lessons/${extra.body.id}/release`, { token: creator.token })).status).toBe(204);
    expect((await lessonsFor(learner.token)).get(extra.body.id)).toMatchObject({ opens_at: null, release_after_days: null });
  });
});
