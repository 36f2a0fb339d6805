import { fieldsOf } from '../support/expect-error';
import { buildCourse, enroll, publishCourse, registerAdmin, registerCreator, registerUser, type Account } from '../support/fixtures';
import { startTestApp, type ApiResponse, type TestApp } from '../support/harness';
import { fillPath, objectOf, operations, stringVariant, typesOf, type Operation } from '../support/openapi';

/**
 * What a client may put in a request, checked over every route of the OpenAPI document: fields it must
 * not set (mass assignment), text of any length, and SQL in text that is stored and searched.
 */
let app: TestApp;
let admin: Account;
let creator: Account;
let learner: Account;
let ops: Operation[];

beforeAll(async () => {
  app = await startTestApp();
  [admin, creator, learner] = await Promise.all([registerAdmin(app), registerCreator(app), registerUser(app)]);
  ops = await operations(app);
});
afterAll(() => app.close());

/** Calls the route as each role in turn until one passes its role guard (a 403 ROLE_REQUIRED). */
async function callAsAnyRole(op: Operation, init: { body?: unknown; query?: string }): Promise<ApiResponse> {
  const path = fillPath(op.path, () => '1') + (init.query ? `?${init.query}` : '');
  let last: ApiResponse | undefined;
  for (const account of op.secured ? [admin, creator, learner] : [undefined]) {
    last = await app.request(op.method.toUpperCase(), path, { token: account?.token, body: init.body });
    const code = (last.body as { error?: { code?: string } })?.error?.code;
    if (code !== 'ROLE_REQUIRED') return last;
  }
  return last!;
}

/** Fields that only the server decides: who owns what, money it computed, states, roles, counters. */
const SERVER_FIELDS = ['role', 'status', 'user', 'user_id', 'creator', 'creator_id', 'amount_fen', 'paid_at', 'sales_count', 'rating', 'rating_avg', 'rating_count', 'redeemed_count', 'studied_s', 'transaction_id', 'is_admin'];

describe('mass assignment', () => {
  it('refuses server-decided fields in every JSON body with 400 naming each of them', async () => {
    const bodyOps = ops.filter((op) => op.body);
    expect(bodyOps.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const op of bodyOps) {
      const own = new Set(Object.keys(objectOf(op.body)?.properties ?? {}));
      const injected = Object.fromEntries(SERVER_FIELDS.filter((f) => !own.has(f)).map((f) => [f, f.endsWith('_id') ? 1 : 'PAID']));
      const res = await callAsAnyRole(op, { body: injected });
      const named = fieldsOf(res);
      const missing = Object.keys(injected).filter((f) => !named.includes(f));
      if (res.status !== 400 || missing.length) problems.push(`${op.method} ${op.path}: ${res.status}, not named: ${missing.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps a new account a learner, whatever the sign-up says', async () => {
    const res = await app.request('POST', '/api/auth/register', { body: { username: 'wannabeadmin', password: 'Pw-123456-x', role: 'admin' } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['role']);
    const [{ n }] = (await app.container.dataSource.query("SELECT COUNT(*) AS n FROM users WHERE username = 'wannabeadmin'")) as [{ n: number | string }];
    expect(Number(n)).toBe(0);
    // The one way up is becoming a creator; nothing in the API makes an admin.
    const up = await app.request<{ user: { role: string } }>('POST', '/api/me/become-creator', { token: learner.token, body: { role: 'admin' } });
    expect(up.body.user.role).toBe('creator');
    const me = await app.request<{ role: string }>('GET', '/api/me', { token: learner.token });
    expect(me.body.role).toBe('creator');
  });

  it('takes an order price from the server even when the body names one', async () => {
    const boss = admin;
    const course = await buildCourse(app, creator, { price: 88 });
    await publishCourse(app, creator, boss, course.id);
    const buyer = await registerUser(app);
    const refused = await app.request('POST', '/api/orders/', { token: buyer.token, body: { course: course.id, amount_fen: 1, status: 'PAID' } });
    expect(refused.status).toBe(400);
    const [{ n }] = (await app.container.dataSource.query('SELECT COUNT(*) AS n FROM orders WHERE user_id = ?', [buyer.user.id])) as [{ n: number | string }];
    expect(Number(n)).toBe(0);
  });
});

describe('oversized input', () => {
  it('refuses a too-long value of every text field of every body with 400 naming it', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const op of ops.filter((o) => o.body)) {
      for (const [name, schema] of Object.entries(objectOf(op.body)?.properties ?? {})) {
        const string = stringVariant(schema);
        if (!string || string.enum) continue;
        checked += 1;
        const res = await callAsAnyRole(op, { body: { [name]: 'x'.repeat((string.maxLength ?? 50_000) + 1) } });
        if (![400, 413].includes(res.status) || (res.status === 400 && !fieldsOf(res).includes(name))) problems.push(`${op.method} ${op.path} ${name}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(problems).toEqual([]);
  });

  it('refuses a too-long value of every text query parameter with 400 naming it', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const op of ops) {
      for (const param of op.parameters.filter((p) => p.in === 'query' && typesOf(p.schema).includes('string') && !p.schema.enum)) {
        checked += 1;
        const res = await callAsAnyRole(op, { query: `${param.name}=${'y'.repeat((param.schema.maxLength ?? 5000) + 1)}` });
        if (res.status !== 400 || !fieldsOf(res).includes(param.name)) problems.push(`${op.method} ${op.path} ?${param.name}: ${res.status}`);
      }
    }
    expect(checked).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });
});

describe('SQL injection', () => {
  const PAYLOADS = ["' OR '1'='1", "1; DROP TABLE courses; --", "\\' UNION SELECT password_hash FROM users --", '%_%', '"); DELETE FROM orders; --'];

  it('stores text with SQL in it as written, and leaves every table in place', async () => {
    const boss = admin;
    const course = await buildCourse(app, creator, { name: PAYLOADS[0], description: PAYLOADS.join('\n') });
    await publishCourse(app, creator, boss, course.id);
    const fan = await registerUser(app, { display_name: PAYLOADS[1] });
    await enroll(app, fan.user.id, course.id);
    const review = await app.request<{ content: string }>('POST', `/api/courses/${course.id}/reviews/`, { token: fan.token, body: { rating: 3, content: PAYLOADS[2] } });
    expect(review.body.content).toBe(PAYLOADS[2]);
    const question = await app.request<{ text: string }>('POST', `/api/courses/${course.id}/questions/`, { token: fan.token, body: { text: PAYLOADS[4] } });
    expect(question.body.text).toBe(PAYLOADS[4]);
    const detail = await app.request<{ name: string; description: string }>('GET', `/api/courses/${course.id}/`);
    expect(detail.body).toMatchObject({ name: PAYLOADS[0], description: PAYLOADS.join('\n') });
    const tables = (await app.container.dataSource.query("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('courses', 'orders', 'users')")) as [{ n: number | string }];
    expect(Number(tables[0].n)).toBe(3);
  });

  it('treats SQL in search, filters and sort as text: matches nothing or is refused, never a 500', async () => {
    for (const payload of PAYLOADS) {
      const q = encodeURIComponent(payload);
      for (const query of [`q=${q}`, `category=${q}`, `sort=${q}`, `min_price=${q}`, `page=${q}`]) {
        const res = await app.request<{ count?: number }>('GET', `/api/courses/?${query}`);
        expect({ query, status: res.status < 500 }).toEqual({ query, status: true });
        if (res.status === 200 && !query.startsWith('q=')) expect(res.body.count).toBe(0);
      }
    }
    // Words of the payloads are plain search terms: they find the one course whose text has them.
    const hit = await app.request<{ results: Array<{ name: string }> }>('GET', `/api/courses/?q=${encodeURIComponent('DROP TABLE courses')}`);
    expect(hit.body.results.map((c) => c.name)).toEqual([PAYLOADS[0]]);
  });
});
