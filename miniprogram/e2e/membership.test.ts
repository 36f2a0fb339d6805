import type { Browser, Page } from 'playwright-core';
import { buildCourse, publishCourse, registerAdmin, registerCreator, type Account, type BuiltCourse } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { closeAll, H5_DIR, launchBrowser, openPage, screenshot, visible } from './support/browser';
import { signInWithPassword } from './support/sign-in';

const DAY = 86_400_000;

let app: TestApp;
let browser: Browser;
let page: Page;
let creator: Account;
let admin: Account;
let photo: BuiltCourse;
let video: BuiltCourse;
let extra: BuiltCourse;
let yearlyId = 0;

beforeAll(async () => {
  app = await startTestApp({ H5_DIR });
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  photo = await buildCourse(app, creator, { name: '手机摄影入门' });
  video = await buildCourse(app, creator, { name: '短视频剪辑实战' });
  extra = await buildCourse(app, creator, { name: '人像修图进阶' });
  for (const c of [photo, video, extra]) await publishCourse(app, creator, admin, c.id);
  const plan = (body: Record<string, unknown>) => app.request<{ id: number }>('POST', '/api/creator/plans', { token: creator.token, body: { courses: [photo.id, video.id], ...body } });
  expect((await plan({ name: '摄影月卡', period: 'MONTHLY', price_fen: 2990, trial_days: 7 })).status).toBe(201);
  const yearly = await plan({ name: '摄影年卡', period: 'YEARLY', price_fen: 19900 });
  expect(yearly.status).toBe(201);
  yearlyId = yearly.body.id;

  browser = await launchBrowser();
  page = await openPage(browser);
});

afterAll(() => closeAll(browser, app));

/** Taro keeps earlier pages in the DOM, hidden: look only at what the learner can see. */
const { on, text } = visible(() => page);
const shot = (name: string) => screenshot(page, name);

describe('a learner joins a membership in the H5 store', () => {
  it('signs in from a covered course and picks the yearly plan', async () => {
    await page.goto(`${app.baseUrl}/pages/course/index?id=${photo.id}`);
    const block = on('.membership-block');
    await block.getByText('会员免费学').waitFor();
    // The cheapest plan is the one advertised.
    await block.getByText(/摄影月卡 ¥29\.90\/月起/).waitFor();

    await block.getByText('开通会员').click();
    await page.waitForURL(/\/pages\/profile\/index/);
    await text('微信一键登录').click();
    await page.waitForURL(new RegExp(`/pages/course/index\\?id=${photo.id}`));

    await on('.membership-block').getByText('开通会员').click();
    await page.waitForURL(new RegExp(`/learning/plans/index\\?course=${photo.id}`));
    await on('.plan-option[data-period="MONTHLY"]').waitFor();
    // The monthly plan offers a trial; the yearly one does not.
    await text('免费试用7天').waitFor();
    await on('.plan-option[data-period="YEARLY"]').click();
    await on('.plan-option--on[data-period="YEARLY"]').waitFor();
    expect(await text('免费试用7天').count()).toBe(0);
    await on('.action-bar .price', { hasText: '¥199.00' }).waitFor();
    await on('.plan-buy', { hasText: '立即开通' }).waitFor();
    await shot('membership-plans');
  });

  it('pays in the sandbox cashier and comes back a member', async () => {
    await on('.plan-buy').click();
    const cashier = on('.kp-cashier');
    await cashier.waitFor();
    await page.waitForTimeout(300); // the sheet slides up
    await cashier.getByText('确认支付').click();

    await page.waitForURL(new RegExp(`/pages/course/index\\?id=${photo.id}`));
    await on('.membership-block--member .badge--member', { hasText: '会员' }).waitFor();
    await on('.membership-block--member').getByText(/会员有效期至 \d{4}-\d{2}-\d{2}/).waitFor();
    await on('.action-bar__btn', { hasText: '开始学习' }).waitFor();
    expect(await on('.lesson-row__lock').count()).toBe(0);
    await shot('membership-paid');

    const orders: Array<{ user_id: number; status: string; amount_fen: number }> = await app.container.dataSource.query(
      "SELECT user_id, status, amount_fen FROM orders WHERE item_type = 'membership' AND plan_id = ?",
      [yearlyId],
    );
    expect(orders).toEqual([expect.objectContaining({ status: 'PAID', amount_fen: 19900 })]);
    const memberships: Array<{ status: string; ends_at: Date }> = await app.container.dataSource.query('SELECT status, ends_at FROM memberships WHERE plan_id = ? AND user_id = ?', [
      yearlyId,
      orders[0]!.user_id,
    ]);
    expect(memberships).toHaveLength(1);
    expect(memberships[0]!.status).toBe('ACTIVE');
    const days = (memberships[0]!.ends_at.getTime() - Date.now()) / DAY;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(367);
  });

  it('opens a paid lesson of the other covered course', async () => {
    await page.goto(`${app.baseUrl}/pages/course/index?id=${video.id}`);
    await on('.membership-block--member .badge--member').waitFor();
    await on(`.lesson-row[data-lesson-id="${video.paidLessonId}"]`).click();
    await page.waitForURL(new RegExp(`/learning/player/index\\?id=${video.paidLessonId}`));
    await on('.player__title', { hasText: '正课' }).waitFor();
    await on('.audio-player__btn, video').first().waitFor();
    await shot('membership-lesson');
  });

  it('redeems a code from the profile and lands on its course', async () => {
    const made = await app.request<{ codes: string[] }>('POST', `/api/creator/courses/${extra.id}/redemption-codes`, { token: creator.token, body: { count: 1 } });
    expect(made.status).toBe(201);
    await page.goto(`${app.baseUrl}/pages/profile/index`);
    await on('.member-card').getByText('摄影年卡').waitFor();
    await on('.menu__item--redeem').click();
    await page.waitForURL(/\/learning\/redeem\/index/);

    await on('.redeem__input input').fill('ABCD-EFGH-JKMN');
    await on('.redeem__submit').click();
    await on('.redeem__error', { hasText: '兑换码不存在' }).waitFor();

    await on('.redeem__input input').fill(made.body.codes[0]!);
    await on('.redeem__submit').click();
    await page.waitForURL(new RegExp(`/pages/course/index\\?id=${extra.id}`));
    await on('.action-bar__btn', { hasText: '开始学习' }).waitFor();
    const [row] = (await app.container.dataSource.query('SELECT redeemed_by FROM redemption_codes WHERE code = ?', [made.body.codes[0]])) as Array<{ redeemed_by: number | null }>;
    expect(row?.redeemed_by).not.toBeNull();
  });

  it('gives a course to a friend: pays for a gift, copies the code, finds it under 我送出的礼物', async () => {
    await page.goto(`${app.baseUrl}/pages/course/index?id=${photo.id}`);
    await on('.gift-link').click();
    await page.waitForURL(new RegExp(`/learning/gift/index\\?course=${photo.id}`));
    await on('.gift-pay').click();
    const cashier = on('.kp-cashier');
    await cashier.waitFor();
    await page.waitForTimeout(300);
    await cashier.getByText('确认支付').click();
    const shown = on('.gift-done .gift-code__code');
    await shown.waitFor();
    const code = (await shown.textContent())?.trim() ?? '';
    const [row] = (await app.container.dataSource.query(
      "SELECT rc.code, o.status FROM redemption_codes rc JOIN orders o ON o.id = rc.gift_order_id WHERE o.item_type = 'gift' AND o.course_id = ?",
      [photo.id],
    )) as Array<{ code: string; status: string }>;
    expect(row).toEqual({ code, status: 'PAID' });
    await shot('membership-gift');

    await page.goto(`${app.baseUrl}/learning/gifts/index`);
    await on('.gift-row', { hasText: '手机摄影入门' }).getByText(code).waitFor();
    await on('.gift-row', { hasText: '未兑换' }).waitFor();
  });
});

describe('the creator console', () => {
  let desk: Page;
  const { on: see } = visible(() => desk);

  beforeAll(async () => {
    desk = await openPage(browser, { label: 'console' });
    await signInWithPassword(desk, app.baseUrl, creator);
  });

  it('lists plans with members and sales, creates one and retires it', async () => {
    await desk.goto(`${app.baseUrl}/creator/plans/index`);
    const yearly = see(`.plan-row[data-plan-id="${yearlyId}"]`);
    await yearly.getByText('在期会员 1 人 · 售出 1 单 · ¥199.00').waitFor();

    await see('input[name="plan-name"]').fill('摄影终身卡');
    await see('.chip[data-period="LIFETIME"]').click();
    await see('input[name="plan-price"]').fill('499');
    await see('input[name="plan-trial"]').fill('3');
    await see('.plan-form .btn--primary').click();
    const lifetime = see('.plan-row', { hasText: '摄影终身卡' });
    await lifetime.getByText('终身 · ¥499.00').waitFor();
    await screenshot(desk, 'membership-console-plans');

    await lifetime.locator('.plan-row__retire').click();
    await see('.taro-model__confirm').click();
    await lifetime.getByText('已停售').waitFor();
    const [row] = (await app.container.dataSource.query("SELECT status, price_fen, trial_days FROM membership_plans WHERE name = '摄影终身卡'")) as Array<{ status: string; price_fen: number; trial_days: number }>;
    expect(row).toEqual({ status: 'RETIRED', price_fen: 49900, trial_days: 3 });
  });

  it('generates a batch of codes for a course and shows which were redeemed', async () => {
    await desk.goto(`${app.baseUrl}/creator/codes/index`);
    await see('.codes__course').waitFor();
    await see('.codes__count input').fill('5');
    await see('.codes__generate').click();
    const batch = see('.code-batch', { hasText: '5 个 · 已兑换 0' });
    await batch.waitFor();
    expect(await batch.locator('.code-batch__code').count()).toBe(5);
    await screenshot(desk, 'membership-console-codes');

    const download = desk.waitForEvent('download');
    await batch.locator('.code-batch__csv').click();
    const csv = await (await download).createReadStream();
    let body = '';
    for await (const chunk of csv) body += String(chunk);
    const lines = body.trim().split('\n');
    expect(lines[0]).toBe('code,redeemed,redeemed_at');
    expect(lines).toHaveLength(6);
  });
});
