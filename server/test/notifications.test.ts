import { createServer, type AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { NotificationService } from '../src/domain/notifications/notification.service';
import { purchaseNotice, type LearnerNotice } from '../src/domain/notifications/notices';
import { ServiceUnavailableError } from '../src/errors';
import { createLogger } from '../src/logger';
import { jobIds, QUEUES, type CatalogEventJob, type LearnerNoticeJob, type ReminderJob } from '../src/queues';
import { MiniProgramClient } from '../src/wechat/mini-program.client';
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
  registerUser,
  registerWechatLearner,
  type Account,
  type OrderRef,
} from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';
import { bindChat, grantSubscribe, outboxJobsFor, outboxQueue, sandboxMessages } from './support/notifications';

let app: TestApp;
let outbox: ReturnType<typeof outboxQueue>;
let creator: Account;
let admin: Account;
let courseId: number;
let nextKey = 1_000_000 + Math.floor(Math.random() * 1_000_000);

beforeAll(async () => {
  app = await startTestApp();
  outbox = outboxQueue(app);
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  courseId = (await buildCourse(app, creator, { name: '摄影入门', price: 99.9 })).id;
  await publishCourse(app, creator, admin, courseId);
});
afterAll(async () => {
  await outbox.close();
  await app.close();
});

const templates = () => app.container.config.notifications.templates;

/** A purchase notice of a fresh event, as the order-events consumer builds it. */
function notice(userId: number): LearnerNotice {
  return purchaseNotice({ orderId: nextKey++, userId, courseId, courseName: '摄影入门', amountFen: 9990, paidAt: new Date() }, templates().purchase);
}

function queueOf<T>(name: string): Queue<T> {
  return new Queue<T>(name, { connection: outbox.connection, prefix: app.container.config.redisPrefix });
}

describe('NotificationService.notify', () => {
  it('puts exactly one message in the bot outbox for a learner bound in chat, however often it is retried', async () => {
    const learner = await registerWechatLearner(app);
    const contactId = await bindChat(app, learner.user.id);
    // Subscribed too: chat still wins, and nothing goes out as a subscribe message.
    await grantSubscribe(app, learner.openid, [templates().purchase!]);
    const n = notice(learner.user.id);

    expect(await app.container.notifications.notify(n)).toBe('chat');
    expect(await app.container.notifications.notify(n)).toBe('duplicate');
    expect(await app.container.notifications.notify(n)).toBe('duplicate');

    const job = await outbox.queue.getJob(jobIds.chat('purchase', n.key, learner.user.id));
    expect(job?.id).toBe(`chat-purchase-${n.key}-${learner.user.id}`);
    expect(job?.data).toEqual({ contactId, text: n.text });
    expect(job?.opts.attempts).toBeGreaterThan(1);
    expect(await outboxJobsFor(outbox.queue, contactId)).toHaveLength(1);
    expect(await sandboxMessages(app, learner.openid)).toEqual([]);
  });

  it('sends exactly one subscribe message to an unbound WeChat learner who subscribed, however often it is retried', async () => {
    const learner = await registerWechatLearner(app);
    // Two grants: only our own record can keep the retry from using the second one.
    await grantSubscribe(app, learner.openid, [templates().purchase!]);
    await grantSubscribe(app, learner.openid, [templates().purchase!]);
    const n = notice(learner.user.id);

    expect(await app.container.notifications.notify(n)).toBe('subscribe');
    expect(await app.container.notifications.notify(n)).toBe('duplicate');

    const messages = await sandboxMessages(app, learner.openid);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ template_id: templates().purchase, page: `pages/course/index?id=${courseId}`, data: n.subscribe!.data });
  });

  it('sends one message when the same notice is delivered concurrently', async () => {
    const learner = await registerWechatLearner(app);
    for (let i = 0; i < 3; i++) await grantSubscribe(app, learner.openid, [templates().purchase!]);
    const n = notice(learner.user.id);
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => app.container.notifications.notify(n)));
    expect(outcomes.sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'subscribe']);
    expect(await sandboxMessages(app, learner.openid)).toHaveLength(1);
  });

  it('skips a learner who did not subscribe, and a later retry may still deliver', async () => {
    const learner = await registerWechatLearner(app);
    const n = notice(learner.user.id);
    expect(await app.container.notifications.notify(n)).toBe('skipped');
    expect(await sandboxMessages(app, learner.openid)).toEqual([]);

    await grantSubscribe(app, learner.openid, [templates().purchase!]);
    expect(await app.container.notifications.notify(n)).toBe('subscribe');
    expect(await sandboxMessages(app, learner.openid)).toHaveLength(1);
  });

  it('skips a learner who is neither bound in chat nor signed in with WeChat, and a notice without a template', async () => {
    const learner = await registerUser(app);
    expect(await app.container.notifications.notify(notice(learner.user.id))).toBe('skipped');
    const wechat = await registerWechatLearner(app);
    await grantSubscribe(app, wechat.openid, [templates().purchase!]);
    expect(await app.container.notifications.notify({ ...notice(wechat.user.id), subscribe: null })).toBe('skipped');
    expect(await sandboxMessages(app, wechat.openid)).toEqual([]);
  });

  it('takes its record back when WeChat cannot be reached, so the retried job sends', async () => {
    const learner = await registerWechatLearner(app);
    await grantSubscribe(app, learner.openid, [templates().purchase!]);
    const n = notice(learner.user.id);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const logger = createLogger('silent');
    const unreachable = new MiniProgramClient({ apiBase: deadUrl, appid: 'wx0', appSecret: 'x', logger });
    const { chatBindings, producers, clock, dataSource } = app.container;
    const offline = new NotificationService(dataSource, chatBindings, producers, unreachable, clock, logger);
    await expect(offline.notify(n)).rejects.toBeInstanceOf(ServiceUnavailableError);

    expect(await app.container.notifications.notify(n)).toBe('subscribe');
    expect(await sandboxMessages(app, learner.openid)).toHaveLength(1);
  });
});

describe('question events', () => {
  let learner: Account & { openid: string };
  beforeAll(async () => {
    learner = await registerWechatLearner(app);
    await enroll(app, learner.user.id, courseId);
  });

  it('forwards a new question to its bound creator in chat, starting with the #Q marker', async () => {
    const creatorContact = await bindChat(app, creator.user.id);
    const q = await app.container.questions.ask({ id: learner.user.id, role: 'learner' }, courseId, '光圈和快门\n怎么配合？', 'chat');
    const job = await outbox.queue.getJob(jobIds.chat('asked', q.id, creator.user.id));
    expect(job?.data.contactId).toBe(creatorContact);
    expect(job?.data.text).toMatch(new RegExp(`^#Q${q.id} 新提问：《摄影入门》.+：光圈和快门 怎么配合？（回复本消息，或发送「#Q${q.id} 你的回答」即可作答）$`));
    await app.container.chatBindings.unbind(creator.user.id);
  });

  it('tells an unbound creator nothing in chat', async () => {
    const q = await app.container.questions.ask({ id: learner.user.id, role: 'learner' }, courseId, '需要什么相机？', 'app');
    expect(await outbox.queue.getJob(jobIds.chat('asked', q.id, creator.user.id))).toBeUndefined();
  });

  it('queues the answer for the asker, and its delivery reaches them once', async () => {
    const q = await app.container.questions.ask({ id: learner.user.id, role: 'learner' }, courseId, '手机可以学吗？', 'app');
    await app.container.questions.answer({ id: creator.user.id, role: 'creator' }, q.id, '可以，课程里的练习都能用手机完成。');
    const notices = queueOf<LearnerNoticeJob>(QUEUES.learnerNotices);
    try {
      const job = await notices.getJob(`notice-answer-${q.id}-${learner.user.id}`);
      expect(job?.data).toMatchObject({ kind: 'answer', key: String(q.id), userId: learner.user.id });
      expect(job?.data.text).toContain('答：可以，课程里的练习都能用手机完成。');
      await grantSubscribe(app, learner.openid, [templates().answer!]);
      expect(await app.container.notifications.notify(job!.data)).toBe('subscribe');
      expect(await app.container.notifications.notify(job!.data)).toBe('duplicate');
      const [message] = (await sandboxMessages(app, learner.openid)).filter((m) => m.template_id === templates().answer);
      expect(message?.data.thing2).toEqual({ value: '手机可以学吗？' });
    } finally {
      await notices.close();
    }
  });
});

describe('a new lesson in a published course', () => {
  it('is queued once per lesson, only for published courses, and reaches each active learner once', async () => {
    const built = await buildCourse(app, creator, { name: '人像摄影' });
    const events = queueOf<CatalogEventJob>(QUEUES.catalogEvents);
    try {
      const addLesson = (title: string) =>
        app.request<{ id: number }>('POST', `/api/creator/chapters/${built.chapterId}/lessons`, {
          token: creator.token,
          body: { title, kind: 'video', duration_s: 300, free_preview: false },
        });
      // A draft course has no learners to tell.
      const draft = await addLesson('草稿课时');
      expect(await events.getJob(jobIds.lessonAdded(draft.body.id))).toBeUndefined();

      await publishCourse(app, creator, admin, built.id);
      const [bound, subscribed, refunded] = await Promise.all([registerWechatLearner(app), registerWechatLearner(app), registerWechatLearner(app)]);
      for (const l of [bound, subscribed, refunded]) await enroll(app, l.user.id, built.id);
      await app.container.dataSource.query("UPDATE enrollments SET status = 'REVOKED' WHERE user_id = ? AND course_id = ?", [refunded.user.id, built.id]);
      const contactId = await bindChat(app, bound.user.id);
      for (const l of [subscribed, refunded]) await grantSubscribe(app, l.openid, [templates()['new-lesson']!, templates()['new-lesson']!]);

      const lesson = await addLesson('夜景人像');
      expect(lesson.status).toBe(201);
      const job = await events.getJob(jobIds.lessonAdded(lesson.body.id));
      expect(job?.data).toMatchObject({ type: 'lesson-added', lessonId: lesson.body.id, courseId: built.id });

      expect(await app.container.eventNotices.lessonAdded(job!.data)).toEqual({ learners: 2, outcomes: { chat: 1, subscribe: 1 } });
      // The job retried: everyone was told already.
      expect(await app.container.eventNotices.lessonAdded(job!.data)).toEqual({ learners: 2, outcomes: { duplicate: 2 } });

      const chat = await outboxJobsFor(outbox.queue, contactId);
      expect(chat).toEqual([{ id: jobIds.chat('new-lesson', lesson.body.id, bound.user.id), data: { contactId, text: expect.stringContaining('「夜景人像」') } }]);
      expect(await sandboxMessages(app, subscribed.openid)).toEqual([expect.objectContaining({ data: expect.objectContaining({ thing2: { value: '夜景人像' } }) })]);
      expect(await sandboxMessages(app, refunded.openid)).toEqual([]);
    } finally {
      await events.close();
    }
  });
});

describe('an order about to close', () => {
  it('gets a reminder five minutes before it closes, sent only while the order is unpaid', async () => {
    const reminders = queueOf<ReminderJob>(QUEUES.orderReminders);
    try {
      const learner = await registerWechatLearner(app);
      const contactId = await bindChat(app, learner.user.id);
      const created = await app.request<OrderRef & { expires_at: string }>('POST', '/api/orders/', { token: learner.token, body: { course: courseId } });
      expect(created.status).toBe(201);
      const job = await reminders.getJob(jobIds.reminder(created.body.id));
      expect(job?.data).toEqual({ orderId: created.body.id });
      const dueAt = job!.timestamp + (job!.opts.delay ?? 0);
      expect(Math.abs(dueAt - (Date.parse(created.body.expires_at) - 5 * 60_000))).toBeLessThan(2000);

      expect(await app.container.eventNotices.orderExpiring(created.body.id)).toBe('chat');
      const [chat] = await outboxJobsFor(outbox.queue, contactId);
      expect(chat?.data.text).toMatch(/还有 1[05] 分钟就要关闭了，打开小程序继续支付。$/);

      const paid = await prepaidOrder(app, courseId);
      await cashier(app, 'confirm', paid.prepayId);
      await eventually(async () => (await orderStatus(app, paid.order.id)) === 'PAID');
      expect(await app.container.eventNotices.orderExpiring(paid.order.id)).toBe('not-pending');
    } finally {
      await reminders.close();
    }
  });
});
