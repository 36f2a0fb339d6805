import fc from 'fast-check';
import { buildCourse, cashier, enroll, eventually, orderStatus, prepaidOrder, publishCourse, registerAdmin, registerCreator, registerUser, type Account } from '../support/fixtures';
import { startTestApp, type ApiResponse, type TestApp } from '../support/harness';
import { brokenInvariants } from '../support/invariants';
import { fillPath, operations, typesOf, type JsonSchema, type Operation } from '../support/openapi';

/**
 * A property-based fuzz of every route in /api/openapi.json (and the payment notification, which is not
 * in it): fast-check builds path ids, queries and bodies from each route's own schema, bends some of them
 * (wrong types, missing and unknown fields, SQL, huge numbers), and sends them as anonymous, learner,
 * creator or admin. Every answer must be below 500 and every error in the contract's shape; afterwards
 * the money invariants must hold in MySQL.
 *
 * FUZZ_RUNS (default 25) requests per route, FUZZ_SEED (default fixed) to replay or explore.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_126);

let app: TestApp;
let ops: Operation[];
let accounts: Array<Account | undefined>;

beforeAll(async () => {
  app = await startTestApp({ ORDER_MAX_PER_MINUTE: '1000' });
  const [creator, admin, learner] = await Promise.all([registerCreator(app), registerAdmin(app), registerUser(app)]);
  // Something to find, buy and refer to: published courses, a paid order, a pending one, a coupon.
  for (let i = 0; i < 3; i++) {
    const course = await buildCourse(app, creator, { price: 9.9 + i });
    await publishCourse(app, creator, admin, course.id);
  }
  await buildCourse(app, creator);
  const paid = await prepaidOrder(app, 1);
  await cashier(app, 'confirm', paid.prepayId);
  await eventually(async () => (await orderStatus(app, paid.order.id)) === 'PAID');
  await prepaidOrder(app, 2);
  await app.request('POST', '/api/creator/coupons', {
    token: creator.token,
    body: { code: 'FUZZ10', kind: 'PERCENT', value: 10, starts_at: '2020-01-01T00:00:00Z', ends_at: '2099-01-01T00:00:00Z', total_limit: 3, per_user_limit: 1 },
  });
  // Assignments of the bought course, answered by two enrolled learners; some works featured, one approved.
  await enroll(app, learner.user.id, 1);
  for (let a = 1; a <= 8; a++) {
    await app.request('POST', '/api/creator/courses/1/assignments', { token: creator.token, body: { title: `作业${a}`, prompt: '交一篇心得' } });
    for (const who of [paid.learner, learner]) {
      const work = new FormData();
      work.append('text', '心得');
      await app.request('POST', `/api/assignments/${a}/works`, { token: who.token, raw: work });
    }
  }
  for (const id of [1, 2, 3]) await app.request('PUT', `/api/creator/works/${id}/feature`, { token: creator.token });
  await app.request('POST', '/api/admin/works/1/approve', { token: admin.token });
  accounts = [undefined, learner, paid.learner, creator, admin];
  ops = await operations(app);
  ops.push({ method: 'post', path: '/api/pay/wechat/notify', parameters: [], body: { type: 'object', properties: { id: { type: 'string' }, event_type: { type: 'string', enum: ['TRANSACTION.SUCCESS', 'REFUND.SUCCESS'] }, resource: { type: 'object', properties: { ciphertext: { type: 'string' }, nonce: { type: 'string' } } } } }, multipart: false, secured: false });
}, 120_000);
afterAll(() => app.close());

const SQL = ["' OR 1=1 --", '1; DROP TABLE orders', '%', '\\', '"', '数据\u0000', '😀'.repeat(3), 'a'.repeat(300)];

/** A value the schema allows most of the time, something else sometimes. */
function valueOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: conforming(schema, depth) }, { weight: 1, arbitrary: hostile(depth) });
}

function hostile(depth: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...SQL),
    fc.constantFrom(null, true, -1, 0, 2 ** 53, 1e308, -1e308, 0.1, '', [], {}),
    depth < 2 ? fc.jsonValue({ maxDepth: 2 }) : fc.string(),
  );
}

function conforming(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (variants.length) return fc.oneof(...variants.map((v) => conforming(v, depth)));
  if (schema.allOf?.length) return conforming(schema.allOf[0]!, depth);
  const types = typesOf(schema);
  const type = types[0];
  switch (type) {
    case 'string':
      if (schema.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.pattern) return fc.oneof(fc.stringMatching(new RegExp(schema.pattern)), fc.string({ maxLength: 20 }));
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min((schema.maxLength ?? 40) + 2, 400), unit: 'grapheme' });
    case 'integer':
      return fc.integer({ min: Math.max(Number(schema.minimum ?? -5), -1e9), max: Math.min(Number(schema.maximum ?? 1e6), 1e9) });
    case 'number':
      return fc.double({ min: Number(schema.minimum ?? -1e6), max: Number(schema.maximum ?? 1e6), noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return depth > 2 ? fc.constant([]) : fc.array(valueOf(schema.items ?? {}, depth + 1), { maxLength: 3 });
    case 'object':
    default: {
      if (!schema.properties || depth > 2) return type === 'object' ? fc.constant({}) : hostile(depth);
      const props = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, valueOf(v, depth + 1)]));
      const required = (schema.required ?? []).filter((k) => k in props);
      return fc
        .tuple(fc.record(props, { requiredKeys: required }), fc.option(fc.dictionary(fc.constantFrom('status', 'role', 'user', 'price_fen', 'x'), fc.jsonValue({ maxDepth: 1 })), { freq: 5 }), fc.subarray(required))
        .map(([record, extra, dropped]) => {
          const out: Record<string, unknown> = { ...record, ...(extra ?? {}) };
          for (const key of dropped.slice(0, 1)) delete out[key];
          return out;
        });
    }
  }
}

const idValue = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 8 }).map(String) }, { weight: 1, arbitrary: fc.constantFrom('0', '-1', 'abc', '99999999999', '1e3', "1' OR '1'='1", '%00', '..') });

function queryValue(schema: JsonSchema): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: conforming(schema, 3).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...SQL), fc.string({ maxLength: 20 }), fc.integer().map(String)) },
  );
}

function requestOf(op: Operation) {
  const pathNames = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const query = op.parameters.filter((p) => p.in === 'query');
  return fc.record({
    who: fc.integer({ min: 0, max: 4 }),
    path: fc.tuple(...pathNames.map(() => idValue)),
    query: fc.record(Object.fromEntries(query.map((p) => [p.name, queryValue(p.schema)])), { requiredKeys: [] }),
    body: op.body ? valueOf(op.body) : fc.constant(undefined),
    rawBody: fc.option(fc.constantFrom('{', 'null', '[]', '"x"', '{"a":'), { freq: 10 }),
  });
}

/** The notification endpoint answers WeChat Pay's way ({code: FAIL, message}); every other route the API contract's. */
function contractProblem(res: ApiResponse, path: string): string | null {
  if (res.status >= 500) return `status ${res.status}`;
  if (res.status < 400) return null;
  if (path === '/api/pay/wechat/notify') {
    const body = res.body as { code?: unknown; message?: unknown };
    return body?.code === 'FAIL' && typeof body.message === 'string' ? null : `not WeChat's FAIL shape: ${JSON.stringify(res.body).slice(0, 200)}`;
  }
  const error = (res.body as { error?: { code?: unknown; message?: unknown } })?.error;
  if (!error || typeof error.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(error.code) || typeof error.message !== 'string') return `error not in the contract shape: ${JSON.stringify(res.body).slice(0, 200)}`;
  return null;
}

describe('the API under generated input', () => {
  it(`answers every route below 500 and in the contract shape (${RUNS} requests per route, seed ${SEED})`, async () => {
    const failures: string[] = [];
    let sent = 0;
    const byClass: Record<string, number> = {};
    for (const [index, op] of ops.entries()) {
      try {
        await fc.assert(
          fc.asyncProperty(requestOf(op), async (req) => {
            let i = 0;
            const path = fillPath(op.path, () => req.path[i++] ?? '1');
            const qs = new URLSearchParams(Object.entries(req.query).map(([k, v]): [string, string] => [k, String(v)])).toString();
            const headers: Record<string, string> = {};
            let raw: string | undefined;
            if (op.body !== undefined || op.method !== 'get') {
              headers['content-type'] = 'application/json';
              raw = req.rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
            }
            const res = await app.request(op.method.toUpperCase(), `${path}${qs ? `?${qs}` : ''}`, { token: accounts[req.who]?.token, headers, raw });
            sent += 1;
            byClass[`${Math.floor(res.status / 100)}xx`] = (byClass[`${Math.floor(res.status / 100)}xx`] ?? 0) + 1;
            const problem = contractProblem(res, op.path);
            if (problem) throw new Error(`${op.method.toUpperCase()} ${path}?${qs} as ${req.who}: ${problem}`);
          }),
          { seed: SEED + index, numRuns: RUNS, endOnFailure: true },
        );
      } catch (err) {
        const message = (err as Error).message;
        failures.push(`${op.method.toUpperCase()} ${op.path}: ${/Got error: (.*)/.exec(message)?.[1] ?? message.split('\n').slice(0, 4).join(' ')}`);
      }
    }
    process.stdout.write(`fuzz: ${ops.length} routes, ${sent} requests (${RUNS} per route, seed ${SEED}): ${JSON.stringify(byClass)}\n`);
    expect(ops.length).toBeGreaterThan(50);
    expect(sent).toBeGreaterThanOrEqual(ops.length * RUNS * 0.9);
    // Not only refusals: a good share of the generated requests got through validation and did something.
    // Uploads are left out of the share: a generated JSON body can never be a valid multipart upload.
    const uploads = ops.filter((op) => op.multipart).length * RUNS;
    expect(byClass['2xx'] ?? 0).toBeGreaterThan((sent - uploads) / 10);
    expect(failures).toEqual([]);
  }, 300_000);

  it('leaves the books straight: the money invariants hold in MySQL', async () => {
    expect(await brokenInvariants(app.container.dataSource)).toEqual({});
  });
});
