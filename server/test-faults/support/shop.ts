import type { Rig } from './rig';

export interface Learner {
  token: string;
  userId: number;
}

async function ok<T>(res: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A creator with `count` published paid courses (one chapter, one lesson each), made through the API. */
export async function openShop(rig: Rig, count: number): Promise<number[]> {
  const name = `c${Date.now().toString(36)}`;
  const creator = await ok(rig.request<{ token: string; user: { id: number } }>('POST', '/api/auth/register', { body: { username: name, password: 'Pw-fault-test-1' } }), 'register');
  const { token } = await ok(rig.request<{ token: string }>('POST', '/api/me/become-creator', { token: creator.token }), 'become creator');
  const admin = await ok(rig.request<{ token: string; user: { id: number } }>('POST', '/api/auth/register', { body: { username: `a${name}`, password: 'Pw-fault-test-1' } }), 'register admin');
  await rig.db.query("UPDATE users SET role = 'admin' WHERE id = ?", [admin.user.id]);
  const [category] = (await rig.db.query('SELECT id FROM categories LIMIT 1')) as Array<{ id: number }>;
  const categoryId = category?.id ?? (await rig.db.query("INSERT INTO categories (name, slug, sort_order) VALUES ('故障测试', 'faults', 0)")).insertId;
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const course = await ok(rig.request<{ id: number }>('POST', '/api/creator/courses', { token, body: { name: `故障课 ${i}`, description: '—', category: categoryId, price: 9.9 + i } }), 'course');
    const chapter = await ok(rig.request<{ id: number }>('POST', `/api/creator/courses/${course.id}/chapters`, { token, body: { title: '一' } }), 'chapter');
    await ok(rig.request('POST', `/api/creator/chapters/${chapter.id}/lessons`, { token, body: { title: '课', kind: 'article', duration_s: 60 } }), 'lesson');
    await ok(rig.request('POST', `/api/creator/courses/${course.id}/submit`, { token }), 'submit');
    await ok(rig.request('POST', `/api/admin/courses/${course.id}/approve`, { token: admin.token }), 'approve');
    ids.push(course.id);
  }
  return ids;
}

/** A learner signed in through the sandbox's wx.login, so WeChat Pay takes them as payer. */
export async function wechatLearner(rig: Rig, openid: string): Promise<Learner> {
  const login = await fetch(`${rig.sandbox.url}/sandbox/wx-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) });
  const { code } = (await login.json()) as { code: string };
  const res = await ok(rig.request<{ token: string; user: { id: number } }>('POST', '/api/auth/wechat', { body: { code } }), 'wechat sign-in');
  return { token: res.token, userId: res.user.id };
}

/** The phone's cashier: the learner pays the prepay. */
export async function confirmPayment(rig: Rig, prepayId: string): Promise<number> {
  const res = await fetch(`${rig.sandbox.url}/sandbox/pay/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prepay_id: prepayId }) });
  return res.status;
}

export async function eventually<T>(check: () => Promise<T | undefined | null | false>, seconds: number, what = 'condition'): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function statusOf(rig: Rig, orderId: number): Promise<string> {
  const rows = (await rig.db.query('SELECT status FROM orders WHERE id = ?', [orderId])) as Array<{ status: string }>;
  return rows[0]?.status ?? 'MISSING';
}
