/**
 * The two order benchmarks of `npm run bench`, against the API, sandbox and jobs processes run.mjs starts:
 *
 * - orderPath: learners signed in through the sandbox each buy one paid course the way the mini-program
 *   does (create → pay → confirm in the sandbox's cashier → WeChat Pay's notification → PAID), then MySQL
 *   must show every order PAID and enrolled exactly once.
 * - expiryAtScale: many PENDING orders, written straight to MySQL with one shared expires_at and a
 *   delayed BullMQ job each (as OrderService.create schedules them), are settled by the jobs process;
 *   measured from expires_at until MySQL counts all of them EXPIRED.
 */
import { performance } from 'node:perf_hooks';
import { BenchError, mapLimit, percentile, sleep } from './common.mjs';

const REQUEST_TIMEOUT_MS = 30_000;
/** How long one purchase may take from create to PAID before the bench gives up on it. */
const PAID_TIMEOUT_MS = 30_000;
/** The expiry phase fails when the EXPIRED count stops growing for this long. */
const EXPIRY_STALL_MS = 60_000;
const EXPIRY_POLL_MS = 200;
const INSERT_CHUNK = 1000;
const QUEUE_CHUNK = 1000;
/** As Producers.schedule in server/src/queues.ts queues an expiry job (KEEP_JOBS included). */
const EXPIRY_JOB_OPTS = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
};

/** JSON over HTTP; any status outside `expect` fails the bench with the answer's start. */
export function jsonClient(base) {
  return async (method, path, { token, body, expect = [200] } = {}) => {
    const headers = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    if (!expect.includes(res.status)) throw new BenchError(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
}

/** wx.login on the phone (the sandbox hands out a code for the openid), then the API's sign-in. */
async function signIn({ api, sandbox }, openid) {
  const { code } = await sandbox('POST', '/sandbox/wx-login', { body: { openid } });
  const { token, user } = await api('POST', '/api/auth/wechat', { body: { code }, expect: [200, 201] });
  return { id: user.id, token };
}

/** Published courses with a price, cheapest ids first: what the bench buys. */
async function paidCourses(db) {
  const [rows] = await db.query("SELECT id, price_fen AS price FROM courses WHERE status = 'PUBLISHED' AND price_fen > 0 ORDER BY id");
  if (rows.length === 0) throw new BenchError('the seeded catalog has no published paid course to order');
  return rows;
}

const prepayIdOf = (params) => {
  if (typeof params?.package !== 'string' || !params.package.startsWith('prepay_id=')) {
    throw new BenchError(`POST /api/orders/{id}/pay answered no prepay package: ${JSON.stringify(params).slice(0, 200)}`);
  }
  return params.package.slice('prepay_id='.length);
};

// ---- the order path ---------------------------------------------------------------------------------

/**
 * `learners` learners, `concurrency` at a time, each buy one course (distinct learners, so the
 * one-open-order-per-learner-and-course rule never interferes). Sign-ins happen before the clock starts.
 */
export async function orderPath({ api, sandbox, db, runId, learners, concurrency, pollMs, progress }) {
  const courses = await paidCourses(db);
  progress(`signing in ${learners} learners through the sandbox`);
  const buyers = await mapLimit(
    Array.from({ length: learners }, (_, i) => i),
    concurrency,
    (i) => signIn({ api, sandbox }, `bench-${runId}-o${i}`),
  );
  const [salesBefore] = await db.query('SELECT id, sales_count AS n FROM courses');

  progress(`${learners} purchases, ${concurrency} at a time`);
  const purchases = [];
  const started = performance.now();
  await mapLimit(buyers, concurrency, async (buyer, i) => {
    const courseId = courses[i % courses.length].id;
    const t0 = performance.now();
    const order = await api('POST', '/api/orders/', { token: buyer.token, body: { course: courseId }, expect: [201] });
    const t1 = performance.now();
    const params = await api('POST', `/api/orders/${order.id}/pay`, { token: buyer.token });
    const t2 = performance.now();
    await sandbox('POST', '/sandbox/pay/confirm', { body: { prepay_id: prepayIdOf(params) } });
    const t3 = performance.now();
    for (;;) {
      await sleep(pollMs);
      const seen = await api('GET', `/api/orders/${order.id}/`, { token: buyer.token });
      if (seen.status === 'PAID') break;
      if (seen.status !== 'PENDING') throw new BenchError(`order ${order.id} became ${seen.status} instead of PAID`);
      if (performance.now() - t0 > PAID_TIMEOUT_MS) {
        throw new BenchError(`order ${order.id} was still PENDING ${PAID_TIMEOUT_MS / 1000} s after it was created: did the payment notification reach the API?`);
      }
    }
    const t4 = performance.now();
    purchases.push({ orderId: order.id, userId: buyer.id, courseId, ms: t4 - t0, steps: { create: t1 - t0, pay: t2 - t1, confirm: t3 - t2, paid: t4 - t3 } });
  });
  const seconds = (performance.now() - started) / 1000;

  await verifyPurchases(db, purchases, salesBefore);
  const times = purchases.map((p) => p.ms);
  const step = (name) => {
    const values = purchases.map((p) => p.steps[name]);
    return { p50: percentile(values, 50), p99: percentile(values, 99) };
  };
  return {
    steps: { create: step('create'), pay: step('pay'), confirm: step('confirm'), paid: step('paid') },
    orders: purchases.length,
    concurrency,
    pollMs,
    seconds,
    rps: purchases.length / seconds,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: Math.max(...times),
  };
}

/** Every order PAID, one ACTIVE purchase enrollment pointing at it, and each course's sales count up by its orders. */
async function verifyPurchases(db, purchases, salesBefore) {
  const ids = purchases.map((p) => p.orderId);
  const [rows] = await db.query(
    `SELECT o.id, o.status,
            COUNT(e.id) AS enrollments,
            SUM(e.status = 'ACTIVE' AND e.source = 'purchase' AND e.order_id = o.id) AS granted
       FROM orders o LEFT JOIN enrollments e ON e.user_id = o.user_id AND e.course_id = o.course_id
      WHERE o.id IN (?) GROUP BY o.id, o.status`,
    [ids],
  );
  const problems = [];
  if (rows.length !== ids.length) problems.push(`${ids.length - rows.length} orders missing`);
  for (const r of rows) {
    if (r.status !== 'PAID') problems.push(`order ${r.id} is ${r.status}`);
    else if (Number(r.enrollments) !== 1 || Number(r.granted) !== 1) problems.push(`order ${r.id} has ${r.enrollments} enrollments (${Number(r.granted)} granted by it)`);
  }
  const expected = new Map();
  for (const p of purchases) expected.set(p.courseId, (expected.get(p.courseId) ?? 0) + 1);
  const [salesAfter] = await db.query('SELECT id, sales_count AS n FROM courses');
  const before = new Map(salesBefore.map((r) => [r.id, Number(r.n)]));
  for (const r of salesAfter) {
    const delta = Number(r.n) - (before.get(r.id) ?? 0);
    if (delta !== (expected.get(r.id) ?? 0)) problems.push(`course ${r.id} sales_count moved by ${delta}, expected ${expected.get(r.id) ?? 0}`);
  }
  if (problems.length) {
    const shown = problems.slice(0, 10).join('; ');
    throw new BenchError(`order path: MySQL disagrees after the purchases: ${shown}${problems.length > 10 ? ` (and ${problems.length - 10} more)` : ''}`);
  }
}

// ---- expiry at scale --------------------------------------------------------------------------------

/** The default head start of expires_at: room to insert, queue and prepay before the orders come due. */
export function defaultExpiryLeadMs(orders, prepaid) {
  return Math.ceil(3 + orders / 4000 + prepaid / 100) * 1000;
}

/**
 * `count` PENDING orders that all expire at one moment, `prepaid` of them sent to the sandbox's WeChat
 * Pay first (the learner opened the cashier and left), settled by the jobs process's order-expiry
 * worker. `queue` is a BullMQ Queue named 'order-expiry' on the bench's prefix; `check` throws when a
 * child process died.
 */
export async function expiryAtScale({ api, sandbox, db, queue, runId, count, prepaid, leadMs, concurrency, check, progress }) {
  const courses = await paidCourses(db);
  // Each learner takes every paid course once, so (learner, course) pairs never repeat: one open order each.
  const payers = Math.ceil(prepaid / courses.length);
  const others = Math.max(0, Math.ceil(count / courses.length) - payers);

  progress(`${count} orders for ${payers + others} learners × ${courses.length} courses (${prepaid} to prepay)`);
  // Learners who prepay must be known to the sandbox's WeChat (an openid it issued): they sign in.
  const signed = await mapLimit(
    Array.from({ length: payers }, (_, i) => i),
    concurrency,
    (i) => signIn({ api, sandbox }, `bench-${runId}-e${i}`),
  );
  const inserted = await insertLearners(db, runId, others);
  const learners = [...signed.map((s) => s.id), ...inserted];
  const tokens = new Map(signed.map((s) => [s.id, s.token]));

  const setupStarted = Date.now();
  const expiresAt = new Date(setupStarted + leadMs);
  const prefix = `BX${runId}`;
  const rows = [];
  for (const userId of learners) {
    for (const course of courses) {
      if (rows.length === count) break;
      const outTradeNo = `${prefix}${String(rows.length).padStart(10, '0')}`;
      rows.push([userId, course.id, 'PENDING', 'WECHAT_PAY', course.price, 0, course.price, outTradeNo, new Date(setupStarted), expiresAt]);
    }
  }
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db.query(
      'INSERT INTO orders (user_id, course_id, status, payment_method, list_price_fen, discount_fen, amount_fen, out_trade_no, order_time, expires_at) VALUES ?',
      [rows.slice(i, i + INSERT_CHUNK)],
    );
  }
  const [ordered] = await db.query('SELECT id, user_id AS userId FROM orders WHERE out_trade_no LIKE ? ORDER BY out_trade_no', [`${prefix}%`]);
  if (ordered.length !== count) throw new BenchError(`expiry: inserted ${count} orders but MySQL holds ${ordered.length}`);
  const ids = ordered.map((o) => o.id);
  const lo = ids.reduce((a, b) => Math.min(a, b));
  const hi = ids.reduce((a, b) => Math.max(a, b));
  if (hi - lo + 1 !== count) throw new BenchError(`expiry: the ${count} orders got ids ${lo}..${hi}, not one run; the bench counts by id range`);

  for (let i = 0; i < ids.length; i += QUEUE_CHUNK) {
    const delay = Math.max(0, expiresAt.getTime() - Date.now());
    await queue.addBulk(
      ids.slice(i, i + QUEUE_CHUNK).map((orderId) => ({ name: 'expire', data: { orderId }, opts: { jobId: `expire-${orderId}`, delay, ...EXPIRY_JOB_OPTS } })),
    );
  }
  const queuedAt = Date.now();

  // The first `prepaid` orders belong to the learners who signed in. Prepaying needs time_expire (expires_at
  // cut to whole seconds) still ahead, and the orders must not come due before everything is in place.
  const tooLate = () =>
    new BenchError(
      `expiry: the orders come due ${leadMs / 1000} s after they are written, too soon to finish setting up ` +
        `(prepaying wants them at least 1.5 s ahead; ${((Date.now() - setupStarted) / 1000).toFixed(1)} s spent so far); set BENCH_EXPIRY_LEAD_S higher`,
    );
  await mapLimit(ordered.slice(0, prepaid), concurrency, async (o) => {
    if (Date.now() > expiresAt.getTime() - 1500) throw tooLate();
    prepayIdOf(await api('POST', `/api/orders/${o.id}/pay`, { token: tokens.get(o.userId) }));
  });
  const setupDone = Date.now();
  const margin = expiresAt.getTime() - setupDone;
  if (margin < 500) throw tooLate();

  progress(`waiting for expires_at (${(margin / 1000).toFixed(1)} s), then for all ${count} to be EXPIRED`);
  const due = expiresAt.getTime();
  while (Date.now() < due) {
    check();
    await sleep(Math.min(250, due - Date.now()));
  }
  let firstAt = null;
  let last = 0;
  let lastProgress = Date.now();
  let doneAt;
  for (;;) {
    check();
    const [[r]] = await db.query(
      "SELECT SUM(status = 'EXPIRED') AS expired, SUM(status NOT IN ('PENDING', 'EXPIRED')) AS other FROM orders WHERE id BETWEEN ? AND ?",
      [lo, hi],
    );
    const now = Date.now();
    const expired = Number(r.expired);
    if (Number(r.other) > 0) throw new BenchError(`expiry: ${r.other} of the orders ended neither PENDING nor EXPIRED`);
    if (expired > 0 && firstAt === null) firstAt = now;
    if (expired === count) {
      doneAt = now;
      break;
    }
    if (expired > last) {
      last = expired;
      lastProgress = now;
    } else if (now - lastProgress > EXPIRY_STALL_MS) {
      throw new BenchError(`expiry: stuck at ${expired} of ${count} EXPIRED for ${EXPIRY_STALL_MS / 1000} s`);
    }
    await sleep(EXPIRY_POLL_MS);
  }

  const [[granted]] = await db.query('SELECT COUNT(*) AS n FROM enrollments WHERE order_id BETWEEN ? AND ?', [lo, hi]);
  if (Number(granted.n) !== 0) throw new BenchError(`expiry: ${granted.n} expired orders granted an enrollment`);
  // Expiry jobs of these orders not completed: failed for good, or queued again for a retry (the sweeper settled the order).
  const ours = async (states) => (await queue.getJobs(states, 0, -1)).filter((j) => j && j.data.orderId >= lo && j.data.orderId <= hi).length;
  const jobs = { failed: await ours(['failed']), queued: await ours(['delayed', 'wait', 'active']) };
  const totalS = (doneAt - due) / 1000;
  return {
    orders: count,
    prepaid,
    setupS: (queuedAt - setupStarted) / 1000,
    prepayS: (setupDone - queuedAt) / 1000,
    lagS: (firstAt - due) / 1000,
    totalS,
    rate: count / totalS,
    jobs,
  };
}

/** Learners as a WeChat sign-in would have left them, many rows per INSERT. */
async function insertLearners(db, runId, n) {
  if (n === 0) return [];
  const rows = Array.from({ length: n }, (_, i) => [`bx${runId}_${i}`, `Bench learner ${i}`, `bench-${runId}-x${i}`, 'learner']);
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db.query('INSERT INTO users (username, display_name, wechat_openid, role) VALUES ?', [rows.slice(i, i + INSERT_CHUNK)]);
  }
  const [ids] = await db.query('SELECT id FROM users WHERE username LIKE ? ORDER BY id', [`bx${runId}\\_%`]);
  if (ids.length !== n) throw new BenchError(`expiry: inserted ${n} learners but MySQL holds ${ids.length}`);
  return ids.map((r) => r.id);
}
