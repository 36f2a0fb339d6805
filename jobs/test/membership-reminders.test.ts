import { registerCreator, registerWechatLearner } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { grantSubscribe, sandboxMessages } from '../../server/test/support/notifications';
import { sweep } from '../src/workers/order-maintenance.worker';

const DAY_S = 86_400;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const template = () => app.container.config.notifications.templates['membership-expiring']!;

describe('membership reminders (the maintenance sweep)', () => {
  it('remind once per term, 3 days before the end, and again for the renewed term', async () => {
    const creator = await registerCreator(app);
    const plan = await app.container.memberships.createPlan(
      { id: creator.user.id, role: 'creator' },
      { name: '摄影月卡', period: 'MONTHLY', priceFen: 2900, allCourses: true, courseIds: [], trialDays: 0 },
    );
    const learner = await registerWechatLearner(app);
    await grantSubscribe(app, learner.openid, [template()]);
    const grant = () => app.container.dataSource.transaction((m) => app.container.memberships.grant(m, { userId: learner.user.id, planId: plan.id, orderId: null }));
    const first = await grant();

    // More than 3 days left: nothing yet.
    expect((await sweep(app.container)).reminded).toBe(0);
    expect(await sandboxMessages(app, learner.openid)).toEqual([]);

    app.clock.advance((first.endsAt!.getTime() - app.clock.now().getTime()) / 1000 - 2 * DAY_S);
    const due = await sweep(app.container);
    expect(due).toMatchObject({ reminded: 1, errors: 0 });
    expect((await sweep(app.container)).reminded).toBe(0);
    const messages = await sandboxMessages(app, learner.openid);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ template_id: template(), page: 'pages/profile/index', data: { thing1: { value: '摄影月卡' } } });

    // Renewed: the new term ends a month after the old end, and gets its own reminder when it is near.
    const renewed = await grant();
    await grantSubscribe(app, learner.openid, [template()]); // subscribing again on the renewal page
    expect(renewed.endsAt!.getTime()).toBeGreaterThan(first.endsAt!.getTime());
    expect((await sweep(app.container)).reminded).toBe(0);
    app.clock.advance((renewed.endsAt!.getTime() - app.clock.now().getTime()) / 1000 - DAY_S);
    expect((await sweep(app.container)).reminded).toBe(1);
    expect(await sandboxMessages(app, learner.openid)).toHaveLength(2);
  });

  it('close a membership once its term ended: the member is told once, the row is EXPIRED, a renewal starts afresh', async () => {
    const creator = await registerCreator(app);
    const plan = await app.container.memberships.createPlan(
      { id: creator.user.id, role: 'creator' },
      { name: '摄影周末卡', period: 'MONTHLY', priceFen: 1900, allCourses: true, courseIds: [], trialDays: 0 },
    );
    const learner = await registerWechatLearner(app);
    await grantSubscribe(app, learner.openid, [template(), template()]);
    const grant = () => app.container.dataSource.transaction((m) => app.container.memberships.grant(m, { userId: learner.user.id, planId: plan.id, orderId: null }));
    const status = async () => (await app.container.dataSource.query('SELECT status FROM memberships WHERE user_id = ? AND plan_id = ?', [learner.user.id, plan.id]))[0].status as string;
    const term = await grant();

    // Still running: nothing closes.
    expect((await sweep(app.container)).expired).toBe(0);
    expect(await status()).toBe('ACTIVE');

    app.clock.advance((term.endsAt!.getTime() - app.clock.now().getTime()) / 1000 + 60);
    expect(await app.container.memberships.current(learner.user.id)).toEqual([]);
    const before = (await sandboxMessages(app, learner.openid)).length;
    // (The first test's membership, past its end by now too, closes in the same sweep.)
    expect((await sweep(app.container)).expired).toBeGreaterThanOrEqual(1);
    expect(await status()).toBe('EXPIRED');
    expect((await sweep(app.container)).expired).toBe(0);
    const told = (await sandboxMessages(app, learner.openid)).slice(before);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ template_id: template(), page: 'pages/profile/index', data: { thing1: { value: '摄影周末卡' }, thing3: { value: expect.stringContaining('已到期') } } });

    // Renewing after the end starts a new term from now.
    const renewed = await grant();
    expect(renewed.status).toBe('ACTIVE');
    // Not extended from the old end (that moment is past): the new term starts when it was bought.
    expect(renewed.startsAt.getTime()).toBeGreaterThan(term.endsAt!.getTime());
    expect(renewed.endsAt!.getTime()).toBeGreaterThan(app.clock.now().getTime());
    expect(await app.container.memberships.current(learner.user.id)).toHaveLength(1);
  });
});
