import { expectError } from './support/expect-error';
import { enroll, registerUser, type Account } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';
import { coPurchaseCatalog, learnerWith as learnerWithCourses, type CoPurchaseCatalog, type Recommended } from './support/recommendations';

let app: TestApp;
let creator: Account;
let admin: Account;
let c: CoPurchaseCatalog['courses'];
/** Owns A only: A's co-learners bought B (often) and C (less). */
let learner: Account;
/** Has done nothing yet. */
let newcomer: Account;
const learnerWith = (...courseIds: number[]) => learnerWithCourses(app, ...courseIds);

beforeAll(async () => {
  app = await startTestApp();
  ({ creator, admin, courses: c } = await coPurchaseCatalog(app));
  [learner, newcomer] = await Promise.all([learnerWith(c.A), registerUser(app)]);
});
afterAll(() => app.close());

const recommendations = (token?: string, query = '') => app.request<Recommended>('GET', `/api/me/recommendations/${query}`, { token });
const related = (courseId: number, token?: string, query = '') => app.request<Recommended>('GET', `/api/courses/${courseId}/related/${query}`, { token });
const ids = (res: { body: Recommended }) => res.body.results.map((r) => r.id);

describe('before the first recompute', () => {
  it('answers everybody with published courses by popularity', async () => {
    for (const token of [undefined, learner.token]) {
      const res = await recommendations(token);
      expect(res.status).toBe(200);
      expect(res.body.source).toBe('popular');
      expect(ids(res)).not.toContain(c.G);
    }
    // Never a course the learner owns, even from the popular list.
    expect(ids(await recommendations(learner.token))).not.toContain(c.A);
  });
});

describe('after a recompute', () => {
  beforeAll(async () => {
    expect(await app.container.recommendations.recomputeAll()).toMatchObject({ status: 'done', courses: 7 });
  });

  it('recommends what co-learners of the learner\'s courses bought, best first, never what they own', async () => {
    const res = await recommendations(learner.token);
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('personal');
    expect(ids(res).slice(0, 2)).toEqual([c.B, c.C]);
    expect(ids(res)).not.toContain(c.A);
    expect(ids(res)).not.toContain(c.G);
    expect(res.body.results[0]).toMatchObject({
      id: c.B,
      name: '课程 B',
      price: 99.9,
      price_fen: 9990,
      category: '分类 data',
      rating: 0,
      cover_url: null,
      creator: { id: creator.user.id, name: expect.any(String) },
    });
  });

  it('gives anonymous visitors and learners without history the recency-weighted popular courses', async () => {
    const anonymous = await recommendations();
    expect(anonymous.body.source).toBe('popular');
    // B has 11 learners, A 10, D 5, C 3: the same weight and age each.
    expect(ids(anonymous).slice(0, 4)).toEqual([c.B, c.A, c.D, c.C]);
    const fresh = await recommendations(newcomer.token);
    expect(fresh.body).toEqual(anonymous.body);
  });

  it('lists courses bought together with a course, without the course itself or the viewer\'s own', async () => {
    const res = await related(c.A);
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('related');
    expect(ids(res).slice(0, 2)).toEqual([c.B, c.C]);
    expect(ids(res)).not.toContain(c.A);
    const owner = await learnerWith(c.B);
    expect(ids(await related(c.A, owner.token))[0]).toBe(c.C);
    expect(ids(await related(c.E))[0]).toBe(c.F);
  });

  it('falls back to popular courses of the same category for a course nobody bought yet', async () => {
    // The admin may look at the draft and owns none of the courses (their creator owns them all).
    const res = await related(c.G, admin.token);
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('popular');
    // G is in the data category: its popular courses come before the design ones.
    expect(ids(res).slice(0, 4)).toEqual([c.B, c.A, c.D, c.C]);
  });

  it('drops a course taken off sale from every list at once', async () => {
    await app.container.dataSource.query("UPDATE courses SET status = 'UNLISTED' WHERE id = ?", [c.C]);
    try {
      expect(ids(await recommendations(learner.token))).not.toContain(c.C);
      expect(ids(await related(c.A))).not.toContain(c.C);
    } finally {
      await app.container.dataSource.query("UPDATE courses SET status = 'PUBLISHED' WHERE id = ?", [c.C]);
    }
  });

  it('updates one learner at once: after buying B, what B\'s learners bought comes first', async () => {
    const other = await learnerWith(c.A);
    await app.container.recommendations.refreshLearner(other.user.id);
    expect(ids(await recommendations(other.token))[0]).toBe(c.B);
    await enroll(app, other.user.id, c.B);
    expect(await app.container.recommendations.refreshLearner(other.user.id)).toBe('refreshed');
    const after = ids(await recommendations(other.token));
    expect(after[0]).toBe(c.D);
    expect(after).not.toContain(c.B);
  });

  it('replaces the whole generation on the next run and keeps no other', async () => {
    const before = await app.container.recommendations.currentGeneration();
    const late = await learnerWith(c.E);
    expect(ids(await recommendations(late.token))[0]).not.toBe(c.F);
    const run = await app.container.recommendations.recomputeAll();
    expect(run).toMatchObject({ status: 'done' });
    expect(await app.container.recommendations.currentGeneration()).toBeGreaterThan(before!);
    expect(ids(await recommendations(late.token))[0]).toBe(c.F);
    const generations = (await app.container.dataSource.query(
      'SELECT DISTINCT generation FROM recommendations UNION SELECT DISTINCT generation FROM related_courses',
    )) as Array<{ generation: number }>;
    expect(generations.map((g) => Number(g.generation))).toEqual([(run as { generation: number }).generation]);
  });
});

describe('bad input', () => {
  it('names the limit when it is out of range', async () => {
    expectError(await recommendations(undefined, '?limit=0'), 400, 'VALIDATION_ERROR', 'limit');
    expectError(await related(c.A, undefined, '?limit=21'), 400, 'VALIDATION_ERROR', 'limit');
    expect((await recommendations(undefined, '?limit=2')).body.results).toHaveLength(2);
  });

  it('answers 404 for a course the viewer may not see, and 401 for a bad token', async () => {
    expectError(await related(c.G), 404, 'NOT_FOUND');
    expectError(await related(999_999), 404, 'NOT_FOUND');
    expect((await recommendations('not-a-token')).status).toBe(401);
  });
});
