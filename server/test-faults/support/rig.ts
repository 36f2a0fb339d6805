import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource, createDatabaseIfMissing, dropDatabase } from '../../src/db/data-source';
import { createLogger } from '../../src/logger';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/app';
import { readChildLogs } from '../../test/support/child-logs';
import { deleteRedisKeys } from '../../test/support/cleanup';
import { testEnv } from '../../test/support/test-env';
import { freePort, portOpen } from './services';

const SERVER_DIR = join(__dirname, '..', '..');
const JOBS_DIR = join(SERVER_DIR, '..', 'jobs');

export interface ChildHandle {
  child: ChildProcess;
  logs: Array<Record<string, unknown>>;
  exited: Promise<void>;
  alive(): boolean;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface RigOptions {
  /** mysql://…@host:port of the server to make the database on (default: the test server). */
  mysqlServerUrl?: string;
  redisUrl?: string;
  env?: Record<string, string>;
  /** The sandbox's retry schedule, scaled (0.001: WeChat's 15 s first retry in 15 ms). */
  notifyScale?: number;
}

export interface Rig {
  apiUrl: string;
  sandbox: RunningSandbox;
  env: Record<string, string>;
  /** The rig's own connection for assertions (a pool that rides out restarts). */
  db: DataSource;
  startApi(): Promise<ChildHandle>;
  startJobs(extra?: Record<string, string>): Promise<ChildHandle>;
  request<T = unknown>(method: string, path: string, options?: { token?: string; body?: unknown; timeoutMs?: number }): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/**
 * The real processes of a deployment on their own database and Redis prefix: the sandbox in this
 * process (it plays WeChat), the API and the jobs as child processes that a test may kill.
 */
export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const suffix = randomBytes(4).toString('hex');
  const name = `${process.env.KNOWPAY_TEST_RUN ?? 'kp_fault'}_${suffix}`;
  const server = new URL(options.mysqlServerUrl ?? testEnv().databaseUrl);
  server.pathname = `/${name}`;
  const databaseUrl = server.toString();
  const redisUrl = options.redisUrl ?? testEnv().redisUrl;
  const varDir = mkdtempSync(join(tmpdir(), 'knowpay-fault-'));
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, varDir, logger, notifyScale: options.notifyScale ?? 0.001, refundDelayMs: 50 });
  const [port, metricsPort] = await Promise.all([freePort(), freePort()]);
  const apiUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    METRICS_PORT: String(metricsPort),
    PUBLIC_URL: apiUrl,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: name,
    VAR_DIR: varDir,
    SANDBOX_PORT: String(sandbox.port),
    LOG_LEVEL: 'info',
    LOGIN_MAX_PER_MINUTE: '100000',
    REGISTER_MAX_PER_HOUR: '100000',
    ORDER_MAX_PER_MINUTE: '100000',
    DB_POOL_SIZE: '5',
    H5_DIR: join(varDir, 'no-h5-app'),
    ...options.env,
  };

  await createDatabaseIfMissing(databaseUrl);
  const db = createDataSource({ url: databaseUrl, poolSize: 3 });
  await db.initialize();
  await db.runMigrations({ transaction: 'each' });
  const children: ChildHandle[] = [];

  const spawnChild = async (cwd: string, entry: string, extra: Record<string, string>, ready: (line: Record<string, unknown>) => boolean): Promise<ChildHandle> => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = readChildLogs(child);
    const { logs } = output;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const handle: ChildHandle = {
      child,
      logs,
      exited,
      alive: () => child.exitCode === null && child.signalCode === null,
      async kill(signal) {
        if (handle.alive()) child.kill(signal);
        await exited;
      },
    };
    children.push(handle);
    const deadline = Date.now() + 90_000;
    while (!logs.some(ready)) {
      if (!handle.alive()) throw new Error(`${entry} ended before it was ready: ${output.stderr.slice(-2000)}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${entry} not ready within 90 s: ${output.stderr.slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return handle;
  };

  return {
    apiUrl,
    sandbox,
    env,
    db,
    async startApi() {
      // The port of a killed API may take a moment to be free again.
      for (let i = 0; i < 50 && (await portOpen(port)); i++) await new Promise((r) => setTimeout(r, 100));
      return spawnChild(SERVER_DIR, 'src/main/api.ts', {}, (l) => l.msg === 'API listening');
    },
    startJobs(extra = {}) {
      return spawnChild(JOBS_DIR, 'src/main.ts', extra, (l) => l.msg === 'jobs ready');
    },
    async request<T>(method: string, path: string, opts: { token?: string; body?: unknown; timeoutMs?: number } = {}) {
      const headers: Record<string, string> = {};
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${apiUrl}${path}`, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
    async close() {
      await Promise.all(children.map((c) => c.kill('SIGKILL')));
      await sandbox.close();
      await db.destroy().catch(() => undefined);
      await dropDatabase(databaseUrl).catch(() => undefined);
      await deleteRedisKeys(redisUrl, name).catch(() => undefined);
      rmSync(varDir, { recursive: true, force: true });
    },
  };
}
