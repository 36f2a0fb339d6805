import { expectError } from './support/expect-error';
import { buildCourse, enroll, publishCourse, registerAdmin, registerCreator, registerUser, type Account, type BuiltCourse } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';
import type { PageBody } from '../src/http/pagination';

interface Progress {
  lesson_id: number;
  position_s: number;
  completed: boolean;
  studied_s: number;
  course_progress: { completed_lessons: number; total_lessons: number; percent: number };
}
interface PlayerLesson {
  id: number;
  url: string | null;
  position_s: number;
  completed: boolean;
  previous_lesson_id: number | null;
  next_lesson_id: number | null;
}
interface LibraryItem {
  course: { id: number; name: string };
  progress: { completed_lessons: number; total_lessons: number; percent: number };
  last_lesson_id: number | null;
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

async function learnerOf(courseId = course.id): Promise<Account> {
  const learner = await registerUser(app);
  await enroll(app, learner.user.id, courseId);
  return learner;
}

function report(lessonId: number, body: unknown, token?: string) {
  return app.request<Progress>('PUT', `/api/learning/lessons/${lessonId}/progress`, { token, body });
}

async function sessionsOf(userId: number): Promise<Array<{ studied_s: number }>> {
  return app.container.dataSource.query('SELECT studied_s FROM study_sessions WHERE user_id = ? ORDER BY id', [userId]);
}

describe('reporting progress', () => {
  it('keeps the position, resumes there, and counts study time no faster than the clock', async () => {
    const learner = await learnerOf();
    expect((await report(course.paidLessonId, { position_s: 0, completed: false }, learner.token)).status).toBe(200);
    app.clock.advance(20);
    const moved = await report(course.paidLessonId, { position_s: 50, completed: false }, learner.token);
    expect(moved.status).toBe(200);
    expect(moved.body.position_s).toBe(50);
    // 50 seconds of position in 20 seconds of wall time (plus a little slack): study time is the wall time.
    expect(moved.body.studied_s).toBeGreaterThanOrEqual(20);
    expect(moved.body.studied_s).toBeLessThan(50);

    const opened = await app.request<PlayerLesson>('GET', `/api/learning/lessons/${course.paidLessonId}`, { token: learner.token });
    expect(opened.status).toBe(200);
    expect(opened.body.position_s).toBe(50);
    expect(opened.body.url).toMatch(/^http/);
    expect(opened.body.previous_lesson_id).toBe(course.previewLessonId);
    expect(opened.body.next_lesson_id).toBeNull();
  });

  it('is idempotent: the same report twice adds no study time', async () => {
    const learner = await learnerOf();
    await report(course.paidLessonId, { position_s: 0, completed: false }, learner.token);
    app.clock.advance(30);
    const first = await report(course.paidLessonId, { position_s: 25, completed: false }, learner.token);
    app.clock.advance(30);
    const again = await report(course.paidLessonId, { position_s: 25, completed: false }, learner.token);
    expect(again.body.studied_s).toBe(first.body.studied_s);
    expect(first.body.studied_s).toBe(25);
  });

  it('never undoes completion, takes a position past the end as the end, and shows percent done in my courses', async () => {
    const learner = await learnerOf();
    const done = await report(course.paidLessonId, { position_s: 9999, completed: true }, learner.token);
    expect(done.body).toMatchObject({ position_s: 60, completed: true, course_progress: { completed_lessons: 1, total_lessons: 2, percent: 50 } });
    const rewound = await report(course.paidLessonId, { position_s: 5, completed: false }, learner.token);
    expect(rewound.body).toMatchObject({ position_s: 5, completed: true });

    const library = await app.request<PageBody<LibraryItem>>('GET', '/api/learning/courses', { token: learner.token });
    expect(library.status).toBe(200);
    expect(library.body.count).toBe(1);
    expect(library.body.results[0]).toMatchObject({ course: { id: course.id }, progress: { percent: 50 }, last_lesson_id: course.paidLessonId });

    await report(course.previewLessonId, { position_s: 60, completed: true }, learner.token);
    const perCourse = await app.request<{ percent: number; lessons: Array<{ lesson_id: number; completed: boolean }> }>(
      'GET',
      `/api/learning/courses/${course.id}/progress`,
      { token: learner.token },
    );
    expect(perCourse.body.percent).toBe(100);
    expect(perCourse.body.lessons.map((l) => l.lesson_id).sort()).toEqual([course.previewLessonId, course.paidLessonId].sort());
  });

  it('takes many reports at once (a player and a page leaving together) without an error', async () => {
    const learner = await learnerOf();
    const reports = Array.from({ length: 12 }, (_, i) => report(i % 2 ? course.paidLessonId : course.previewLessonId, { position_s: i * 5, completed: i === 11 }, learner.token));
    const statuses = (await Promise.all(reports)).map((r) => r.status);
    expect(statuses).toEqual(Array(12).fill(200));
    const rows = (await app.container.dataSource.query('SELECT COUNT(*) AS n FROM lesson_progress WHERE user_id = ?', [learner.user.id])) as Array<{ n: string }>;
    expect(Number(rows[0]?.n)).toBe(2);
  });

  it('groups reports into study sessions split by a long pause', async () => {
    const learner = await learnerOf();
    await report(course.paidLessonId, { position_s: 0, completed: false }, learner.token);
    app.clock.advance(10);
    await report(course.paidLessonId, { position_s: 10, completed: false }, learner.token);
    app.clock.advance(3600);
    await report(course.paidLessonId, { position_s: 20, completed: false }, learner.token);
    const sessions = await sessionsOf(learner.user.id);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]!.studied_s).toBe(10);
  });
});

describe('who may report and open lessons', () => {
  it('refuses a learner who has not bought the course, except on free previews', async () => {
    const stranger = await registerUser(app);
    expectError(await report(course.paidLessonId, { position_s: 1, completed: false }, stranger.token), 403, 'NOT_ENROLLED');
    expect((await report(course.previewLessonId, { position_s: 1, completed: false }, stranger.token)).status).toBe(200);
    expectError(await app.request('GET', `/api/learning/lessons/${course.paidLessonId}`, { token: stranger.token }), 403, 'NOT_ENROLLED');
    const preview = await app.request<PlayerLesson>('GET', `/api/learning/lessons/${course.previewLessonId}`);
    expect(preview.status).toBe(200);
    expect(preview.body.url).toMatch(/^http/);
  });

  it('answers 401 without a token, 404 for unknown lessons, 400 naming bad fields', async () => {
    const learner = await learnerOf();
    expectError(await report(course.paidLessonId, { position_s: 1, completed: false }), 401, 'UNAUTHORIZED');
    expectError(await report(999999, { position_s: 1, completed: false }, learner.token), 404, 'NOT_FOUND');
    expectError(await report(course.paidLessonId, { position_s: -1, completed: false }, learner.token), 400, 'VALIDATION_ERROR', 'position_s');
    expectError(await report(course.paidLessonId, { position_s: 1.5, completed: false }, learner.token), 400, 'VALIDATION_ERROR', 'position_s');
    expectError(await report(course.paidLessonId, { position_s: 1 }, learner.token), 400, 'VALIDATION_ERROR', 'completed');
  });

  it('lists an empty library for a new learner', async () => {
    const learner = await registerUser(app);
    const library = await app.request<PageBody<LibraryItem>>('GET', '/api/learning/courses', { token: learner.token });
    expect(library.body).toEqual({ count: 0, next: null, previous: null, results: [] });
  });
});

describe('course views', () => {
  async function viewsOf(courseId: number): Promise<number> {
    const [row] = (await app.container.dataSource.query('SELECT COUNT(*) AS n FROM course_views WHERE course_id = ?', [courseId])) as Array<{ n: string }>;
    return Number(row?.n);
  }

  it('counts anonymous visitors each time, a signed-in visitor once per half hour, and never the creator', async () => {
    const before = await viewsOf(course.id);
    const visitor = await registerUser(app);
    await app.request('GET', `/api/courses/${course.id}`);
    await app.request('GET', `/api/courses/${course.id}`, { token: visitor.token });
    await app.request('GET', `/api/courses/${course.id}`, { token: visitor.token });
    await app.request('GET', `/api/courses/${course.id}`, { token: creator.token });
    expect(await viewsOf(course.id)).toBe(before + 2);
    app.clock.advance(31 * 60);
    await app.request('GET', `/api/courses/${course.id}`, { token: visitor.token });
    expect(await viewsOf(course.id)).toBe(before + 3);
  });
});
