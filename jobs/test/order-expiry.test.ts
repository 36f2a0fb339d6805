import { bullConnection, jobIds, QUEUES, type ExpiryJob } from '@knowpay/server';
import { Queue, type Worker } from 'bullmq';
import type Redis from 'ioredis';
import { buildCourse, cashier, eventually, orderStatus, prepaidOrder, publishCourse, registerAdmin, registerCreator } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { orderExpiryWorker } from '../src/workers/order-expiry.worker';
import { sweep } from '../src/workers/order-maintenance.worker';

let app: TestApp;
let connection: Redis;
let queue: Queue<ExpiryJob>;
let courseId: number;

beforeAll(async () => {
  // Orders live 3 s here, so the delayed jobs come due while the test waits.
  app = await startTestApp({ ORDER_TTL_SECONDS: '3' });
  connection = bullConnection(app.container.config.redisUrl);
  queue = new Queue<ExpiryJob>(QUEUES.orderExpiry, { connection, prefix: app.container.config.redisPrefix });
  const [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  courseId = (await buildCourse(app, creator, { price: 9.9 })).id;
  await publishCourse(app, creator, admin, courseId);
});
afterAll(async () => {
  await queue.close();
  connection.disconnect();
  await app.close();
});

const prepaid = () => prepaidOrder(app, courseId);
const status = (id: number) => orderStatus(app, id);

describe('the order-expiry worker', () => {
  let worker: Worker<ExpiryJob>;
  beforeAll(() => {
    worker = orderExpiryWorker(app.container, connection, 4);
  });
  afterAll(() => worker.close());

  it('queues one delayed job per order, however often it is scheduled', async () => {
    const { order } = await prepaid();
    await app.container.producers.schedule(order.id, new Date(Date.now() + 60_000));
    const job = await queue.getJob(jobIds.expiry(order.id));
    expect(job?.data.orderId).toBe(order.id);
    const delayed = await queue.getDelayed();
    expect(delayed.filter((j) => j.data.orderId === order.id)).toHaveLength(1);
  });

  it('expires an unpaid order when its time is up and closes it at WeChat Pay', async () => {
    const { order } = await prepaid();
    await eventually(async () => (await status(order.id)) === 'EXPIRED', 15);
    expect((await app.container.wechatPay.queryByOutTradeNo(order.out_trade_no)).trade_state).toBe('CLOSED');
  });

  it('turns an order paid at the last moment into PAID instead of EXPIRED', async () => {
    const { learner, order, prepayId } = await prepaid();
    await cashier(app, 'confirm', prepayId);
    await eventually(async () => (await status(order.id)) !== 'PENDING', 15);
    expect(await status(order.id)).toBe('PAID');
    const [{ n }] = await app.container.dataSource.query("SELECT COUNT(*) AS n FROM enrollments WHERE user_id = ? AND status = 'ACTIVE'", [learner.user.id]);
    expect(Number(n)).toBe(1);
  });
});

describe('the sweeper', () => {
  it('expires an order whose delayed job was lost', async () => {
    const { order } = await prepaid();
    // No worker runs here: remove the job as a Redis flush would, then let the time pass.
    await queue.remove(jobIds.expiry(order.id));
    expect(await queue.getJob(jobIds.expiry(order.id))).toBeUndefined();
    app.clock.advance(10);
    try {
      const result = await sweep(app.container, { graceSeconds: 0 });
      expect(result.settled.expired).toBeGreaterThanOrEqual(1);
    } finally {
      app.clock.advance(-10);
    }
    expect(await status(order.id)).toBe('EXPIRED');
    expect((await app.container.wechatPay.queryByOutTradeNo(order.out_trade_no)).trade_state).toBe('CLOSED');
  });
});
