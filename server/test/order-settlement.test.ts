import { expectError } from './support/expect-error';
import { buildCourse, eventually, publishCourse, registerAdmin, registerCreator, registerWechatLearner, type Account } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

interface OrderBody {
  id: number;
  out_trade_no: string;
  status: string;
}

let app: TestApp;
let creator: Account;
let courseId: number;

beforeAll(async () => {
  // Notifications go nowhere here, so settling is what has to find out about payments.
  app = await startTestApp({ ORDER_TTL_SECONDS: '60', PAY_NOTIFY_URL: 'http://127.0.0.1:9/api/pay/wechat/notify' });
  let admin: Account;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  courseId = (await buildCourse(app, creator, { price: 19.9 })).id;
  await publishCourse(app, creator, admin, courseId);
});
afterAll(() => app.close());

async function prepaidOrder(): Promise<{ learner: Account; order: OrderBody; prepayId: string }> {
  const learner = await registerWechatLearner(app);
  const order = (await app.request<OrderBody>('POST', '/api/orders/', { token: learner.token, body: { course: courseId } })).body;
  const pay = await app.request<{ package: string }>('POST', `/api/orders/${order.id}/pay`, { token: learner.token });
  return { learner, order, prepayId: pay.body.package.slice('prepay_id='.length) };
}

const status = async (id: number) => (await app.container.dataSource.query('SELECT status FROM orders WHERE id = ?', [id]))[0].status as string;
const enrolled = async (userId: number) =>
  Number((await app.container.dataSource.query("SELECT COUNT(*) AS n FROM enrollments WHERE user_id = ? AND course_id = ? AND status = 'ACTIVE'", [userId, courseId]))[0].n);

function sandboxPost(path: string, body: unknown) {
  return fetch(`${app.sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Moves time past the order's expiry, for the server and the sandbox alike. */
function expire(): () => void {
  app.clock.advance(61);
  return () => app.clock.advance(-61);
}

describe('settling orders whose time is up', () => {
  it('leaves an order alone before it is due', async () => {
    const { order } = await prepaidOrder();
    expect(await app.container.orders.settle(order.id)).toBe('not-due');
    expect(await status(order.id)).toBe('PENDING');
  });

  it('expires an unpaid order and closes it at WeChat Pay, so it can no longer be paid', async () => {
    const { learner, order, prepayId } = await prepaidOrder();
    const restore = expire();
    try {
      expect(await app.container.orders.settle(order.id)).toBe('expired');
    } finally {
      restore();
    }
    expect(await status(order.id)).toBe('EXPIRED');
    const remote = await app.container.wechatPay.queryByOutTradeNo(order.out_trade_no);
    expect(remote.trade_state).toBe('CLOSED');
    expect((await sandboxPost('/sandbox/pay/confirm', { prepay_id: prepayId })).status).toBe(409);
    expectError(await app.request('POST', `/api/orders/${order.id}/pay`, { token: learner.token }), 409, 'ORDER_EXPIRED');
    // A new order can be opened afterwards.
    const next = await app.request<OrderBody>('POST', '/api/orders/', { token: learner.token, body: { course: courseId } });
    expect(next.status).toBe(201);
    expect(next.body.id).not.toBe(order.id);
  });

  it('expires an order that was never sent to WeChat Pay', async () => {
    const learner = await registerWechatLearner(app);
    const order = (await app.request<OrderBody>('POST', '/api/orders/', { token: learner.token, body: { course: courseId } })).body;
    const restore = expire();
    try {
      expect(await app.container.orders.settle(order.id)).toBe('expired');
    } finally {
      restore();
    }
    expect(await status(order.id)).toBe('EXPIRED');
  });

  it('honours a payment that wins the race against expiry: the lost notification is replaced by a query', async () => {
    const { learner, order, prepayId } = await prepaidOrder();
    expect((await sandboxPost('/sandbox/pay/confirm', { prepay_id: prepayId })).status).toBe(200);
    const restore = expire();
    try {
      expect(await app.container.orders.settle(order.id)).toBe('paid');
    } finally {
      restore();
    }
    expect(await status(order.id)).toBe('PAID');
    expect(await enrolled(learner.user.id)).toBe(1);
  });

  it('honours a payment notified after the order expired here', async () => {
    const { learner, order } = await prepaidOrder();
    const restore = expire();
    try {
      await app.container.orders.settle(order.id);
    } finally {
      restore();
    }
    expect(await status(order.id)).toBe('EXPIRED');
    // WeChat Pay says it was paid after all (e.g. the learner paid at the last second): the money is real.
    const remote = await app.container.wechatPay.queryByOutTradeNo(order.out_trade_no);
    await app.container.orders.applyPaidTransaction(
      { ...remote, trade_state: 'SUCCESS', transaction_id: '4200000000202611260000000001', success_time: new Date().toISOString() },
      'notify',
    );
    expect(await status(order.id)).toBe('PAID');
    expect(await enrolled(learner.user.id)).toBe(1);
  });

  it('keeps an order payable after a failed payment attempt, and expires it when its time is up', async () => {
    const { learner, order, prepayId } = await prepaidOrder();
    expect((await sandboxPost('/sandbox/pay/fail', { prepay_id: prepayId })).status).toBe(200);
    expect(await app.container.orders.settle(order.id)).toBe('not-due');
    const retry = await app.request<{ package: string }>('POST', `/api/orders/${order.id}/pay`, { token: learner.token });
    expect(retry.status).toBe(200);
    const restore = expire();
    try {
      expect(await app.container.orders.settle(order.id)).toBe('expired');
    } finally {
      restore();
    }
    expect(await status(order.id)).toBe('EXPIRED');
  });

  it('settles an overdue order when the learner opens a new one', async () => {
    const { learner, order, prepayId } = await prepaidOrder();
    expect((await sandboxPost('/sandbox/pay/confirm', { prepay_id: prepayId })).status).toBe(200);
    const restore = expire();
    try {
      const res = await app.request('POST', '/api/orders/', { token: learner.token, body: { course: courseId } });
      expectError(res, 409, 'ALREADY_ENROLLED');
    } finally {
      restore();
    }
    expect(await status(order.id)).toBe('PAID');
  });

  it('finds overdue orders for the sweeper', async () => {
    const { order } = await prepaidOrder();
    expect(await app.container.orders.overdue(1000, 0)).not.toContain(order.id);
    const restore = expire();
    try {
      expect(await app.container.orders.overdue(1000, 0)).toContain(order.id);
    } finally {
      restore();
    }
  });

  it('sees the notification eventually when it is delivered late (WeChat Pay retries)', async () => {
    const { order, prepayId } = await prepaidOrder();
    await sandboxPost('/sandbox/pay/confirm', { prepay_id: prepayId });
    const attempts = await eventually(async () => {
      const res = await fetch(`${app.sandbox.url}/sandbox/pay/notifications?out_trade_no=${order.out_trade_no}`);
      const log = (await res.json()) as { results: unknown[] };
      return log.results.length >= 2 ? log.results : undefined;
    });
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(await status(order.id)).toBe('PENDING');
  });
});
