/**
 * npm run bench, in one run:
 * - catalog: HTTP throughput and latency of the catalog API next to a bare Koa app;
 * - orders: purchases per second through the whole payment path, and the time from create to PAID;
 * - expiry: how fast the jobs process settles many orders that expire at the same moment;
 * - qa: how fast the chat bot answers questions over its chat endpoint with 10,000 FAQ entries loaded.
 * The order phases live in ./orders.mjs, the Q&A one in ./qa.mjs.
 *
 * Everything it needs is its own: a fresh database, a Redis key prefix, a temporary VAR_DIR, and the
 * sandbox, API, jobs, bot and bare-Koa processes on free ports. All of it is removed afterwards, also after
 * a failure or Ctrl-C, so the bench never touches the developer's data or var/.
 *
 *   npm run bench -- --duration 10 --connections 50 --warmup 2
 *   BENCH_DURATION=3 BENCH_ONLY=catalog,orders npm run bench
 *   BENCH_ONLY=expiry BENCH_EXPIRY_ORDERS=2000 npm run bench
 *   BENCH_ONLY=qa BENCH_QA_ENTRIES=50000 npm run bench
 */
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import mysql from 'mysql2/promise';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchError, fmt, percentile, printTable, sleep } from './common.mjs';
import { defaultExpiryLeadMs, expiryAtScale, jsonClient, orderPath } from './orders.mjs';
import { growCatalog, growthTargets, reportGrowth } from './growth.mjs';
import { answersWith, askAll, chatClient, QA_MIX, qaQueries, writeFaq } from './qa.mjs';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
// tsx applies a tsconfig only to the files it includes; the server's one turns on the legacy decorators TypeORM needs.
const SERVER_DIR = join(ROOT, 'server');
const STARTUP_TIMEOUT_MS = 90_000;
const PHASES = ['catalog', 'login', 'orders', 'expiry', 'qa', 'growth'];
/** The phases that talk to the API; the bot (qa) reaches MySQL and Redis itself. */
const API_PHASES = ['catalog', 'login', 'orders', 'expiry', 'growth'];
/** The catalog list should reach this share of the bare-Koa ceiling, with p99 under this at 50 connections. */
const CATALOG_TARGET_RATIO = 0.5;
const CATALOG_TARGET_P99_MS = 25;
/** Seeds of the Q&A corpus and of the questions asked: fixed, so runs compare. */
const QA_SEED = 20_240_601;
const QA_WARMUP_REQUESTS = 200;
/** The latency the bot's answers should stay under (p99 of one answer at a time). */
const QA_TARGET_P99_MS = 50;

const USAGE = `usage: npm run bench -- [options]
  --only list             phases to run, of ${PHASES.join(',')} (BENCH_ONLY; default all)
  --duration s            catalog: seconds per endpoint (BENCH_DURATION; 10)
  --connections n         catalog: concurrent connections (BENCH_CONNECTIONS; 50)
  --warmup s              catalog: warm-up seconds per endpoint (BENCH_WARMUP; 2)
  --orders n              orders: learners, one purchase each (BENCH_ORDERS; 200)
  --order-concurrency n   orders: purchases in flight (BENCH_ORDER_CONCURRENCY; 20)
  --expiry-orders n       expiry: orders due at the same moment (BENCH_EXPIRY_ORDERS; 10000)
  --expiry-prepaid n      expiry: how many of them are prepaid at the sandbox first (BENCH_EXPIRY_PREPAID; 10 %)
  --expiry-lead s         expiry: seconds from writing the orders to their expires_at (BENCH_EXPIRY_LEAD_S; by size)
  --qa-entries n          qa: FAQ entries loaded into the bot's knowledge (BENCH_QA_ENTRIES; 10000)
  --qa-requests n         qa: questions asked one at a time, after ${QA_WARMUP_REQUESTS} warm-up (BENCH_QA_REQUESTS; 2000)
  --qa-concurrency n      qa: questions in flight in the second, half as long run (BENCH_QA_CONCURRENCY; 10)
  --growth-sizes list     growth: catalog sizes in published courses (BENCH_GROWTH_SIZES; 100,10000,100000)
  --growth-duration s     growth: seconds per query and size (BENCH_GROWTH_DURATION; 3)
  --growth-connections n  growth: concurrent connections (BENCH_GROWTH_CONNECTIONS; 10)`;

function settings() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      duration: { type: 'string', short: 'd' },
      connections: { type: 'string', short: 'c' },
      warmup: { type: 'string', short: 'w' },
      orders: { type: 'string' },
      'order-concurrency': { type: 'string' },
      'expiry-orders': { type: 'string' },
      'expiry-prepaid': { type: 'string' },
      'expiry-lead': { type: 'string' },
      'qa-entries': { type: 'string' },
      'qa-requests': { type: 'string' },
      'qa-concurrency': { type: 'string' },
      'growth-sizes': { type: 'string' },
      'growth-duration': { type: 'string' },
      'growth-connections': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const integer = (name, flag, env, fallback, min) => {
    const raw = flag ?? env ?? String(fallback);
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new BenchError(`${name} must be an integer >= ${min}, got "${raw}"`);
    return n;
  };
  const onlyRaw = values.only ?? process.env.BENCH_ONLY ?? '';
  const phases = new Set(onlyRaw.split(',').map((p) => p.trim()).filter(Boolean));
  for (const p of phases) if (!PHASES.includes(p)) throw new BenchError(`--only/BENCH_ONLY takes ${PHASES.join(', ')} (comma-separated), got "${p}"`);
  if (phases.size === 0) for (const p of PHASES) phases.add(p);

  const expiryOrders = integer('expiry-orders', values['expiry-orders'], process.env.BENCH_EXPIRY_ORDERS, 10_000, 1);
  const expiryPrepaid = integer('expiry-prepaid', values['expiry-prepaid'], process.env.BENCH_EXPIRY_PREPAID, Math.floor(expiryOrders / 10), 0);
  if (expiryPrepaid > expiryOrders) throw new BenchError(`expiry-prepaid (${expiryPrepaid}) must be at most expiry-orders (${expiryOrders})`);
  const leadRaw = values['expiry-lead'] ?? process.env.BENCH_EXPIRY_LEAD_S;
  return {
    phases,
    duration: integer('duration', values.duration, process.env.BENCH_DURATION, 10, 1),
    connections: integer('connections', values.connections, process.env.BENCH_CONNECTIONS, 50, 1),
    warmup: integer('warmup', values.warmup, process.env.BENCH_WARMUP, 2, 0),
    orders: integer('orders', values.orders, process.env.BENCH_ORDERS, 200, 1),
    orderConcurrency: integer('order-concurrency', values['order-concurrency'], process.env.BENCH_ORDER_CONCURRENCY, 20, 1),
    expiryOrders,
    expiryPrepaid,
    expiryLeadMs: leadRaw === undefined ? defaultExpiryLeadMs(expiryOrders, expiryPrepaid) : integer('expiry-lead', leadRaw, undefined, 0, 1) * 1000,
    qaEntries: integer('qa-entries', values['qa-entries'], process.env.BENCH_QA_ENTRIES, 10_000, 1),
    qaRequests: integer('qa-requests', values['qa-requests'], process.env.BENCH_QA_REQUESTS, 2000, 1),
    qaConcurrency: integer('qa-concurrency', values['qa-concurrency'], process.env.BENCH_QA_CONCURRENCY, 10, 1),
    growthSizes: growthSizes(values['growth-sizes'] ?? process.env.BENCH_GROWTH_SIZES ?? '100,10000,100000'),
    growthDuration: integer('growth-duration', values['growth-duration'], process.env.BENCH_GROWTH_DURATION, 3, 1),
    growthConnections: integer('growth-connections', values['growth-connections'], process.env.BENCH_GROWTH_CONNECTIONS, 10, 1),
  };
}

function growthSizes(raw) {
  const sizes = raw.split(',').map((x) => Number(x.trim()));
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new BenchError(`growth-sizes must be positive integers, comma-separated, got "${raw}"`);
  return [...sizes].sort((a, b) => a - b);
}

// ---- resources that cleanup() must give back ------------------------------------------------------

const run = {
  id: randomBytes(4).toString('hex'),
  load: null, // the autocannon run in progress, stopped first so servers can drain
  children: [],
  clients: [], // the bench's own MySQL pool, BullMQ queue, Redis connection: closed before the data goes
  database: null, // { serverUrl, name } once created
  redisPrefix: null,
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  tmpDir: null,
};

let cleaning = null;
function cleanup() {
  cleaning ??= (async () => {
    const problems = [];
    const step = async (what, fn) => {
      try {
        await fn();
      } catch (err) {
        problems.push(`${what}: ${err.message}`);
      }
    };
    run.load?.stop();
    // Children next: the API holds connections that would make DROP DATABASE wait.
    await step('stopping processes', () => Promise.all(run.children.map(stopChild)));
    await step('closing connections', () => Promise.all(run.clients.splice(0).map((close) => close())));
    if (run.database) await step(`dropping database ${run.database.name}`, () => dropDatabase(run.database));
    if (run.redisPrefix) await step(`deleting Redis keys ${run.redisPrefix}*`, () => deleteRedisKeys(run.redisUrl, run.redisPrefix));
    if (run.tmpDir) await step(`removing ${run.tmpDir}`, () => rmSync(run.tmpDir, { recursive: true, force: true }));
    return problems;
  })();
  return cleaning;
}

let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    const now = Date.now();
    // A terminal's Ctrl-C reaches both npm and us, and npm forwards its copy: one keypress, two signals.
    if (firstSignalAt && now - firstSignalAt < 1000) return;
    if (firstSignalAt) {
      console.error(`\n${signal} again: leaving without finishing the cleanup`);
      process.exit(130);
    }
    firstSignalAt = now;
    console.error(`\n${signal}: stopping and cleaning up (again to leave at once)`);
    void cleanup().then((problems) => {
      for (const p of problems) console.error(`cleanup failed: ${p}`);
      process.exit(130);
    });
  });
}

// ---- MySQL, Redis, ports ------------------------------------------------------------------------------

/** DATABASE_URL chooses the server and account; the bench always uses a database of its own. */
function databaseUrls(name) {
  const base = new URL(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/knowpay');
  const server = new URL(base);
  server.pathname = '/';
  const own = new URL(base);
  own.pathname = `/${name}`;
  return { serverUrl: server.toString(), databaseUrl: own.toString() };
}

function hostOf(url) {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol === 'mysql:' ? 3306 : 6379)}`;
}

async function createDatabase({ serverUrl, name }) {
  let conn;
  try {
    conn = await mysql.createConnection({ uri: serverUrl });
  } catch (err) {
    throw new BenchError(`MySQL at ${hostOf(serverUrl)} is unreachable (${err.code ?? err.message}); start it or set DATABASE_URL`);
  }
  try {
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

async function dropDatabase({ serverUrl, name }) {
  const conn = await mysql.createConnection({ uri: serverUrl });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}

function redisClient(url) {
  return new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
}

async function checkRedis(url) {
  const redis = redisClient(url);
  let cause;
  redis.on('error', (err) => (cause = err));
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new BenchError(`Redis at ${hostOf(url)} is unreachable (${(cause ?? err).message}); start it or set REDIS_URL`);
  } finally {
    redis.disconnect();
  }
}

async function deleteRedisKeys(url, prefix) {
  const redis = redisClient(url);
  redis.on('error', () => {});
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ---- child processes ----------------------------------------------------------------------------------

/** Keeps the tail of a child's output: shown when it fails, silent otherwise. */
function tail(lines = 40) {
  const kept = [];
  return {
    push(chunk) {
      kept.push(...chunk.toString().split('\n').filter(Boolean));
      kept.splice(0, Math.max(0, kept.length - lines));
    },
    toString: () => kept.map((l) => `    ${l}`).join('\n'),
  };
}

/**
 * Each child gets a process group of its own: npx and tsx start further processes, and a group kill
 * reaches all of them; it also keeps the terminal's Ctrl-C away from them so cleanup decides the order.
 */
function startChild(name, command, args, { cwd, env }) {
  const output = tail();
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (c) => output.push(c));
  child.stderr.on('data', (c) => output.push(c));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const handle = { name, child, output, exited, done: false };
  void exited.then(() => (handle.done = true));
  child.on('error', (err) => output.push(`could not start: ${err.message}`));
  run.children.push(handle);
  return handle;
}

/** True while any process of the child's group lives: npx may exit before the server it started. */
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

async function stopChild(handle) {
  const { pid } = handle.child;
  if (pid === undefined || !groupAlive(pid)) return;
  const signalGroup = (signal) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group emptied in between.
    }
  };
  const gone = async (ms) => {
    for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(100)) if (!groupAlive(pid)) return true;
    return !groupAlive(pid);
  };
  signalGroup('SIGTERM');
  // The API gives in-flight requests 10 s before it drops them; a little more, then no more waiting.
  if (await gone(12_000)) return;
  console.error(`${handle.name} did not stop within 12 s of SIGTERM: killing it`);
  signalGroup('SIGKILL');
  if (!(await gone(5000))) throw new Error(`${handle.name} (process group ${pid}) survived SIGKILL`);
}

async function runToEnd(name, args, options) {
  const handle = startChild(name, 'npx', args, options);
  const { code, signal } = await handle.exited;
  if (code !== 0) throw new BenchError(`${name} failed (${signal ?? `exit ${code}`}):\n${handle.output}`);
}

/** Polls until `probe` resolves true, failing early with the child's output if the child dies. */
async function waitFor(handle, what, probe) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (handle.done) {
      const { code, signal } = await handle.exited;
      throw new BenchError(`${handle.name} exited (${signal ?? `exit ${code}`}) before ${what}:\n${handle.output}`);
    }
    if (await probe().catch(() => false)) return;
    await sleep(250);
  }
  throw new BenchError(`${handle.name}: no ${what} within ${STARTUP_TIMEOUT_MS / 1000} s:\n${handle.output}`);
}

function portAccepts(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function getJson(url) {
  const res = await fetch(url);
  if (res.status !== 200) throw new BenchError(`GET ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

// ---- measuring ----------------------------------------------------------------------------------------

async function load(options) {
  run.load = autocannon(options);
  try {
    return await run.load;
  } finally {
    run.load = null;
  }
}

async function measure(url, { duration, connections, warmup }, request = {}) {
  if (warmup > 0) await load({ url, connections, duration: warmup, ...request });
  const result = await load({ url, connections, duration, ...request });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) {
    const codes = Object.entries(result.statusCodeStats)
      .map(([code, { count }]) => `${code}×${count}`)
      .join(' ');
    throw new BenchError(
      `${request.method ?? 'GET'} ${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts (status codes: ${codes}); the figures would be meaningless`,
    );
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total };
}

function reportCatalog(rows, s) {
  const ceiling = rows[0].rps;
  console.log(`\ncatalog: ${s.connections} connections, ${s.duration} s each after ${s.warmup} s warm-up\n`);
  printTable(
    ['endpoint', 'requests/s', 'p50 ms', 'p99 ms', 'of ceiling'],
    rows.map((r) => [r.label, fmt(r.rps, 0), fmt(r.p50, 1), fmt(r.p99, 1), `${fmt((r.rps / (r.ceilingRps ?? ceiling)) * 100, 1)}%`]),
  );
  if (rows[0].spread) console.log(`(the ceiling, measured before each endpoint, varied ${fmt((rows[0].spread - 1) * 100, 0)}% between its fastest and slowest run: the machine's load)`);
  const pairs = [`ceiling_rps=${fmt(ceiling, 0)}`, `ceiling_p50_ms=${fmt(rows[0].p50, 1)}`, `ceiling_p99_ms=${fmt(rows[0].p99, 1)}`];
  for (const r of rows.slice(1)) {
    pairs.push(
      `${r.key}_rps=${fmt(r.rps, 0)}`,
      `${r.key}_ratio=${fmt(r.rps / (r.ceilingRps ?? ceiling), 3)}`,
      `${r.key}_p50_ms=${fmt(r.p50, 1)}`,
      `${r.key}_p99_ms=${fmt(r.p99, 1)}`,
    );
  }
  pairs.push(`connections=${s.connections}`, `duration_s=${s.duration}`);
  const list = rows.find((r) => r.key === 'catalog');
  if (list) {
    const ratio = list.rps / (list.ceilingRps ?? ceiling);
    const met = ratio >= CATALOG_TARGET_RATIO && list.p99 < CATALOG_TARGET_P99_MS;
    console.log(
      `\ncatalog list: ${fmt(ratio * 100, 1)}% of the ceiling (target ${CATALOG_TARGET_RATIO * 100}%), p99 ${fmt(list.p99, 1)} ms (target < ${CATALOG_TARGET_P99_MS} ms): ${met ? 'met' : 'NOT met'}`,
    );
    pairs.push(`catalog_target_met=${met ? 'yes' : 'no'}`);
  }
  return pairs;
}

function reportOrders(o) {
  console.log(`\norders: ${o.orders} learners, ${o.concurrency} at a time; create → pay → confirm in the sandbox → notification → PAID`);
  console.log(`(timed from create until GET /api/orders/{id}/ shows PAID, polled every ${o.pollMs} ms)`);
  console.log('(verified in MySQL: every order PAID, enrolled exactly once, sales counts moved by exactly these orders)\n');
  printTable(
    ['purchases', 'seconds', 'purchases/s', 'p50 ms', 'p99 ms', 'max ms'],
    [[String(o.orders), fmt(o.seconds, 1), fmt(o.rps, 1), fmt(o.p50, 0), fmt(o.p99, 0), fmt(o.max, 0)]],
    0,
  );
  console.log('');
  const step = (label, { p50, p99 }) => [label, fmt(p50, 0), fmt(p99, 0)];
  printTable(
    ['step of one purchase', 'p50 ms', 'p99 ms'],
    [
      step('POST /api/orders/', o.steps.create),
      step('POST /api/orders/{id}/pay', o.steps.pay),
      step('POST /sandbox/pay/confirm', o.steps.confirm),
      step('confirm → GET shows PAID', o.steps.paid),
    ],
  );
  return [`order_rps=${fmt(o.rps, 1)}`, `order_p50_ms=${fmt(o.p50, 0)}`, `order_p99_ms=${fmt(o.p99, 0)}`, `order_count=${o.orders}`, `order_concurrency=${o.concurrency}`];
}

function reportExpiry(e) {
  console.log(`\nexpiry: ${e.orders} PENDING orders with one expires_at, written to MySQL with a delayed BullMQ job each (${e.setupS.toFixed(1)} s)`);
  if (e.prepaid > 0) {
    console.log(
      `${e.prepaid} of them prepaid at the sandbox (POST /api/orders/{id}/pay, ${e.prepayS.toFixed(1)} s), the rest never sent to WeChat Pay;\n` +
        'the sandbox reads a prepaid order past its time_expire (= expires_at) as CLOSED, so settle() queries it but has nothing to close',
    );
  } else {
    console.log('none of them sent to WeChat Pay: settle() queries each (ORDER_NOT_EXIST) and expires it');
  }
  console.log('settled by the jobs process; times from expires_at, read from MySQL every 200 ms\n');
  printTable(
    ['orders', 'first EXPIRED s', 'all EXPIRED s', 'orders/s'],
    [[String(e.orders), fmt(e.lagS, 1), fmt(e.totalS, 1), fmt(e.rate, 0)]],
    0,
  );
  if (e.jobs.failed || e.jobs.queued) console.log(`expiry jobs of these orders not completed: ${e.jobs.failed} failed, ${e.jobs.queued} still queued`);
  return [
    `expiry_orders=${e.orders}`,
    `expiry_prepaid=${e.prepaid}`,
    `expiry_lag_s=${fmt(e.lagS, 1)}`,
    `expiry_total_s=${fmt(e.totalS, 1)}`,
    `expiry_rate=${fmt(e.rate, 0)}`,
  ];
}

function reportQa(q) {
  const share = (x) => `${fmt(x * 100, 0)} %`;
  const { single, concurrent } = q;
  console.log(
    `\nqa: ${q.entries} FAQ entries over ${q.courses} published courses (${q.largest} in the largest, ${q.smallest} in the smallest), ` +
      `written in ${fmt(q.insertS, 1)} s; the bot answered from them ${fmt(q.readyS, 1)} s after it was started`,
  );
  console.log(
    `questions over POST /chat: ${share(QA_MIX.entry)} loaded entries word for word, ${share(QA_MIX.reworded)} reworded, ` +
      `${share(QA_MIX.help)} platform help, ${share(1 - QA_MIX.entry - QA_MIX.reworded - QA_MIX.help)} unknown; ${QA_WARMUP_REQUESTS} warm-up first\n`,
  );
  const row = (r) => [String(r.requests), String(r.concurrency), fmt(r.rps, 0), fmt(r.p50, 1), fmt(r.p99, 1), fmt(r.max, 1), share(r.confidentShare)];
  printTable(['questions', 'at a time', 'answers/s', 'p50 ms', 'p99 ms', 'max ms', 'confident'], [row(single), row(concurrent)], 0);
  console.log('');
  const kinds = [
    ['entry', 'loaded entry, as written'],
    ['reworded', 'loaded entry, reworded'],
    ['help', 'platform help'],
    ['unknown', 'unknown'],
  ];
  printTable(
    ['one at a time', 'asked', 'confident', 'right', 'p50 ms', 'p99 ms'],
    kinds
      .filter(([k]) => single.byKind[k])
      .map(([k, label]) => {
        const b = single.byKind[k];
        return [label, String(b.asked), share(b.confident / b.asked), share(b.right / b.asked), fmt(percentile(b.times, 50), 1), fmt(percentile(b.times, 99), 1)];
      }),
  );
  console.log("(right: an entry's own answer; for help, an answer from no course; for unknown, no confident answer)");
  const met = single.p99 < QA_TARGET_P99_MS;
  console.log(`p99 of one answer at a time: ${fmt(single.p99, 1)} ms, target < ${QA_TARGET_P99_MS} ms ${met ? 'met' : 'NOT met'}`);
  return [
    `qa_entries=${q.entries}`,
    `qa_p50_ms=${fmt(single.p50, 1)}`,
    `qa_p99_ms=${fmt(single.p99, 1)}`,
    `qa_max_ms=${fmt(single.max, 1)}`,
    `qa_rps=${fmt(single.rps, 0)}`,
    `qa_confident_share=${fmt(single.confidentShare, 3)}`,
    `qa_conc_p50_ms=${fmt(concurrent.p50, 1)}`,
    `qa_conc_p99_ms=${fmt(concurrent.p99, 1)}`,
    `qa_conc_rps=${fmt(concurrent.rps, 0)}`,
    `qa_concurrency=${concurrent.concurrency}`,
    `qa_ready_s=${fmt(q.readyS, 1)}`,
    `qa_p99_target_met=${met ? 'yes' : 'no'}`,
  ];
}

// ---- the run ------------------------------------------------------------------------------------------

async function main() {
  const s = settings();
  const name = `knowpay_bench_${run.id}`;
  const { serverUrl, databaseUrl } = databaseUrls(name);

  await checkRedis(run.redisUrl);
  await createDatabase({ serverUrl, name });
  run.database = { serverUrl, name };
  run.redisPrefix = `knowpay_bench_${run.id}`;
  run.tmpDir = mkdtempSync(join(tmpdir(), 'knowpay-bench-'));

  const [apiPort, sandboxPort, metricsPort, barePort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const apiBase = `http://127.0.0.1:${apiPort}`;
  const sandboxBase = `http://127.0.0.1:${sandboxPort}`;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: run.redisUrl,
    REDIS_PREFIX: run.redisPrefix,
    VAR_DIR: run.tmpDir,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    // The metrics listener has a fixed default port: another API on this machine would already hold it.
    METRICS_PORT: String(metricsPort),
    // WeChat Pay's notifications (PAY_NOTIFY_URL defaults to PUBLIC_URL's) must reach this API.
    PUBLIC_URL: apiBase,
    // Every learner signs in from 127.0.0.1: the per-address login limit would stop the order phases.
    LOGIN_MAX_PER_MINUTE: '1000000',
    SANDBOX_HOST: '127.0.0.1',
    SANDBOX_PORT: String(sandboxPort),
    WECHAT_MODE: 'sandbox',
  };
  const inServer = { cwd: SERVER_DIR, env };

  console.log(`database ${name}, Redis prefix ${run.redisPrefix}: migrating and seeding`);
  await runToEnd('migrate', ['tsx', 'src/main/migrate.ts', 'up'], inServer);
  await runToEnd('seed', ['tsx', 'src/main/seed.ts'], inServer);

  // The sandbox writes the credentials the API (and the bot) read, so it must be up before they start.
  const sandbox = startChild('sandbox', 'npx', ['tsx', 'src/main/sandbox.ts'], inServer);
  const bare = s.phases.has('catalog')
    ? startChild('bare-koa', process.execPath, [join(ROOT, 'bench', 'bare-koa.mjs')], { cwd: ROOT, env: { ...process.env, PORT: String(barePort) } })
    : null;
  await waitFor(sandbox, `the sandbox on port ${sandboxPort}`, () => portAccepts(sandboxPort));
  const api = API_PHASES.some((p) => s.phases.has(p)) ? startChild('api', 'npx', ['tsx', 'src/main/api.ts'], inServer) : null;
  if (api) await waitFor(api, 'GET /readyz answering 200', async () => (await fetch(`${apiBase}/readyz`)).status === 200);
  if (bare) await waitFor(bare, `bare Koa on port ${barePort}`, () => portAccepts(barePort));

  let pool = null;
  const database = () => {
    if (!pool) {
      pool = mysql.createPool({ uri: databaseUrl, timezone: 'Z', connectionLimit: 4 });
      const opened = pool;
      run.clients.push(() => opened.end());
    }
    return pool;
  };

  const pairs = [];
  const sections = [];
  const catalogRows = s.phases.has('catalog') ? await catalogPhase(s, apiBase, barePort) : null;
  if (s.phases.has('login')) {
    const row = await loginPhase(s, apiBase);
    if (catalogRows) catalogRows.push(row);
    else sections.push(() => pairs.push(`login_rps=${fmt(row.rps, 0)}`, `login_p50_ms=${fmt(row.p50, 1)}`, `login_p99_ms=${fmt(row.p99, 1)}`));
  }
  if (catalogRows) sections.unshift(() => pairs.push(...reportCatalog(catalogRows, s)));

  if (s.phases.has('orders') || s.phases.has('expiry')) {
    const db = database();
    const clients = { api: jsonClient(apiBase), sandbox: jsonClient(sandboxBase), db, runId: run.id };

    if (s.phases.has('orders')) {
      const result = await orderPath({
        ...clients,
        learners: s.orders,
        concurrency: s.orderConcurrency,
        pollMs: 20,
        progress: (text) => console.log(`orders: ${text} ...`),
      });
      sections.push(() => pairs.push(...reportOrders(result)));
    }

    if (s.phases.has('expiry')) {
      console.log('expiry: starting the jobs process ...');
      const jobs = startChild('jobs', 'npx', ['tsx', 'jobs/src/main.ts'], { cwd: ROOT, env });
      const connection = new Redis(run.redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: false });
      connection.on('error', () => {});
      const queue = new Queue('order-expiry', { connection, prefix: run.redisPrefix });
      run.clients.push(async () => {
        await queue.close();
        connection.disconnect();
      });
      await waitFor(jobs, 'an order-expiry worker in Redis', async () => (await queue.getWorkersCount()) > 0);
      const check = () => {
        for (const handle of [sandbox, api, jobs]) {
          if (handle.done) throw new BenchError(`${handle.name} exited during the expiry phase:\n${handle.output}`);
        }
      };
      const result = await expiryAtScale({
        ...clients,
        queue,
        count: s.expiryOrders,
        prepaid: s.expiryPrepaid,
        leadMs: s.expiryLeadMs,
        concurrency: s.orderConcurrency,
        check,
        progress: (text) => console.log(`expiry: ${text} ...`),
      });
      sections.push(() => pairs.push(...reportExpiry(result)));
    }
  }

  if (s.phases.has('qa')) {
    const result = await qaPhase(s, { env, db: database(), others: [sandbox, api].filter(Boolean) });
    sections.push(() => pairs.push(...reportQa(result)));
  }

  // Last: it adds up to 100,000 courses, which the other phases should not walk through.
  if (s.phases.has('growth')) {
    const uncachedPort = await freePort();
    const uncachedBase = `http://127.0.0.1:${uncachedPort}`;
    const uncached = startChild('api (cache off)', 'npx', ['tsx', 'src/main/api.ts'], {
      cwd: SERVER_DIR,
      env: { ...env, PORT: String(uncachedPort), METRICS_PORT: String(await freePort()), PUBLIC_URL: uncachedBase, CATALOG_CACHE_TTL_S: '0' },
    });
    await waitFor(uncached, 'GET /readyz answering 200', async () => (await fetch(`${uncachedBase}/readyz`)).status === 200);
    const result = await growthPhase(s, { db: database(), apiBase, uncachedBase });
    sections.push(() => pairs.push(...reportGrowth(result.sizes, result.results, s)));
  }

  for (const section of sections) section();
  console.log('');
  // The last line is for machines: compare runs with it.
  console.log(pairs.join(' '));
}

async function catalogPhase(s, apiBase, barePort) {
  const catalog = await getJson(`${apiBase}/api/courses/`);
  const first = catalog.results?.[0];
  if (!first) throw new BenchError('the seeded catalog is empty: GET /api/courses/ has no results');
  const searchPath = `/api/courses/?q=${encodeURIComponent('数据')}&sort=price`;
  const search = await getJson(`${apiBase}${searchPath}`);
  console.log(`catalog: ${catalog.count} courses; "数据" finds ${search.count}; detail of course ${first.id}`);

  const targets = [
    { key: 'ceiling', label: 'bare Koa GET /', url: `http://127.0.0.1:${barePort}/` },
    { key: 'catalog', label: 'GET /api/courses/', url: `${apiBase}/api/courses/` },
    { key: 'search', label: 'GET /api/courses/?q=数据&sort=price', url: `${apiBase}${searchPath}` },
    { key: 'detail', label: `GET /api/courses/${first.id}/`, url: `${apiBase}/api/courses/${first.id}/` },
    // The API's own floor: every middleware, no route work.
    { key: 'healthz', label: 'GET /healthz (API floor)', url: `${apiBase}/healthz` },
  ];
  // The machine is shared and its load drifts: the ceiling is measured again right before each endpoint,
  // and each endpoint's share is taken against the ceiling next to it. The first row is the mean ceiling.
  const [ceiling, ...endpoints] = targets;
  const rows = [];
  const ceilings = [];
  for (const t of endpoints) {
    process.stdout.write(`catalog: measuring ${ceiling.label}, then ${t.label} ...`);
    const next = await measure(ceiling.url, s);
    ceilings.push(next);
    rows.push({ ...t, ...(await measure(t.url, s)), ceilingRps: next.rps });
    process.stdout.write(' done\n');
  }
  const mean = (key) => ceilings.reduce((sum, c) => sum + c[key], 0) / ceilings.length;
  const spread = Math.max(...ceilings.map((c) => c.rps)) / Math.min(...ceilings.map((c) => c.rps));
  return [{ ...ceiling, rps: mean('rps'), p50: mean('p50'), p99: mean('p99'), ceilingRps: mean('rps'), spread }, ...rows];
}

/** Password sign-in: scrypt makes each one cost CPU on purpose, so this is far below the catalog. */
async function loginPhase(s, apiBase) {
  const username = `benchlogin${run.id}`;
  const password = `Bench-${run.id}-pw`;
  const api = jsonClient(apiBase);
  await api('POST', '/api/auth/register', { body: { username, password }, expect: [201] });
  process.stdout.write('login: measuring POST /api/auth/login ...');
  const result = await measure(`${apiBase}/api/auth/login`, s, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  process.stdout.write(' done\n');
  return { key: 'login', label: 'POST /api/auth/login', ...result };
}

async function growthPhase(s, { db, apiBase, uncachedBase }) {
  const [[category]] = await db.query('SELECT slug FROM categories ORDER BY id LIMIT 1');
  const targets = growthTargets(category.slug);
  const results = [];
  for (const size of s.growthSizes) {
    console.log(`growth: filling the catalog to ${size} published courses ...`);
    const actual = await growCatalog(db, size);
    if (actual !== size) console.log(`growth: the catalog already has ${actual} published courses, more than ${size}: measured at ${actual}`);
    const rows = [];
    for (const t of targets) {
      const url = `${t.cached ? apiBase : uncachedBase}${t.path}`;
      rows.push({ ...t, ...(await measure(url, { duration: s.growthDuration, connections: s.growthConnections, warmup: 1 })) });
    }
    results.push({ size: actual, rows });
  }
  return { sizes: results.map((r) => r.size), results };
}

/**
 * The bot, with the FAQ entries in MySQL before it starts (it loads its knowledge on start), asked over
 * its chat endpoint: warm-up, then one question at a time, then a shorter run with several in flight.
 */
async function qaPhase(s, { env, db, others }) {
  console.log(`qa: writing ${s.qaEntries} FAQ entries ...`);
  const corpus = await writeFaq(db, { count: s.qaEntries, seed: QA_SEED });

  const chatPort = await freePort();
  const chatBase = `http://127.0.0.1:${chatPort}`;
  console.log('qa: starting the bot ...');
  const startedAt = performance.now();
  const bot = startChild('bot', 'npx', ['tsx', 'bot/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...env,
      // Only the mock puppet has the chat endpoint; another would try to log in to a real WeChat account.
      WECHATY_PUPPET: 'wechaty-puppet-mock',
      BOT_CHAT_HOST: '127.0.0.1',
      BOT_CHAT_PORT: String(chatPort),
    },
  });
  const chat = chatClient(chatBase);
  await waitFor(bot, `its chat endpoint on port ${chatPort}`, async () => (await fetch(`${chatBase}/healthz`)).status === 200);
  // Only the last entry written answers its question, and the bot reads the entries in id order.
  const last = corpus.entries[corpus.entries.length - 1];
  const probe = { id: 'bench-qa-probe', name: '探针' };
  await waitFor(bot, `its answer from FAQ entry ${last.id}, the last one written`, async () => answersWith(await chat(probe, last.question), last.answer));
  const readyS = (performance.now() - startedAt) / 1000;

  const check = () => {
    for (const handle of [bot, ...others]) {
      if (handle.done) throw new BenchError(`${handle.name} exited during the qa phase:\n${handle.output}`);
    }
  };
  const warmup = qaQueries(corpus.entries, QA_WARMUP_REQUESTS, QA_SEED + 1);
  const measured = qaQueries(corpus.entries, s.qaRequests, QA_SEED + 2);
  console.log(`qa: ${warmup.length} warm-up questions, then ${measured.length} one at a time ...`);
  await askAll({ chat, queries: warmup, concurrency: 1, contactPrefix: 'bench-qa-warm', check });
  const single = await askAll({ chat, queries: measured, concurrency: 1, contactPrefix: 'bench-qa-one', check });
  const half = measured.slice(0, Math.ceil(measured.length / 2));
  console.log(`qa: ${half.length} questions, ${s.qaConcurrency} at a time ...`);
  const concurrent = await askAll({ chat, queries: half, concurrency: s.qaConcurrency, contactPrefix: 'bench-qa-many', check });
  check();
  return { ...corpus, entries: corpus.entries.length, readyS, single, concurrent };
}

let failure = null;
try {
  await main();
} catch (err) {
  failure = err;
}
const problems = await cleanup();
for (const p of problems) console.error(`cleanup failed: ${p}`);
if (failure) {
  console.error(`\nbench failed: ${failure instanceof BenchError ? failure.message : (failure?.stack ?? String(failure))}`);
}
process.exit(failure || problems.length ? 1 : 0);
