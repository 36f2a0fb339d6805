import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildCourse, cashier, eventually, orderStatus, publishCourse, registerAdmin, registerCreator, registerUser, registerWechatLearner, type Account } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CHROMIUM_ARGS, chromiumPath } = require('./chromium.cjs') as { CHROMIUM_ARGS: string[]; chromiumPath: () => string };

const SHOTS = resolve(__dirname, '..', '..', 'var', 'screenshots');
const DAY_S = 86_400;

let app: TestApp;
let browser: Browser;
let creator: Account;
let sharer: Account;
let courseId = 0;

beforeAll(async () => {
  app = await startTestApp({ H5_DIR: resolve(__dirname, '..', 'dist', 'h5'), JWT_TTL_S: String(30 * DAY_S) });
  let admin: Account;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  courseId = (await buildCourse(app, creator, { name: '咖啡拉花入门', price: 99.9 })).id;
  await publishCourse(app, creator, admin, courseId);
  expect((await app.request('PUT', `/api/creator/courses/${courseId}/referral-rate`, { token: creator.token, body: { rate_percent: 10 } })).status).toBe(200);
  sharer = await registerUser(app, { display_name: '周分享' });
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A browser of its own (its own storage and session) for one person, on a phone-sized screen. */
async function person(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (err) => process.stderr.write(`[browser] page error: ${err.message}\n`));
  return { context, page };
}

/** Taro keeps earlier pages in the DOM, hidden: look only at what the person can see. */
const on = (page: Page, selector: string, options?: { hasText?: string | RegExp }) => page.locator(selector, options).filter({ visible: true });
const text = (page: Page, t: string, exact = false) => page.getByText(t, { exact }).filter({ visible: true });

async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto(`${app.baseUrl}/pages/profile/index`);
  await text(page, '账号密码登录').first().click();
  await on(page, 'input[placeholder="用户名"]').fill(account.user.username);
  await on(page, 'input[placeholder="密码"]').fill(account.password);
  await on(page, '.form .btn').click();
  await on(page, '.profile-head__name').filter({ hasNotText: '未登录' }).waitFor();
}

let shareUrl = '';

describe('referral rewards in the H5 app', () => {
  it('shows the sharer what sharing earns and the link to pass on', async () => {
    const { context, page } = await person();
    await signIn(page, sharer);
    await page.goto(`${app.baseUrl}/pages/course/index?id=${courseId}`);
    await text(page, '分享赚 ¥9.99').first().waitFor();
    await text(page, '复制分享链接').click();
    const link = on(page, '.share-earn__link');
    await link.waitFor();
    shareUrl = (await link.textContent())!.trim();
    expect(shareUrl).toMatch(new RegExp(`/pages/course/index\\?id=${courseId}&ref=[A-Z2-9]{8}$`));
    await page.screenshot({ path: join(SHOTS, 'referrals-course.png') });
    await context.close();
  });

  it('counts a visitor who opened the link before signing in, once they sign in', async () => {
    const visitor = await registerUser(app);
    const { context, page } = await person();
    await page.goto(shareUrl);
    await text(page, '咖啡拉花入门').first().waitFor();
    await signIn(page, visitor);
    const rows = await eventually(async () => {
      const found: Array<{ referrer_id: number }> = await app.container.dataSource.query('SELECT referrer_id FROM referral_visits WHERE visitor_id = ? AND item_id = ?', [visitor.user.id, courseId]);
      return found.length ? found : null;
    });
    expect(rows).toEqual([{ referrer_id: sharer.user.id }]);
    await context.close();
  });

  it('lists the sharer’s balance and ledger, and exports it as CSV', async () => {
    // A WeChat buyer through the sharer's link, paid in the sandbox; the refund window then passes.
    const code = new URL(shareUrl).searchParams.get('ref')!;
    const buyer = await registerWechatLearner(app);
    await app.request('POST', '/api/referrals/visits', { token: buyer.token, body: { ref: code, course: courseId } });
    const order = await app.request<{ id: number }>('POST', '/api/orders/', { token: buyer.token, body: { course: courseId } });
    const pay = await app.request<{ package: string }>('POST', `/api/orders/${order.body.id}/pay`, { token: buyer.token });
    await cashier(app, 'confirm', pay.body.package.slice('prepay_id='.length));
    await eventually(async () => (await orderStatus(app, order.body.id)) === 'PAID');
    app.clock.advance(7 * DAY_S + 60);
    for (const id of await app.container.referralLedger.due(10)) await app.container.referralLedger.credit(id);

    const { context, page } = await person();
    await signIn(page, sharer);
    await text(page, '我的推广收益').click();
    await page.waitForURL(/\/learning\/referrals\/index/);
    await expect(on(page, '[data-testid="referral-balance"]').textContent()).resolves.toBe('¥9.99');
    await on(page, '.ledger-row', { hasText: '推广奖励入账' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'referrals-earnings.png') });
    // The browser opens the download link in a new tab (the CSV downloads there).
    const download = context.waitForEvent('request', (r) => r.url().includes('/api/me/referral/earnings.csv'));
    await text(page, '导出 CSV').click();
    const url = (await download).url();
    expect(url).toMatch(/\/api\/me\/referral\/earnings\.csv\?ticket=/);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('咖啡拉花入门');
    await context.close();
  });

  it('lets the creator change a rate inline and see the referral sales', async () => {
    const { context, page } = await person();
    await signIn(page, creator);
    await page.goto(`${app.baseUrl}/creator/referrals/index`);
    const row = on(page, `[data-rate="course-${courseId}"]`);
    await row.waitFor();
    await row.locator('input').fill('20');
    await row.getByText('保存').click();
    await eventually(async () => {
      const rates: Array<{ rate_percent: number }> = await app.container.dataSource.query("SELECT rate_percent FROM referral_rates WHERE item_type = 'course' AND item_id = ?", [courseId]);
      return rates[0]?.rate_percent === 20;
    });
    await on(page, '.ledger-row', { hasText: '推广人：周分享' }).waitFor();
    await expect(on(page, '[data-kpi="referral-reward"] .kpi__value').textContent()).resolves.toBe('¥9.99');
    await page.screenshot({ path: join(SHOTS, 'referrals-console.png'), fullPage: true });
    await context.close();
  });
});
