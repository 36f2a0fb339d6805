import { expectError } from './support/expect-error';
import { buildCourse, cashier, eventually, orderStatus, prepaidOrder, publishCourse, registerAdmin, registerCreator, registerUser, type Account } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

interface OrderBody {
  id: number;
  out_trade_no: string;
  status: string;
  amount_fen: number;
}
interface RefundBody {
  id: number;
  order: number;
  status: string;
  amount_fen: number;
  reason: string;
  decision_note: string | null;
  failure_reason: string | null;
}
interface Detail {
  enrolled: boolean;
  sales_count: number;
  chapters: Array<{ lessons: Array<{ free_preview: boolean; url: string | null }> }>;
}

let app: TestApp;
let creator: Account;
let admin: Account;
let courseId: number;

beforeAll(async () => {
  // Tokens outlive the refund window here, so the window is what the late request meets.
  app = await startTestApp({ REFUND_WINDOW_DAYS: '7', JWT_TTL_S: String(30 * 24 * 3600) });
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  courseId = (await buildCourse(app, creator, { price: 49.9 })).id;
  await publishCourse(app, creator, admin, courseId);
});
afterAll(() => app.close());

/** A learner who bought the course through the sandbox, the notification delivered. */
async function buyer(): Promise<{ learner: Account; order: OrderBody }> {
  const { learner, order, prepayId } = await prepaidOrder(app, courseId);
  await cashier(app, 'confirm', prepayId);
  await eventually(async () => (await app.request<OrderBody>('GET', `/api/orders/${order.id}/`, { token: learner.token })).body.status === 'PAID');
  return { learner, order };
}

const requestRefund = (token: string, orderId: number, reason: unknown = '内容和介绍不符') =>
  app.request<RefundBody>('POST', `/api/orders/${orderId}/refund`, { token, body: { reason } });
const status = (id: number) => orderStatus(app, id);

describe('refunds', () => {
  it('runs request → approve → WeChat Pay refund → REFUND.SUCCESS → access revoked', async () => {
    const { learner, order } = await buyer();
    const sales = (await app.request<Detail>('GET', `/api/courses/${courseId}/`)).body.sales_count;
    const requested = await requestRefund(learner.token, order.id);
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ order: order.id, status: 'REQUESTED', amount_fen: 4990 });
    expectError(await requestRefund(learner.token, order.id), 409, 'REFUND_EXISTS');

    const queue = await app.request<{ results: RefundBody[] }>('GET', '/api/refunds/?status=REQUESTED', { token: creator.token });
    expect(queue.body.results.map((r) => r.id)).toContain(requested.body.id);

    const approved = await app.request<RefundBody>('POST', `/api/refunds/${requested.body.id}/approve`, { token: creator.token, body: { note: '同意' } });
    expect(approved.status).toBe(200);
    expect(['PROCESSING', 'SUCCEEDED']).toContain(approved.body.status);
    expectError(await app.request('POST', `/api/refunds/${requested.body.id}/approve`, { token: creator.token, body: {} }), 409, 'REFUND_ALREADY_DECIDED');

    await eventually(async () => (await status(order.id)) === 'REFUNDED');
    const mine = await app.request<RefundBody>('GET', `/api/orders/${order.id}/refund`, { token: learner.token });
    expect(mine.body.status).toBe('SUCCEEDED');
    const detail = await app.request<Detail>('GET', `/api/courses/${courseId}/`, { token: learner.token });
    expect(detail.body.enrolled).toBe(false);
    expect(detail.body.chapters.flatMap((c) => c.lessons).filter((l) => !l.free_preview).every((l) => l.url === null)).toBe(true);
    expect(detail.body.sales_count).toBe(sales - 1);

    // WeChat Pay refuses to pay back more than was paid.
    await expect(
      app.container.wechatPay.refund({ outTradeNo: order.out_trade_no, outRefundNo: `EXTRA${order.id}`, refundFen: 1, totalFen: order.amount_fen }),
    ).rejects.toMatchObject({ code: 'NOT_ENOUGH' });
  });

  it('lets the decider reject with a note; the order stays paid', async () => {
    const { learner, order } = await buyer();
    const refund = (await requestRefund(learner.token, order.id)).body;
    expectError(await app.request('POST', `/api/refunds/${refund.id}/reject`, { token: creator.token, body: {} }), 400, 'VALIDATION_ERROR', 'note');
    const rejected = await app.request<RefundBody>('POST', `/api/refunds/${refund.id}/reject`, { token: admin.token, body: { note: '已学习超过一半' } });
    expect(rejected.body).toMatchObject({ status: 'REJECTED', decision_note: '已学习超过一半' });
    expect(await status(order.id)).toBe('PAID');
  });

  it('marks the refund FAILED and says why when WeChat Pay refuses it', async () => {
    const { learner, order } = await buyer();
    const refund = (await requestRefund(learner.token, order.id)).body;
    // Someone already refunded the whole amount outside the platform.
    await app.container.wechatPay.refund({ outTradeNo: order.out_trade_no, outRefundNo: `OUTSIDE${order.id}`, refundFen: order.amount_fen, totalFen: order.amount_fen });
    const res = await app.request<RefundBody>('POST', `/api/refunds/${refund.id}/approve`, { token: creator.token, body: {} });
    expectError(res, 502, 'UPSTREAM_ERROR');
    const mine = await app.request<RefundBody>('GET', `/api/orders/${order.id}/refund`, { token: learner.token });
    expect(mine.body.status).toBe('FAILED');
    expect(mine.body.failure_reason).toContain('NOT_ENOUGH');
  });

  it('keeps refunds to the buyer, the course creator and admins', async () => {
    const { learner, order } = await buyer();
    const [stranger, otherCreator] = await Promise.all([registerUser(app), registerCreator(app)]);
    expectError(await requestRefund(stranger.token, order.id), 404, 'NOT_FOUND');
    const refund = (await requestRefund(learner.token, order.id)).body;
    expectError(await app.request('GET', '/api/refunds/', { token: learner.token }), 403, 'ROLE_REQUIRED');
    expectError(await app.request('POST', `/api/refunds/${refund.id}/approve`, { token: otherCreator.token, body: {} }), 404, 'NOT_FOUND');
    expect((await app.request<{ count: number }>('GET', '/api/refunds/', { token: otherCreator.token })).body.count).toBe(0);
    expectError(await app.request('GET', `/api/orders/${order.id}/refund`, { token: stranger.token }), 404, 'NOT_FOUND');
  });

  it('refuses refunds of unpaid and free orders, after the window, and without a reason', async () => {
    const learner = await registerUser(app);
    const pending = (await app.request<OrderBody>('POST', '/api/orders/', { token: learner.token, body: { course: courseId } })).body;
    expectError(await requestRefund(learner.token, pending.id), 409, 'ORDER_NOT_REFUNDABLE');

    const free = (await buildCourse(app, creator, { price: 0 })).id;
    await publishCourse(app, creator, admin, free);
    const freeOrder = (await app.request<OrderBody>('POST', '/api/orders/', { token: learner.token, body: { course: free } })).body;
    expectError(await requestRefund(learner.token, freeOrder.id), 409, 'ORDER_NOT_REFUNDABLE');

    const { learner: late, order } = await buyer();
    expectError(await requestRefund(late.token, order.id, ''), 400, 'VALIDATION_ERROR', 'reason');
    app.clock.advance(8 * 24 * 3600);
    try {
      expectError(await requestRefund(late.token, order.id), 409, 'REFUND_WINDOW_CLOSED');
    } finally {
      app.clock.advance(-8 * 24 * 3600);
    }
  });
});
