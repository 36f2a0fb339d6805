import 'reflect-metadata';
import { connectRedis, createContainer, createLogger, loadConfig, Metrics, withoutPassword } from '@knowpay/server';
import { startBot } from './bot';

/**
 * The bot process: reaches Redis and MySQL or exits non-zero saying why, logs the bot in, sends the
 * outbox, and on SIGINT/SIGTERM finishes the message in hand before it stops.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { service: 'bot' }, config.logPretty);
  const connection = await connectRedis(config.redisUrl);
  connection.on('error', (err) => logger.warn({ module: 'redis', err: err.message }, 'redis connection problem'));
  const container = await createContainer(config, { logger, metrics: new Metrics('bot') });
  const bot = await startBot(container, connection);
  logger.info({ puppet: config.bot.puppet, redis: withoutPassword(config.redisUrl), prefix: config.redisPrefix, chat: bot.chat?.url ?? null }, 'bot ready');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // A second signal means the operator will not wait.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'bot shutting down: finishing the message in hand');
    bot
      .stop()
      .then(() => container.close())
      .then(() => connection.quit())
      .then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err }, 'bot did not close cleanly');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  // No logger may exist yet (bad configuration), and the operator needs one readable line.
  process.stderr.write(`bot failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
