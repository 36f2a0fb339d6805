import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../server/src/db/seed/seed-demo';
import { registerAdmin, registerCreator, wav, type Account } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { closeAll, H5_DIR, launchBrowser, openPage, screenshot, visible } from './support/browser';
import { signInWithPassword } from './support/sign-in';

let app: TestApp;
let browser: Browser;
let creator: Account;
let admin: Account;
const courseName = `浏览器里做的课 ${Date.now() % 100000}`;
let courseId = 0;

/** Taro keeps earlier pages in the DOM, hidden: look only at what the person can see. */
const on = (page: Page, selector: string, options?: { hasText?: string | RegExp }) => visible(page).on(selector, options);
const text = (page: Page, t: string, exact = false) => visible(page).text(t, exact);
/** Screenshots (git-ignored): console-*.png. */
const shot = (page: Page, name: string) => screenshot(page, `console-${name}`);

async function until<T>(page: Page, read: () => Promise<T>, ok: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await page.waitForTimeout(200);
    value = await read();
  }
  return value;
}

async function db<T>(sql: string, params: unknown[]): Promise<T[]> {
  return (await app.container.dataSource.query(sql, params)) as T[];
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

beforeAll(async () => {
  app = await startTestApp({ H5_DIR });
  await seedDemo(app.container.dataSource, { mediaDir: app.container.config.media.dir, log: () => undefined });
  browser = await launchBrowser();
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
});

afterAll(() => closeAll(browser, app));

describe('the creator and admin console in the H5 app', () => {
  let creatorPage: Page;

  it('a creator opens the console from the profile and creates a course', async () => {
    creatorPage = await openPage(browser, { viewport: 'desk' });
    const page = creatorPage;
    await signInWithPassword(page, app.baseUrl, creator);
    await text(page, '创作者中心').first().click();
    await page.waitForURL(/\/creator\/courses\/index/);
    await on(page, '.console__title', { hasText: '我的课程' }).waitFor();

    await text(page, '新建课程', true).first().click();
    await page.waitForURL(/\/creator\/editor\/index/);
    await on(page, 'input[placeholder="一句话说清楚学什么"]').fill(courseName);
    await on(page, 'textarea[placeholder="适合谁、学完能做什么"]').fill('从浏览器里创建、上传、提交审核的一门课。');
    await on(page, 'input[name="price"], .form__input input[type="digit"], .form__input input').nth(1).fill('19.9');
    await on(page, '[data-category]').first().click();
    await shot(page, 'new-course');
    await text(page, '创建课程', true).last().click();

    await page.waitForURL(/\/creator\/editor\/index\?id=\d+/);
    courseId = Number(new URL(page.url()).searchParams.get('id'));
    await on(page, '.editor-status[data-status="DRAFT"]').waitFor();
    const [row] = await db<{ name: string; price_fen: number; status: string; creator_id: number }>('SELECT name, price_fen, status, creator_id FROM courses WHERE id = ?', [courseId]);
    expect(row).toEqual({ name: courseName, price_fen: 1990, status: 'DRAFT', creator_id: creator.user.id });
  });

  it('adds a chapter and two lessons, uploads their media with a progress bar, and orders them', async () => {
    const page = creatorPage;
    await on(page, 'input[placeholder="章节名称"]').fill('第一章 入门');
    await text(page, '添加章节', true).click();
    const chapter = on(page, '.chapter-edit', { hasText: '第一章 入门' });
    await chapter.waitFor();

    const addLesson = async (title: string, kind: string, preview: boolean) => {
      await chapter.locator('input[placeholder="课时名称"]').fill(title);
      await chapter.locator(`.new-lesson [data-kind="${kind}"]`).click();
      if (preview) await chapter.locator('.new-lesson taro-switch-core, .new-lesson .weui-switch').first().click();
      await chapter.locator('.new-lesson .btn').click();
      await on(page, '.lesson-edit', { hasText: title }).waitFor();
    };
    await addLesson('讲义', 'document', false);
    await addLesson('开篇 试听', 'audio', true);
    const lessons = await db<{ id: number; title: string; free_preview: number; position: number }>('SELECT id, title, free_preview, position FROM lessons WHERE course_id = ? ORDER BY position', [courseId]);
    expect(lessons.map((l) => [l.title, l.free_preview])).toEqual([
      ['讲义', 0],
      ['开篇 试听', 1],
    ]);

    // A slow uplink, so the progress bar shows while the audio goes up.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 400 * 1024 });
    const audioRow = on(page, '.lesson-edit', { hasText: '开篇 试听' });
    const chooser = page.waitForEvent('filechooser');
    await audioRow.locator('.upload .btn').click();
    await (await chooser).setFiles({ name: 'intro.wav', mimeType: 'audio/wav', buffer: wav(1_500_000) });
    await audioRow.locator('.progress').waitFor();
    await until(page, () => audioRow.locator('.progress').getAttribute('aria-valuenow').then(Number), (p) => p > 5 && p < 100, 10_000);
    await shot(page, 'upload-progress');
    await audioRow.locator('[data-media-state="ready"]').waitFor({ timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    const docRow = on(page, '.lesson-edit', { hasText: '讲义' });
    const docChooser = page.waitForEvent('filechooser');
    await docRow.locator('.upload .btn').click();
    await (await docChooser).setFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: PDF });
    await docRow.locator('[data-media-state="ready"]').waitFor();

    // The free preview first: one step down for the handout, saved as positions.
    await docRow.locator('[data-move="down"]').click();
    const ordered = await until(
      page,
      () => db<{ title: string }>('SELECT title FROM lessons WHERE course_id = ? ORDER BY position, id', [courseId]),
      (rows) => rows[0]?.title === '开篇 试听',
    );
    expect(ordered.map((l) => l.title)).toEqual(['开篇 试听', '讲义']);
    await on(page, '.lesson-edit').first().filter({ hasText: '开篇 试听' }).waitFor();
    const media = await db<{ n: string | number }>('SELECT COUNT(*) AS n FROM lessons WHERE course_id = ? AND media_key IS NOT NULL', [courseId]);
    expect(Number(media[0]!.n)).toBe(2);
  });

  it('submits the course for review', async () => {
    const page = creatorPage;
    await text(page, '提交审核', true).click();
    await on(page, '.editor-status[data-status="IN_REVIEW"]').waitFor();
    await shot(page, 'editor');
    const [row] = await db<{ status: string }>('SELECT status FROM courses WHERE id = ?', [courseId]);
    expect(row?.status).toBe('IN_REVIEW');
  });

  it('an admin approves it from the review queue, and the creator is told', async () => {
    const page = await openPage(browser, { viewport: 'desk' });
    await signInWithPassword(page, app.baseUrl, admin);
    await text(page, '管理后台').first().click();
    await page.waitForURL(/\/creator\/admin\/index/);
    await shot(page, 'admin');
    await text(page, '课程审核').first().click();
    await page.waitForURL(/\/creator\/admin\/review\/index/);
    const item = on(page, `.review-item[data-course-id="${courseId}"]`);
    await item.waitFor();
    expect(await item.locator('.own-course__name').textContent()).toBe(courseName);
    await shot(page, 'review');
    await item.getByText('通过', { exact: true }).click();
    await text(page, '已通过，已通知创作者').waitFor();
    await item.waitFor({ state: 'detached' });

    const [row] = await db<{ status: string }>('SELECT status FROM courses WHERE id = ?', [courseId]);
    expect(row?.status).toBe('PUBLISHED');
    const notices = await db<{ n: string | number }>("SELECT COUNT(*) AS n FROM course_revisions WHERE course_id = ? AND status = 'APPROVED' AND decided_by = ?", [courseId, admin.user.id]);
    expect(Number(notices[0]!.n)).toBe(1);
    await page.context().close();
  });

  it('a learner buys it in the store through the sandbox cashier', async () => {
    const page = await openPage(browser);
    await page.goto(`${app.baseUrl}/pages/course/index?id=${courseId}`);
    await on(page, '.detail-head__name', { hasText: courseName }).waitFor();
    await text(page, '立即购买').click();
    await page.waitForURL(/\/pages\/profile\/index/);
    await text(page, '微信一键登录').click();
    await page.waitForURL(new RegExp(`/pages/course/index\\?id=${courseId}`));
    await text(page, '立即购买').click();
    await page.waitForURL(new RegExp(`/pages/checkout/index\\?id=${courseId}`));
    await on(page, '.btn--wechat').click();
    const cashier = on(page, '.kp-cashier');
    await cashier.waitFor();
    await cashier.getByText('确认支付').click();
    await page.waitForURL(/\/learning\/courses\/index/);
    const orders = await until(
      page,
      () => db<{ status: string; amount_fen: number }>('SELECT status, amount_fen FROM orders WHERE course_id = ?', [courseId]),
      (rows) => rows[0]?.status === 'PAID',
    );
    expect(orders).toEqual([{ status: 'PAID', amount_fen: 1990 }]);
    await page.context().close();
  });

  it('the creator sees the sale on the analytics page and in my courses', async () => {
    const page = creatorPage;
    // The jobs process computes analytics on a schedule; here the test runs the same refresh.
    await app.container.analytics.refresh(1);
    await page.goto(`${app.baseUrl}/creator/analytics/index`);
    const paid = on(page, '[data-kpi="paid-orders"] .kpi__value');
    await paid.waitFor();
    expect(await paid.textContent()).toBe('1');
    expect(await on(page, '[data-kpi="revenue"] .kpi__value').textContent()).toBe('¥19.90');
    await on(page, `.line[data-course-id="${courseId}"]`, { hasText: courseName }).waitFor();
    // Each chart is drawn on a canvas of its own.
    for (const chart of ['revenue-by-day', 'conversion', 'activity', 'refunds']) {
      await on(page, `[data-chart="${chart}"] canvas`).waitFor();
    }
    await page.waitForTimeout(600); // chart animations
    await shot(page, 'analytics');

    await on(page, '[data-nav="courses"]').click();
    await page.waitForURL(/\/creator\/courses\/index/);
    const card = on(page, `.own-course[data-course-id="${courseId}"]`);
    await card.waitFor();
    expect(await card.locator('.own-course__sales').textContent()).toBe('1 人购买');
    expect(await card.locator('[data-status]').getAttribute('data-status')).toBe('PUBLISHED');
    await shot(page, 'courses');
  });

  it('works on a phone too: the console in a narrow screen', async () => {
    const page = await openPage(browser);
    await signInWithPassword(page, app.baseUrl, creator);
    await page.goto(`${app.baseUrl}/creator/analytics/index`);
    await on(page, '[data-kpi="paid-orders"] .kpi__value', { hasText: '1' }).waitFor();
    await on(page, '[data-chart="revenue-by-day"] canvas').waitFor();
    await page.waitForTimeout(600);
    await shot(page, 'analytics-phone');
    await page.context().close();
  });
});
