import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readChildLogs } from '../../server/test/support/child-logs';
import { startTestApp, type TestApp } from '../../server/test/support/harness';

/**
 * Two bot processes on one account: one is active, the other waits; when the active one is SIGKILLed,
 * the waiting one takes over within the lock's lifetime (BOT_LOCK_S) and answers in chat.
 */
const LOCK_S = 2;
let app: TestApp;
const children: ChildProcess[] = [];

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await app.close();
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface BotProcess {
  child: ChildProcess;
  port: number;
  logs: Array<Record<string, unknown>>;
}

async function startBotProcess(): Promise<BotProcess> {
  const { config } = app.container;
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      REDIS_PREFIX: config.redisPrefix,
      VAR_DIR: app.varDir,
      SANDBOX_PORT: String(config.sandbox.port),
      BOT_CHAT_PORT: String(port),
      BOT_LOCK_S: String(LOCK_S),
      METRICS_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
      DB_POOL_SIZE: '2',
    },
  });
  children.push(child);
  return { child, port, logs: readChildLogs(child).logs };
}

async function until(what: string, check: () => Promise<boolean> | boolean, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const answers = async (port: number): Promise<boolean> => {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: { id: 'wx_lock', name: '锁' }, text: '帮助' }) });
    return res.status === 200;
  } catch {
    return false;
  }
};

it('keeps one bot active, and lets the waiting one take over when the active one dies', async () => {
  const first = await startBotProcess();
  await until('the first bot ready', () => first.logs.some((l) => l.msg === 'bot ready'), 60);
  const second = await startBotProcess();
  await until('the second bot waiting', () => second.logs.some((l) => l.msg === 'another bot instance is active: waiting to take over'), 60);
  expect(await answers(first.port)).toBe(true);
  expect(await answers(second.port)).toBe(false);

  first.child.kill('SIGKILL');
  const killedAt = Date.now();
  await until('the second bot active', () => second.logs.some((l) => l.msg === 'bot ready'), 30);
  expect(await answers(second.port)).toBe(true);
  // Within the lock's lifetime, plus the time a bot takes to log in.
  expect(Date.now() - killedAt).toBeLessThan((LOCK_S + 20) * 1000);
  expect(second.child.exitCode).toBeNull();
}, 120_000);
