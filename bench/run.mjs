/**
 * npm run bench: HTTP throughput and latency of the catalog API next to a bare Koa app, in one run.
 *
 * Everything it needs is its own: a fresh database, a Redis key prefix, a temporary VAR_DIR, and the
 * sandbox, API and bare-Koa processes on free ports. All of it is removed afterwards, also after a
 * failure or Ctrl-C, so the bench never touches the developer's data or var/.
 *
 *   npm run bench -- --duration 10 --connections 50 --warmup 2
 *   BENCH_DURATION=3 npm run bench
 */
import autocannon from 'autocannon';
import Redis from 'ioredis';
import mysql from 'mysql2/promise';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
// tsx applies a tsconfig only to the files it includes; the server's one turns on the legacy decorators TypeORM needs.
const SERVER_DIR = join(ROOT, 'server');
const STARTUP_TIMEOUT_MS = 90_000;

class BenchError extends Error {
  name = 'BenchError';
}

function settings() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', short: 'd' },
      connections: { type: 'string', short: 'c' },
      warmup: { type: 'string', short: 'w' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: npm run bench -- [--duration s] [--connections n] [--warmup s]');
    console.log('       (or BENCH_DURATION, BENCH_CONNECTIONS, BENCH_WARMUP; defaults 10 s, 50, 2 s)');
    process.exit(0);
  }
  const positive = (name, flag, env, fallback, min) => {
    const raw = flag ?? env ?? String(fallback);
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new BenchError(`${name} must be an integer >= ${min}, got "${raw}"`);
    return n;
  };
  return {
    duration: positive('duration', values.duration, process.env.BENCH_DURATION, 10, 1),
    connections: positive('connections', values.connections, process.env.BENCH_CONNECTIONS, 50, 1),
    warmup: positive('warmup', values.warmup, process.env.BENCH_WARMUP, 2, 0),
  };
}

// ---- resources that cleanup() must give back ------------------------------------------------------

const run = {
  id: randomBytes(4).toString('hex'),
  load: null, // the autocannon run in progress, stopped first so servers can drain
  children: [],
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

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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

async function measure(url, { duration, connections, warmup }) {
  if (warmup > 0) await load({ url, connections, duration: warmup });
  const result = await load({ url, connections, duration });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) {
    const codes = Object.entries(result.statusCodeStats)
      .map(([code, { count }]) => `${code}×${count}`)
      .join(' ');
    throw new BenchError(
      `GET ${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts (status codes: ${codes}); the figures would be meaningless`,
    );
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total };
}

/** Terminal columns: CJK characters take two, so labels like "q=数据" still line up. */
function displayWidth(text) {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

function pad(text, width, alignRight) {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return alignRight ? fill + text : text + fill;
}

function report(rows, s) {
  const ceiling = rows[0].rps;
  const fmt = (n, digits) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
  console.log(`\n${s.connections} connections, ${s.duration} s each after ${s.warmup} s warm-up\n`);
  const header = ['endpoint', 'requests/s', 'p50 ms', 'p99 ms', 'of ceiling'];
  const body = rows.map((r) => [r.label, fmt(r.rps, 0), fmt(r.p50, 1), fmt(r.p99, 1), `${fmt((r.rps / ceiling) * 100, 1)}%`]);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...body.map((b) => displayWidth(b[i]))));
  const line = (cells) => cells.map((c, i) => pad(c, widths[i], i > 0)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
  console.log('');

  const pairs = [`ceiling_rps=${fmt(ceiling, 0)}`, `ceiling_p50_ms=${fmt(rows[0].p50, 1)}`, `ceiling_p99_ms=${fmt(rows[0].p99, 1)}`];
  for (const r of rows.slice(1)) {
    pairs.push(
      `${r.key}_rps=${fmt(r.rps, 0)}`,
      `${r.key}_ratio=${fmt(r.rps / ceiling, 3)}`,
      `${r.key}_p50_ms=${fmt(r.p50, 1)}`,
      `${r.key}_p99_ms=${fmt(r.p99, 1)}`,
    );
  }
  pairs.push(`connections=${s.connections}`, `duration_s=${s.duration}`);
  // The last line is for machines: compare runs with it.
  console.log(pairs.join(' '));
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

  const [apiPort, sandboxPort, barePort] = await Promise.all([freePort(), freePort(), freePort()]);
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: run.redisUrl,
    REDIS_PREFIX: run.redisPrefix,
    VAR_DIR: run.tmpDir,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    SANDBOX_HOST: '127.0.0.1',
    SANDBOX_PORT: String(sandboxPort),
    WECHAT_MODE: 'sandbox',
  };
  const inServer = { cwd: SERVER_DIR, env };

  console.log(`database ${name}, Redis prefix ${run.redisPrefix}: migrating and seeding`);
  await runToEnd('migrate', ['tsx', 'src/main/migrate.ts', 'up'], inServer);
  await runToEnd('seed', ['tsx', 'src/main/seed.ts'], inServer);

  // The sandbox writes the credentials the API reads, so it must be up before the API starts.
  const sandbox = startChild('sandbox', 'npx', ['tsx', 'src/main/sandbox.ts'], inServer);
  const bare = startChild('bare-koa', process.execPath, [join(ROOT, 'bench', 'bare-koa.mjs')], { cwd: ROOT, env: { ...process.env, PORT: String(barePort) } });
  await waitFor(sandbox, `the sandbox on port ${sandboxPort}`, () => portAccepts(sandboxPort));
  const api = startChild('api', 'npx', ['tsx', 'src/main/api.ts'], inServer);
  const apiBase = `http://127.0.0.1:${apiPort}`;
  await waitFor(api, 'GET /readyz answering 200', async () => (await fetch(`${apiBase}/readyz`)).status === 200);
  await waitFor(bare, `bare Koa on port ${barePort}`, () => portAccepts(barePort));

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
  ];
  const rows = [];
  for (const t of targets) {
    process.stdout.write(`measuring ${t.label} ...`);
    rows.push({ ...t, ...(await measure(t.url, s)) });
    process.stdout.write(' done\n');
  }
  report(rows, s);
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
