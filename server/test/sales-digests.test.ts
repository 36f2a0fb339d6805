import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/config';
import { addDays, localDay } from '../src/shared/zoned-time';
import { jobIds } from '../src/queues';
import { findCjkFont } from '../src/charts/png-chart.renderer';
import { firstCategoryId, registerCreator, registerUser, type Account } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';
import { bindChat, outboxJobsFor, outboxQueue } from './support/notifications';
import { insertQuestion, insertRefund, insertSale, insertShop, insertUnpaidOrder, insertUser, insertViews, shanghai, type Shop } from './support/sales';

/** Where tests leave pictures for people to look at (var/ is git-ignored). */
const ARTIFACTS = join(REPO_ROOT, 'var', 'test-artifacts');

let app: TestApp;
let outbox: ReturnType<typeof outboxQueue>;
let shop: Shop;
let creator: Account;
/** A finished day two days back, so the figures do not depend on the time the test runs. */
let day: string;
let cutoff: Date;

interface DigestBody {
  id: number;
  date: string;
  text: string;
  image_url: string;
  sent_to_chat: boolean;
  figures: {
    revenue: number;
    revenue_fen: number;
    orders: number;
    paid_orders: number;
    refunds: number;
    refunded_fen: number;
    new_learners: number;
    views: number;
    new_questions_open: number;
    unanswered_questions: number;
    day_over_day: { revenue: number | null; paid_orders: number | null };
    trend: Array<{ date: string; revenue: number; paid_orders: number; partial: boolean }>;
    top_courses: Array<{ id: number; name: string; revenue: number; paid_orders: number }>;
  };
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

beforeAll(async () => {
  app = await startTestApp();
  outbox = outboxQueue(app);
  creator = await registerCreator(app);
  await app.container.dataSource.query('UPDATE users SET display_name = ? WHERE id = ?', ['王老师', creator.user.id]);
  shop = await insertShop(
    app,
    await firstCategoryId(app),
    [
      { name: '数据分析入门', priceFen: 9900 },
      { name: 'Python 实战', priceFen: 19900 },
    ],
    { id: creator.user.id, name: '王老师' },
  );

  day = addDays(localDay(new Date(), 'Asia/Shanghai'), -2);
  cutoff = shanghai(day, 20);
  const [basics, python] = shop.courseIds as [number, number];
  const learner = () => insertUser(app, 'learner');
  // The day itself, until 20:00: three of one course, one of the other, one order never paid; one sale after 20:00.
  for (const hh of [9, 10, 19]) await insertSale(app, { userId: await learner(), courseId: basics, amountFen: 9900, paidAt: shanghai(day, hh) });
  await insertSale(app, { userId: await learner(), courseId: python, amountFen: 19900, paidAt: shanghai(day, 12) });
  await insertUnpaidOrder(app, { userId: await learner(), courseId: python, amountFen: 19900, at: shanghai(day, 13) });
  await insertSale(app, { userId: await learner(), courseId: basics, amountFen: 9900, paidAt: shanghai(day, 21) });
  // Yesterday: one sale before 20:00 (the day-over-day comparison), one after; the first is refunded today.
  const refunded = await insertSale(app, { userId: await learner(), courseId: basics, amountFen: 9900, paidAt: shanghai(addDays(day, -1), 8) });
  await insertSale(app, { userId: await learner(), courseId: python, amountFen: 19900, paidAt: shanghai(addDays(day, -1), 22) });
  await insertRefund(app, refunded, shanghai(day, 15));
  // The rest of the week.
  for (const [back, n] of [[6, 1], [5, 0], [4, 2], [3, 4], [2, 1]] as const) {
    for (let i = 0; i < n; i++) await insertSale(app, { userId: await learner(), courseId: i % 2 ? python : basics, amountFen: i % 2 ? 19900 : 9900, paidAt: shanghai(addDays(day, -back), 10 + i) });
  }
  const asker = await learner();
  await insertQuestion(app, { userId: asker, courseId: basics, at: shanghai(day, 11) });
  await insertQuestion(app, { userId: asker, courseId: basics, at: shanghai(day, 11, 30), answered: true });
  await insertQuestion(app, { userId: asker, courseId: python, at: shanghai(addDays(day, -5), 9) });
  await insertViews(app, basics, null, shanghai(day, 8), 10);
});
afterAll(async () => {
  await outbox.close();
  await app.close();
});

describe('a sales digest', () => {
  it('counts the day up to its cutoff against the same hours of yesterday, and is kept for the app', async () => {
    expect(await app.container.salesDigests.make(shop.creatorId, cutoff)).toBe('kept');

    const res = await app.request<{ count: number; results: DigestBody[] }>('GET', '/api/creator/digests/', { token: creator.token });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
    const digest = res.body.results[0]!;
    expect(digest.date).toBe(day);
    expect(digest.sent_to_chat).toBe(false);
    expect(digest.figures).toMatchObject({
      revenue: 496,
      revenue_fen: 49_600,
      orders: 5,
      paid_orders: 4,
      refunds: 1,
      refunded_fen: 9900,
      new_learners: 4,
      views: 10,
      new_questions_open: 1,
      unanswered_questions: 2,
      day_over_day: { revenue: 4.0101, paid_orders: 3 },
    });
    expect(digest.figures.trend.map((d) => [d.date, d.revenue, d.paid_orders, d.partial])).toEqual([
      [addDays(day, -6), 99, 1, false],
      [addDays(day, -5), 0, 0, false],
      [addDays(day, -4), 298, 2, false],
      [addDays(day, -3), 596, 4, false],
      [addDays(day, -2), 99, 1, false],
      [addDays(day, -1), 298, 2, false],
      [day, 496, 4, true],
    ]);
    expect(digest.figures.top_courses.map((c) => [c.name, c.revenue, c.paid_orders])).toEqual([
      ['数据分析入门', 297, 3],
      ['Python 实战', 199, 1],
    ]);
    expect(digest.text.split('\n').slice(0, 5)).toEqual([
      `【销售日报】${day}（截至 20:00）`,
      '收入 ¥496.00，较昨日同期 +401%',
      '支付订单 4 笔，较昨日同期 +300%（今日下单 5 笔）',
      '退款 1 笔，共 ¥99.00',
      '新增学员 4 人',
    ]);
    expect(digest.text).toContain('今日新提问 1 条待回答（共 2 条未回答）');
  });

  it('draws the week as a chart the app and the chat can fetch', async () => {
    const [digest] = (await app.request<{ results: DigestBody[] }>('GET', '/api/creator/digests/', { token: creator.token })).body.results;
    const image = await fetch(digest!.image_url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await image.arrayBuffer());
    expect(pngSize(png)).toEqual({ width: 800, height: 450 });
    // Without a font that has Chinese glyphs the chart's title and labels would be empty boxes.
    expect(findCjkFont(app.container.config.digest.fontFile)).not.toBeNull();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'sales-digest.png'), png);
    // The link is signed: without its signature the picture is refused.
    expect((await fetch(digest!.image_url.replace(/\?.*$/, ''))).status).toBe(403);
  });

  it('goes to a bound creator in chat exactly once, however often it is made again', async () => {
    const contactId = await bindChat(app, shop.creatorId);
    expect(await app.container.salesDigests.make(shop.creatorId, cutoff)).toBe('queued');
    expect(await app.container.salesDigests.make(shop.creatorId, cutoff)).toBe('already-queued');
    // A later run the same day (another cutoff) finds the day's digest and sends nothing more.
    expect(await app.container.salesDigests.make(shop.creatorId, new Date(cutoff.getTime() + 3600_000))).toBe('already-queued');

    const jobs = await outboxJobsFor(outbox.queue, contactId);
    expect(jobs.map((j) => j.id)).toEqual([jobIds.chat('digest', day, shop.creatorId)]);
    expect(jobs[0]!.data.text).toMatch(/^【销售日报】/);
    expect(jobs[0]!.data.file).toEqual({ name: `sales-digest-${day}.png`, url: expect.stringMatching(/\/media\/digests\/\d+\/[\d-]+\.png\?exp=\d+&sig=/) });
    expect((await fetch(jobs[0]!.data.file!.url)).status).toBe(200);
    const listed = await app.request<{ results: DigestBody[] }>('GET', '/api/creator/digests/', { token: creator.token });
    expect(listed.body.results.map((d) => d.sent_to_chat)).toEqual([true]);
  });

  it('is made for creators with sales or activity on the day only', async () => {
    const idle = await insertShop(app, await firstCategoryId(app), [{ name: '没人买的课', priceFen: 100 }]);
    const viewedOnly = await insertShop(app, await firstCategoryId(app), [{ name: '只有浏览的课', priceFen: 100 }]);
    await insertViews(app, viewedOnly.courseIds[0]!, null, shanghai(day, 9));
    const creators = await app.container.salesDigests.creatorsWithActivity(cutoff);
    expect(creators).toContain(shop.creatorId);
    expect(creators).toContain(viewedOnly.creatorId);
    expect(creators).not.toContain(idle.creatorId);
  });

  it('is listed to its creator only', async () => {
    const learner = await registerUser(app);
    expect((await app.request('GET', '/api/creator/digests/', { token: learner.token })).status).toBe(403);
    expect((await app.request('GET', '/api/creator/digests/')).status).toBe(401);
    const other = await registerUser(app);
    const promoted = await app.request<{ token: string }>('POST', '/api/me/become-creator', { token: other.token });
    const list = await app.request<{ count: number }>('GET', '/api/creator/digests/', { token: promoted.body.token });
    expect(list.body.count).toBe(0);
  });
});
