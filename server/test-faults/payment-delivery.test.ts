import type { QueryRunner } from 'typeorm';
import { brokenInvariants } from '../test/support/invariants';
import { startRig, type ChildHandle, type Rig } from './support/rig';
import { confirmPayment, eventually, openShop, statusOf, wechatLearner } from './support/shop';

/**
 * The API is away when WeChat Pay notifies: stopped before the learner pays, or killed while it is in
 * the middle of recording the payment. WeChat Pay (the sandbox) retries on its schedule; once an API is
 * back the payment is recorded exactly once: one enrollment, one sale.
 */
let rig: Rig;
let api: ChildHandle;
let courses: number[];
beforeAll(async () => {
  // WeChat's retry schedule at 1/500: retries over about three minutes, the first ones every few tens of ms.
  rig = await startRig({ notifyScale: 0.002 });
  api = await rig.startApi();
  courses = await openShop(rig, 2);
}, 120_000);
afterAll(() => rig?.close());

interface Attempt {
  outcome: string;
  status: number | null;
}

async function attempts(outTradeNo: string): Promise<Attempt[]> {
  const res = await fetch(`${rig.sandbox.url}/sandbox/pay/notifications?out_trade_no=${outTradeNo}`);
  return ((await res.json()) as { results: Attempt[] }).results;
}

async function openAndPrepay(openid: string, courseId: number) {
  const learner = await wechatLearner(rig, openid);
  const order = (await rig.request<{ id: number; out_trade_no: string }>('POST', '/api/orders/', { token: learner.token, body: { course: courseId } })).body;
  const pay = await rig.request<{ package: string }>('POST', `/api/orders/${order.id}/pay`, { token: learner.token });
  expect(pay.status).toBe(200);
  return { learner, order, prepayId: pay.body.package.slice('prepay_id='.length) };
}

async function recordedOnce(orderId: number, courseId: number, userId: number): Promise<void> {
  await eventually(async () => (await statusOf(rig, orderId)) === 'PAID', 120, `order ${orderId} PAID`);
  const [{ n }] = (await rig.db.query('SELECT COUNT(*) AS n FROM enrollments WHERE user_id = ? AND course_id = ? AND order_id = ?', [userId, courseId, orderId])) as [{ n: number | string }];
  expect(Number(n)).toBe(1);
  const [{ sales }] = (await rig.db.query("SELECT sales_count - (SELECT COUNT(*) FROM orders WHERE course_id = ? AND status = 'PAID') AS sales FROM courses WHERE id = ?", [courseId, courseId])) as [{ sales: number | string }];
  expect(Number(sales)).toBe(0);
  expect(await brokenInvariants(rig.db)).toEqual({});
}

it('records a payment notified while the API was down once WeChat Pay retries after it is back', async () => {
  const { learner, order, prepayId } = await openAndPrepay('o_fault_notify_down', courses[0]!);
  await api.kill('SIGTERM');
  expect(await confirmPayment(rig, prepayId)).toBe(200);
  // WeChat Pay tried and failed while nobody listened.
  await eventually(async () => (await attempts(order.out_trade_no)).filter((a) => a.outcome === 'will_retry').length >= 3, 30, 'failed attempts');
  expect(await statusOf(rig, order.id)).toBe('PENDING');

  api = await rig.startApi();
  await recordedOnce(order.id, courses[0]!, learner.userId);
  const tried = await attempts(order.out_trade_no);
  expect(tried.filter((a) => a.outcome === 'received')).toHaveLength(1);
});

it('records a payment exactly once when the API is killed in the middle of recording it', async () => {
  const { learner, order, prepayId } = await openAndPrepay('o_fault_notify_kill', courses[1]!);
  // Hold the order's row: the API's notification handler locks it first, so it stops inside its transaction.
  const holder: QueryRunner = rig.db.createQueryRunner();
  await holder.connect();
  await holder.startTransaction();
  await holder.query('SELECT id FROM orders WHERE id = ? FOR UPDATE', [order.id]);
  try {
    expect(await confirmPayment(rig, prepayId)).toBe(200);
    await eventually(async () => {
      const [{ n }] = (await rig.db.query("SELECT COUNT(*) AS n FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'")) as [{ n: number | string }];
      return Number(n) > 0;
    }, 30, 'the API waiting on the order inside its transaction');
    await api.kill('SIGKILL');
  } finally {
    await holder.rollbackTransaction();
    await holder.release();
  }
  // The killed API's transaction died with its connection: nothing half-done.
  expect(await statusOf(rig, order.id)).toBe('PENDING');

  api = await rig.startApi();
  await recordedOnce(order.id, courses[1]!, learner.userId);
});
