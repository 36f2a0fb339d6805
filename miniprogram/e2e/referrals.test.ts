import type { Browser, Page } from 'playwright-core';
import { buildCourse, cashier, eventually, orderStatus, publishCourse, registerAdmin, registerCreator, registerUser, registerWechatLearner, type Account } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { closeAll, H5_DIR, launchBrowser, openPage, screenshot, visible, type Visible } from './support/browser';
import { signInWithPassword } from './support/sign-in';

const DAY_S = 86_400;

let app: TestApp;
let browser: Browser;
let creator: Account;
let sharer: Account;
let courseId = 0;

beforeAll(async () => {
  app = await startTestApp({ H5_DIR, JWT_TTL_S: String(30 * DAY_S) });
  let admin: Account;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  courseId = (await buildCourse(app, creator, { name: '咖啡拉花入门', price: 99.9 })).id;
  await publishCourse(app, creator, admin, courseId);
  expect((await app.request('PUT', `/api/creator/courses/${courseId}/referral-rate`, { token: creator.token, body: { rate_percent: 10 } })).status).toBe(200);
  sharer = await registerUser(app, { display_name: '周分享' });
  browser = await launchBrowser();
});

afterAll(() => closeAll(browser, app));

/** A browser of its own (its own storage and session) for one person, on a phone-sized screen. */
async function person(): Promise<{ page: Page } & Visible> {
  const page = await openPage(browser);
  return { page, ...visible(page) };
}

let shareUrl = '';

describe('referral rewards in the H5 app', () => {
  it('shows the sharer what sharing earns and the link to pass on', async () => {
    const { page, on, text } = await person();
    await signInWithPassword(page, app.baseUrl, sharer);
    await page.goto(`${app.baseUrl}/pages/course/index?id=${courseId}`);
    await text('分享赚 ¥9.99').first().waitFor();
    await text('复制分享链接').click();
    const link = on('.share-earn__link');
    await link.waitFor();
    shareUrl = (await link.textContent())!.trim();
    expect(shareUrl).toMatch(new RegExp(`/pages/course/index\\?id=${courseId}&ref=[A-Z2-9]{8}$`));
    await screenshot(page, 'referrals-course');
    await page.context().close();
  });

  it('counts a visitor who opened the link before signing in, once they sign in', async () => {
    const visitor = await registerUser(app);
    const { page, text } = await person();
    await page.goto(shareUrl);
    await text('咖啡拉花入门').first().waitFor();
    await signInWithPassword(page, app.baseUrl, visitor);
    const rows = await eventually(async () => {
      const found: Array<{ referrer_id: number }> = await app.container.dataSource.query('SELECT referrer_id FROM referral_visits WHERE visitor_id = ? AND item_id = ?', [visitor.user.id, courseId]);
      return found.length ? found : null;
    });
    expect(rows).toEqual([{ referrer_id: sharer.user.id }]);
    await page.context().close();
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

    const { page, on, text } = await person();
    await signInWithPassword(page, app.baseUrl, sharer);
    await text('我的推广收益').click();
    await page.waitForURL(/\/learning\/referrals\/index/);
    await expect(on('[data-testid="referral-balance"]').textContent()).resolves.toBe('¥9.99');
    await on('.ledger-row', { hasText: '推广奖励入账' }).waitFor();
    await screenshot(page, 'referrals-earnings');
    // The browser opens the download link in a new tab (the CSV downloads there).
    const download = page.context().waitForEvent('request', (r) => r.url().includes('/api/me/referral/earnings.csv'));
    await text('导出 CSV').click();
    const url = (await download).url();
    expect(url).toMatch(/\/api\/me\/referral\/earnings\.csv\?ticket=/);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('咖啡拉花入门');
    await page.context().close();
  });

  it('lets the creator change a rate inline and see the referral sales', async () => {
    const { page, on } = await person();
    await signInWithPassword(page, app.baseUrl, creator);
    await page.goto(`${app.baseUrl}/creator/referrals/index`);
    const row = on(`[data-rate="course-${courseId}"]`);
    await row.waitFor();
    await row.locator('input').fill('20');
    await row.getByText('保存').click();
    await eventually(async () => {
      const rates: Array<{ rate_percent: number }> = await app.container.dataSource.query("SELECT rate_percent FROM referral_rates WHERE item_type = 'course' AND item_id = ?", [courseId]);
      return rates[0]?.rate_percent === 20;
    });
    await on('.ledger-row', { hasText: '推广人：周分享' }).waitFor();
    await expect(on('[data-kpi="referral-reward"] .kpi__value').textContent()).resolves.toBe('¥9.99');
    await screenshot(page, 'referrals-console', { fullPage: true });
    await page.context().close();
  });
});
