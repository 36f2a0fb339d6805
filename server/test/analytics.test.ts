import { addDays, localDay } from '../src/shared/zoned-time';
import { expectError } from './support/expect-error';
import { firstCategoryId, registerAdmin, registerCreator, registerUser, type Account } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';
import { insertRefund, insertSale, insertShop, insertStudySession, insertUnpaidOrder, insertUser, insertViews, shanghai, type Shop } from './support/sales';

let app: TestApp;
let creator: Account;
let admin: Account;
let shop: Shop;
let other: Shop;
let day: string;
let studious: number;
let browser: number;

interface ReportBody {
  from: string;
  to: string;
  computed_at: string | null;
  totals: { revenue: number; paid_orders: number; orders: number; refunds: number; refund_rate: number | null; views: number; new_learners: number };
  revenue_by_day: Array<{ date: string; revenue: number; paid_orders: number }>;
  courses: Array<{
    id: number;
    name: string;
    views: number;
    orders: number;
    paid_orders: number;
    revenue: number;
    refund_rate: number | null;
    conversion: { view_to_order: number | null; order_to_paid: number | null; view_to_paid: number | null };
    purchase_propensity: { learners: number; average: number | null };
  }>;
  activity: { period_days: number; learners: number; average_score: number | null; top: Array<{ user_id: number; sessions: number; average_session_minutes: number; score: number }> };
}

beforeAll(async () => {
  app = await startTestApp();
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  const categoryId = await firstCategoryId(app);
  shop = await insertShop(
    app,
    categoryId,
    [
      { name: '数据分析入门', priceFen: 9900 },
      { name: 'Python 实战', priceFen: 19900 },
    ],
    { id: creator.user.id },
  );
  other = await insertShop(app, categoryId, [{ name: '别人的课', priceFen: 4900 }]);
  const [basics, python] = shop.courseIds as [number, number];
  day = addDays(localDay(new Date(), 'Asia/Shanghai'), -3);

  // Two days of the creator's sales: basics is viewed 10 times, ordered 4 times, paid 3 times, refunded once.
  await insertViews(app, basics, null, shanghai(day, 8), 10);
  const sold = [];
  for (const hh of [9, 10]) sold.push(await insertSale(app, { userId: await insertUser(app, 'learner'), courseId: basics, amountFen: 9900, paidAt: shanghai(day, hh) }));
  await insertSale(app, { userId: await insertUser(app, 'learner'), courseId: basics, amountFen: 9900, paidAt: shanghai(addDays(day, 1), 23, 30) });
  await insertUnpaidOrder(app, { userId: await insertUser(app, 'learner'), courseId: basics, amountFen: 9900, at: shanghai(day, 12) });
  await insertRefund(app, sold[0]!, shanghai(addDays(day, 1), 9));
  await insertSale(app, { userId: await insertUser(app, 'learner'), courseId: python, amountFen: 19900, paidAt: shanghai(day, 14) });
  // Another creator's sale: on the platform's figures, not on this creator's.
  await insertSale(app, { userId: await insertUser(app, 'learner'), courseId: other.courseIds[0]!, amountFen: 4900, paidAt: shanghai(day, 15) });

  // The seed's example learner: 10 sessions of 2 hours within the 30-day period; another studied half an hour once.
  studious = await insertUser(app, 'learner');
  for (let i = 0; i < 10; i++) await insertStudySession(app, { userId: studious, courseId: basics, startedAt: new Date(Date.now() - (i + 1) * 24 * 3600_000), studiedS: 7200 });
  await insertStudySession(app, { userId: await insertUser(app, 'learner'), courseId: python, startedAt: new Date(Date.now() - 3600_000), studiedS: 1800 });
  // A signed-in learner who looked at both courses (and basics twice) without buying.
  browser = await insertUser(app, 'learner');
  await insertViews(app, basics, browser, new Date(Date.now() - 3600_000), 2);
  await insertViews(app, python, browser, new Date(Date.now() - 3600_000));

  await app.container.analytics.refresh(10);
});
afterAll(async () => {
  await app.close();
});

const report = (token: string, query = `?from=${day}&to=${addDays(day, 1)}`) => app.request<ReportBody>('GET', `/api/creator/analytics/${query}`, { token });

describe('creator analytics', () => {
  it('gives totals and revenue by day in the report time zone, counting only the creator’s courses', async () => {
    const res = await report(creator.token);
    expect(res.status).toBe(200);
    expect(res.body.computed_at).not.toBeNull();
    expect(res.body.totals).toMatchObject({ revenue: 99 * 3 + 199, paid_orders: 4, orders: 5, refunds: 1, refund_rate: 0.25, views: 10, new_learners: 4 });
    expect(res.body.revenue_by_day.map((d) => [d.date, d.revenue, d.paid_orders])).toEqual([
      [day, 99 * 2 + 199, 3],
      // 23:30 in Shanghai is 15:30 UTC: still this day here.
      [addDays(day, 1), 99, 1],
    ]);
  });

  it('gives each course its conversion from views to orders to payments, and its refund rate', async () => {
    const { courses } = (await report(creator.token)).body;
    const basics = courses.find((c) => c.id === shop.courseIds[0])!;
    expect(basics).toMatchObject({ views: 10, orders: 4, paid_orders: 3, revenue: 297, refund_rate: 0.3333 });
    expect(basics.conversion).toEqual({ view_to_order: 0.4, order_to_paid: 0.75, view_to_paid: 0.3 });
    const python = courses.find((c) => c.id === shop.courseIds[1])!;
    // Nobody viewed it in the period: no conversion to speak of, rather than a made-up 0%.
    expect(python.conversion).toEqual({ view_to_order: null, order_to_paid: 1, view_to_paid: null });
    expect(courses.map((c) => c.id).sort()).toEqual([...shop.courseIds].sort());
  });

  it('scores purchase propensity with the price normalized against the category median', async () => {
    const { courses } = (await report(creator.token)).body;
    // Category prices 49, 99, 199: median 99. Unrated (quality 0.5), the learner's only category (interest 1).
    // basics at the median: 0.5×0.5 + 0.3×0.5 + 0.2×1 = 0.6; python at twice it: 0.3 × 99/298 in place of 0.15.
    expect(courses.find((c) => c.id === shop.courseIds[0])!.purchase_propensity).toEqual({ learners: 1, average: 0.6 });
    expect(courses.find((c) => c.id === shop.courseIds[1])!.purchase_propensity).toEqual({ learners: 1, average: Number((0.25 + (0.3 * 9900) / 29_800 + 0.2).toFixed(4)) });
  });

  it('scores learner activity as N × T / t over the period', async () => {
    const { activity } = (await report(creator.token)).body;
    expect(activity.period_days).toBe(30);
    expect(activity.learners).toBe(2);
    expect(activity.top[0]).toMatchObject({ user_id: studious, sessions: 10, average_session_minutes: 120, score: 0.6667 });
    expect(activity.top[1]).toMatchObject({ sessions: 1, average_session_minutes: 30, score: Number((0.5 / 30).toFixed(4)) });
    expect(activity.average_score).toBeCloseTo((20 / 30 + 0.5 / 30) / 2, 4);
  });

  it('defaults to the last 30 days and refuses a bad range, naming the field', async () => {
    const res = await report(creator.token, '');
    expect(res.status).toBe(200);
    expect(res.body.revenue_by_day).toHaveLength(30);
    expect(res.body.to).toBe(localDay(new Date(), 'Asia/Shanghai'));
    expectError(await report(creator.token, '?from=2026-02-30'), 400, 'VALIDATION_ERROR', 'from');
    expectError(await report(creator.token, `?from=${day}&to=${addDays(day, -1)}`), 400, 'VALIDATION_ERROR', 'from');
    expectError(await report(creator.token, `?from=${addDays(day, -400)}&to=${day}`), 400, 'VALIDATION_ERROR', 'from');
  });

  it('is for creators', async () => {
    const learner = await registerUser(app);
    expect((await report(learner.token)).status).toBe(403);
    expect((await app.request('GET', '/api/creator/analytics/')).status).toBe(401);
  });
});

describe('admin analytics', () => {
  it('covers the whole platform', async () => {
    const res = await app.request<ReportBody>('GET', `/api/admin/analytics/?from=${day}&to=${addDays(day, 1)}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ revenue: 99 * 3 + 199 + 49, paid_orders: 5 });
    expect(res.body.courses.map((c) => c.name)).toEqual(['数据分析入门', 'Python 实战', '别人的课']);
    expect(res.body.activity.learners).toBe(2);
    expect((await app.request('GET', '/api/admin/analytics/', { token: creator.token })).status).toBe(403);
  });
});

describe('the refresh', () => {
  it('is idempotent: running it again changes no figure', async () => {
    const before = (await report(creator.token)).body;
    await app.container.analytics.refresh(10);
    const after = (await report(creator.token)).body;
    expect({ ...after, computed_at: null }).toEqual({ ...before, computed_at: null });
  });
});
