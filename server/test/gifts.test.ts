import { expectError } from './support/expect-error';
import { buildCourse, cashier, eventually, orderStatus, publishCourse, registerAdmin, registerCreator, registerUser, registerWechatLearner, type Account, type BuiltCourse } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

interface OrderBody {
  id: number;
  item_type: string;
  course: number | null;
  status: string;
  amount_fen: number;
}
interface GiftBody {
  order: number;
  course: number;
  code: string;
  redeemed: boolean;
}

let app: TestApp;
let creator: Account;
let course: BuiltCourse;

beforeAll(async () => {
  app = await startTestApp();
  let admin: Account;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  course = await buildCourse(app, creator, { price: 39.9 });
  await publishCourse(app, creator, admin, course.id);
});
afterAll(() => app.close());

const player = async (learner: Account) => (await app.request('GET', `/api/learning/lessons/${course.paidLessonId}`, { token: learner.token })).status;

/** A WeChat learner who bought the course as a gift and paid in the sandbox cashier. */
async function giver(): Promise<{ buyer: Account; order: OrderBody }> {
  const buyer = await registerWechatLearner(app);
  const opened = await app.request<OrderBody>('POST', '/api/gift-orders', { token: buyer.token, body: { course: course.id } });
  expect(opened.status).toBe(201);
  expect(opened.body).toMatchObject({ item_type: 'gift', course: course.id, status: 'PENDING', amount_fen: 3990 });
  expectError(await app.request('GET', `/api/orders/${opened.body.id}/gift`, { token: buyer.token }), 404, 'NOT_FOUND');
  const pay = await app.request<{ package: string }>('POST', `/api/orders/${opened.body.id}/pay`, { token: buyer.token });
  expect(pay.status).toBe(200);
  await cashier(app, 'confirm', pay.body.package.slice('prepay_id='.length));
  await eventually(async () => (await orderStatus(app, opened.body.id)) === 'PAID');
  return { buyer, order: opened.body };
}

describe('gifts', () => {
  it('the buyer gets a code, not the course; a friend redeems it and studies; the code works once', async () => {
    const { buyer, order } = await giver();
    expect(await player(buyer)).toBe(403);
    const gift = await app.request<GiftBody>('GET', `/api/orders/${order.id}/gift`, { token: buyer.token });
    expect(gift.status).toBe(200);
    expect(gift.body).toMatchObject({ order: order.id, course: course.id, redeemed: false });

    const friend = await registerUser(app);
    expectError(await app.request('GET', `/api/orders/${order.id}/gift`, { token: friend.token }), 404, 'NOT_FOUND');
    expect((await app.request('POST', '/api/redemption-codes/redeem', { token: friend.token, body: { code: gift.body.code } })).status).toBe(200);
    expect(await player(friend)).toBe(200);
    expect((await app.request<GiftBody>('GET', `/api/orders/${order.id}/gift`, { token: buyer.token })).body.redeemed).toBe(true);
    expectError(await app.request('POST', '/api/redemption-codes/redeem', { token: (await registerUser(app)).token, body: { code: gift.body.code } }), 409, 'CODE_USED');
  });

  it('a gift order and the buyer’s own order of the course are separate, and buying the course stays possible', async () => {
    const { buyer } = await giver();
    const own = await app.request<OrderBody>('POST', '/api/orders', { token: buyer.token, body: { course: course.id } });
    expect(own.status).toBe(201);
    expect(own.body.item_type).toBe('course');
  });

  it('a refunded gift takes back what it bought: the unused code stops working, a redeemed one closes the course again', async () => {
    const refund = async (buyer: Account, orderId: number) => {
      const requested = await app.request<{ id: number }>('POST', `/api/orders/${orderId}/refund`, { token: buyer.token, body: { reason: '送错了' } });
      expect(requested.status).toBe(201);
      expect((await app.request('POST', `/api/refunds/${requested.body.id}/approve`, { token: creator.token, body: {} })).status).toBe(200);
      await eventually(async () => (await orderStatus(app, orderId)) === 'REFUNDED');
    };
    const unused = await giver();
    const code = (await app.request<GiftBody>('GET', `/api/orders/${unused.order.id}/gift`, { token: unused.buyer.token })).body.code;
    await refund(unused.buyer, unused.order.id);
    expectError(await app.request('POST', '/api/redemption-codes/redeem', { token: (await registerUser(app)).token, body: { code } }), 404, 'NOT_FOUND');

    const used = await giver();
    const friend = await registerUser(app);
    const usedCode = (await app.request<GiftBody>('GET', `/api/orders/${used.order.id}/gift`, { token: used.buyer.token })).body.code;
    expect((await app.request('POST', '/api/redemption-codes/redeem', { token: friend.token, body: { code: usedCode } })).status).toBe(200);
    expect(await player(friend)).toBe(200);
    await refund(used.buyer, used.order.id);
    expect(await player(friend)).toBe(403);
  });

  it('refuses gifts of a missing course and of one’s own course', async () => {
    const learner = await registerUser(app);
    expectError(await app.request('POST', '/api/gift-orders', { token: learner.token, body: { course: 999999 } }), 404, 'NOT_FOUND');
    expectError(await app.request('POST', '/api/gift-orders', { token: creator.token, body: { course: course.id } }), 403, 'OWN_COURSE');
    expectError(await app.request('POST', '/api/gift-orders', { token: learner.token, body: {} }), 400, 'VALIDATION_ERROR', 'course');
  });
});
