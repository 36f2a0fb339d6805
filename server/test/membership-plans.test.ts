import { Queue } from 'bullmq';
import { localDay } from '../src/shared/zoned-time';
import { jobIds, QUEUES, type CatalogEventJob, type OrderEventJob } from '../src/queues';
import { expectError } from './support/expect-error';
import { buildCourse, cashier, enroll, eventually, orderStatus, publishCourse, registerAdmin, registerCreator, registerWechatLearner, type Account, type BuiltCourse } from './support/fixtures';
import { askPaidQuestion } from './support/paid-questions';
import { startTestApp, type TestApp } from './support/harness';
import { bindChat, outboxJobsFor, outboxQueue } from './support/notifications';

interface Offer {
  id: number;
  name: string;
  period: string;
  price_fen: number;
  trial_days: number;
  member: boolean;
  member_until: string | null;
  trial_available: boolean;
}
interface Offers {
  results: Offer[];
  member: boolean;
  member_until: string | null;
}
interface OwnPlan {
  id: number;
  name: string;
  price_fen: number;
  status: string;
  courses: number[];
  members: number;
  paid_orders: number;
  revenue_fen: number;
}
interface OrderBody {
  id: number;
  status: string;
  amount_fen: number;
  payment_method?: string;
}

let app: TestApp;
let creator: Account;
let admin: Account;
let courseA: BuiltCourse;
let courseB: BuiltCourse;
let outbox: ReturnType<typeof outboxQueue>;

const DAY = 86_400_000;

beforeAll(async () => {
  app = await startTestApp();
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  courseA = await buildCourse(app, creator);
  courseB = await buildCourse(app, creator);
  await publishCourse(app, creator, admin, courseA.id);
  await publishCourse(app, creator, admin, courseB.id);
  outbox = outboxQueue(app);
});
afterAll(async () => {
  await outbox.close();
  await app.close();
});

async function newPlan(body: Record<string, unknown>): Promise<{ id: number }> {
  const res = await app.request<{ id: number }>('POST', '/api/creator/plans', { token: creator.token, body: { all_courses: true, ...body } });
  expect(res.status).toBe(201);
  return res.body;
}

/** Opens a plan order and pays it in the sandbox cashier; resolves once the order is PAID. */
async function buy(learner: Account, planId: number): Promise<OrderBody> {
  const opened = await app.request<OrderBody>('POST', '/api/membership-orders', { token: learner.token, body: { plan: planId } });
  expect(opened.status).toBe(201);
  const pay = await app.request<{ package: string }>('POST', `/api/orders/${opened.body.id}/pay`, { token: learner.token });
  expect(pay.status).toBe(200);
  await cashier(app, 'confirm', pay.body.package.slice('prepay_id='.length));
  await eventually(async () => (await orderStatus(app, opened.body.id)) === 'PAID');
  return opened.body;
}

const player = async (learner: Account, c: BuiltCourse) => (await app.request('GET', `/api/learning/lessons/${c.paidLessonId}`, { token: learner.token })).status;
const memberships = async (learner: Account) =>
  (await app.request<{ results: Array<{ plan: number; starts_at: string; ends_at: string | null }> }>('GET', '/api/me/memberships', { token: learner.token })).body.results;

describe('plans on offer', () => {
  it('lists the plans covering a course cheapest first, and tells a member until when', async () => {
    const only = await app.request<{ id: number }>('POST', '/api/creator/plans', {
      token: creator.token,
      body: { name: '单课月卡', period: 'MONTHLY', price_fen: 990, courses: [courseA.id], trial_days: 7 },
    });
    const yearly = await newPlan({ name: '全站年卡', period: 'YEARLY', price_fen: 19900 });
    const learner = await registerWechatLearner(app);

    const forA = await app.request<Offers>('GET', `/api/courses/${courseA.id}/plans`, { token: learner.token });
    expect(forA.status).toBe(200);
    const ids = forA.body.results.map((p) => p.id);
    expect(ids.indexOf(only.body.id)).toBeLessThan(ids.indexOf(yearly.id));
    expect(forA.body.results.find((p) => p.id === only.body.id)).toMatchObject({ period: 'MONTHLY', price_fen: 990, trial_days: 7, member: false, trial_available: true });
    expect(forA.body.member).toBe(false);
    // Course B is not on the single-course plan.
    const forB = await app.request<Offers>('GET', `/api/courses/${courseB.id}/plans`);
    expect(forB.body.results.map((p) => p.id)).toContain(yearly.id);
    expect(forB.body.results.map((p) => p.id)).not.toContain(only.body.id);

    await buy(learner, yearly.id);
    const after = await app.request<Offers>('GET', `/api/courses/${courseB.id}/plans`, { token: learner.token });
    expect(after.body.member).toBe(true);
    const days = (Date.parse(after.body.member_until!) - Date.now()) / DAY;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(367);
    expect(after.body.results.find((p) => p.id === yearly.id)).toMatchObject({ member: true, member_until: after.body.member_until });

    const byCreator = await app.request<Offers>('GET', `/api/creators/${creator.user.id}/plans`);
    expect(byCreator.body.results.map((p) => p.id)).toEqual(expect.arrayContaining([only.body.id, yearly.id]));
    expectError(await app.request('GET', '/api/courses/99999999/plans'), 404, 'NOT_FOUND');
  });

  it('gives the creator their plans with members and sales; renames and reprices for new orders only', async () => {
    const plan = await newPlan({ name: '季度会员', period: 'MONTHLY', price_fen: 3000 });
    const [early, late] = await Promise.all([registerWechatLearner(app), registerWechatLearner(app)]);
    await buy(early, plan.id);
    const open = await app.request<OrderBody>('POST', '/api/membership-orders', { token: late.token, body: { plan: plan.id } });

    const patched = await app.request<{ name: string; price_fen: number }>('PATCH', `/api/creator/plans/${plan.id}`, { token: creator.token, body: { name: '月度会员', price_fen: 4500 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: '月度会员', price_fen: 4500 });
    // The order opened before keeps its price; a new learner pays the new one.
    expect((await app.request<OrderBody>('GET', `/api/orders/${open.body.id}`, { token: late.token })).body.amount_fen).toBe(3000);
    const newcomer = await registerWechatLearner(app);
    expect((await app.request<OrderBody>('POST', '/api/membership-orders', { token: newcomer.token, body: { plan: plan.id } })).body.amount_fen).toBe(4500);

    const mine = await app.request<{ results: OwnPlan[] }>('GET', '/api/creator/plans', { token: creator.token });
    expect(mine.body.results.find((p) => p.id === plan.id)).toMatchObject({ name: '月度会员', members: 1, paid_orders: 1, revenue_fen: 3000, status: 'ACTIVE' });
    expectError(await app.request('PATCH', `/api/creator/plans/${plan.id}`, { token: creator.token, body: {} }), 400, 'VALIDATION_ERROR');
    const stranger = await registerCreator(app);
    expectError(await app.request('PATCH', `/api/creator/plans/${plan.id}`, { token: stranger.token, body: { name: 'x' } }), 404, 'NOT_FOUND');
    expect((await app.request<{ results: OwnPlan[] }>('GET', '/api/creator/plans', { token: stranger.token })).body.results).toEqual([]);
  });

  it('a retired plan takes no new orders, renewals or trials; its members keep their term', async () => {
    const plan = await newPlan({ name: '即将下架', period: 'YEARLY', price_fen: 9900, trial_days: 3 });
    const [member, newcomer] = await Promise.all([registerWechatLearner(app), registerWechatLearner(app)]);
    await buy(member, plan.id);

    const retired = await app.request<{ status: string }>('POST', `/api/creator/plans/${plan.id}/retire`, { token: creator.token });
    expect([retired.status, retired.body.status]).toEqual([200, 'RETIRED']);
    expect((await app.request('POST', `/api/creator/plans/${plan.id}/retire`, { token: creator.token })).status).toBe(200);

    expectError(await app.request('POST', '/api/membership-orders', { token: member.token, body: { plan: plan.id } }), 409, 'PLAN_RETIRED');
    expectError(await app.request('POST', '/api/membership-orders', { token: newcomer.token, body: { plan: plan.id } }), 409, 'PLAN_RETIRED');
    expectError(await app.request('POST', '/api/memberships/trial', { token: newcomer.token, body: { plan: plan.id } }), 409, 'PLAN_RETIRED');
    expect((await app.request<Offers>('GET', `/api/courses/${courseA.id}/plans`)).body.results.map((p) => p.id)).not.toContain(plan.id);
    expect(await player(member, courseA)).toBe(200);
    expect(await player(newcomer, courseA)).toBe(403);
  });
});

describe('free trials', () => {
  it('run the trial days once per learner; buying during the trial extends from its end', async () => {
    const plan = await newPlan({ name: '试用年卡', period: 'YEARLY', price_fen: 12800, trial_days: 7 });
    const learner = await registerWechatLearner(app);
    expect(await player(learner, courseB)).toBe(403);

    // Two taps at once start one trial.
    const [first, second] = await Promise.all(
      [0, 1].map(() => app.request<OrderBody>('POST', '/api/memberships/trial', { token: learner.token, body: { plan: plan.id } })),
    );
    const statuses = [first!.status, second!.status].sort();
    expect(statuses).toEqual([201, 409]);
    const trial = first!.status === 201 ? first!.body : second!.body;
    expect(trial).toMatchObject({ status: 'PAID', amount_fen: 0 });
    expectError(await app.request('POST', '/api/memberships/trial', { token: learner.token, body: { plan: plan.id } }), 409, 'TRIAL_USED');

    expect(await player(learner, courseB)).toBe(200);
    const [held] = (await memberships(learner)).filter((m) => m.plan === plan.id);
    const trialEnd = Date.parse(held!.ends_at!);
    expect(Math.round((trialEnd - Date.parse(held!.starts_at)) / DAY)).toBe(7);
    const offers = await app.request<Offers>('GET', `/api/courses/${courseB.id}/plans`, { token: learner.token });
    expect(offers.body.results.find((p) => p.id === plan.id)).toMatchObject({ member: true, trial_available: false });

    await buy(learner, plan.id);
    const [renewed] = (await memberships(learner)).filter((m) => m.plan === plan.id);
    const days = (Date.parse(renewed!.ends_at!) - trialEnd) / DAY;
    expect(days).toBeGreaterThanOrEqual(365);
    expect(days).toBeLessThanOrEqual(366);
    // A trial is no sale.
    const mine = await app.request<{ results: OwnPlan[] }>('GET', '/api/creator/plans', { token: creator.token });
    expect(mine.body.results.find((p) => p.id === plan.id)).toMatchObject({ paid_orders: 1, revenue_fen: 12800 });

    // A learner who bought the plan before gets no trial either; a plan without trial days offers none.
    const buyer = await registerWechatLearner(app);
    await buy(buyer, plan.id);
    expectError(await app.request('POST', '/api/memberships/trial', { token: buyer.token, body: { plan: plan.id } }), 409, 'TRIAL_USED');
    const noTrial = await newPlan({ name: '无试用', period: 'MONTHLY', price_fen: 500 });
    expectError(await app.request('POST', '/api/memberships/trial', { token: buyer.token, body: { plan: noTrial.id } }), 409, 'NO_TRIAL');
    expectError(await app.request('POST', '/api/memberships/trial', { token: creator.token, body: { plan: plan.id } }), 403, 'OWN_PLAN');
  });

  it('ends after its days: the courses close again', async () => {
    const plan = await newPlan({ name: '三天体验', period: 'MONTHLY', price_fen: 1500, trial_days: 3 });
    const learner = await registerWechatLearner(app);
    expect((await app.request('POST', '/api/memberships/trial', { token: learner.token, body: { plan: plan.id } })).status).toBe(201);
    expect(await player(learner, courseA)).toBe(200);
    app.clock.advance(3 * 86_400 + 60);
    try {
      expect(await player(learner, courseA)).toBe(403);
    } finally {
      app.clock.advance(-(3 * 86_400 + 60));
    }
  });
});

describe('notices of paid plan and gift orders', () => {
  const purchaseEvent = async (orderId: number) => {
    const queue = new Queue<OrderEventJob>(QUEUES.orderEvents, { connection: outbox.connection, prefix: app.container.config.redisPrefix });
    try {
      const { data } = await eventually(() => queue.getJob(jobIds.purchased(orderId)));
      if (data.type !== 'purchased') throw new Error(`order ${orderId} has no purchase event`);
      return data;
    } finally {
      await queue.close();
    }
  };

  it('tell the member their term, and the gift buyer their code, in chat', async () => {
    const plan = await newPlan({ name: '通知年卡', period: 'YEARLY', price_fen: 9900 });
    const learner = await registerWechatLearner(app);
    const contactId = await bindChat(app, learner.user.id);
    const order = await buy(learner, plan.id);
    expect(await app.container.eventNotices.purchased(await purchaseEvent(order.id))).toBe('chat');

    const gift = await app.request<OrderBody>('POST', '/api/gift-orders', { token: learner.token, body: { course: courseA.id } });
    const pay = await app.request<{ package: string }>('POST', `/api/orders/${gift.body.id}/pay`, { token: learner.token });
    await cashier(app, 'confirm', pay.body.package.slice('prepay_id='.length));
    await eventually(async () => (await orderStatus(app, gift.body.id)) === 'PAID');
    expect(await app.container.eventNotices.purchased(await purchaseEvent(gift.body.id))).toBe('chat');
    const code = (await app.request<{ code: string }>('GET', `/api/orders/${gift.body.id}/gift`, { token: learner.token })).body.code;

    const texts = (await outboxJobsFor(outbox.queue, contactId)).map((j) => j.data.text);
    expect(texts).toEqual(expect.arrayContaining([expect.stringMatching(/会员开通成功：「通知年卡」.*有效期至 \d{4}-\d{2}-\d{2}/), expect.stringContaining(`兑换码是 ${code}`)]));

    const gifts = await app.request<{ results: Array<{ order: number; code: string; redeemed: boolean }> }>('GET', '/api/me/gifts', { token: learner.token });
    expect(gifts.body.results).toEqual([expect.objectContaining({ order: gift.body.id, code, redeemed: false })]);
    // The friend redeems it: the course is in their courses, and the buyer sees it redeemed.
    const friend = await registerWechatLearner(app);
    expect((await app.request('POST', '/api/redemption-codes/redeem', { token: friend.token, body: { code } })).status).toBe(200);
    const library = await app.request<{ results: Array<{ course: { id: number } }> }>('GET', '/api/learning/courses', { token: friend.token });
    expect(library.body.results.map((r) => r.course.id)).toEqual([courseA.id]);
    expect((await app.request<{ results: Array<{ redeemed: boolean }> }>('GET', '/api/me/gifts', { token: learner.token })).body.results[0]!.redeemed).toBe(true);
  });
});

describe('members studying covered courses', () => {
  it('are told of a new lesson like enrolled learners, once however many plans cover it', async () => {
    const seller = await registerCreator(app);
    const course = await buildCourse(app, seller);
    await publishCourse(app, seller, admin, course.id);
    const plans = await Promise.all(
      ['月卡', '年卡'].map(async (name) => (await app.request<{ id: number }>('POST', '/api/creator/plans', { token: seller.token, body: { name, period: 'MONTHLY', price_fen: 900, all_courses: true } })).body),
    );
    const [member, buyer] = await Promise.all([registerWechatLearner(app), registerWechatLearner(app)]);
    for (const plan of plans) await buy(member, plan.id);
    await enroll(app, buyer.user.id, course.id);
    const contactId = await bindChat(app, member.user.id);

    const lesson = await app.request<{ id: number }>('POST', `/api/creator/chapters/${course.chapterId}/lessons`, { token: seller.token, body: { title: '会员新课', kind: 'audio', duration_s: 60, free_preview: false } });
    const events = new Queue<CatalogEventJob>(QUEUES.catalogEvents, { connection: outbox.connection, prefix: app.container.config.redisPrefix });
    try {
      const job = await eventually(() => events.getJob(jobIds.lessonAdded(lesson.body.id)));
      expect(await app.container.eventNotices.lessonAdded(job.data)).toEqual({ learners: 2, outcomes: { chat: 1, skipped: 1 } });
    } finally {
      await events.close();
    }
    expect((await outboxJobsFor(outbox.queue, contactId)).map((j) => j.data.text)).toEqual(expect.arrayContaining([expect.stringContaining('「会员新课」')]));
  });

  it('see the courses they started in my courses, and earn the certificate', async () => {
    const plan = await newPlan({ name: '学习年卡', period: 'YEARLY', price_fen: 9900 });
    const learner = await registerWechatLearner(app);
    await buy(learner, plan.id);
    const library = async () => (await app.request<{ count: number; results: Array<{ course: { id: number }; progress: { percent: number } }> }>('GET', '/api/learning/courses', { token: learner.token })).body;
    // Not started yet: not listed.
    expect((await library()).count).toBe(0);

    for (const lessonId of [courseB.previewLessonId, courseB.paidLessonId]) {
      const res = await app.request('PUT', `/api/learning/lessons/${lessonId}/progress`, { token: learner.token, body: { position_s: 60, completed: true } });
      expect(res.status).toBe(200);
    }
    const listed = await library();
    expect(listed.count).toBe(1);
    expect(listed.results).toEqual([expect.objectContaining({ course: expect.objectContaining({ id: courseB.id }), progress: expect.objectContaining({ percent: 100 }) })]);

    const certificate = await app.container.certificates.issueIfEligible(learner.user.id, courseB.id);
    expect(certificate).toMatchObject({ userId: learner.user.id, courseId: courseB.id });

    // The course's assignments are theirs to hand in, as for a buyer.
    const assignment = await app.request<{ id: number }>('POST', `/api/creator/courses/${courseB.id}/assignments`, { token: creator.token, body: { title: '会员作业', prompt: '交一篇心得' } });
    const work = new FormData();
    work.append('text', '会员的心得');
    expect((await app.request('POST', `/api/assignments/${assignment.body.id}/works`, { token: learner.token, raw: work })).status).toBe(201);

    // A lapsed membership no longer lists the course (it opens nothing).
    await app.container.dataSource.query('UPDATE memberships SET ends_at = ? WHERE user_id = ?', [new Date(Date.now() - DAY), learner.user.id]);
    expect((await library()).count).toBe(0);
  });
});

describe("a creator's redemption codes", () => {
  it('are listed in batches with their redeemed state, and a batch downloads as CSV', async () => {
    const made = await app.request<{ codes: string[] }>('POST', `/api/creator/courses/${courseB.id}/redemption-codes`, { token: creator.token, body: { count: 3 } });
    expect(made.status).toBe(201);
    const learner = await registerWechatLearner(app);
    expect((await app.request('POST', '/api/redemption-codes/redeem', { token: learner.token, body: { code: made.body.codes[0] } })).status).toBe(200);

    const listed = await app.request<{ results: Array<{ batch: string; count: number; redeemed: number; codes: Array<{ code: string; redeemed: boolean }> }> }>(
      'GET',
      `/api/creator/courses/${courseB.id}/redemption-codes`,
      { token: creator.token },
    );
    expect(listed.status).toBe(200);
    const batch = listed.body.results.find((b) => b.codes.some((c) => c.code === made.body.codes[0]))!;
    expect(batch).toMatchObject({ count: 3, redeemed: 1 });

    const csv = await fetch(`${app.baseUrl}/api/creator/courses/${courseB.id}/redemption-codes.csv?batch=${encodeURIComponent(batch.batch)}`, { headers: { authorization: `Bearer ${creator.token}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('code,redeemed,redeemed_at');
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual([...made.body.codes].sort());
    expect(lines.find((l) => l.startsWith(made.body.codes[0]!))).toMatch(/,yes,\d{4}-/);

    const other = await registerCreator(app);
    expectError(await app.request('GET', `/api/creator/courses/${courseB.id}/redemption-codes`, { token: other.token }), 404, 'NOT_FOUND');
  });
});

describe('creator analytics', () => {
  it('count every paid order in the totals, and only course orders as a course’s sales', async () => {
    const seller = await registerCreator(app);
    const course = await buildCourse(app, seller, { price: 99.9 });
    await publishCourse(app, seller, admin, course.id);
    const plan = (await app.request<{ id: number }>('POST', '/api/creator/plans', { token: seller.token, body: { name: '店铺年卡', period: 'YEARLY', price_fen: 5000, all_courses: true, trial_days: 3 } })).body;
    const [member, giver, buyer, trier] = await Promise.all([registerWechatLearner(app), registerWechatLearner(app), registerWechatLearner(app), registerWechatLearner(app)]);
    await buy(member, plan.id);
    expect((await app.request('POST', '/api/memberships/trial', { token: trier.token, body: { plan: plan.id } })).status).toBe(201);
    for (const [learner, path] of [
      [giver, '/api/gift-orders'],
      [buyer, '/api/orders'],
    ] as const) {
      const order = await app.request<OrderBody>('POST', path, { token: learner.token, body: { course: course.id } });
      const pay = await app.request<{ package: string }>('POST', `/api/orders/${order.body.id}/pay`, { token: learner.token });
      await cashier(app, 'confirm', pay.body.package.slice('prepay_id='.length));
      await eventually(async () => (await orderStatus(app, order.body.id)) === 'PAID');
    }
    // A paid question to the creator: their money too, but not a sale of the course.
    await app.request('PUT', `/api/creator/courses/${course.id}/paid-questions/settings`, { token: seller.token, body: { enabled: true, price_fen: 1500, unlock_price_fen: 100 } });
    await askPaidQuestion(app, course.id);

    await app.container.analytics.refresh(1);
    const today = localDay(new Date(), app.container.config.digest.timeZone);
    const report = await app.request<{
      totals: { paid_orders: number; revenue_fen: number };
      other_sales: Record<'membership' | 'gift' | 'question' | 'unlock', { paid_orders: number; revenue_fen: number }>;
      courses: Array<{ id: number; paid_orders: number; revenue_fen: number }>;
    }>('GET', `/api/creator/analytics?from=${today}&to=${today}`, { token: seller.token });
    expect(report.status).toBe(200);
    expect(report.body.totals).toMatchObject({ paid_orders: 4, revenue_fen: 5000 + 9990 + 9990 + 1500 });
    expect(report.body.other_sales).toEqual({
      membership: expect.objectContaining({ paid_orders: 1, revenue_fen: 5000 }),
      gift: expect.objectContaining({ paid_orders: 1, revenue_fen: 9990 }),
      question: expect.objectContaining({ paid_orders: 1, revenue_fen: 1500 }),
      unlock: expect.objectContaining({ paid_orders: 0, revenue_fen: 0 }),
    });
    expect(report.body.courses).toEqual([expect.objectContaining({ id: course.id, paid_orders: 1, revenue_fen: 9990 })]);
  });
});
