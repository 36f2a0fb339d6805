import { bullConnection, jobIds, QUEUES } from '@knowpay/server';
import { Queue, type Worker } from 'bullmq';
import type Redis from 'ioredis';
import { buildCourse, enroll, eventually, publishCourse, registerAdmin, registerCreator, registerUser, registerWechatLearner, type Account, type BuiltCourse } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { bindChat, grantSubscribe, outboxJobsFor, outboxQueue, sandboxMessages } from '../../server/test/support/notifications';
import { lessonReleasesWorker, releaseSweep, type ReleaseSweepResult } from '../src/workers/lesson-releases.worker';

const DAY_S = 24 * 3600;

let app: TestApp;
let connection: Redis;
let outbox: ReturnType<typeof outboxQueue>;
let creator: Account;
let course: BuiltCourse;

beforeAll(async () => {
  app = await startTestApp();
  connection = bullConnection(app.container.config.redisUrl);
  outbox = outboxQueue(app);
  let admin: Account;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  course = await buildCourse(app, creator, { name: '21天写作营' });
  await publishCourse(app, creator, admin, course.id);
  const set = await app.request('PUT', `/api/creator/lessons/${course.paidLessonId}/release`, { token: creator.token, body: { after_days: 2 } });
  expect(set.status).toBe(200);
});
afterAll(async () => {
  await outbox.close();
  connection.disconnect();
  await app.close();
});

/** Moves the learner's enrollment to `at`, as if they had bought then. */
async function enrolledAt(userId: number, at: Date): Promise<void> {
  await enroll(app, userId, course.id);
  await app.container.dataSource.query('UPDATE enrollments SET enrolled_at = ? WHERE user_id = ? AND course_id = ?', [at, userId, course.id]);
}

describe('telling learners a drip-released lesson opened', () => {
  it('tells each learner once, in chat or by subscribe message, when their lesson opens, and nobody early', async () => {
    const now = app.clock.now();
    const chatLearner = await registerUser(app);
    const contactId = await bindChat(app, chatLearner.user.id);
    await enrolledAt(chatLearner.user.id, now);
    const wechatLearner = await registerWechatLearner(app);
    await grantSubscribe(app, wechatLearner.openid, [app.container.config.notifications.templates['new-lesson']!]);
    await enrolledAt(wechatLearner.user.id, now);

    // Not yet: the lesson opens two days after their enrollment.
    app.clock.advance(2 * DAY_S - 60);
    expect((await releaseSweep(app.container)).opened).toBe(0);
    expect(await outboxJobsFor(outbox.queue, contactId)).toEqual([]);

    app.clock.advance(120);
    const swept = await releaseSweep(app.container);
    expect(swept.outcomes).toMatchObject({ chat: 1, subscribe: 1 });
    const [job] = await outboxJobsFor(outbox.queue, contactId);
    expect(job!.id).toBe(jobIds.chat('lesson-opened', course.paidLessonId, chatLearner.user.id));
    expect(job!.data.text).toContain('21天写作营');
    const messages = await sandboxMessages(app, wechatLearner.openid);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.data.thing2!.value).toBe('正课');
    expect(messages[0]!.page).toBe(`pages/course/index?id=${course.id}`);

    // A second sweep finds nothing new to say.
    expect((await releaseSweep(app.container)).opened).toBe(0);
    expect(await outboxJobsFor(outbox.queue, contactId)).toHaveLength(1);
    expect(await sandboxMessages(app, wechatLearner.openid)).toHaveLength(1);
  });

  it('runs as the scheduled sweep job, and leaves out learners who never saw the lesson locked', async () => {
    const dated = await app.request<{ id: number }>('POST', `/api/creator/chapters/${course.chapterId}/lessons`, { token: creator.token, body: { title: '结营直播', kind: 'article' } });
    const opensAt = new Date(app.clock.now().getTime() + 3600_000);
    await app.request('PUT', `/api/creator/lessons/${dated.body.id}/release`, { token: creator.token, body: { at: opensAt.toISOString() } });
    const waiting = await registerUser(app);
    const waitingContact = await bindChat(app, waiting.user.id);
    await enrolledAt(waiting.user.id, app.clock.now());
    const latecomer = await registerUser(app);
    const latecomerContact = await bindChat(app, latecomer.user.id);
    await enrolledAt(latecomer.user.id, new Date(opensAt.getTime() + 60_000));
    app.clock.advance(3600 + 120);

    const queue = new Queue(QUEUES.lessonReleases, { connection, prefix: app.container.config.redisPrefix });
    const worker: Worker = lessonReleasesWorker(app.container, connection);
    try {
      const job = await queue.add('sweep', {});
      const result = await eventually(async () => ((await queue.getJobState(job.id!)) === 'completed' ? ((await queue.getJob(job.id!))!.returnvalue as ReleaseSweepResult) : null));
      expect(result.outcomes.chat).toBeGreaterThanOrEqual(1);
    } finally {
      await worker.close();
      await queue.close();
    }
    expect((await outboxJobsFor(outbox.queue, waitingContact)).map((j) => j.id)).toEqual([jobIds.chat('lesson-opened', dated.body.id, waiting.user.id)]);
    expect((await outboxJobsFor(outbox.queue, latecomerContact)).filter((j) => j.id.includes(`lesson-opened-${dated.body.id}-`))).toEqual([]);
  });

  it('tells a member of a plan covering the course, counting from when the membership began, and not a lapsed one', async () => {
    const plan = await app.container.memberships.createPlan({ id: creator.user.id, role: 'creator' }, { name: '写作会员', period: 'MONTHLY', priceFen: 1900, allCourses: true, courseIds: [], trialDays: 0 });
    const grant = (userId: number) => app.container.dataSource.transaction((m) => app.container.memberships.grant(m, { userId, planId: plan.id, orderId: null }));
    const member = await registerUser(app);
    const memberContact = await bindChat(app, member.user.id);
    const lapsed = await registerUser(app);
    const lapsedContact = await bindChat(app, lapsed.user.id);
    await grant(member.user.id);
    await grant(lapsed.user.id);
    // The lapsed member's term ends a day from now, before the lesson (day 2) opens for them.
    await app.container.dataSource.query('UPDATE memberships SET ends_at = ? WHERE user_id = ?', [new Date(app.clock.now().getTime() + DAY_S * 1000), lapsed.user.id]);
    const opened = (contactId: string) => outboxJobsFor(outbox.queue, contactId).then((jobs) => jobs.filter((j) => j.id === jobIds.chat('lesson-opened', course.paidLessonId, member.user.id) || j.id === jobIds.chat('lesson-opened', course.paidLessonId, lapsed.user.id)));

    app.clock.advance(2 * DAY_S - 60);
    await releaseSweep(app.container);
    expect(await opened(memberContact)).toEqual([]);
    app.clock.advance(120);
    await releaseSweep(app.container);
    await releaseSweep(app.container);
    expect((await opened(memberContact)).map((j) => j.id)).toEqual([jobIds.chat('lesson-opened', course.paidLessonId, member.user.id)]);
    expect(await opened(lapsedContact)).toEqual([]);
  });
});
