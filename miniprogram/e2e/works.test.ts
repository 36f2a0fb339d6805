import type { Browser, Page } from 'playwright-core';
import { buildCourse, enroll, publishCourse, registerAdmin, registerCreator, registerUser, type Account, type BuiltCourse } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { closeAll, H5_DIR, launchBrowser, openPage, screenshot, visible } from './support/browser';

/** A 1×1 transparent PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let app: TestApp;
let browser: Browser;
let page: Page;
let creator: Account;
let admin: Account;
let learner: Account;
let course: BuiltCourse;

beforeAll(async () => {
  app = await startTestApp({ H5_DIR });
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  course = await buildCourse(app, creator, { name: '手机摄影入门' });
  await publishCourse(app, creator, admin, course.id);
  const assignment = await app.request('POST', `/api/creator/courses/${course.id}/assignments`, { token: creator.token, body: { title: '拍一张逆光人像', prompt: '用今天学的方法拍一张逆光人像，写下你的思路。' } });
  expect(assignment.status).toBe(201);
  learner = await registerUser(app, { display_name: '陈晓光' });
  await enroll(app, learner.user.id, course.id);

  browser = await launchBrowser();
  page = await openPage(browser);
});

afterAll(() => closeAll(browser, app));

/** Taro keeps earlier pages in the DOM, hidden: look only at what the learner can see. */
const { on, text } = visible(() => page);
const shot = (name: string) => screenshot(page, name, { fullPage: true });

describe('a learner work, from submission to the course page', () => {
  it('is submitted with text and an image from the course page', async () => {
    await page.goto(`${app.baseUrl}/pages/profile/index`);
    await text('账号密码登录').first().click();
    await on('.form__input input').nth(0).fill(learner.user.username);
    await on('.form__input input').nth(1).fill(learner.password);
    await on('.form .btn--ghost').click();
    await text('陈晓光').first().waitFor();

    await page.goto(`${app.baseUrl}/pages/course/index?id=${course.id}`);
    await text('作业与优秀作品', true).click();
    await page.waitForURL(/\/learning\/works\/index\?course=/);
    await on('.work-assignment', { hasText: '拍一张逆光人像' }).waitFor();
    await on('.work-form textarea').fill('逆光下让模特侧身，用反光板给脸部补光。');
    const chooser = page.waitForEvent('filechooser');
    await text('添加图片（0/6）').click();
    await (await chooser).setFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: PNG });
    await text('添加图片（1/6）').waitFor();
    await shot('works-submit');
    await on('.work-submit').click();
    await text('已提交', true).waitFor();

    const rows: Array<{ text: string; image_keys: string[] | string }> = await app.container.dataSource.query('SELECT text, image_keys FROM learner_works WHERE user_id = ?', [learner.user.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toBe('逆光下让模特侧身，用反光板给脸部补光。');
    const keys = typeof rows[0]!.image_keys === 'string' ? (JSON.parse(rows[0]!.image_keys) as string[]) : rows[0]!.image_keys;
    expect(keys).toHaveLength(1);
  });

  it('shows on the course page only after the creator features it and an admin approves it', async () => {
    const [{ id }] = (await app.container.dataSource.query('SELECT id FROM learner_works WHERE user_id = ?', [learner.user.id])) as Array<{ id: number }>;
    await app.request('POST', `/api/creator/works/${id}/comment`, { token: creator.token, body: { comment: '光比控制得很好' } });
    expect((await app.request('PUT', `/api/creator/works/${id}/feature`, { token: creator.token })).status).toBe(200);

    await page.goto(`${app.baseUrl}/pages/course/index?id=${course.id}`);
    await text('作业与优秀作品', true).waitFor();
    expect(await text('优秀作品', true).count()).toBe(0);

    expect((await app.request('POST', `/api/admin/works/${id}/approve`, { token: admin.token })).status).toBe(200);
    await page.reload();
    const featured = on('.featured-works');
    await featured.waitFor();
    await featured.getByText('逆光下让模特侧身，用反光板给脸部补光。').waitFor();
    await featured.getByText('老师点评：光比控制得很好').waitFor();
    await featured.locator('img').first().waitFor();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.featured-works img')).some((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 1));
    await featured.scrollIntoViewIfNeeded();
    await shot('works-course-page');
  });
});
