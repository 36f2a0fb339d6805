import type { PageBody as Page } from '../src/http/pagination';
import { expectError } from './support/expect-error';
import {
  buildCourse,
  cashier,
  eventually,
  orderStatus,
  prepaidOrder,
  publishCourse,
  registerAdmin,
  registerCreator,
  registerUser,
  registerWechatLearner,
  type Account,
  type OrderRef,
} from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

interface AdminUser {
  id: number;
  username: string;
  role: string;
}

interface FoundOrder {
  id: number;
  out_trade_no: string;
  status: string;
  course: number | null;
  course_name: string | null;
  plan: number | null;
  plan_name: string | null;
  creator: number | null;
  buyer: { id: number; username: string; name: string } | null;
  refund: { id: number; status: string; reason: string } | null;
}

let app: TestApp;
let admin: Account;
let creator: Account;
let learner: Account;
let courseId: number;
const courseName = `订单检索课 ${Date.now()}`;

beforeAll(async () => {
  app = await startTestApp();
  [admin, creator, learner] = await Promise.all([registerAdmin(app), registerCreator(app), registerUser(app)]);
  courseId = (await buildCourse(app, creator, { name: courseName, price: 19.9 })).id;
  await publishCourse(app, creator, admin, courseId);
});
afterAll(() => app.close());

describe('users and roles', () => {
  const users = (query: string, token = admin.token) => app.request<Page<AdminUser>>('GET', `/api/admin/users?${query}`, { token });
  const setRole = (id: number, role: unknown, token = admin.token) => app.request<AdminUser>('PATCH', `/api/admin/users/${id}`, { token, body: { role } });

  it('finds users by part of their username, and by role', async () => {
    const found = await users(`q=${learner.user.username.slice(1, 8)}`);
    expect(found.status).toBe(200);
    expect(found.body.results.map((u) => u.id)).toEqual([learner.user.id]);
    const admins = await users('role=admin&page_size=100');
    expect(admins.body.results.map((u) => u.id)).toContain(admin.user.id);
    expect(admins.body.results.every((u) => u.role === 'admin')).toBe(true);
  });

  it('changes a role, which takes effect on the next request, and audits it', async () => {
    const someone = await registerUser(app);
    expectError(await app.request('GET', '/api/creator/courses', { token: someone.token }), 403, 'ROLE_REQUIRED');
    const res = await setRole(someone.user.id, 'creator');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: someone.user.id, role: 'creator' });
    expect((await app.request('GET', '/api/creator/courses', { token: someone.token })).status).toBe(200);

    const audit = await app.request<Page<{ action: string; actor: { id: number }; details: Record<string, unknown> }>>('GET', `/api/admin/audit?subject_type=user&subject_id=${someone.user.id}`, {
      token: admin.token,
    });
    expect(audit.body.results).toEqual([expect.objectContaining({ action: 'user.role', actor: expect.objectContaining({ id: admin.user.id }), details: { from: 'learner', to: 'creator' } })]);
  });

  it("refuses an admin's own role, an unknown role and unknown users; only admins may ask", async () => {
    expectError(await setRole(admin.user.id, 'learner'), 409, 'OWN_ROLE');
    expectError(await setRole(learner.user.id, 'owner'), 400, 'VALIDATION_ERROR', 'role');
    expectError(await setRole(99999999, 'creator'), 404, 'NOT_FOUND');
    expectError(await setRole(learner.user.id, 'admin', creator.token), 403, 'ROLE_REQUIRED');
    expectError(await users('', learner.token), 403, 'ROLE_REQUIRED');
    expect((await users(`q=${learner.user.username}`)).body.results[0]?.role).toBe('learner');
  });
});

describe('orders', () => {
  let paid: { learner: Account; order: OrderRef };
  const search = (query: string, token = admin.token) => app.request<Page<FoundOrder>>('GET', `/api/admin/orders?${query}`, { token });
  const refund = (orderId: number, body: unknown = { reason: '客服处理：重复购买' }, token = admin.token) =>
    app.request<{ id: number; status: string; order: number }>('POST', `/api/admin/orders/${orderId}/refund`, { token, body });

  async function paidOrder(): Promise<{ learner: Account; order: OrderRef }> {
    const { learner: buyer, order, prepayId } = await prepaidOrder(app, courseId);
    expect((await cashier(app, 'confirm', prepayId)).status).toBe(200);
    await eventually(async () => (await orderStatus(app, order.id)) === 'PAID');
    return { learner: buyer, order };
  }

  beforeAll(async () => {
    paid = await paidOrder();
  });

  it('finds an order by its out_trade_no, its id, its buyer and its course, with buyer and course named', async () => {
    for (const q of [paid.order.out_trade_no, String(paid.order.id), paid.learner.user.username, courseName.slice(0, 6)]) {
      const res = await search(`q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.body.results.map((o) => o.id)).toContain(paid.order.id);
    }
    const [found] = (await search(`q=${paid.order.out_trade_no}`)).body.results;
    expect(found).toMatchObject({ id: paid.order.id, status: 'PAID', course: courseId, course_name: courseName, buyer: { id: paid.learner.user.id, username: paid.learner.user.username }, refund: null });
    expect((await search('q=no-such-order-anywhere')).body.count).toBe(0);
  });

  it('finds a membership order (a plan, no course) by its plan’s name, with the plan’s creator', async () => {
    const plan = await app.request<{ id: number }>('POST', '/api/creator/plans', { token: creator.token, body: { name: '客服测试年卡', period: 'YEARLY', price_fen: 9900, all_courses: true } });
    const member = await registerWechatLearner(app);
    const order = await app.request<{ id: number }>('POST', '/api/membership-orders', { token: member.token, body: { plan: plan.body.id } });
    expect(order.status).toBe(201);
    for (const q of ['客服测试年卡', String(order.body.id), member.user.username]) {
      expect((await search(`q=${encodeURIComponent(q)}`)).body.results.map((o) => o.id)).toContain(order.body.id);
    }
    const [found] = (await search(`q=${order.body.id}`)).body.results.filter((o) => o.id === order.body.id);
    expect(found).toMatchObject({ course: null, plan: plan.body.id, plan_name: '客服测试年卡', creator: creator.user.id, buyer: { id: member.user.id } });
  });

  it('filters by status, course and time, and names bad filters', async () => {
    const pending = await prepaidOrder(app, courseId);
    const paidOnly = await search(`course=${courseId}&status=PAID&page_size=100`);
    expect(paidOnly.body.results.map((o) => o.id)).toContain(paid.order.id);
    expect(paidOnly.body.results.map((o) => o.id)).not.toContain(pending.order.id);
    expect(paidOnly.body.results.every((o) => o.status === 'PAID' && o.course === courseId)).toBe(true);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await search(`course=${courseId}&from=${encodeURIComponent(future)}`)).body.count).toBe(0);
    expectError(await search('status=SHIPPED'), 400, 'VALIDATION_ERROR', 'status');
    expectError(await search('from=yesterday'), 400, 'VALIDATION_ERROR', 'from');
    expectError(await search('', creator.token), 403, 'ROLE_REQUIRED');
  });

  it('refunds a paid order in full: WeChat Pay pays back, access ends, and the refund is audited', async () => {
    const res = await refund(paid.order.id);
    expect(res.status).toBe(200);
    expect(['PROCESSING', 'SUCCEEDED']).toContain(res.body.status);
    await eventually(async () => (await orderStatus(app, paid.order.id)) === 'REFUNDED');
    const [found] = (await search(`q=${paid.order.out_trade_no}`)).body.results;
    expect(found).toMatchObject({ status: 'REFUNDED', refund: { status: 'SUCCEEDED', reason: '客服处理：重复购买' } });
    const enrolled = (await app.container.dataSource.query('SELECT status FROM enrollments WHERE user_id = ? AND course_id = ?', [paid.learner.user.id, courseId])) as Array<{ status: string }>;
    expect(enrolled[0]?.status).toBe('REVOKED');
    const audit = await app.request<Page<{ action: string; details: Record<string, unknown> }>>('GET', `/api/admin/audit?subject_type=order&subject_id=${paid.order.id}`, { token: admin.token });
    expect(audit.body.results[0]).toMatchObject({ action: 'order.refund', details: { reason: '客服处理：重复购买', amount_fen: 1990 } });
    expectError(await refund(paid.order.id), 409, 'ORDER_NOT_REFUNDABLE');
  });

  it("approves a learner's own request, and one a creator rejected", async () => {
    const asked = await paidOrder();
    const request = await app.request<{ id: number }>('POST', `/api/orders/${asked.order.id}/refund`, { token: asked.learner.token, body: { reason: '不想学了' } });
    expect(request.status).toBe(201);
    const res = await refund(asked.order.id);
    expect(res.body.id).toBe(request.body.id);
    await eventually(async () => (await orderStatus(app, asked.order.id)) === 'REFUNDED');

    const rejected = await paidOrder();
    const second = await app.request<{ id: number }>('POST', `/api/orders/${rejected.order.id}/refund`, { token: rejected.learner.token, body: { reason: '买错了' } });
    expect((await app.request('POST', `/api/refunds/${second.body.id}/reject`, { token: creator.token, body: { note: '已学习过半' } })).status).toBe(200);
    expect((await refund(rejected.order.id)).body.id).toBe(second.body.id);
    await eventually(async () => (await orderStatus(app, rejected.order.id)) === 'REFUNDED');
  });

  it('refuses unpaid orders, missing ones and bad reasons; only admins may refund this way', async () => {
    const pending = await prepaidOrder(app, courseId);
    expectError(await refund(pending.order.id), 409, 'ORDER_NOT_REFUNDABLE');
    expectError(await refund(99999999), 404, 'NOT_FOUND');
    expectError(await refund(pending.order.id, { reason: '' }), 400, 'VALIDATION_ERROR', 'reason');
    expectError(await refund(pending.order.id, undefined, creator.token), 403, 'ROLE_REQUIRED');
    expect(await orderStatus(app, pending.order.id)).toBe('PENDING');
  });
});
