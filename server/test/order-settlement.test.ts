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
  registerWechatLearner,
  type Account,
} from './support/fixtures';
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

const prepaid = () => prepaidOrder(app, courseId);
const status = (id: number) => orderStatus(app, id);
const enrolled = async (userId: number) =>
  Number((await app.container.dataSource.query("SELECT COUNT(*) AS n FROM enrollments WHERE user_id = ? AND course_id = ? AND status = 'ACTIVE'", [userId, courseId]))[0].n);

/** Runs `work` with time moved past the order's expiry, for the server and the sandbox alike. */
async function afterExpiry<T>(work: () => Promise<T>): Promise<T> {
  app.clock.advance(61);
  try {
    return await work();
  } finally {
    app.clock.advance(-61);
  }
}

describe('settling orders whose time is up', () => {
  it('leaves an order alone before it is due', async () => {
    const { order } = await prepaid();
    expect(await app.container.orders.settle(order.id)).toBe('not-due');
    expect(await status(order.id)).toBe('PENDING');
  });

  it('expires an unpaid order and closes it at WeChat Pay, so it can no longer be paid', async () => {
    const { learner, order, prepayId } = await prepaid();
    await afterExpiry(async () => {
      expect(await app.container.orders.settle(order.id)).toBe('expired');
    });
    expect(await status(order.id)).toBe('EXPIRED');
    const remote = await app.container.wechatPay.queryByOutTradeNo(order.out_trade_no);
    expect(remote.trade_state).toBe('CLOSED');
    expect((await cashier(app, 'confirm', prepayId)).status).toBe(409);
    expectError(await app.request('POST', `/api/orders/${order.id}/pay`, { token: learner.token }), 409, 'ORDER_EXPIRED');
    // A new order can be opened afterwards.
    const next = await app.request<OrderBody>('POST', '/api/orders/', { token: learner.token, body: { course: courseId } });
    expect(next.status).toBe(201);
    expect(next.body.id).not.toBe(order.id);
  });

  it('expires an order that was never sent to WeChat Pay', async () => {
    const learner = await registerWechatLearner(app);
    const order = (await app.request<OrderBody>('POST', '/api/orders/', { token: learner.token, body: { course: courseId } })).body;
    await afterExpiry(async () => {
      expect(await app.container.orders.settle(order.id)).toBe('expired');
    });
    expect(await status(order.id)).toBe('EXPIRED');
  });

  it('honours a payment that wins the race against expiry: the lost notification is replaced by a query', async () => {
    const { learner, order, prepayId } = await prepaid();
    expect((await cashier(app, 'confirm', prepayId)).status).toBe(200);
    await afterExpiry(async () => {
      expect(await app.container.orders.settle(order.id)).toBe('paid');
    });
    expect(await status(order.id)).toBe('PAID');
    expect(await enrolled(learner.user.id)).toBe(1);
  });

  it('honours a payment notified after the order expired here', async () => {
    const { learner, order } = await prepaid();
    await afterExpiry(async () => {
      await app.container.orders.settle(order.id);
    });
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
    const { learner, order, prepayId } = await prepaid();
    expect((await cashier(app, 'fail', prepayId)).status).toBe(200);
    expect(await app.container.orders.settle(order.id)).toBe('not-due');
    const retry = await app.request<{ package: string }>('POST', `/api/orders/${order.id}/pay`, { token: learner.token });
    expect(retry.status).toBe(200);
    await afterExpiry(async () => {
      expect(await app.container.orders.settle(order.id)).toBe('expired');
    });
    expect(await status(order.id)).toBe('EXPIRED');
  });

  it('settles an overdue order when the learner opens a new one', async () => {
    const { learner, order, prepayId } = await prepaid();
    expect((await cashier(app, 'confirm', prepayId)).status).toBe(200);
    await afterExpiry(async () => {
      const res = await app.request('POST', '/api/orders/', { token: learner.token, body: { course: courseId } });
      expectError(res, 409, 'ALREADY_ENROLLED');
    });
    expect(await status(order.id)).toBe('PAID');
  });

  it('closes an order at WeChat Pay when the learner tries to pay in its last seconds', async () => {
    const { learner, order } = await prepaid();
    app.clock.advance(57);
    try {
      // Still NOTPAY at WeChat Pay (its time_expire is 3 s away): we close it there ourselves.
      expect((await app.container.wechatPay.queryByOutTradeNo(order.out_trade_no)).trade_state).toBe('NOTPAY');
      expectError(await app.request('POST', `/api/orders/${order.id}/pay`, { token: learner.token }), 409, 'ORDER_EXPIRED');
      expect((await app.container.wechatPay.queryByOutTradeNo(order.out_trade_no)).trade_state).toBe('CLOSED');
    } finally {
      app.clock.advance(-57);
    }
    expect(await status(order.id)).toBe('EXPIRED');
  });

  it('finds overdue orders for the sweeper', async () => {
    const { order } = await prepaid();
    expect(await app.container.orders.overdue(1000, 0)).not.toContain(order.id);
    await afterExpiry(async () => {
      expect(await app.container.orders.overdue(1000, 0)).toContain(order.id);
    });
  });

  it('sees the notification eventually when it is delivered late (WeChat Pay retries)', async () => {
    const { order, prepayId } = await prepaid();
    await cashier(app, 'confirm', prepayId);
    const attempts = await eventually(async () => {
      const res = await fetch(`${app.sandbox.url}/sandbox/pay/notifications?out_trade_no=${order.out_trade_no}`);
      const log = (await res.json()) as { results: unknown[] };
      return log.results.length >= 2 ? log.results : undefined;
    });
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(await status(order.id)).toBe('PENDING');
  });
});
