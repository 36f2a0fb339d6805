import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { createContainer, type Container } from '../../src/container';
import { createDatabaseIfMissing, dropDatabase } from '../../src/db/data-source';
import { createHttpApp } from '../../src/http/app';
import { attachLiveRooms } from '../../src/http/live-rooms';
import { createLogger, type Logger } from '../../src/logger';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/app';
import type { Clock } from '../../src/shared/clock';
import { listenLenient } from '../../src/shared/lenient-listen';
import { deleteRedisKeys } from './cleanup';
import { testEnv } from './test-env';

/** A clock tests can move forward; starts at the real time. */
export class TestClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: RequestInit['body'];
}

/** Error body of the contract, for typed assertions. */
export interface ErrorBody {
  error: { code: string; message: string; details?: { fields?: Array<{ field: string; message: string }> } & Record<string, unknown> };
}

export interface TestApp {
  baseUrl: string;
  container: Container;
  sandbox: RunningSandbox;
  clock: TestClock;
  varDir: string;
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe: NetServer = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * The real API over real HTTP, on its own MySQL database and Redis prefix, talking to a real sandbox:
 * one per test file, dropped in close().
 */
export async function startTestApp(env: Record<string, string> = {}, options: { logger?: Logger } = {}): Promise<TestApp> {
  const run = process.env.KNOWPAY_TEST_RUN ?? 'kp_test_local';
  const suffix = randomBytes(4).toString('hex');
  const { databaseUrl, redisUrl } = testEnv();
  const dbUrl = new URL(databaseUrl);
  dbUrl.pathname = `/${run}_${suffix}`;
  const varDir = mkdtempSync(join(tmpdir(), 'knowpay-test-'));
  const logger = options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const clock = new TestClock();

  const sandbox = await startSandbox({
    host: '127.0.0.1',
    port: 0,
    varDir,
    logger,
    clock: { now: () => clock.now().getTime() },
    // WeChat's retry schedule in milliseconds instead of minutes, and refunds that settle at once.
    notifyScale: 0.001,
    refundDelayMs: 50,
  });
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `${run}_${suffix}`,
    VAR_DIR: varDir,
    SANDBOX_PORT: String(sandbox.port),
    LOG_LEVEL: 'silent',
    // Tests register many accounts from one address; the rate-limit tests set their own low limits.
    LOGIN_MAX_PER_MINUTE: '1000',
    // No H5 app unless a test serves one: whether the store happens to be built must not change answers.
    H5_DIR: join(varDir, 'no-h5-app'),
    REGISTER_MAX_PER_HOUR: '10000',
    ...env,
  });
  await createDatabaseIfMissing(config.databaseUrl);
  const container = await createContainer(config, { clock, logger });
  await container.dataSource.runMigrations({ transaction: 'each' });
  const server = await listenLenient(createHttpApp(container).callback(), port, '127.0.0.1');
  const liveRooms = attachLiveRooms(server.http, container);
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    container,
    sandbox,
    clock,
    varDir,
    async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: RequestInit['body'] = options.raw;
      if (options.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(options.body);
      }
      const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
      return { status: res.status, body: parsed as T, headers: res.headers };
    },
    async close() {
      await liveRooms.close();
      await server.close(1000);
      await container.close();
      await sandbox.close();
      await dropDatabase(config.databaseUrl);
      await deleteRedisKeys(redisUrl, config.redisPrefix);
      rmSync(varDir, { recursive: true, force: true });
    },
  };
}

