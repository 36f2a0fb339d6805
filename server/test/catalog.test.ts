import { seedDemo } from '../src/db/seed/seed-demo';
import { startTestApp, type ErrorBody, type TestApp } from './support/harness';
import type { PageBody } from '../src/http/pagination';

interface CourseItem {
  id: number;
  name: string;
  description: string;
  price: number;
  price_fen: number;
  category: string;
  category_id: number;
  rating: number;
  rating_count: number;
  sales_count: number;
  cover_url: string | null;
  creator: { id: number; name: string };
  published_at: string;
}
type CoursePage = PageBody<CourseItem>;

let app: TestApp;
let published: number;
beforeAll(async () => {
  app = await startTestApp();
  await seedDemo(app.container.dataSource, { mediaDir: app.container.config.media.dir, log: () => undefined });
  const [{ n }] = await app.container.dataSource.query("SELECT COUNT(*) AS n FROM courses WHERE status = 'PUBLISHED'");
  published = Number(n);
});
afterAll(() => app.close());

const list = (query = '') => app.request<CoursePage>('GET', `/api/courses/${query}`);
const sorted = (values: number[], direction: 1 | -1) => [...values].sort((a, b) => direction * (a - b));

describe('GET /api/categories', () => {
  it('lists the categories in their order', async () => {
    const res = await app.request<Array<{ id: number; name: string; slug: string }>>('GET', '/api/categories/');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThanOrEqual(6);
    expect(res.body.map((c) => c.name)).toContain('数据科学');
  });
});

describe('GET /api/courses', () => {
  it('pages through published courses only, with count, next and previous', async () => {
    const first = await list('?page_size=20');
    expect(first.status).toBe(200);
    expect(first.body.count).toBe(published);
    expect(first.body.results).toHaveLength(20);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toBe('/api/courses/?page_size=20&page=2');
    const second = await app.request<CoursePage>('GET', first.body.next!);
    expect(second.body.previous).toBe('/api/courses/?page_size=20&page=1');
    const ids = new Set([...first.body.results, ...second.body.results].map((c) => c.id));
    expect(ids.size).toBe(40);
    const names = first.body.results.concat(second.body.results).map((c) => c.name);
    expect(names).not.toContain('数据中台建设实战'); // the seed's draft
  });

  it('answers an empty page past the end, keeping the count', async () => {
    const res = await list('?page=999');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: published, next: null, results: [] });
  });

  it('carries the contract fields with price in yuan as a number and price_fen as an integer', async () => {
    const { results } = (await list('?sort=price&min_price=99&max_price=99')).body;
    expect(results.length).toBeGreaterThan(0);
    for (const course of results) {
      expect(course).toEqual(
        expect.objectContaining({
          id: expect.any(Number),
          name: expect.any(String),
          description: expect.any(String),
          price: 99,
          price_fen: 9900,
          category: expect.any(String),
          rating: expect.any(Number),
          rating_count: expect.any(Number),
          creator: { id: expect.any(Number), name: expect.any(String) },
        }),
      );
      expect(course).toHaveProperty('cover_url');
    }
  });

  it.each([
    ['price', (c: CourseItem) => c.price_fen, 1],
    ['-price', (c: CourseItem) => c.price_fen, -1],
    ['rating', (c: CourseItem) => c.rating, -1],
    ['popular', (c: CourseItem) => c.sales_count, -1],
    ['newest', (c: CourseItem) => Date.parse(c.published_at), -1],
  ] as const)('sorts by %s', async (sort, key, direction) => {
    const res = await list(`?sort=${sort}&page_size=100`);
    expect(res.status).toBe(200);
    const values = res.body.results.map(key);
    expect(values).toEqual(sorted(values, direction));
    expect(new Set(values).size).toBeGreaterThan(1);
  });

  it('finds 数据科学入门 when searching 数据, and only courses that mention 数据', async () => {
    const res = await list(`?q=${encodeURIComponent('数据')}&sort=price`);
    expect(res.status).toBe(200);
    expect(res.body.results.map((c) => c.name)).toContain('数据科学入门');
    for (const c of res.body.results) expect(`${c.name}${c.description}${c.category}${c.creator.name}`).toContain('数据');
    const prices = res.body.results.map((c) => c.price_fen);
    expect(prices).toEqual(sorted(prices, 1));
  });

  it('requires every term of a multi-word query, and ranks name matches first without a sort', async () => {
    const res = await list(`?q=${encodeURIComponent('数据 入门')}`);
    expect(res.body.results.length).toBeGreaterThan(0);
    for (const c of res.body.results) {
      const text = `${c.name}${c.description}${c.category}${c.creator.name}`;
      expect(text).toContain('数据');
      expect(text).toContain('入门');
    }
    expect(res.body.results[0]!.name).toBe('数据科学入门');
  });

  it('matches Latin words case-insensitively and creator names', async () => {
    const res = await list('?q=DATA%20science');
    expect(res.body.results.map((c) => c.name)).toContain('Introduction to Data Science');
    const byCreator = await list(`?q=${encodeURIComponent('林数言')}`);
    expect(byCreator.body.count).toBeGreaterThan(0);
    for (const c of byCreator.body.results) expect(c.creator.name).toBe('林数言');
  });

  it('treats SQL and LIKE wildcards in queries as plain text', async () => {
    for (const q of ["' OR 1=1 --", '") UNION SELECT password_hash FROM users --']) {
      const res = await list(`?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.body.count).toBeLessThan(published);
    }
    // Wildcards are not search terms: "%数据_" finds what "数据" finds, a lone "%" filters nothing.
    const plain = await list(`?q=${encodeURIComponent('数据')}`);
    const wild = await list(`?q=${encodeURIComponent('%数据_')}`);
    expect(wild.body.count).toBe(plain.body.count);
    expect((await list('?q=%25')).body.count).toBe(published);
    const [{ n }] = await app.container.dataSource.query('SELECT COUNT(*) AS n FROM courses');
    expect(Number(n)).toBeGreaterThan(published);
  });

  it('filters by category id, slug or name, and by price range in yuan', async () => {
    const categories = (await app.request<Array<{ id: number; name: string; slug: string }>>('GET', '/api/categories')).body;
    const data = categories.find((c) => c.name === '数据科学')!;
    for (const value of [String(data.id), data.slug, encodeURIComponent(data.name)]) {
      const res = await list(`?category=${value}&page_size=100`);
      expect(res.body.count).toBeGreaterThan(0);
      for (const c of res.body.results) expect(c.category).toBe('数据科学');
    }
    const cheap = await list('?min_price=10&max_price=99.9&page_size=100');
    expect(cheap.body.count).toBeGreaterThan(0);
    for (const c of cheap.body.results) expect(c.price_fen >= 1000 && c.price_fen <= 9990).toBe(true);
    const free = await list('?max_price=0');
    for (const c of free.body.results) expect(c.price).toBe(0);
    expect(free.body.count).toBeGreaterThan(0);
  });

  it.each([
    ['page_size=100000', 'page_size'],
    ['page_size=0', 'page_size'],
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['page=1&page=2', 'page'],
    ['sort=cheapest', 'sort'],
    ['min_price=-1', 'min_price'],
    ['min_price=1.999', 'min_price'],
    ['max_price=abc', 'max_price'],
    ['min_price=50&max_price=10', 'min_price'],
    [`q=${'数'.repeat(101)}`, 'q'],
    [`category=${'x'.repeat(65)}`, 'category'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const res = await list(`?${query}`);
    expect(res.status).toBe(400);
    expect((res.body as unknown as ErrorBody).error.code).toBe('VALIDATION_ERROR');
    expect((res.body as unknown as ErrorBody).error.details?.fields?.map((f) => f.field)).toContain(field);
  });

  it('answers an unknown category with an empty list, not an error', async () => {
    const res = await list('?category=no-such-category');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(0);
  });
});

describe('GET /api/courses/{id}', () => {
  interface Detail extends CourseItem {
    chapters: Array<{ id: number; title: string; lessons: Array<{ id: number; title: string; kind: string; duration_s: number; free_preview: boolean; url: string | null }> }>;
    videos: Array<{ id: number; title: string; url: string | null }>;
    documents: Array<{ id: number; title: string; url: string | null }>;
  }

  it('shows chapters and lessons, with URLs only for free previews when anonymous', async () => {
    const found = (await list(`?q=${encodeURIComponent('数据科学入门')}`)).body.results.find((c) => c.name === '数据科学入门')!;
    const res = await app.request<Detail>('GET', `/api/courses/${found.id}/`);
    expect(res.status).toBe(200);
    expect(res.body.chapters.length).toBeGreaterThanOrEqual(2);
    const lessons = res.body.chapters.flatMap((c) => c.lessons);
    for (const lesson of lessons) if (!lesson.free_preview) expect(lesson.url).toBeNull();
    expect(lessons.some((l) => l.free_preview)).toBe(true);
    const kinds = new Set(lessons.map((l) => l.kind));
    expect(res.body.videos.length).toBe(lessons.filter((l) => l.kind === 'video').length);
    expect(res.body.documents.length).toBe(lessons.filter((l) => l.kind === 'document').length);
    expect(kinds.size).toBeGreaterThan(1);
  });

  it('answers 404 for unknown and unpublished courses and 400 for malformed ids', async () => {
    const missing = await app.request('GET', '/api/courses/999999/');
    expect(missing.status).toBe(404);
    expect((missing.body as ErrorBody).error.code).toBe('NOT_FOUND');
    const [draft] = await app.container.dataSource.query("SELECT id FROM courses WHERE status = 'DRAFT' LIMIT 1");
    expect((await app.request('GET', `/api/courses/${draft.id}/`)).status).toBe(404);
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999']) {
      const res = await app.request('GET', `/api/courses/${bad}/`);
      expect(res.status).toBe(400);
      expect((res.body as ErrorBody).error.details?.fields?.[0]?.field).toBe('id');
    }
  });
});
