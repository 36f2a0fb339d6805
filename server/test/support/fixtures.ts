import { randomBytes } from 'node:crypto';
import { User } from '../../src/domain/users/user.entity';
import type { TestApp } from './harness';

export interface Account {
  token: string;
  user: { id: number; username: string; role: string };
  password: string;
}

export function uniqueName(prefix = 'u'): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}

export async function registerUser(app: TestApp, overrides: Record<string, unknown> = {}): Promise<Account> {
  const password = `Pw-${randomBytes(6).toString('hex')}-9`;
  const res = await app.request<Omit<Account, 'password'>>('POST', '/api/auth/register', {
    body: { username: uniqueName(), password, ...overrides },
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, password };
}

export async function registerCreator(app: TestApp): Promise<Account> {
  const account = await registerUser(app);
  const res = await app.request<Omit<Account, 'password'>>('POST', '/api/me/become-creator', { token: account.token });
  if (res.status !== 200) throw new Error(`become-creator failed: ${res.status}`);
  return { ...res.body, password: account.password };
}

/** Admins are made by operators, not through the API: promote directly in the database. */
export async function registerAdmin(app: TestApp): Promise<Account> {
  const account = await registerUser(app);
  await app.container.dataSource.getRepository(User).update(account.user.id, { role: 'admin' });
  return account;
}

export async function firstCategoryId(app: TestApp): Promise<number> {
  const res = await app.request<Array<{ id: number }>>('GET', '/api/categories');
  if (res.body.length) return res.body[0]!.id;
  await app.container.dataSource.query("INSERT INTO categories (name, slug, sort_order) VALUES ('测试分类', 'test', 0)");
  app.container.catalog.invalidateCategories();
  return (await app.request<Array<{ id: number }>>('GET', '/api/categories')).body[0]!.id;
}

export interface BuiltCourse {
  id: number;
  chapterId: number;
  previewLessonId: number;
  paidLessonId: number;
}

/** A course built through the creator API: one chapter, a free-preview and a paid audio lesson with media. */
export async function buildCourse(app: TestApp, creator: Account, overrides: Record<string, unknown> = {}): Promise<BuiltCourse> {
  const categoryId = await firstCategoryId(app);
  const course = await app.request<{ id: number }>('POST', '/api/creator/courses', {
    token: creator.token,
    body: { name: `课程 ${uniqueName()}`, description: '一门测试课程', category: categoryId, price: 99.9, ...overrides },
  });
  if (course.status !== 201) throw new Error(`create course failed: ${JSON.stringify(course.body)}`);
  const chapter = await app.request<{ id: number }>('POST', `/api/creator/courses/${course.body.id}/chapters`, {
    token: creator.token,
    body: { title: '第一章' },
  });
  const lesson = (free: boolean, title: string) =>
    app.request<{ id: number }>('POST', `/api/creator/chapters/${chapter.body.id}/lessons`, {
      token: creator.token,
      body: { title, kind: 'audio', duration_s: 60, free_preview: free },
    });
  const preview = await lesson(true, '试听');
  const paid = await lesson(false, '正课');
  for (const id of [preview.body.id, paid.body.id]) await uploadMedia(app, creator, id, wav(), 'lesson.wav', 'audio/wav');
  return { id: course.body.id, chapterId: chapter.body.id, previewLessonId: preview.body.id, paidLessonId: paid.body.id };
}

export async function publishCourse(app: TestApp, creator: Account, admin: Account, courseId: number): Promise<void> {
  const submitted = await app.request('POST', `/api/creator/courses/${courseId}/submit`, { token: creator.token });
  if (submitted.status !== 200) throw new Error(`submit failed: ${JSON.stringify(submitted.body)}`);
  const approved = await app.request('POST', `/api/admin/courses/${courseId}/approve`, { token: admin.token });
  if (approved.status !== 200) throw new Error(`approve failed: ${JSON.stringify(approved.body)}`);
}

/** The usual cast of a course's tests: its creator, another creator, an admin and the course, published. */
export async function publishedCourseCast(app: TestApp): Promise<{ creator: Account; otherCreator: Account; admin: Account; course: BuiltCourse }> {
  const [creator, otherCreator, admin] = await Promise.all([registerCreator(app), registerCreator(app), registerAdmin(app)]);
  const course = await buildCourse(app, creator);
  await publishCourse(app, creator, admin, course.id);
  return { creator, otherCreator, admin, course };
}

export function uploadMedia(app: TestApp, account: Account, lessonId: number, data: Buffer, name: string, type: string) {
  const form = new FormData();
  form.append('file', new Blob([data], { type }), name);
  return app.request<Record<string, unknown>>('POST', `/api/creator/lessons/${lessonId}/media`, { token: account.token, raw: form });
}

/** A valid WAV file of silence: tiny by default, or about `bytes` long (for uploads that must take a while). */
export function wav(bytes = 1644): Buffer {
  const samples = Math.floor((bytes - 44) / 2);
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(samples * 2, 40);
  return b;
}

/** Enrolls a learner directly, as a paid order will once payments exist. */
export async function enroll(app: TestApp, userId: number, courseId: number): Promise<void> {
  await app.container.dataSource.transaction((m) => app.container.enrollments.enroll(m, { userId, courseId, source: 'grant' }));
}

/** A learner signed in through WeChat (the sandbox issued the openid), so WeChat Pay accepts them as payer. */
export async function registerWechatLearner(app: TestApp, openid = `o_${randomBytes(6).toString('hex')}`): Promise<Account & { openid: string }> {
  const login = await fetch(`${app.sandbox.url}/sandbox/wx-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  });
  const { code } = (await login.json()) as { code: string };
  const res = await app.request<Omit<Account, 'password'>>('POST', '/api/auth/wechat', { body: { code } });
  if (res.status !== 201 && res.status !== 200) throw new Error(`wechat sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, password: '', openid };
}

/** Polls until `check` returns a value, or fails after `seconds`: for things that happen asynchronously (notifications). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, seconds = 10): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface OrderRef {
  id: number;
  out_trade_no: string;
  status: string;
  amount_fen: number;
}

/** A WeChat learner with an open order for the course and its prepay id (the cashier is not confirmed yet). */
export async function prepaidOrder(app: TestApp, courseId: number): Promise<{ learner: Account & { openid: string }; order: OrderRef; prepayId: string }> {
  const learner = await registerWechatLearner(app);
  const order = (await app.request<OrderRef>('POST', '/api/orders/', { token: learner.token, body: { course: courseId } })).body;
  const pay = await app.request<{ package: string }>('POST', `/api/orders/${order.id}/pay`, { token: learner.token });
  if (pay.status !== 200) throw new Error(`pay failed: ${pay.status} ${JSON.stringify(pay.body)}`);
  return { learner, order, prepayId: pay.body.package.slice('prepay_id='.length) };
}

/** What the phone's cashier does: the learner pays (`confirm`) or the payment fails (`fail`). */
export function cashier(app: TestApp, action: 'confirm' | 'fail', prepayId: string): Promise<Response> {
  return fetch(`${app.sandbox.url}/sandbox/pay/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prepay_id: prepayId }),
  });
}

/** The buyer pays an open order in the sandbox cashier, as their phone does; resolves once the server has it PAID. */
export async function payOrder(app: TestApp, buyer: Account, orderId: number): Promise<void> {
  const res = await app.request<{ package: string }>('POST', `/api/orders/${orderId}/pay`, { token: buyer.token });
  if (res.status !== 200) throw new Error(`pay failed: ${res.status} ${JSON.stringify(res.body)}`);
  await cashier(app, 'confirm', res.body.package.slice('prepay_id='.length));
  await eventually(async () => (await orderStatus(app, orderId)) === 'PAID');
}

/** An order's status straight from the database. */
export async function orderStatus(app: TestApp, orderId: number): Promise<string> {
  const rows: Array<{ status: string }> = await app.container.dataSource.query('SELECT status FROM orders WHERE id = ?', [orderId]);
  return rows[0]!.status;
}
