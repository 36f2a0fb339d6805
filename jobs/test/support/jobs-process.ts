import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { readChildLogs } from '../../../server/test/support/child-logs';
import type { TestApp } from '../../../server/test/support/harness';

const JOBS_DIR = join(__dirname, '..', '..');

export interface JobsProcess {
  child: ChildProcess;
  /** Parsed JSON log lines so far. */
  logs: Array<Record<string, unknown>>;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  stop(signal: NodeJS.Signals): Promise<number | string>;
}

/**
 * A real jobs process (jobs/src/main.ts, as `npm start` runs it) on the test app's database, Redis
 * prefix and var directory; resolves once it logs that it is ready.
 */
export async function startJobsProcess(app: TestApp, env: Record<string, string> = {}): Promise<JobsProcess> {
  const { config } = app.container;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: JOBS_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      REDIS_PREFIX: config.redisPrefix,
      VAR_DIR: app.varDir,
      PUBLIC_URL: config.publicUrl,
      SANDBOX_PORT: String(config.sandbox.port),
      LOG_LEVEL: 'info',
      DB_POOL_SIZE: '4',
      ...env,
    },
  });
  const output = readChildLogs(child);
  const { logs } = output;
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));

  const deadline = Date.now() + 60_000;
  while (!logs.some((l) => l.msg === 'jobs ready')) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`jobs process ended before it was ready: ${output.stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`jobs process not ready within 60 s: ${output.stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    logs,
    exited,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
