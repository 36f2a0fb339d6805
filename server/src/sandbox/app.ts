import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import cors from '@koa/cors';
import Koa from 'koa';
import type { Logger } from '../logger';
import { type Clock, systemClock } from './clock';
import { controlRoutes } from './control.routes';
import { type SandboxCredentials, ensureSandboxCredentials } from './credentials';
import { errorBodies, jsonFallback, requestLog } from './middleware';
import { miniProgramRoutes } from './mini-program.routes';
import { MiniProgramState } from './mini-program.state';
import { Notifier, notifyingEvents } from './pay/notifier';
import { PayState } from './pay/pay.state';
import { payControlRoutes } from './pay/pay-control.routes';
import { wechatPayProtocol } from './pay/pay-protocol.middleware';
import { wechatPayRoutes } from './pay/pay.routes';
import { SubscribeMessages } from './subscribe-messages.state';

export interface SandboxAppOptions {
  credentials: SandboxCredentials;
  logger: Logger;
  clock?: Clock;
  /**
   * Multiplies WeChat's notification retry schedule (15 s, 15 s, 30 s, … 6 h): 1 keeps WeChat's
   * pace, tests use 0.001 and the demo process 0.01 so retries show up within seconds.
   */
  notifyScale?: number;
  /** How long a refund stays PROCESSING before it succeeds; 2 s by default. */
  refundDelayMs?: number;
  /**
   * Subscribe messages without one-time grants: false (the default) refuses a message with 43101
   * unless the user accepted its template (POST /sandbox/subscribe), as WeChat does; true lets
   * every message through, for a demo whose front end never asks.
   */
  subscribeGrantAll?: boolean;
}

export interface SandboxApp {
  koa: Koa;
  /** The WeChat Pay state, for tests that want to look without signing a query. */
  pay: PayState;
  /** Grants and delivered subscribe messages. */
  subscriptions: SubscribeMessages;
  /** Cancels pending refunds and notification retries. */
  stop(): void;
}

/**
 * The emulator as a Koa app. Each API family is a routes file over its own in-memory state;
 * WeChat Pay reads the mini-program state to know which openids exist.
 */
export function createSandboxApp(opts: SandboxAppOptions): SandboxApp {
  const logger = opts.logger.child({ module: 'sandbox' });
  const clock = opts.clock ?? systemClock;
  const miniProgram = new MiniProgramState(opts.credentials, clock);
  const subscriptions = new SubscribeMessages({ users: miniProgram, clock, grantAll: opts.subscribeGrantAll });
  const notifier = new Notifier({ credentials: opts.credentials, clock, logger: logger.child({ module: 'sandbox-notify' }), scale: opts.notifyScale });
  const pay = new PayState({
    merchant: opts.credentials,
    clock,
    payers: miniProgram,
    events: notifyingEvents(notifier),
    refundDelayMs: opts.refundDelayMs,
  });

  const app = new Koa();
  // Errors are answered and logged by errorBodies; Koa's default printing would only repeat them.
  app.silent = true;
  app.use(requestLog(logger));
  app.use(errorBodies(logger));
  app.use(jsonFallback());
  // The browser build of the app plays the phone (wx-login, the cashier): it calls /sandbox/* from its own origin.
  const phoneCors = cors({ origin: '*', allowMethods: ['GET', 'POST'], allowHeaders: ['Content-Type'], maxAge: 600 });
  app.use((ctx, next) => (ctx.path.startsWith('/sandbox/') ? phoneCors(ctx, next) : next()));
  // Before the other routers: /v3/ requests must be read raw, for their signatures, by nothing else.
  app.use(wechatPayProtocol({ credentials: opts.credentials, clock, logger, routes: wechatPayRoutes(pay) }));
  for (const router of [controlRoutes(miniProgram, subscriptions), payControlRoutes(pay, notifier), miniProgramRoutes(miniProgram, subscriptions)]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.on('error', (err: unknown) => logger.error({ err }, 'sandbox connection error'));
  return {
    koa: app,
    pay,
    subscriptions,
    stop() {
      pay.stop();
      notifier.stop();
    },
  };
}

export interface StartSandboxOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  varDir: string;
  logger: Logger;
  clock?: Clock;
  /** As in SandboxAppOptions. */
  notifyScale?: number;
  refundDelayMs?: number;
  subscribeGrantAll?: boolean;
}

export interface RunningSandbox {
  url: string;
  port: number;
  credentials: SandboxCredentials;
  pay: PayState;
  subscriptions: SubscribeMessages;
  close(): Promise<void>;
}

export async function startSandbox(opts: StartSandboxOptions): Promise<RunningSandbox> {
  const credentials = ensureSandboxCredentials(opts.varDir);
  const app = createSandboxApp({
    credentials,
    logger: opts.logger,
    clock: opts.clock,
    notifyScale: opts.notifyScale,
    refundDelayMs: opts.refundDelayMs,
    subscribeGrantAll: opts.subscribeGrantAll,
  });
  const server = createServer(app.koa.callback());
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
      app.stop();
      server.close((err) => (err ? reject(err) : resolve()));
      // Keep-alive sockets from clients would otherwise hold close() open until they time out.
      server.closeIdleConnections();
    });
    return closing;
  };
  return { url: `http://${host}:${port}`, port, credentials, pay: app.pay, subscriptions: app.subscriptions, close };
}
