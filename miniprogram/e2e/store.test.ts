import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../server/src/db/seed/seed-demo';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { closeAll, H5_DIR, launchBrowser, openPage, screenshot, visible } from './support/browser';

let app: TestApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await startTestApp({ H5_DIR });
  await seedDemo(app.container.dataSource, { mediaDir: app.container.config.media.dir, log: () => undefined });
  browser = await launchBrowser();
  page = await openPage(browser);
});

afterAll(() => closeAll(browser, app));

/** Taro keeps earlier pages in the DOM, hidden: look only at what the learner can see. */
const { on, text } = visible(() => page);
const shot = (name: string) => screenshot(page, name);

async function prices(): Promise<number[]> {
  const texts = await on('.course-card .price').allTextContents();
  return texts.map((t) => (t === '免费' ? 0 : Number(t.replace('¥', ''))));
}

/** Polls `read` until `ok` holds (10 s at most), returning the last value read; the caller asserts on it. */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await page.waitForTimeout(200);
    value = await read();
  }
  return value;
}

async function dbOne<T>(sql: string, params: unknown[]): Promise<T> {
  const rows = (await app.container.dataSource.query(sql, params)) as T[];
  return rows[0]!;
}

describe('a learner in the H5 store', () => {
  let courseId = 0;
  let courseName = '';

  it('browses the store, searches 数据 and sorts by price', async () => {
    await page.goto(`${app.baseUrl}/`);
    await on('.course-card').first().waitFor();
    expect(await on('.chip', { hasText: '数据科学' }).count()).toBe(1);
    await shot('home');

    await on('.search-bar input').fill('数据');
    await on('.search-bar__go').click();
    await page.waitForURL(/\/pages\/search\/index\?q=/);
    await on('.browser__count').waitFor();
    expect(await on('.browser__count').textContent()).toMatch(/“数据” 共 \d+ 门课程/);
    const unsorted = await on('.course-card').count();
    expect(unsorted).toBeGreaterThan(1);

    await on('[data-sort="price"]').click();
    await on('.sort--on[data-sort="price"]').waitFor();
    // The list reloads in the new order: wait for it, and fail if it never comes.
    const ascending = (list: number[]) => list.length > 1 && list.every((p, i) => i === 0 || list[i - 1]! <= p);
    const sorted = await until(prices, ascending);
    expect(sorted.length).toBe(unsorted);

    // The cheapest paid course of the results.
    const cards = on('.course-card');
    const index = sorted.findIndex((p) => p > 0);
    const card = cards.nth(index);
    courseId = Number(await card.getAttribute('data-course-id'));
    courseName = (await card.locator('.course-card__name').textContent()) ?? '';
    await card.click();
    await page.waitForURL(new RegExp(`/pages/course/index\\?id=${courseId}`));
    await on('.detail-head__name', { hasText: courseName }).waitFor();
    expect(await on('.badge--preview').count()).toBeGreaterThan(0);
    await shot('detail');
  });

  it('signs in with WeChat (the sandbox) and comes back to the course', async () => {
    await text('立即购买').click();
    await page.waitForURL(/\/pages\/profile\/index/);
    await text('微信一键登录').click();
    await page.waitForURL(new RegExp(`/pages/course/index\\?id=${courseId}`));
    await on('.detail-head__name', { hasText: courseName }).waitFor();
  });

  it('buys the course through the sandbox cashier and finds it in my courses', async () => {
    await text('立即购买').click();
    await page.waitForURL(new RegExp(`/pages/checkout/index\\?id=${courseId}`));
    await on('.checkout-course__name', { hasText: courseName }).waitFor();
    await shot('checkout');

    await on('.btn--wechat').click();
    const cashier = on('.kp-cashier');
    await cashier.waitFor();
    await page.waitForTimeout(300); // the sheet slides up
    await shot('cashier');
    await cashier.getByText('确认支付').click();

    await page.waitForURL(/\/learning\/courses\/index/);
    const item = on(`.library-item[data-course-id="${courseId}"]`);
    await item.waitFor();
    expect(await item.locator('.library-item__percent').textContent()).toBe('未开始');

    const order = await dbOne<{ status: string; n: number }>(
      "SELECT o.status, (SELECT COUNT(*) FROM enrollments e WHERE e.course_id = o.course_id AND e.user_id = o.user_id AND e.status = 'ACTIVE') AS n FROM orders o WHERE o.course_id = ? ORDER BY o.id DESC LIMIT 1",
      [courseId],
    );
    expect(order.status).toBe('PAID');
    expect(Number(order.n)).toBe(1);
  });

  it('plays a lesson to the end, and my courses shows the progress', async () => {
    await on(`.library-item[data-course-id="${courseId}"]`).click();
    await page.waitForURL(/\/learning\/player\/index/);
    const media = on('video, .audio-player__btn').first();
    await media.waitFor();
    if ((await media.evaluate((el) => el.tagName)) === 'VIDEO') {
      await on('video').evaluate((v: HTMLVideoElement) => v.play());
    } else {
      await media.click();
    }
    await page.waitForTimeout(1500);
    await shot('player');
    await on('[data-testid="lesson-done"]').waitFor({ timeout: 30_000 });

    // The player reports the end to the server (the badge shows at once; the write lands a moment later).
    const readProgress = () => dbOne<{ completed: number } | undefined>('SELECT completed FROM lesson_progress WHERE course_id = ? ORDER BY id LIMIT 1', [courseId]);
    const progress = await until(readProgress, (p) => p?.completed === 1);
    expect(progress?.completed).toBe(1);

    await page.goBack();
    await page.waitForURL(/\/learning\/courses\/index/);
    await on(`.library-item[data-course-id="${courseId}"] .library-item__percent`, { hasText: /已学 \d+%|已学完/ }).waitFor();
  });

  it('leaves a review that the course page shows', async () => {
    await page.goto(`${app.baseUrl}/learning/review/index?course=${courseId}`);
    await on('.stars--large [data-star="5"]').click();
    await on('.page--review textarea').fill('讲得清楚，例子实用，推荐给想入门的同学。');
    await text('提交', true).click();
    await text('感谢你的评价').waitFor();

    await page.goto(`${app.baseUrl}/pages/course/index?id=${courseId}`);
    await on('.review__content', { hasText: '讲得清楚，例子实用' }).waitFor();
    // Progress loads after the course: the buy button becomes "continue" once a lesson is done.
    await text('继续学习').waitFor();
    expect(await text('立即购买').count()).toBe(0);
  });

  it('sees the paid order in my orders', async () => {
    await page.goto(`${app.baseUrl}/pages/orders/index`);
    const order = on('.order[data-status="PAID"]', { hasText: courseName });
    await order.waitFor();
    expect(await order.locator('.status').textContent()).toBe('已支付');
    await shot('orders');
  });
});
