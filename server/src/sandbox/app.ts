import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import type { Logger } from '../logger';
import { type Clock, systemClock } from './clock';
import { controlRoutes } from './control.routes';
import { type SandboxCredentials, ensureSandboxCredentials } from './credentials';
import { errorBodies, jsonFallback, requestLog } from './middleware';
import { miniProgramRoutes } from './mini-program.routes';
import { MiniProgramState } from './mini-program.state';

export interface SandboxAppOptions {
  credentials: SandboxCredentials;
  logger: Logger;
  clock?: Clock;
}

/**
 * The emulator as a Koa app. Each API family is a routes file over its own in-memory state;
 * WeChat Pay joins as one more, reading the mini-program state to know which openids exist.
 */
export function createSandboxApp(opts: SandboxAppOptions): Koa {
  const logger = opts.logger.child({ module: 'sandbox' });
  const clock = opts.clock ?? systemClock;
  const miniProgram = new MiniProgramState(opts.credentials, clock);

  const app = new Koa();
  // Errors are answered and logged by errorBodies; Koa's default printing would only repeat them.
  app.silent = true;
  app.use(requestLog(logger));
  app.use(errorBodies(logger));
  app.use(jsonFallback());
  for (const router of [controlRoutes(miniProgram), miniProgramRoutes(miniProgram)]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.on('error', (err: unknown) => logger.error({ err }, 'sandbox connection error'));
  return app;
}

export interface StartSandboxOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  varDir: string;
  logger: Logger;
  clock?: Clock;
}

export interface RunningSandbox {
  url: string;
  port: number;
  credentials: SandboxCredentials;
  close(): Promise<void>;
}

export async function startSandbox(opts: StartSandboxOptions): Promise<RunningSandbox> {
  const credentials = ensureSandboxCredentials(opts.varDir);
  const app = createSandboxApp({ credentials, logger: opts.logger, clock: opts.clock });
  const server = createServer(app.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      // Keep-alive sockets from clients would otherwise hold close() open until they time out.
      server.closeIdleConnections();
    });
    return closing;
  };
  return { url: `http://${host}:${port}`, port, credentials, close };
}
