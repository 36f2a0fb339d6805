import { createVerify, generateKeyPairSync } from 'node:crypto';
import type { SandboxCredentials } from '../src/sandbox/credentials';
import { expectError } from './support/expect-error';
import {
  buildCourse,
  cashier,
  eventually,
  orderStatus,
  publishCourse,
  registerAdmin,
  registerCreator,
  registerUser,
  registerWechatLearner,
  type Account,
  type BuiltCourse,
} from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';
import { buildNotification, deliver, paidTransaction } from './support/pay-notifications';

interface OrderBody {
  id: number;
  out_trade_no: string;
  user: number;
  course: number;
  status: string;
  amount_fen: number;
  amount: number;
  payment_method: string;
  order_time: string;
  expires_at: string;
  paid_at: string | null;
}
interface Detail {
  enrolled: boolean;
  sales_count: number;
  chapters: Array<{ lessons: Array<{ free_preview: boolean; url: string | null }> }>;
}

let app: TestApp;
let creds: SandboxCredentials;
let creator: Account;
let admin: Account;
let course: BuiltCourse;

beforeAll(async () => {
  app = await startTestApp();
  creds = app.sandbox.credentials;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  course = await buildCourse(app, creator, { price: 99.9 });
  await publishCourse(app, creator, admin, course.id);
});
afterAll(() => app.close());

const createOrder = (token: string, body: unknown) => app.request<OrderBody>('POST', '/api/orders/', { token, body });
const detail = (token?: string) => app.request<Detail>('GET', `/api/courses/${course.id}/`, { token });
const enrollments = async (userId: number, courseId = course.id) =>
  Number((await app.container.dataSource.query('SELECT COUNT(*) AS n FROM enrollments WHERE user_id = ? AND course_id = ?', [userId, courseId]))[0].n);
const salesCount = async (courseId = course.id) => Number((await app.container.dataSource.query('SELECT sales_count AS n FROM courses WHERE id = ?', [courseId]))[0].n);

describe('POST /api/orders', () => {
  it('opens an order at the server price, and a second call returns the same open order', async () => {
    const learner = await registerUser(app);
    const first = await createOrder(learner.token, { course: course.id });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ user: learner.user.id, course: course.id, status: 'PENDING', amount_fen: 9990, amount: 99.9, payment_method: 'WECHAT_PAY' });
    expect(first.body.out_trade_no).toMatch(/^[0-9A-Za-z]{6,32}$/);
    expect(Date.parse(first.body.expires_at) - Date.parse(first.body.order_time)).toBe(900_000);
    const again = await createOrder(learner.token, { course: course.id });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it('keeps one open order per learner and course under 10 concurrent requests', async () => {
    const learner = await registerUser(app);
    const results = await Promise.all(Array.from({ length: 10 }, () => createOrder(learner.token, { course: course.id })));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const [{ n }] = await app.container.dataSource.query("SELECT COUNT(*) AS n FROM orders WHERE user_id = ? AND status = 'PENDING'", [learner.user.id]);
    expect(Number(n)).toBe(1);
  });

  it('takes the price from the server, never from the body', async () => {
    const learner = await registerUser(app);
    expectError(await createOrder(learner.token, { course: course.id, price: 0.01 }), 400, 'VALIDATION_ERROR', 'price');
    expectError(await createOrder(learner.token, { course: course.id, amount_fen: 1, status: 'PAID' }), 400, 'VALIDATION_ERROR', 'status');
  });

  it('refuses your own course, unpublished and unknown courses, and bad input', async () => {
    expectError(await createOrder(creator.token, { course: course.id }), 403, 'OWN_COURSE');
    const draft = await buildCourse(app, creator);
    const learner = await registerUser(app);
    expectError(await createOrder(learner.token, { course: draft.id }), 404, 'NOT_FOUND');
    expectError(await createOrder(learner.token, { course: 99999999 }), 404, 'NOT_FOUND');
    expectError(await createOrder(learner.token, { course: 'abc' }), 400, 'VALIDATION_ERROR', 'course');
    expectError(await createOrder(learner.token, {}), 400, 'VALIDATION_ERROR', 'course');
    expectError(await app.request('POST', '/api/orders/', { body: { course: course.id } }), 401, 'UNAUTHORIZED');
  });

  it('enrolls at once in a free course, and a second purchase is refused', async () => {
    const free = await buildCourse(app, creator, { price: 0 });
    await publishCourse(app, creator, admin, free.id);
    const learner = await registerUser(app);
    const res = await createOrder(learner.token, { course: free.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'PAID', payment_method: 'FREE', amount_fen: 0 });
    expect(await enrollments(learner.user.id, free.id)).toBe(1);
    expectError(await createOrder(learner.token, { course: free.id }), 409, 'ALREADY_ENROLLED');
  });
});

describe('reading and editing orders', () => {
  it('shows only your own orders; others get 404; nobody can PATCH an order to PAID', async () => {
    const [owner, other] = await Promise.all([registerUser(app), registerUser(app)]);
    const order = (await createOrder(owner.token, { course: course.id })).body;
    const list = await app.request<{ count: number; results: OrderBody[] }>('GET', '/api/orders/', { token: owner.token });
    expect(list.body.results.map((o) => o.id)).toEqual([order.id]);
    expect((await app.request<OrderBody>('GET', `/api/orders/${order.id}/`, { token: owner.token })).body.status).toBe('PENDING');
    expectError(await app.request('GET', `/api/orders/${order.id}/`, { token: other.token }), 404, 'NOT_FOUND');
    expect((await app.request<{ count: number }>('GET', '/api/orders/', { token: other.token })).body.count).toBe(0);

    expectError(await app.request('PATCH', `/api/orders/${order.id}/`, { token: owner.token, body: { status: 'PAID' } }), 403, 'ORDER_READ_ONLY');
    expectError(await app.request('PATCH', `/api/orders/${order.id}/`, { token: other.token, body: { status: 'PAID' } }), 404, 'NOT_FOUND');
    expect((await app.request<OrderBody>('GET', `/api/orders/${order.id}/`, { token: owner.token })).body.status).toBe('PENDING');
    expect(await enrollments(owner.user.id)).toBe(0);
  });

  it('refuses to pay for someone without a WeChat account, and for orders of others', async () => {
    const [owner, other] = await Promise.all([registerUser(app), registerUser(app)]);
    const order = (await createOrder(owner.token, { course: course.id })).body;
    expectError(await app.request('POST', `/api/orders/${order.id}/pay`, { token: owner.token }), 409, 'WECHAT_NOT_BOUND');
    expectError(await app.request('POST', `/api/orders/${order.id}/pay`, { token: other.token }), 404, 'NOT_FOUND');
  });
});

describe('the whole purchase over HTTP against the sandbox', () => {
  it('pays with WeChat Pay, gets notified, enrolls once and hands out the media', async () => {
    const learner = await registerWechatLearner(app);
    const before = await salesCount();
    const order = (await createOrder(learner.token, { course: course.id })).body;
    const anonymousDetail = await detail(learner.token);
    expect(anonymousDetail.body.enrolled).toBe(false);
    expect(anonymousDetail.body.chapters.flatMap((c) => c.lessons).filter((l) => !l.free_preview).every((l) => l.url === null)).toBe(true);

    const pay = await app.request<Record<string, string>>('POST', `/api/orders/${order.id}/pay`, { token: learner.token });
    expect(pay.status).toBe(200);
    expect(pay.body).toMatchObject({ appId: creds.appid, signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx/) });
    const message = `${pay.body.appId}\n${pay.body.timeStamp}\n${pay.body.nonceStr}\n${pay.body.package}\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(creds.merchant_public_key, pay.body.paySign!, 'base64')).toBe(true);
    // Paying again hands out the same prepay id.
    const again = await app.request<Record<string, string>>('POST', `/api/orders/${order.id}/pay`, { token: learner.token });
    expect(again.body.package).toBe(pay.body.package);

    const confirm = await cashier(app, 'confirm', pay.body.package!.slice('prepay_id='.length));
    expect(confirm.status).toBe(200);

    const paid = await eventually(async () => {
      const res = await app.request<OrderBody>('GET', `/api/orders/${order.id}/`, { token: learner.token });
      return res.body.status === 'PAID' ? res.body : undefined;
    });
    expect(paid.paid_at).not.toBeNull();
    const after = await detail(learner.token);
    expect(after.body.enrolled).toBe(true);
    expect(after.body.chapters.flatMap((c) => c.lessons).every((l) => l.url !== null)).toBe(true);
    expect(await enrollments(learner.user.id)).toBe(1);
    expect(await salesCount()).toBe(before + 1);
    expectError(await app.request('POST', `/api/orders/${order.id}/pay`, { token: learner.token }), 409, 'ORDER_NOT_PAYABLE');
    expectError(await createOrder(learner.token, { course: course.id }), 409, 'ALREADY_ENROLLED');
  });
});

describe('POST /api/pay/wechat/notify', () => {
  async function pendingOrder(): Promise<{ learner: Account; order: OrderBody }> {
    const learner = await registerUser(app);
    return { learner, order: (await createOrder(learner.token, { course: course.id })).body };
  }
  const status = (id: number) => orderStatus(app, id);

  it('applies 20 concurrent deliveries of one notification exactly once', async () => {
    const { learner, order } = await pendingOrder();
    const before = await salesCount();
    const notification = buildNotification(creds, paidTransaction(creds, order));
    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(app, notification)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(204));
    expect(await status(order.id)).toBe('PAID');
    expect(await enrollments(learner.user.id)).toBe(1);
    expect(await salesCount()).toBe(before + 1);
    // A replay a minute later changes nothing either.
    expect((await deliver(app, notification)).status).toBe(204);
    expect(await salesCount()).toBe(before + 1);
  });

  it.each([
    ['a forged signature', 401, (o: OrderBody) => buildNotification(creds, paidTransaction(creds, o), { signingKey: forgerKey() })],
    ['a stale timestamp', 401, (o: OrderBody) => buildNotification(creds, paidTransaction(creds, o), { timestamp: Math.floor(Date.now() / 1000) - 301 })],
    ['an amount mismatch', 400, (o: OrderBody) => buildNotification(creds, paidTransaction(creds, { ...o, amount_fen: 1 }))],
    ['a wrong mchid', 400, (o: OrderBody) => buildNotification(creds, { ...paidTransaction(creds, o), mchid: '1900000000' })],
    ['a wrong appid', 400, (o: OrderBody) => buildNotification(creds, { ...paidTransaction(creds, o), appid: 'wx0000000000000000' })],
    ['an unknown out_trade_no', 400, (o: OrderBody) => buildNotification(creds, paidTransaction(creds, { ...o, out_trade_no: 'KPNOTOURS0000000000' }))],
  ])('rejects %s with %i and changes nothing', async (_label, expected, make) => {
    const { learner, order } = await pendingOrder();
    const answer = await deliver(app, make(order));
    expect(answer.status).toBe(expected);
    expect(answer.body?.code).toBe('FAIL');
    expect(await status(order.id)).toBe('PENDING');
    expect(await enrollments(learner.user.id)).toBe(0);
  });

  it('rejects a tampered body and a missing signature', async () => {
    const { order } = await pendingOrder();
    const good = buildNotification(creds, paidTransaction(creds, order));
    const tampered = { ...good, body: good.body.replace('"summary":"支付成功"', '"summary":"支付成功!"') };
    expect((await deliver(app, tampered)).status).toBe(401);
    const unsigned = { body: good.body, headers: { 'content-type': 'application/json' } };
    expect((await deliver(app, unsigned)).status).toBe(401);
    expect(await status(order.id)).toBe('PENDING');
  });
});

let forger: string | undefined;
function forgerKey(): string {
  forger ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return forger;
}
