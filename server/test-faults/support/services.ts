import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * MariaDB and Redis servers of a fault test's own, on their own ports and data directories, so a test
 * may kill and restart them without touching the servers other test runs use.
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A server binary on the PATH or where Debian puts it (sbin is not on every user's PATH). */
function binary(name: string): string {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin']) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`${name} is not installed (scripts/ensure-services.sh installs MariaDB and Redis)`);
}

async function until(what: string, check: () => Promise<boolean>, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

abstract class PrivateServer {
  protected child?: ChildProcess;
  readonly dir = mkdtempSync(join(tmpdir(), `knowpay-fault-${this.kind}-`));
  port = 0;

  constructor(private readonly kind: string) {}

  protected abstract command(): [string, string[]];

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const [bin, args] = this.command();
    this.child = spawn(bin, args, { stdio: 'ignore' });
    const child = this.child;
    await until(`${this.kind} on port ${this.port}`, async () => {
      if (child.exitCode !== null) throw new Error(`${this.kind} exited with ${child.exitCode} (see ${this.dir})`);
      return portOpen(this.port);
    }, 60);
  }

  /** SIGKILL: a crash, nothing flushed by the server itself. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await exited(child);
    this.child = undefined;
  }

  async restart(downForMs = 0): Promise<void> {
    await this.kill();
    await new Promise((r) => setTimeout(r, downForMs));
    await this.start();
  }

  async close(): Promise<void> {
    const child = this.child;
    if (child) {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited(child), new Promise((r) => (timer = setTimeout(r, 10_000)))]);
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** mariadbd with its own data directory; anyone connects as root without a password (no grant tables). */
export class PrivateMariadb extends PrivateServer {
  constructor() {
    super('mariadb');
    const installed = spawnSync(binary('mariadb-install-db'), ['--no-defaults', `--datadir=${join(this.dir, 'data')}`, '--user=root', '--skip-test-db', '--auth-root-authentication-method=normal'], { encoding: 'utf8' });
    if (installed.status !== 0) throw new Error(`mariadb-install-db failed: ${installed.stderr}`);
  }

  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}`;
  }

  protected command(): [string, string[]] {
    return [
      binary('mariadbd'),
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mariadb.sock')}`,
        `--pid-file=${join(this.dir, 'mariadb.pid')}`,
        `--log-error=${join(this.dir, 'error.log')}`,
        '--user=root',
        '--skip-grant-tables',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=64M',
        // Durable commits, as production runs: what was answered is on disk when the server dies.
        '--innodb-flush-log-at-trx-commit=1',
      ],
    ];
  }
}

/** redis-server with an append-only file (fsync on every write), so a restart keeps the queues unless flushed. */
export class PrivateRedis extends PrivateServer {
  constructor() {
    super('redis');
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Crashes the server and throws its data away: what a restart without persistence (or a flush) leaves. */
  async wipe(): Promise<void> {
    await this.kill();
    rmSync(join(this.dir, 'appendonlydir'), { recursive: true, force: true });
    rmSync(join(this.dir, 'dump.rdb'), { force: true });
    await this.start();
  }

  protected command(): [string, string[]] {
    return [binary('redis-server'), ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always']];
  }
}
