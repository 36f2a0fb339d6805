import type { Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { bullConnection } from '../../server/src/queues';
import { buildCourse, enroll, publishCourse, registerAdmin, registerCreator, registerUser, type Account, type BuiltCourse } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { certificatesWorker } from '../../jobs/src/workers/certificates.worker';
import { H5_DIR, launchBrowser, openPage, screenshot, visible } from './support/browser';
import { signInWithPassword } from './support/sign-in';

let app: TestApp;
let browser: Browser;
let page: Page;
let connection: Redis;
let worker: Worker;
let course: BuiltCourse;
let learner: Account;
let classmate: Account;
let liveSessionId: number;
let creator: Account;

beforeAll(async () => {
  app = await startTestApp({ H5_DIR });
  connection = bullConnection(app.container.config.redisUrl);
  // The jobs process's certificate worker, so a passed quiz turns into a certificate as in production.
  worker = certificatesWorker(app.container, connection, 1);
  let admin: Account;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  course = await buildCourse(app, creator, { name: '零基础摄影构图' });
  await publishCourse(app, creator, admin, course.id);
  const quiz = await app.request('POST', `/api/creator/courses/${course.id}/quizzes`, {
    token: creator.token,
    body: {
      title: '结课测验',
      required: true,
      pass_percent: 100,
      questions: [
        { kind: 'single', prompt: '三分法把画面分成几格？', options: ['四格', '九格', '六格'], answer: 1, explanation: '横竖各两条线，共九格。' },
        { kind: 'true_false', prompt: '主体一定要放在正中间。', answer: false },
      ],
    },
  });
  expect(quiz.status).toBe(201);
  learner = await registerUser(app, { display_name: '林小雨' });
  await enroll(app, learner.user.id, course.id);
  classmate = await registerUser(app, { display_name: '周同学' });
  await enroll(app, classmate.user.id, course.id);
  const live = await app.request<{ id: number }>('POST', `/api/creator/courses/${course.id}/live-sessions`, {
    token: creator.token,
    // A WeChat live room only: the browser has no live plugin, so the page says the stream is not set up here.
    body: { title: '构图答疑直播', starts_at: new Date(Date.now() + 600_000).toISOString(), duration_min: 45, wechat_live_room_id: '1001' },
  });
  liveSessionId = live.body.id;
  // The lessons are studied in the player (the store's own test covers it); here they are reported done.
  for (const lesson of [course.previewLessonId, course.paidLessonId]) {
    await app.request('PUT', `/api/learning/lessons/${lesson}/progress`, { token: learner.token, body: { position_s: 60, completed: true } });
  }

  browser = await launchBrowser();
  page = await openPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await worker?.close();
  connection?.disconnect();
  await app?.close();
});

/** Taro keeps earlier pages in the DOM, hidden: look only at what the learner can see. */
const { on, text } = visible(() => page);
const shot = (name: string, of: Page = page) => screenshot(of, name, { fullPage: true });

async function signIn(of: Page, account: Account, name: string): Promise<void> {
  const { on, text } = visible(of);
  await of.goto(`${app.baseUrl}/pages/profile/index`);
  await text('账号密码登录').first().click();
  await on('.form__input input').nth(0).fill(account.user.username);
  await on('.form__input input').nth(1).fill(account.password);
  await on('.form .btn--ghost').click();
  await text(name).first().waitFor();
}

describe('a learner finishes a course in the H5 app', () => {
  it('signs in with a password', async () => {
    await signIn(page, learner, '林小雨');
  });

  it('takes the course quiz, sees the explanation, and passes', async () => {
    await page.goto(`${app.baseUrl}/pages/course/index?id=${course.id}`);
    await text('课程测验', true).click();
    await page.waitForURL(/\/learning\/quiz\/index\?course=/);
    await on('.quiz-item', { hasText: '结课测验' }).click();
    await page.waitForURL(/\/learning\/quiz\/index\?id=/);
    await on('.quiz-question').first().waitFor();
    // Before submitting, the page holds no explanation (the API never sent it).
    expect(await page.content()).not.toContain('横竖各两条线');

    await on('.quiz-question').nth(0).locator('.quiz-option', { hasText: '九格' }).click();
    await on('.quiz-question').nth(1).locator('.quiz-option', { hasText: '错' }).click();
    await shot('quiz-answering');
    await on('.quiz-submit').click();
    await on('.quiz-result__verdict', { hasText: '恭喜，通过了！' }).waitFor();
    await text('解析：横竖各两条线，共九格。').waitFor();
    await shot('quiz-passed');
    // One attempt, carrying the client's id for it (a retried submit would return it, not make another).
    const rows: Array<{ passed: number; client_attempt_id: string | null }> = await app.container.dataSource.query('SELECT passed, client_attempt_id FROM quiz_attempts WHERE user_id = ?', [
      learner.user.id,
    ]);
    expect(rows.map((r) => Number(r.passed))).toEqual([1]);
    expect(rows[0]!.client_attempt_id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('finds the certificate under 我的 and downloads the PDF', async () => {
    await page.goto(`${app.baseUrl}/learning/certificates/index`);
    const card = on('.certificate', { hasText: '零基础摄影构图' });
    // The worker draws it a moment after the pass: reload until it is there.
    for (let i = 0; i < 50 && (await card.count()) === 0; i++) {
      await page.waitForTimeout(200);
      await page.reload();
      await on('.page--certificates').waitFor();
    }
    await card.waitFor();
    const image = card.locator('img');
    await image.waitFor();
    await page.waitForFunction(() => Array.from(document.images).some((img) => img.complete && img.naturalWidth === 1600));
    await shot('certificate');

    const [popup] = await Promise.all([page.context().waitForEvent('page'), card.locator('.certificate__pdf').click()]);
    const pdfUrl = popup.url();
    await popup.close();
    const pdf = await fetch(pdfUrl);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const code = (await card.getAttribute('data-code'))!;
    const verified = await app.request<{ learner_name: string; course: { name: string } }>('GET', `/api/certificates/${code}`);
    expect(verified.body).toMatchObject({ learner_name: '林小雨', course: { name: '零基础摄影构图' } });
  });
});

describe('two learners in the live Q&A room', () => {
  it('shows a question one asks on the other one\'s screen', async () => {
    const other = await openPage(browser, { label: 'browser 2' });
    const seeOther = visible(other);
    await signIn(other, classmate, '周同学');

    await page.goto(`${app.baseUrl}/pages/course/index?id=${course.id}`);
    await text('直播答疑', true).click();
    await page.waitForURL(/\/learning\/live\/index\?course=/);
    await on('.live-item', { hasText: '构图答疑直播' }).click();
    await page.waitForURL(/\/learning\/live\/index\?id=/);
    await text('还没有人提问，来问第一个吧').waitFor();
    await on('.live-unconfigured', { hasText: '直播未配置' }).waitFor();
    expect(await on('.live-video').count()).toBe(0);

    // The creator adds an HLS stream: a browser that opens the room now plays it in a video.
    const patched = await app.request('PATCH', `/api/creator/live-sessions/${liveSessionId}`, { token: creator.token, body: { hls_url: 'https://live.example.com/hls/index.m3u8' } });
    expect(patched.status).toBe(200);
    await other.goto(`${app.baseUrl}/learning/live/index?id=${liveSessionId}`);
    await seeOther.text('还没有人提问，来问第一个吧').waitFor();
    await seeOther.on('.live-video').waitFor();

    await on('.live-ask__input textarea').fill('逆光人像怎么测光？');
    await on('.live-ask__send').click();
    const seen = seeOther.on('.live-question', { hasText: '逆光人像怎么测光？' });
    await seen.waitFor();
    expect(await seen.locator('.live-question__foot').textContent()).toContain('林小雨');
    await shot('live-room-asker');
    await shot('live-room-classmate', other);

    await seen.locator('.live-question__vote').click();
    await on('.live-question__vote', { hasText: '赞 1' }).waitFor();
    const rows: Array<{ upvotes: number }> = await app.container.dataSource.query('SELECT upvotes FROM live_questions WHERE session_id = ?', [liveSessionId]);
    expect(rows.map((r) => r.upvotes)).toEqual([1]);

    // The classmate is refunded (the refund revokes the enrollment) while in the room: the next question is refused for good.
    await app.container.dataSource.transaction((m) => app.container.enrollments.revoke(m, { userId: classmate.user.id, courseId: course.id }));
    await seeOther.on('.live-ask__input textarea').fill('退款后还能提问吗？');
    await seeOther.on('.live-ask__send').click();
    const ended = seeOther.on('.live-ended', { hasText: '你已无法访问这门课程' });
    await ended.waitFor();
    await other.reload();
    await ended.waitFor();
    const texts: Array<{ text: string }> = await app.container.dataSource.query('SELECT text FROM live_questions WHERE session_id = ?', [liveSessionId]);
    expect(texts.map((r) => r.text)).toEqual(['逆光人像怎么测光？']);
  });
});

describe('the creator in the console', () => {
  let desk: Page;
  const db = async <T,>(sql: string, params: unknown[]): Promise<T[]> => (await app.container.dataSource.query(sql, params)) as T[];
  const { on: onC, text: textC } = visible(() => desk);
  /** Polls the database until `ok`, for what the page saves a moment after the click. */
  async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
    for (let i = 0; i < 75; i++) {
      const value = await read();
      if (ok(value)) return value;
      await desk.waitForTimeout(200);
    }
    return read();
  }

  beforeAll(async () => {
    desk = await openPage(browser, { label: 'console', viewport: 'desk' });
    await signInWithPassword(desk, app.baseUrl, creator);
  });

  it('rewords an attempted quiz, is told why a new pass mark is refused, and writes a fill-in question', async () => {
    await desk.goto(`${app.baseUrl}/creator/quizzes/index`);
    await onC('[data-quiz-id]', { hasText: '结课测验' }).locator('.quiz-edit').click();
    await onC('.quiz-form', { hasText: '修改测验' }).waitFor();
    await onC('.quiz-form input[placeholder="测验标题"]').fill('结课测验（修订）');
    await onC('.quiz-save').click();
    const [renamed] = await until(() => db<{ title: string }>('SELECT title FROM quizzes WHERE course_id = ?', [course.id]), (rows) => rows[0]?.title === '结课测验（修订）');
    expect(renamed?.title).toBe('结课测验（修订）');

    await onC('[data-quiz-id]', { hasText: '结课测验（修订）' }).locator('.quiz-edit').click();
    await onC('.quiz-form', { hasText: '修改测验' }).waitFor();
    await onC('.quiz-form .form__col input').first().fill('80');
    await onC('.quiz-save').click();
    await textC('已有学员作答：只能修改测验标题、题干和解析，其余请新建测验').waitFor();
    expect((await db<{ pass_percent: number }>('SELECT pass_percent FROM quizzes WHERE course_id = ?', [course.id]))[0]?.pass_percent).toBe(100);
    await onC('.quiz-form .btn', { hasText: '取消' }).click();

    await onC('.quiz-form input[placeholder="测验标题"]').fill('填空小测');
    await onC('.quiz-question-edit [data-kind="fill_in"]').click();
    await onC('.quiz-question-edit input[placeholder="题目"]').fill('三分法的线交汇处叫什么？');
    await onC('.quiz-question-edit__accepted textarea').fill('趣味点\n兴趣点');
    await shot('console-quiz-fill-in', desk);
    await onC('.quiz-save').click();
    const rows = await until(
      () => db<{ kind: string; answer_key: string | { accepted: string[] } }>("SELECT qq.kind, qq.answer_key FROM quiz_questions qq JOIN quizzes q ON q.id = qq.quiz_id WHERE q.title = '填空小测'", []),
      (r) => r.length > 0,
    );
    const key = typeof rows[0]!.answer_key === 'string' ? (JSON.parse(rows[0]!.answer_key) as { accepted: string[] }) : rows[0]!.answer_key;
    expect(rows[0]!.kind).toBe('fill_in');
    expect(key.accepted).toEqual(['趣味点', '兴趣点']);
  });

  it('opens a lesson on a fixed date', async () => {
    await desk.goto(`${app.baseUrl}/creator/editor/index?id=${course.id}`);
    const control = onC(`[data-release-lesson="${course.paidLessonId}"]`);
    await control.locator('[data-release-mode="date"]').click();
    const day = (await control.locator('.release__date').textContent())!.trim();
    await control.locator('.release__save').click();
    const [rule] = await until(
      () => db<{ opens_at: Date | null; after_days: number | null }>('SELECT opens_at, after_days FROM lesson_releases WHERE lesson_id = ?', [course.paidLessonId]),
      (r) => r.length > 0,
    );
    expect(rule?.after_days).toBeNull();
    expect(rule?.opens_at?.toISOString()).toBe(new Date(`${day}T00:00:00+08:00`).toISOString());
    await onC(`[data-release-lesson="${course.paidLessonId}"]`, { hasText: `${day} 0 点开放` }).waitFor();
  });

  it("changes a live session's stream settings", async () => {
    await desk.goto(`${app.baseUrl}/creator/live/index`);
    await onC(`[data-live-id="${liveSessionId}"] .live-edit`).click();
    await onC('.live-form', { hasText: '修改直播' }).waitFor();
    await onC('.live-form__room input').fill('');
    await onC('.live-form__hls input').fill('https://live.example.com/hls/v2.m3u8');
    await onC('.live-form__save').click();
    const [row] = await until(
      () => db<{ wechat_live_room_id: string | null; hls_url: string | null }>('SELECT wechat_live_room_id, hls_url FROM live_sessions WHERE id = ?', [liveSessionId]),
      (r) => r[0]?.hls_url === 'https://live.example.com/hls/v2.m3u8',
    );
    expect(row).toEqual({ wechat_live_room_id: null, hls_url: 'https://live.example.com/hls/v2.m3u8' });
  });
});
