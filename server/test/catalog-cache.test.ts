import { createContainer, type Container } from '../src/container';
import { createLogger } from '../src/logger';
import type { PageBody } from '../src/http/pagination';
import { buildCourse, enroll, eventually, publishCourse, registerAdmin, registerCreator, registerUser, type Account } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';
import { queriesDuring, statements } from './support/query-counter';

interface Item {
  id: number;
  price_fen: number;
  rating: number;
  rating_count: number;
}

let app: TestApp;
let creator: Account;
let admin: Account;
beforeAll(async () => {
  app = await startTestApp();
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  await eventually(async () => app.container.catalog.cache.enabled);
});
afterAll(() => app.close());

const list = async (query = '?page_size=100') => (await app.request<PageBody<Item>>('GET', `/api/courses/${query}`)).body;
const itemOf = async (id: number) => (await list()).results.find((c) => c.id === id);

describe('the catalog cache', () => {
  it('answers a repeated list page and course page without asking MySQL', async () => {
    const course = await buildCourse(app, creator);
    await publishCourse(app, creator, admin, course.id);
    await list();
    await app.request('GET', `/api/courses/${course.id}/`);
    const queries = await queriesDuring(app.container.dataSource, async () => {
      await list();
      await app.container.catalog.getVisibleCourse(course.id, null);
    });
    expect(statements(queries)).toEqual([]);
  });

  it('shows an approval, a new price, a new rating and an unlisting at the next read', async () => {
    const course = await buildCourse(app, creator, { price: 50 });
    await list();
    expect(await itemOf(course.id)).toBeUndefined();

    await publishCourse(app, creator, admin, course.id);
    expect((await itemOf(course.id))?.price_fen).toBe(5000);

    const patched = await app.request('PATCH', `/api/creator/courses/${course.id}`, { token: creator.token, body: { price: 19.9 } });
    expect(patched.status).toBe(200);
    expect((await itemOf(course.id))?.price_fen).toBe(1990);
    expect((await app.request<Item>('GET', `/api/courses/${course.id}/`)).body.price_fen).toBe(1990);

    const learner = await registerUser(app);
    await enroll(app, learner.user.id, course.id);
    expect((await app.request('POST', `/api/courses/${course.id}/reviews/`, { token: learner.token, body: { rating: 4, content: '不错' } })).status).toBe(201);
    expect(await itemOf(course.id)).toMatchObject({ rating: 4, rating_count: 1 });

    expect((await app.request('POST', `/api/creator/courses/${course.id}/unlist`, { token: creator.token })).status).toBe(200);
    expect(await itemOf(course.id)).toBeUndefined();
    expect((await app.request('GET', `/api/courses/${course.id}/`)).status).toBe(404);
  });

  it('shows a new lesson in the course page at once', async () => {
    const course = await buildCourse(app, creator);
    await publishCourse(app, creator, admin, course.id);
    const lessons = async () => (await app.request<{ chapters: Array<{ lessons: unknown[] }> }>('GET', `/api/courses/${course.id}/`)).body.chapters[0]!.lessons.length;
    expect(await lessons()).toBe(2);
    await app.request('POST', `/api/creator/chapters/${course.chapterId}/lessons`, { token: creator.token, body: { title: '加餐', kind: 'audio', duration_s: 30 } });
    expect(await lessons()).toBe(3);
  });

  describe('with a second API process on the same MySQL and Redis', () => {
    let other: Container;
    beforeAll(async () => {
      other = await createContainer(app.container.config, { logger: createLogger('silent') });
      await eventually(async () => other.catalog.cache.enabled);
    });
    afterAll(() => other.close());

    const inOther = async (id: number) => (await other.catalog.listCourses({}, { page: 1, pageSize: 100 })).results.find((c) => c.id === id);

    it('drops its cached pages when this one changes a price or unlists', async () => {
      const course = await buildCourse(app, creator, { price: 30 });
      await publishCourse(app, creator, admin, course.id);
      expect((await inOther(course.id))?.priceFen).toBe(3000);
      await app.request('PATCH', `/api/creator/courses/${course.id}`, { token: creator.token, body: { price: 12 } });
      await eventually(async () => (await inOther(course.id))?.priceFen === 1200, 5);
      await app.request('POST', `/api/creator/courses/${course.id}/unlist`, { token: creator.token });
      await eventually(async () => (await inOther(course.id)) === undefined, 5);
    });
  });
});

describe('queries per request (no cache)', () => {
  let bare: TestApp;
  let owner: Account;
  let boss: Account;
  beforeAll(async () => {
    bare = await startTestApp({ CATALOG_CACHE_TTL_S: '0' });
    boss = await registerAdmin(bare);
    owner = await registerCreator(bare);
    for (let i = 0; i < 25; i++) {
      const course = await buildCourse(bare, owner);
      await publishCourse(bare, owner, boss, course.id);
    }
  }, 120_000);
  afterAll(() => bare.close());

  const count = async (path: string) => statements(await queriesDuring(bare.container.dataSource, () => bare.request('GET', path)));

  it('lists a page with two queries (the page and its count), whatever its size: no query per course', async () => {
    expect(bare.container.catalog.cache.enabled).toBe(false);
    const small = await count('/api/courses/?page_size=2');
    const large = await count('/api/courses/?page_size=25');
    const sorted = await count('/api/courses/?page_size=25&sort=popular&q=%E8%AF%BE%E7%A8%8B');
    expect(small).toHaveLength(2);
    expect(large).toHaveLength(2);
    expect(sorted).toHaveLength(2);
  });

  it('opens a course with the same queries for 2 lessons or 22', async () => {
    const course = await buildCourse(bare, owner);
    await publishCourse(bare, owner, boss, course.id);
    const before = await count(`/api/courses/${course.id}/`);
    for (let i = 0; i < 20; i++) {
      await bare.request('POST', `/api/creator/chapters/${course.chapterId}/lessons`, { token: owner.token, body: { title: `第${i}课`, kind: 'article', duration_s: 10 } });
    }
    const after = await count(`/api/courses/${course.id}/`);
    expect(after.length).toBe(before.length);
    // The course with its creator and category, the syllabus, and the anonymous visit recorded: one statement each.
    expect(after.map((q) => q.sql.trim().split(/\s+/)[0])).toEqual(['SELECT', 'SELECT', 'INSERT']);
  });
});
