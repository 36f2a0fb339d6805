import { expectError } from './support/expect-error';
import { buildCourse, cashier, eventually, orderStatus, publishCourse, registerAdmin, registerCreator, registerUser, registerWechatLearner, type Account, type BuiltCourse } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

interface PlanBody {
  id: number;
  name: string;
  period: string;
  price_fen: number;
  all_courses: boolean;
}
interface OrderBody {
  id: number;
  item_type: string;
  course: number | null;
  plan: number | null;
  plan_name: string | null;
  status: string;
  amount_fen: number;
}
interface MembershipsBody {
  results: Array<{ plan: number; plan_name: string; starts_at: string; ends_at: string | null }>;
}

let app: TestApp;
let creator: Account;
let admin: Account;
let courseA: BuiltCourse;
let courseB: BuiltCourse;
let yearly: PlanBody;

beforeAll(async () => {
  app = await startTestApp();
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  courseA = await buildCourse(app, creator);
  courseB = await buildCourse(app, creator);
  await publishCourse(app, creator, admin, courseA.id);
  await publishCourse(app, creator, admin, courseB.id);
  const created = await app.request<PlanBody>('POST', '/api/creator/plans', { token: creator.token, body: { name: '年度会员', period: 'YEARLY', price_fen: 19900, all_courses: true } });
  expect(created.status).toBe(201);
  yearly = created.body;
});
afterAll(() => app.close());

const player = async (learner: Account, c: BuiltCourse) => (await app.request('GET', `/api/learning/lessons/${c.paidLessonId}`, { token: learner.token })).status;

/** A WeChat learner who opened, paid (sandbox cashier) and got the notification for a plan order. */
async function member(): Promise<{ learner: Account; order: OrderBody }> {
  const learner = await registerWechatLearner(app);
  const opened = await app.request<OrderBody>('POST', '/api/membership-orders', { token: learner.token, body: { plan: yearly.id } });
  expect(opened.status).toBe(201);
  expect(opened.body).toMatchObject({ item_type: 'membership', plan: yearly.id, course: null, plan_name: '年度会员', status: 'PENDING', amount_fen: 19900 });
  const again = await app.request<OrderBody>('POST', '/api/membership-orders', { token: learner.token, body: { plan: yearly.id } });
  expect([again.status, again.body.id]).toEqual([200, opened.body.id]);
  const pay = await app.request<{ package: string }>('POST', `/api/orders/${opened.body.id}/pay`, { token: learner.token });
  expect(pay.status).toBe(200);
  await cashier(app, 'confirm', pay.body.package.slice('prepay_id='.length));
  await eventually(async () => (await orderStatus(app, opened.body.id)) === 'PAID');
  return { learner, order: opened.body };
}

describe('buying a membership plan', () => {
  it('is an order like a course: paid through WeChat Pay, it opens every covered course', async () => {
    const { learner } = await member();
    expect([await player(learner, courseA), await player(learner, courseB)]).toEqual([200, 200]);
    const mine = await app.request<MembershipsBody>('GET', '/api/me/memberships', { token: learner.token });
    expect(mine.body.results).toEqual([expect.objectContaining({ plan: yearly.id, plan_name: '年度会员', ends_at: expect.any(String) })]);
    const days = (Date.parse(mine.body.results[0]!.ends_at!) - Date.parse(mine.body.results[0]!.starts_at)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(365);
    expect(days).toBeLessThanOrEqual(366);
  });

  it('a refunded plan order closes the courses again', async () => {
    const { learner, order } = await member();
    const requested = await app.request<{ id: number }>('POST', `/api/orders/${order.id}/refund`, { token: learner.token, body: { reason: '不想要了' } });
    expect(requested.status).toBe(201);
    // The plan's creator finds the request in their refund queue (it names no course).
    const queue = await app.request<{ results: Array<{ id: number; order: number }> }>('GET', '/api/refunds?status=REQUESTED', { token: creator.token });
    expect(queue.body.results).toEqual(expect.arrayContaining([expect.objectContaining({ id: requested.body.id, order: order.id })]));
    const approved = await app.request('POST', `/api/refunds/${requested.body.id}/approve`, { token: creator.token, body: { note: '同意' } });
    expect(approved.status).toBe(200);
    await eventually(async () => (await orderStatus(app, order.id)) === 'REFUNDED');
    expect([await player(learner, courseA), await player(learner, courseB)]).toEqual([403, 403]);
    expect((await app.request<MembershipsBody>('GET', '/api/me/memberships', { token: learner.token })).body.results).toEqual([]);
  });

  it('another creator cannot decide on the refund of a plan order', async () => {
    const other = await registerCreator(app);
    const { learner, order } = await member();
    const requested = await app.request<{ id: number }>('POST', `/api/orders/${order.id}/refund`, { token: learner.token, body: { reason: '不想要了' } });
    expectError(await app.request('POST', `/api/refunds/${requested.body.id}/approve`, { token: other.token, body: {} }), 404, 'NOT_FOUND');
    const theirs = await app.request<{ results: Array<{ id: number }> }>('GET', '/api/refunds', { token: other.token });
    expect(theirs.body.results.map((r) => r.id)).not.toContain(requested.body.id);
  });

  it('refuses a missing plan, the creator’s own plan, and bad plan input by field', async () => {
    const learner = await registerUser(app);
    expectError(await app.request('POST', '/api/membership-orders', { token: learner.token, body: { plan: 999999 } }), 404, 'NOT_FOUND');
    expectError(await app.request('POST', '/api/membership-orders', { token: creator.token, body: { plan: yearly.id } }), 403, 'OWN_PLAN');
    expectError(await app.request('POST', '/api/membership-orders', { token: learner.token, body: { plan: 'x' } }), 400, 'VALIDATION_ERROR', 'plan');
    expectError(await app.request('POST', '/api/creator/plans', { token: learner.token, body: { name: 'x', period: 'YEARLY', price_fen: 1, all_courses: true } }), 403, 'ROLE_REQUIRED');
    expectError(await app.request('POST', '/api/creator/plans', { token: creator.token, body: { name: '月卡', period: 'WEEKLY', price_fen: 1, all_courses: true } }), 400, 'VALIDATION_ERROR', 'period');
    expectError(await app.request('POST', '/api/creator/plans', { token: creator.token, body: { name: '月卡', period: 'MONTHLY', price_fen: 100 } }), 400, 'VALIDATION_ERROR', 'courses');
  });
});
