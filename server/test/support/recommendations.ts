import { buildCourse, enroll, publishCourse, registerAdmin, registerCreator, registerUser, type Account } from './fixtures';
import type { TestApp } from './harness';

export type CourseKey = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G';

export interface CoPurchaseCatalog {
  creator: Account;
  admin: Account;
  /** Published A-F (A-D in "data", E-F in "design") and the draft G (in "data"). */
  courses: Record<CourseKey, number>;
}

/** A learner enrolled (granted) in the given courses: enrollments are signals like purchases. */
export async function learnerWith(app: TestApp, ...courseIds: number[]): Promise<Account> {
  const account = await registerUser(app);
  for (const id of courseIds) await enroll(app, account.user.id, id);
  return account;
}

async function category(app: TestApp, slug: string): Promise<number> {
  await app.container.dataSource.query('INSERT INTO categories (name, slug, sort_order) VALUES (?, ?, 0)', [`分类 ${slug}`, slug]);
  app.container.catalog.invalidateCategories();
  const [row] = (await app.container.dataSource.query('SELECT id FROM categories WHERE slug = ?', [slug])) as Array<{ id: number }>;
  return row!.id;
}

/**
 * Courses with planted co-purchases: 6 learners took A and B, 3 took A and C, 5 took B and D, 2 took E
 * and F. So A's learners also bought B first and C second; B's learners bought D; by popularity B (11)
 * leads A (10), D (5) and C (3).
 */
export async function coPurchaseCatalog(app: TestApp): Promise<CoPurchaseCatalog> {
  const [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  const [data, design] = [await category(app, 'data'), await category(app, 'design')];
  const courses = { A: 0, B: 0, C: 0, D: 0, E: 0, F: 0, G: 0 };
  for (const key of ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const) {
    const built = await buildCourse(app, creator, { name: `课程 ${key}`, category: 'EF'.includes(key) ? design : data });
    courses[key] = built.id;
    if (key !== 'G') await publishCourse(app, creator, admin, built.id);
  }
  const groups: Array<[number, number[]]> = [
    [6, [courses.A, courses.B]],
    [3, [courses.A, courses.C]],
    [5, [courses.B, courses.D]],
    [2, [courses.E, courses.F]],
  ];
  await Promise.all(groups.flatMap(([n, ids]) => Array.from({ length: n }, () => learnerWith(app, ...ids))));
  return { creator, admin, courses };
}

export interface Recommended {
  source: 'personal' | 'related' | 'popular';
  results: Array<{ id: number; name: string; price: number; price_fen: number; category: string; rating: number; cover_url: string | null; creator: { id: number; name: string } | null }>;
}

/** GET /api/me/recommendations as the token's learner (or anonymously): the course ids and the source. */
export async function recommendedTo(app: TestApp, token?: string): Promise<{ source: Recommended['source']; ids: number[] }> {
  const res = await app.request<Recommended>('GET', '/api/me/recommendations/', { token });
  if (res.status !== 200) throw new Error(`recommendations failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { source: res.body.source, ids: res.body.results.map((r) => r.id) };
}
