import { expectError } from './support/expect-error';
import { buildCourse, publishCourse, registerAdmin, registerCreator, registerUser, type Account } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

interface CouponBody {
  id: number;
  code: string;
  redeemed_count: number;
  total_limit: number;
}
interface OrderBody {
  id: number;
  status: string;
  amount_fen: number;
  discount_fen: number;
  list_price_fen: number;
}

let app: TestApp;
let creator: Account;
let admin: Account;
let courseId: number;
let otherCourseId: number;

const hour = 3600_000;
const window = (fromHours = -1, toHours = 24) => ({
  starts_at: new Date(Date.now() + fromHours * hour).toISOString(),
  ends_at: new Date(Date.now() + toHours * hour).toISOString(),
});
let seq = 0;
const code = () => `SAVE${Date.now().toString(36).toUpperCase()}${seq++}`;

beforeAll(async () => {
  app = await startTestApp({ ORDER_TTL_SECONDS: '60', ORDER_MAX_PER_MINUTE: '1000' });
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  courseId = (await buildCourse(app, creator, { price: 100 })).id;
  await publishCourse(app, creator, admin, courseId);
  const other = await registerCreator(app);
  otherCourseId = (await buildCourse(app, other, { price: 50 })).id;
  await publishCourse(app, other, admin, otherCourseId);
});
afterAll(() => app.close());

function createCoupon(body: Record<string, unknown>, token = creator.token) {
  return app.request<CouponBody>('POST', '/api/creator/coupons', {
    token,
    body: { code: code(), kind: 'PERCENT', value: 20, total_limit: 10, ...window(), ...body },
  });
}
const order = (token: string, coupon?: string, course = courseId) =>
  app.request<OrderBody>('POST', '/api/orders/', { token, body: { course, ...(coupon ? { coupon } : {}) } });
const redeemed = async (id: number) => Number((await app.container.dataSource.query('SELECT redeemed_count AS n FROM coupons WHERE id = ?', [id]))[0].n);

describe('creating coupons', () => {
  it('lets a creator make codes for their courses and lists them', async () => {
    const res = await createCoupon({ course: courseId, code: 'welcome-2026' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'WELCOME-2026', redeemed_count: 0, total_limit: 10 });
    const list = await app.request<{ results: CouponBody[] }>('GET', '/api/creator/coupons', { token: creator.token });
    expect(list.body.results.map((c) => c.code)).toContain('WELCOME-2026');
    expectError(await createCoupon({ code: 'Welcome-2026' }), 409, 'COUPON_CODE_TAKEN');
  });

  it.each([
    [{ value: 101 }, 'value'],
    [{ value: 0 }, 'value'],
    [{ kind: 'HALF' }, 'kind'],
    [{ code: 'a b' }, 'code'],
    [{ total_limit: 0 }, 'total_limit'],
    [{ starts_at: 'yesterday' }, 'starts_at'],
    [{ ...window(2, 1) }, 'ends_at'],
  ])('refuses %j naming %s', async (override, field) => {
    expectError(await createCoupon(override), 400, 'VALIDATION_ERROR', field);
  });

  it('refuses coupons for other creators’ courses, and non-creators', async () => {
    expectError(await createCoupon({ course: otherCourseId }), 400, 'UNKNOWN_COURSE', 'course');
    const learner = await registerUser(app);
    expectError(await createCoupon({}, learner.token), 403, 'ROLE_REQUIRED');
  });
});

describe('redeeming coupons', () => {
  it('takes the discount off the server price', async () => {
    const percent = await createCoupon({ value: 25 });
    const fixed = await createCoupon({ kind: 'FIXED', value: 1234 });
    const [a, b] = await Promise.all([registerUser(app), registerUser(app)]);
    expect((await order(a.token, percent.body.code)).body).toMatchObject({ list_price_fen: 10000, discount_fen: 2500, amount_fen: 7500 });
    expect((await order(b.token, fixed.body.code.toLowerCase())).body).toMatchObject({ discount_fen: 1234, amount_fen: 8766 });
  });

  it('refuses unknown, expired, not yet valid, disabled and foreign coupons naming coupon', async () => {
    const learner = await registerUser(app);
    expectError(await order(learner.token, 'NOSUCHCODE'), 400, 'COUPON_NOT_FOUND', 'coupon');
    const expired = await createCoupon(window(-48, -24));
    expectError(await order(learner.token, expired.body.code), 400, 'COUPON_EXPIRED', 'coupon');
    const later = await createCoupon(window(24, 48));
    expectError(await order(learner.token, later.body.code), 400, 'COUPON_NOT_STARTED', 'coupon');
    const disabled = await createCoupon({});
    expect((await app.request('POST', `/api/creator/coupons/${disabled.body.id}/disable`, { token: creator.token })).status).toBe(200);
    expectError(await order(learner.token, disabled.body.code), 400, 'COUPON_NOT_FOUND', 'coupon');
    const mine = await createCoupon({ course: courseId });
    expectError(await order(learner.token, mine.body.code, otherCourseId), 400, 'COUPON_NOT_APPLICABLE', 'coupon');
    expect(await redeemed(mine.body.id)).toBe(0);
    // Nothing was half-written: no order exists for the refused attempts.
    const [{ n }] = await app.container.dataSource.query('SELECT COUNT(*) AS n FROM orders WHERE user_id = ?', [learner.user.id]);
    expect(Number(n)).toBe(0);
  });

  it('gives 50 concurrent redemptions of a coupon limited to 10 exactly 10', async () => {
    const coupon = await createCoupon({ total_limit: 10 });
    const learners = await Promise.all(Array.from({ length: 50 }, () => registerUser(app)));
    const results = await Promise.all(learners.map((l) => order(l.token, coupon.body.code)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    for (const r of results.filter((x) => x.status !== 201)) expectError(r, 409, 'COUPON_EXHAUSTED', 'coupon');
    expect(await redeemed(coupon.body.id)).toBe(10);
    const [{ n }] = await app.container.dataSource.query("SELECT COUNT(*) AS n FROM coupon_redemptions WHERE coupon_id = ? AND status = 'ACTIVE'", [coupon.body.id]);
    expect(Number(n)).toBe(10);
  });

  it('holds each learner to the per-user limit', async () => {
    const coupon = await createCoupon({ per_user_limit: 1 });
    const learner = await registerUser(app);
    expect((await order(learner.token, coupon.body.code)).status).toBe(201);
    // Another course of the same creator with the same coupon: already used once.
    const second = (await buildCourse(app, creator, { price: 30 })).id;
    await publishCourse(app, creator, admin, second);
    expectError(await order(learner.token, coupon.body.code, second), 409, 'COUPON_LIMIT_REACHED', 'coupon');
  });

  it('gives the use back when the order expires', async () => {
    const coupon = await createCoupon({ total_limit: 1 });
    const [first, second] = await Promise.all([registerUser(app), registerUser(app)]);
    const held = await order(first.token, coupon.body.code);
    expect(held.status).toBe(201);
    expectError(await order(second.token, coupon.body.code), 409, 'COUPON_EXHAUSTED', 'coupon');
    app.clock.advance(61);
    try {
      expect(await app.container.orders.settle(held.body.id)).toBe('expired');
    } finally {
      app.clock.advance(-61);
    }
    expect(await redeemed(coupon.body.id)).toBe(0);
    expect((await order(second.token, coupon.body.code)).status).toBe(201);
  });

  it('enrolls at once when a coupon takes the whole price', async () => {
    const coupon = await createCoupon({ value: 100 });
    const learner = await registerUser(app);
    const res = await order(learner.token, coupon.body.code);
    expect(res.body).toMatchObject({ status: 'PAID', amount_fen: 0, discount_fen: 10000 });
    const detail = await app.request<{ enrolled: boolean }>('GET', `/api/courses/${courseId}/`, { token: learner.token });
    expect(detail.body.enrolled).toBe(true);
  });
});
