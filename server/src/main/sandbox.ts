import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../logger';
import { type RunningSandbox, startSandbox } from '../sandbox/app';

/**
 * SANDBOX_NOTIFY_SCALE multiplies WeChat Pay's notification retry schedule (15 s, 15 s, 30 s, 3 min,
 * … 6 h). The demo defaults to 0.01, so a merchant server that was down sees the retry within
 * seconds; 1 is WeChat's own pace. It belongs to this process alone, so it is read here rather than
 * in the shared config.
 */
const DEFAULT_NOTIFY_SCALE = 0.01;

function notifyScale(): number {
  const text = process.env.SANDBOX_NOTIFY_SCALE;
  if (text === undefined || text.trim() === '') return DEFAULT_NOTIFY_SCALE;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    throw new ConfigError(`SANDBOX_NOTIFY_SCALE must be a number above 0 and at most 1 (got "${text}")`);
  }
  return value;
}

/**
 * SANDBOX_SUBSCRIBE_GRANT_ALL=1 delivers subscribe messages without the one-time grant a user gives
 * in wx.requestSubscribeMessage. Off by default, as in WeChat: a front end (or a person with curl)
 * grants through POST /sandbox/subscribe, and the server must cope with 43101 refusals.
 */
function subscribeGrantAll(): boolean {
  const text = (process.env.SANDBOX_SUBSCRIBE_GRANT_ALL ?? '').trim().toLowerCase();
  if (text === '' || text === '0' || text === 'false') return false;
  if (text === '1' || text === 'true') return true;
  throw new ConfigError(`SANDBOX_SUBSCRIBE_GRANT_ALL must be 1 or 0 (got "${process.env.SANDBOX_SUBSCRIBE_GRANT_ALL}")`);
}

/** The local WeChat + WeChat Pay emulator as a process of its own (npm run sandbox). */
async function main(): Promise<void> {
  const config = loadConfig();
  const scale = notifyScale();
  const grantAll = subscribeGrantAll();
  const logger = createLogger(config.logLevel, { service: 'sandbox' }, config.logPretty);
  const { host, port } = config.sandbox;

  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({ host, port, varDir: config.varDir, logger, notifyScale: scale, subscribeGrantAll: grantAll });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      logger.fatal({ host, port }, 'sandbox port is already in use');
      console.error(`The sandbox cannot listen on ${host}:${port}: the port is already in use. Stop the other process or set SANDBOX_PORT.`);
      process.exit(1);
    }
    throw err;
  }
  logger.info({ url: sandbox.url, appid: sandbox.credentials.appid, notifyScale: scale, subscribeGrantAll: grantAll }, 'WeChat sandbox listening');

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C means the person does not want to wait for open connections.
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'sandbox shutting down');
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'sandbox did not close cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('The sandbox failed to start:', err);
  process.exit(1);
});
