import { buildCourse, cashier, eventually, orderStatus, publishCourse, registerAdmin, registerCreator, registerUser, registerWechatLearner } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { sweep } from '../src/workers/order-maintenance.worker';

const DAY_S = 86_400;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ REFUND_WINDOW_DAYS: '7', JWT_TTL_S: String(30 * DAY_S) });
});
afterAll(() => app.close());

describe('referral credits (the maintenance sweep)', () => {
  it('credits a referral reward once its refund window has passed, once however many sweeps run', async () => {
    const [creator, admin, sharer] = await Promise.all([registerCreator(app), registerAdmin(app), registerUser(app)]);
    const course = await buildCourse(app, creator, { price: 100 });
    await publishCourse(app, creator, admin, course.id);
    await app.request('PUT', `/api/creator/courses/${course.id}/referral-rate`, { token: creator.token, body: { rate_percent: 20 } });
    const code = (await app.request<{ code: string }>('GET', '/api/me/referral', { token: sharer.token })).body.code;

    const buyer = await registerWechatLearner(app);
    await app.request('POST', '/api/referrals/visits', { token: buyer.token, body: { ref: code, course: course.id } });
    const order = await app.request<{ id: number }>('POST', '/api/orders/', { token: buyer.token, body: { course: course.id } });
    const pay = await app.request<{ package: string }>('POST', `/api/orders/${order.body.id}/pay`, { token: buyer.token });
    await cashier(app, 'confirm', pay.body.package.slice('prepay_id='.length));
    await eventually(async () => (await orderStatus(app, order.body.id)) === 'PAID');

    expect((await sweep(app.container)).credited).toBe(0);
    app.clock.advance(7 * DAY_S + 60);
    const [a, b] = await Promise.all([sweep(app.container), sweep(app.container)]);
    expect(a.credited + b.credited).toBe(1);
    expect(a.errors + b.errors).toBe(0);
    expect((await sweep(app.container)).credited).toBe(0);
    const earnings = await app.request<{ balance_fen: number; count: number }>('GET', '/api/me/referral/earnings', { token: sharer.token });
    expect(earnings.body).toMatchObject({ balance_fen: 2000, count: 1 });
  });
});
