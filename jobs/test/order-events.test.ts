import { bullConnection, jobIds, QUEUES, type CatalogEventJob, type OrderEventJob, type ReminderJob } from '@knowpay/server';
import { Queue, type Worker } from 'bullmq';
import type Redis from 'ioredis';
import {
  buildCourse,
  cashier,
  enroll,
  eventually,
  orderStatus,
  prepaidOrder,
  publishCourse,
  registerAdmin,
  registerCreator,
  registerWechatLearner,
  type Account,
} from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { bindChat, grantSubscribe, outboxJobsFor, outboxQueue, sandboxMessages } from '../../server/test/support/notifications';
import { catalogEventsWorker } from '../src/workers/catalog-events.worker';
import { orderEventsWorker } from '../src/workers/order-events.worker';
import { orderReminderWorker } from '../src/workers/order-reminder.worker';

let app: TestApp;
let connection: Redis;
let outbox: ReturnType<typeof outboxQueue>;
let orderEvents: Queue<OrderEventJob>;
let reminders: Queue<ReminderJob>;
let workers: Worker[];
let creator: Account;
let courseId: number;
let chapterId: number;

beforeAll(async () => {
  app = await startTestApp();
  connection = bullConnection(app.container.config.redisUrl);
  const prefix = app.container.config.redisPrefix;
  outbox = outboxQueue(app);
  orderEvents = new Queue<OrderEventJob>(QUEUES.orderEvents, { connection, prefix });
  reminders = new Queue<ReminderJob>(QUEUES.orderReminders, { connection, prefix });
  let admin: Account;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  const built = await buildCourse(app, creator, { name: '零基础学摄影', price: 99.9 });
  [courseId, chapterId] = [built.id, built.chapterId];
  await publishCourse(app, creator, admin, courseId);
  workers = [orderEventsWorker(app.container, connection, 4), orderReminderWorker(app.container, connection, 4), catalogEventsWorker(app.container, connection, 1)];
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all([orderEvents.close(), reminders.close(), outbox.close()]);
  connection.disconnect();
  await app.close();
});

const purchaseTemplate = () => app.container.config.notifications.templates.purchase!;

/** The consumer's answer for a job, once it has run. */
async function outcomeOf<T>(queue: Queue<T>, jobId: string): Promise<unknown> {
  return eventually(async () => {
    // The state first, then the job: a job read while still active carries no return value yet.
    if ((await queue.getJobState(jobId)) !== 'completed') return null;
    const job = await queue.getJob(jobId);
    return job ? { value: job.returnvalue as unknown } : null;
  }, 15).then((r) => r.value);
}

/** Delivers the same event again under another job id, as a retried or duplicated consumer would see it. */
async function replay(orderId: number): Promise<unknown> {
  const original = await orderEvents.getJob(jobIds.purchased(orderId));
  const jobId = `${jobIds.purchased(orderId)}-replay`;
  await orderEvents.add('purchased', original!.data, { jobId });
  return outcomeOf(orderEvents, jobId);
}

describe('notifications of a purchase made through WeChat Pay', () => {
  it('reach a learner bound in chat as exactly one outbox message', async () => {
    const { learner, order, prepayId } = await prepaidOrder(app, courseId);
    const contactId = await bindChat(app, learner.user.id);
    await grantSubscribe(app, learner.openid, [purchaseTemplate()]);

    await cashier(app, 'confirm', prepayId);
    expect(await outcomeOf(orderEvents, jobIds.purchased(order.id))).toBe('chat');
    expect(await replay(order.id)).toBe('duplicate');

    const jobs = await outboxJobsFor(outbox.queue, contactId);
    expect(jobs).toEqual([
      { id: `chat-purchase-${order.id}-${learner.user.id}`, data: { contactId, text: '购买成功：《零基础学摄影》，实付 ¥99.90。打开小程序即可开始学习。' } },
    ]);
    expect(await sandboxMessages(app, learner.openid)).toEqual([]);
  });

  it('reach an unbound learner who subscribed as exactly one subscribe message', async () => {
    const { learner, order, prepayId } = await prepaidOrder(app, courseId);
    const openid = learner.openid;
    // Two grants, so only the platform's own record can keep a retry from sending a second one.
    await grantSubscribe(app, openid, [purchaseTemplate()]);
    await grantSubscribe(app, openid, [purchaseTemplate()]);

    await cashier(app, 'confirm', prepayId);
    expect(await outcomeOf(orderEvents, jobIds.purchased(order.id))).toBe('subscribe');
    expect(await replay(order.id)).toBe('duplicate');

    const messages = await sandboxMessages(app, openid);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      template_id: purchaseTemplate(),
      page: `pages/course/index?id=${courseId}`,
      data: { thing1: { value: '零基础学摄影' }, amount2: { value: '¥99.90' } },
    });
  });

  it('tell a bound learner once their refund is done', async () => {
    const { learner, order, prepayId } = await prepaidOrder(app, courseId);
    const contactId = await bindChat(app, learner.user.id);
    await cashier(app, 'confirm', prepayId);
    await eventually(async () => (await orderStatus(app, order.id)) === 'PAID');
    const requested = await app.request<{ id: number }>('POST', `/api/orders/${order.id}/refund`, { token: learner.token, body: { reason: '买错了' } });
    expect(requested.status).toBe(201);
    expect((await app.request('POST', `/api/refunds/${requested.body.id}/approve`, { token: creator.token, body: {} })).status).toBe(200);

    expect(await outcomeOf(orderEvents, jobIds.refunded(requested.body.id))).toBe('chat');
    const refundJob = await outbox.queue.getJob(jobIds.chat('refund', requested.body.id, learner.user.id));
    expect(refundJob?.data).toEqual({ contactId, text: expect.stringContaining('《零基础学摄影》的 ¥99.90 已原路退回') });
  });
});

describe('the payment reminder', () => {
  it('reminds the buyer of an unpaid order, and not the one who paid', async () => {
    const unpaid = await prepaidOrder(app, courseId);
    const unpaidContact = await bindChat(app, unpaid.learner.user.id);
    const paid = await prepaidOrder(app, courseId);
    const paidContact = await bindChat(app, paid.learner.user.id);
    await cashier(app, 'confirm', paid.prepayId);
    await eventually(async () => (await orderStatus(app, paid.order.id)) === 'PAID');

    // Each order got its reminder when it was opened, due in ten minutes (900 s TTL): bring them forward.
    for (const orderId of [unpaid.order.id, paid.order.id]) await (await reminders.getJob(jobIds.reminder(orderId)))!.promote();
    expect(await outcomeOf(reminders, jobIds.reminder(unpaid.order.id))).toBe('chat');
    expect(await outcomeOf(reminders, jobIds.reminder(paid.order.id))).toBe('not-pending');

    const [reminder] = await outboxJobsFor(outbox.queue, unpaidContact);
    expect(reminder?.id).toBe(`chat-order-expiring-${unpaid.order.id}-${unpaid.learner.user.id}`);
    expect(reminder?.data.text).toMatch(/^你购买《零基础学摄影》的订单（¥99\.90）还有 \d+ 分钟就要关闭了，打开小程序继续支付。$/);
    expect((await outboxJobsFor(outbox.queue, paidContact)).map((j) => j.id)).toEqual([`chat-purchase-${paid.order.id}-${paid.learner.user.id}`]);
  });
});

describe('a new lesson', () => {
  it('reaches an enrolled, bound learner through the catalog-events worker', async () => {
    const learner = await registerWechatLearner(app);
    await enroll(app, learner.user.id, courseId);
    const contactId = await bindChat(app, learner.user.id);
    const lesson = await app.request<{ id: number }>('POST', `/api/creator/chapters/${chapterId}/lessons`, {
      token: creator.token,
      body: { title: '逆光人像', kind: 'video', duration_s: 600, free_preview: false },
    });
    expect(lesson.status).toBe(201);
    const events = new Queue<CatalogEventJob>(QUEUES.catalogEvents, { connection, prefix: app.container.config.redisPrefix });
    try {
      expect(await outcomeOf(events, jobIds.lessonAdded(lesson.body.id))).toMatchObject({ outcomes: { chat: expect.any(Number) } });
    } finally {
      await events.close();
    }
    const job = await outbox.queue.getJob(jobIds.chat('new-lesson', lesson.body.id, learner.user.id));
    expect(job?.data).toEqual({ contactId, text: '你在学的《零基础学摄影》更新了新课时「逆光人像」，打开小程序即可学习。' });
  });
});
