import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../logger';
import { type RunningSandbox, startSandbox } from '../sandbox/app';

/** The local WeChat + WeChat Pay emulator as a process of its own (npm run sandbox). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { service: 'sandbox' }, config.logPretty);
  const { host, port } = config.sandbox;

  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({ host, port, varDir: config.varDir, logger });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      logger.fatal({ host, port }, 'sandbox port is already in use');
      console.error(`The sandbox cannot listen on ${host}:${port}: the port is already in use. Stop the other process or set SANDBOX_PORT.`);
      process.exit(1);
    }
    throw err;
  }
  logger.info({ url: sandbox.url, appid: sandbox.credentials.appid }, 'WeChat sandbox listening');

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
