import { jobIds } from '@knowpay/server';
import { buildCourse, enroll, publishCourse, registerAdmin, registerCreator, registerUser, registerWechatLearner, type Account, type BuiltCourse } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { bindChat, grantSubscribe, outboxJobsFor, outboxQueue, sandboxMessages } from '../../server/test/support/notifications';
import { liveReminderSweep } from '../src/workers/live-reminders.worker';

let app: TestApp;
let outbox: ReturnType<typeof outboxQueue>;
let creator: Account;
let course: BuiltCourse;

beforeAll(async () => {
  app = await startTestApp();
  outbox = outboxQueue(app);
  let admin: Account;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  course = await buildCourse(app, creator, { name: '手机摄影夜' });
  await publishCourse(app, creator, admin, course.id);
});
afterAll(async () => {
  await outbox.close();
  await app.close();
});

describe('live session reminders', () => {
  it('reminds each enrolled learner once, about 15 minutes before the start, in chat or by subscribe message', async () => {
    const chatLearner = await registerUser(app);
    await enroll(app, chatLearner.user.id, course.id);
    const contactId = await bindChat(app, chatLearner.user.id);
    const wechatLearner = await registerWechatLearner(app);
    await enroll(app, wechatLearner.user.id, course.id);
    await grantSubscribe(app, wechatLearner.openid, [app.container.config.notifications.templates['live-reminder']!]);
    const stranger = await registerUser(app);
    const strangerContact = await bindChat(app, stranger.user.id);

    const startsAt = new Date(app.clock.now().getTime() + 20 * 60_000);
    const session = await app.request<{ id: number }>('POST', `/api/creator/courses/${course.id}/live-sessions`, {
      token: creator.token,
      body: { title: '夜景实拍答疑', starts_at: startsAt.toISOString(), duration_min: 45, wechat_live_room_id: '42' },
    });
    expect(session.status).toBe(201);

    expect((await liveReminderSweep(app.container)).due).toBe(0);
    app.clock.advance(6 * 60);
    expect((await liveReminderSweep(app.container)).outcomes).toMatchObject({ chat: 1, subscribe: 1 });
    const [job] = await outboxJobsFor(outbox.queue, contactId);
    expect(job!.id).toBe(jobIds.chat('live-reminder', session.body.id, chatLearner.user.id));
    expect(job!.data.text).toContain('夜景实拍答疑');
    const messages = await sandboxMessages(app, wechatLearner.openid);
    expect(messages.map((m) => m.data.thing2!.value)).toEqual(['夜景实拍答疑']);

    // Again, and after the start: nobody is reminded twice, and nobody outside the course at all.
    expect((await liveReminderSweep(app.container)).due).toBe(0);
    app.clock.advance(15 * 60);
    expect((await liveReminderSweep(app.container)).due).toBe(0);
    expect(await outboxJobsFor(outbox.queue, contactId)).toHaveLength(1);
    expect(await sandboxMessages(app, wechatLearner.openid)).toHaveLength(1);
    expect(await outboxJobsFor(outbox.queue, strangerContact)).toEqual([]);
  });

  it('reminds members of a plan covering the course too, once, and not those whose membership ended', async () => {
    const grant = async (userId: number, planId: number) =>
      app.container.dataSource.transaction((m) => app.container.memberships.grant(m, { userId, planId, orderId: null }));
    const plan = await app.container.memberships.createPlan({ id: creator.user.id, role: 'creator' }, { name: '摄影会员', period: 'MONTHLY', priceFen: 2900, allCourses: true, courseIds: [], trialDays: 0 });
    const [member, lapsed, both] = await Promise.all([registerUser(app), registerUser(app), registerUser(app)]);
    const [memberContact, lapsedContact, bothContact] = await Promise.all([bindChat(app, member.user.id), bindChat(app, lapsed.user.id), bindChat(app, both.user.id)]);
    for (const user of [member, lapsed, both]) await grant(user.user.id, plan.id);
    await enroll(app, both.user.id, course.id);
    await app.container.dataSource.query("UPDATE memberships SET ends_at = ? WHERE user_id = ?", [new Date(app.clock.now().getTime() - 60_000), lapsed.user.id]);

    const startsAt = new Date(app.clock.now().getTime() + 10 * 60_000);
    const session = await app.request<{ id: number }>('POST', `/api/creator/courses/${course.id}/live-sessions`, {
      token: creator.token,
      body: { title: '会员专场答疑', starts_at: startsAt.toISOString(), duration_min: 30 },
    });
    expect(session.status).toBe(201);
    await liveReminderSweep(app.container);
    await liveReminderSweep(app.container);
    const told = async (contactId: string) => (await outboxJobsFor(outbox.queue, contactId)).filter((j) => j.data.text?.includes('会员专场答疑'));
    expect(await told(memberContact)).toHaveLength(1);
    expect(await told(bothContact)).toHaveLength(1);
    expect(await told(lapsedContact)).toEqual([]);
  });
});
