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
});
