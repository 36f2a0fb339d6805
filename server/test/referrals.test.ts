import { expectError } from './support/expect-error';
import { buildCourse, cashier, eventually, orderStatus, publishCourse, registerAdmin, registerCreator, registerUser, registerWechatLearner, type Account } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

const DAY_S = 86_400;

interface ShareBody {
  code: string;
  item: { type: string; id: number; name: string; rate_percent: number; reward_fen: number; share_path: string | null; h5_url: string | null } | null;
}
interface LedgerLineBody {
  kind: 'CREDIT' | 'REVERSAL';
  amount_fen: number;
  shortfall_fen: number;
  balance_after_fen: number;
  order: number;
  item_name: string;
}
interface EarningsBody {
  balance_fen: number;
  pending_fen: number;
  pending_count: number;
  count: number;
  next: string | null;
  results: LedgerLineBody[];
}
interface SaleBody {
  order: number;
  item_type: string;
  item_name: string;
  referrer_name: string;
  order_amount_fen: number;
  rate_percent: number;
  amount_fen: number;
  status: string;
  paid_at: string;
  credit_due_at: string;
}
interface SalesBody {
  totals: { orders: number; order_amount_fen: number; reward_fen: number };
  count: number;
  results: SaleBody[];
}

let app: TestApp;
let creator: Account;
let admin: Account;
let courseId: number;
let planId: number;

beforeAll(async () => {
  // Tokens outlive the refund window: the tests move the clock past it.
  app = await startTestApp({ REFUND_WINDOW_DAYS: '7', REFERRAL_WINDOW_DAYS: '7', JWT_TTL_S: String(60 * DAY_S) });
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  courseId = await newCourse(creator, 99.9, 10);
  const plan = await app.request<{ id: number }>('POST', '/api/creator/plans', { token: creator.token, body: { name: '年度会员', period: 'YEARLY', price_fen: 19900, all_courses: true } });
  planId = plan.body.id;
  expect((await app.request('PUT', `/api/creator/plans/${planId}/referral-rate`, { token: creator.token, body: { rate_percent: 15 } })).status).toBe(200);
});
afterAll(() => app.close());

async function newCourse(owner: Account, price: number, rate: number | null, name?: string): Promise<number> {
  const id = (await buildCourse(app, owner, { price, ...(name ? { name } : {}) })).id;
  await publishCourse(app, owner, admin, id);
  if (rate !== null) expect((await app.request('PUT', `/api/creator/courses/${id}/referral-rate`, { token: owner.token, body: { rate_percent: rate } })).status).toBe(200);
  return id;
}

const nameOf = async (who: Account) => (await app.request<{ display_name: string }>('GET', '/api/me', { token: who.token })).body.display_name;
const codeOf = async (who: Account) => (await app.request<ShareBody>('GET', '/api/me/referral', { token: who.token })).body.code;
const visit = (who: Account, ref: string, item: { course?: number; plan?: number }) => app.request<{ recorded: boolean; reason?: string }>('POST', '/api/referrals/visits', { token: who.token, body: { ref, ...item } });
const earnings = async (who: Account) => (await app.request<EarningsBody>('GET', '/api/me/referral/earnings', { token: who.token })).body;
const sales = async (who: Account, query = '') => (await app.request<SalesBody>('GET', `/api/creator/referral-sales${query}`, { token: who.token })).body;
const saleOf = async (orderId: number) => (await sales(creator, '?page_size=100')).results.find((s) => s.order === orderId);

/** Pays an order through the sandbox cashier and waits for the notification to mark it PAID. */
async function payFor(learner: Account, orderId: number): Promise<void> {
  const pay = await app.request<{ package: string }>('POST', `/api/orders/${orderId}/pay`, { token: learner.token });
  expect(pay.status).toBe(200);
  await cashier(app, 'confirm', pay.body.package.slice('prepay_id='.length));
  await eventually(async () => (await orderStatus(app, orderId)) === 'PAID');
}

async function buyCourse(learner: Account, course = courseId): Promise<number> {
  const order = await app.request<{ id: number }>('POST', '/api/orders/', { token: learner.token, body: { course } });
  expect(order.status).toBe(201);
  await payFor(learner, order.body.id);
  return order.body.id;
}

async function refund(orderId: number): Promise<void> {
  const res = await app.request('POST', `/api/admin/orders/${orderId}/refund`, { token: admin.token, body: { reason: '客服退款' } });
  expect(res.status).toBe(200);
  await eventually(async () => (await orderStatus(app, orderId)) === 'REFUNDED');
}

/** What the jobs' sweep does with due rewards. */
async function creditRun(): Promise<number> {
  let credited = 0;
  for (const id of await app.container.referralLedger.due(500)) if ((await app.container.referralLedger.credit(id)) === 'credited') credited++;
  return credited;
}

describe('referral attribution', () => {
  it('credits a purchase within the window to the sharer at the creator’s rate, PENDING until the refund window passes', async () => {
    const sharer = await registerUser(app);
    const share = (await app.request<ShareBody>('GET', `/api/me/referral?course=${courseId}`, { token: sharer.token })).body;
    expect(share.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(share.item).toMatchObject({ type: 'course', id: courseId, rate_percent: 10, reward_fen: 999, share_path: `/pages/course/index?id=${courseId}&ref=${share.code}` });
    expect(await codeOf(sharer)).toBe(share.code);

    const buyer = await registerWechatLearner(app);
    const clicked = await visit(buyer, share.code.toLowerCase(), { course: courseId });
    expect([clicked.status, clicked.body]).toEqual([201, { recorded: true }]);
    app.clock.advance(2 * DAY_S);
    const orderId = await buyCourse(buyer);

    const sale = await saleOf(orderId);
    expect(sale).toMatchObject({ item_type: 'course', referrer_name: await nameOf(sharer), order_amount_fen: 9990, rate_percent: 10, amount_fen: 999, status: 'PENDING' });
    expect(Date.parse(sale!.credit_due_at) - Date.parse(sale!.paid_at)).toBe(7 * DAY_S * 1000);
    expect(await earnings(sharer)).toMatchObject({ balance_fen: 0, pending_fen: 999, pending_count: 1, count: 0 });

    // A later rate change does not touch the attribution: the rate at payment was copied.
    await app.request('PUT', `/api/creator/courses/${courseId}/referral-rate`, { token: creator.token, body: { rate_percent: 30 } });
    expect((await saleOf(orderId))!.rate_percent).toBe(10);
    await app.request('PUT', `/api/creator/courses/${courseId}/referral-rate`, { token: creator.token, body: { rate_percent: 10 } });
  });

  it('last click wins between two sharers', async () => {
    const [first, second] = await Promise.all([registerUser(app), registerUser(app)]);
    const buyer = await registerWechatLearner(app);
    await visit(buyer, await codeOf(first), { course: courseId });
    app.clock.advance(60);
    await visit(buyer, await codeOf(second), { course: courseId });
    const orderId = await buyCourse(buyer);
    expect((await saleOf(orderId))!.referrer_name).toBe(await nameOf(second));
    expect((await earnings(second)).pending_fen).toBe(999);
    expect((await earnings(first)).pending_fen).toBe(0);

    // Clicking the first link again makes it the last click for the next purchase (a gift of the course).
    await visit(buyer, await codeOf(first), { course: courseId });
    const gift = await app.request<{ id: number }>('POST', '/api/gift-orders', { token: buyer.token, body: { course: courseId } });
    expect(gift.status).toBe(201);
    await payFor(buyer, gift.body.id);
    expect((await saleOf(gift.body.id))!.referrer_name).toBe(await nameOf(first));
  });

  it('ignores a click older than the window, and items without a rate', async () => {
    const sharer = await registerUser(app);
    const buyer = await registerWechatLearner(app);
    await visit(buyer, await codeOf(sharer), { course: courseId });
    app.clock.advance(7 * DAY_S + 3600);
    const late = await buyCourse(buyer);
    expect(await saleOf(late)).toBeUndefined();

    const unrated = await newCourse(creator, 50, null);
    const other = await registerWechatLearner(app);
    await visit(other, await codeOf(sharer), { course: unrated });
    const none = await buyCourse(other, unrated);
    expect(await saleOf(none)).toBeUndefined();
    expect(await earnings(sharer)).toMatchObject({ pending_fen: 0, balance_fen: 0 });
  });

  it('ignores self-referral and the creator’s own link', async () => {
    const buyer = await registerWechatLearner(app);
    const self = await visit(buyer, await codeOf(buyer), { course: courseId });
    expect([self.status, self.body]).toEqual([200, { recorded: false, reason: 'SELF' }]);
    const own = await visit(buyer, await codeOf(creator), { course: courseId });
    expect([own.status, own.body]).toEqual([200, { recorded: false, reason: 'CREATOR' }]);
    const orderId = await buyCourse(buyer);
    expect(await saleOf(orderId)).toBeUndefined();
    expect((await earnings(buyer)).pending_fen).toBe(0);
    expect((await earnings(creator)).pending_fen).toBe(0);
  });
});

describe('crediting and reversal', () => {
  it('credits once after the refund window, even with two credit runs at once; a refund then takes it back to zero', async () => {
    const sharer = await registerUser(app);
    const buyer = await registerWechatLearner(app);
    await visit(buyer, await codeOf(sharer), { course: courseId });
    const orderId = await buyCourse(buyer);

    // Inside the refund window: nothing is credited.
    app.clock.advance(7 * DAY_S - 3600);
    await creditRun();
    expect((await saleOf(orderId))!.status).toBe('PENDING');

    app.clock.advance(3601);
    const due = (await app.container.referralLedger.due(500)).length;
    expect(due).toBeGreaterThanOrEqual(1);
    const runs = await Promise.all([creditRun(), creditRun()]);
    // Both runs saw the same due rewards; each was credited by exactly one of them.
    expect(runs[0]! + runs[1]!).toBe(due);
    expect((await saleOf(orderId))!.status).toBe('CREDITED');
    const credited = await earnings(sharer);
    expect(credited).toMatchObject({ balance_fen: 999, pending_fen: 0, count: 1 });
    expect(credited.results).toEqual([expect.objectContaining({ kind: 'CREDIT', amount_fen: 999, balance_after_fen: 999, order: orderId })]);
    expect(await creditRun()).toBe(0);

    await refund(orderId);
    expect((await saleOf(orderId))!.status).toBe('REVERSED');
    const reversed = await earnings(sharer);
    expect(reversed).toMatchObject({ balance_fen: 0, count: 2 });
    expect(reversed.results[0]).toMatchObject({ kind: 'REVERSAL', amount_fen: 999, shortfall_fen: 0, balance_after_fen: 0 });
  });

  it('holds the credit back while a refund is asked for, and credits it once the refund is rejected', async () => {
    const sharer = await registerUser(app);
    const buyer = await registerWechatLearner(app);
    await visit(buyer, await codeOf(sharer), { course: courseId });
    const orderId = await buyCourse(buyer);
    const asked = await app.request<{ id: number }>('POST', `/api/orders/${orderId}/refund`, { token: buyer.token, body: { reason: '再想想' } });
    expect(asked.status).toBe(201);
    app.clock.advance(7 * DAY_S + 60);
    await creditRun();
    expect((await saleOf(orderId))!.status).toBe('PENDING');
    expect((await app.request('POST', `/api/refunds/${asked.body.id}/reject`, { token: creator.token, body: { note: '已学完' } })).status).toBe(200);
    await creditRun();
    expect((await saleOf(orderId))!.status).toBe('CREDITED');
    expect((await earnings(sharer)).balance_fen).toBe(999);
  });

  it('a refund before the credit reverses the attribution without a ledger entry', async () => {
    const sharer = await registerUser(app);
    const buyer = await registerWechatLearner(app);
    await visit(buyer, await codeOf(sharer), { course: courseId });
    const orderId = await buyCourse(buyer);
    await refund(orderId);
    expect((await saleOf(orderId))!.status).toBe('REVERSED');
    app.clock.advance(8 * DAY_S);
    await creditRun();
    expect(await earnings(sharer)).toMatchObject({ balance_fen: 0, pending_fen: 0, count: 0 });
  });

  it('never lets a balance go negative: a reversal takes at most the balance and records the shortfall', async () => {
    const sharer = await registerUser(app);
    const buyer = await registerWechatLearner(app);
    await visit(buyer, await codeOf(sharer), { course: courseId });
    const orderId = await buyCourse(buyer);
    app.clock.advance(7 * DAY_S + 60);
    await creditRun();
    // As if part of the balance had been paid out.
    await app.container.dataSource.query('UPDATE referral_balances SET balance_fen = 400 WHERE user_id = ?', [sharer.user.id]);
    await expect(app.container.dataSource.query('UPDATE referral_balances SET balance_fen = -1 WHERE user_id = ?', [sharer.user.id])).rejects.toThrow();
    await refund(orderId);
    const after = await earnings(sharer);
    expect(after.balance_fen).toBe(0);
    expect(after.results[0]).toMatchObject({ kind: 'REVERSAL', amount_fen: 400, shortfall_fen: 599, balance_after_fen: 0 });
  });

  it('attributes a membership plan order to the plan’s sharer and reverses it on refund', async () => {
    const sharer = await registerUser(app);
    const buyer = await registerWechatLearner(app);
    // The plan's share link opens the plan picker on this plan.
    const share = (await app.request<ShareBody>('GET', `/api/me/referral?plan=${planId}`, { token: sharer.token })).body;
    expect(share.item).toMatchObject({ type: 'plan', id: planId, rate_percent: 15, reward_fen: 2985, share_path: `/learning/plans/index?creator=${creator.user.id}&plan=${planId}&ref=${share.code}` });
    expect((await visit(buyer, share.code, { plan: planId })).status).toBe(201);
    const order = await app.request<{ id: number }>('POST', '/api/membership-orders', { token: buyer.token, body: { plan: planId } });
    await payFor(buyer, order.body.id);
    expect(await saleOf(order.body.id)).toMatchObject({ item_type: 'plan', item_name: '年度会员', order_amount_fen: 19900, rate_percent: 15, amount_fen: 2985, status: 'PENDING' });
    expect((await earnings(sharer)).pending_fen).toBe(2985);
    await refund(order.body.id);
    expect((await saleOf(order.body.id))!.status).toBe('REVERSED');
    expect(await earnings(sharer)).toMatchObject({ pending_fen: 0, balance_fen: 0, count: 0 });
  });
});

describe('exports and the creator’s view', () => {
  it('exports the ledger as CSV with a BOM, a header and escaped fields, by token or by a short-lived link', async () => {
    const tricky = await newCourse(creator, 20, 50, '摄影, "精选" 课');
    const sharer = await registerUser(app);
    const buyer = await registerWechatLearner(app);
    await visit(buyer, await codeOf(sharer), { course: tricky });
    await buyCourse(buyer, tricky);
    app.clock.advance(7 * DAY_S + 60);
    await creditRun();

    const byToken = await app.request<string>('GET', '/api/me/referral/earnings.csv', { token: sharer.token });
    expect(byToken.status).toBe(200);
    expect(byToken.headers.get('content-type')).toContain('text/csv');
    expect(byToken.headers.get('content-disposition')).toContain('attachment');
    const raw = Buffer.from(await (await fetch(`${app.baseUrl}/api/me/referral/earnings.csv`, { headers: { authorization: `Bearer ${sharer.token}` } })).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = byToken.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('时间,类型,金额(元),未能扣回(元),余额(元),订单,商品,订单金额(元),比例(%)');
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2},入账,10\.00,0\.00,10\.00,/);
    expect(lines[1]).toContain(',"摄影, ""精选"" 课",20.00,50');
    expect(lines[2]).toBe('');

    expectError(await app.request('GET', '/api/me/referral/earnings.csv'), 401, 'UNAUTHORIZED');
    const link = await app.request<{ url: string }>('POST', '/api/me/referral/earnings/export', { token: sharer.token });
    expect(link.status).toBe(201);
    const viaLink = await fetch(link.body.url);
    expect(viaLink.status).toBe(200);
    expect(await viaLink.text()).toBe(byToken.body);
    // A sales ticket is not an earnings ticket, and an API token is not a ticket.
    const salesLink = await app.request<{ url: string }>('POST', '/api/creator/referral-sales/export', { token: creator.token });
    const ticket = new URL(salesLink.body.url).searchParams.get('ticket')!;
    expectError(await app.request('GET', `/api/me/referral/earnings.csv?ticket=${ticket}`), 401, 'TOKEN_INVALID');
    expectError(await app.request('GET', `/api/me/referral/earnings.csv?ticket=${sharer.token}`), 401, 'TOKEN_INVALID');

    const salesCsv = await fetch(salesLink.body.url);
    const text = await salesCsv.text();
    expect(text.split('\r\n')[0]).toBe('支付时间,订单,类型,商品,推广人,订单金额(元),比例(%),推广奖励(元),状态,入账时间');
    expect(text).toContain(`"摄影, ""精选"" 课",${await nameOf(sharer)},20.00,50,10.00,已入账`);
  });

  it('shows a creator only the referral sales of their own items, with totals and a date filter', async () => {
    const other = await registerCreator(app);
    expect(await sales(other)).toMatchObject({ count: 0, results: [], totals: { orders: 0, reward_fen: 0 } });
    expectError(await app.request('PUT', `/api/creator/courses/${courseId}/referral-rate`, { token: other.token, body: { rate_percent: 5 } }), 404, 'NOT_FOUND');
    expectError(await app.request('GET', `/api/creator/plans/${planId}/referral-rate`, { token: other.token }), 404, 'NOT_FOUND');
    expect((await app.request<{ rate_percent: number }>('GET', `/api/creator/courses/${courseId}/referral-rate`, { token: creator.token })).body.rate_percent).toBe(10);

    const mine = await sales(creator, '?page_size=100');
    expect(mine.count).toBeGreaterThan(0);
    expect(mine.totals.orders).toBe(mine.count);
    const standing = mine.results.filter((s) => s.status !== 'REVERSED').reduce((sum, s) => sum + s.amount_fen, 0);
    expect(mine.totals.reward_fen).toBe(standing);
    expect((await sales(creator, '?from=2000-01-01&to=2000-01-31')).count).toBe(0);
    const rates = await app.request<{ results: Array<{ item_type: string; item_id: number; rate_percent: number }> }>('GET', '/api/creator/referral-rates', { token: creator.token });
    expect(rates.body.results).toEqual(expect.arrayContaining([expect.objectContaining({ item_type: 'course', item_id: courseId, rate_percent: 10 }), expect.objectContaining({ item_type: 'plan', item_id: planId, rate_percent: 15 })]));
  });

  it('answers bad input with a 4xx naming the problem', async () => {
    const learner = await registerUser(app);
    const put = (body: unknown, token = creator.token) => app.request('PUT', `/api/creator/courses/${courseId}/referral-rate`, { token, body });
    expectError(await put({ rate_percent: 51 }), 400, 'VALIDATION_ERROR', 'rate_percent');
    expectError(await put({ rate_percent: -1 }), 400, 'VALIDATION_ERROR', 'rate_percent');
    expectError(await put({ rate_percent: 2.5 }), 400, 'VALIDATION_ERROR', 'rate_percent');
    expectError(await put({}), 400, 'VALIDATION_ERROR', 'rate_percent');
    expectError(await put({ rate_percent: 5 }, learner.token), 403, 'ROLE_REQUIRED');
    expectError(await app.request('PUT', '/api/creator/courses/999999/referral-rate', { token: creator.token, body: { rate_percent: 5 } }), 404, 'NOT_FOUND');

    const code = await codeOf(creator);
    expectError(await visit(learner, 'NOSUCH99', { course: courseId }), 404, 'NOT_FOUND');
    expectError(await visit(learner, 'bad code!', { course: courseId }), 400, 'VALIDATION_ERROR', 'ref');
    expectError(await visit(learner, code, {}), 400, 'VALIDATION_ERROR', 'course');
    expectError(await visit(learner, code, { course: courseId, plan: planId }), 400, 'VALIDATION_ERROR', 'course');
    expectError(await visit(learner, code, { course: 999999 }), 404, 'NOT_FOUND');
    expectError(await app.request('POST', '/api/referrals/visits', { body: { ref: code, course: courseId } }), 401, 'UNAUTHORIZED');
    expectError(await app.request('GET', '/api/me/referral?course=abc', { token: learner.token }), 400, 'VALIDATION_ERROR', 'course');
    expectError(await app.request('GET', '/api/creator/referral-sales?from=2026-02-01&to=2026-01-01', { token: creator.token }), 400, 'VALIDATION_ERROR', 'from');
    expectError(await app.request('GET', '/api/creator/referral-sales', { token: learner.token }), 403, 'ROLE_REQUIRED');
    expectError(await app.request('GET', '/api/creator/referral-sales.csv', { token: learner.token }), 403, 'ROLE_REQUIRED');
  });
});
