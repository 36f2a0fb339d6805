import 'reflect-metadata';
import { closeOnSignals, connectRedis, createContainer, exitOnStartFailure, createLogger, loadConfig, Metrics, withoutPassword } from '@knowpay/server';
import { ActiveLock } from './active-lock';
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

  // A WeChat account is logged in once: a second bot process waits here until the active one is gone.
  let stopping = false;
  const lock = new ActiveLock(connection, {
    key: `${config.redisPrefix}:bot:active`,
    ttlMs: config.bot.lockSeconds * 1000,
    logger: logger.child({ module: 'bot-lock' }),
    // Two active bots would answer every message twice: stop, and let the process manager start a waiting one.
    onLost: () => process.kill(process.pid, 'SIGTERM'),
  });
  const stopWaiting = async () => {
    stopping = true;
  };
  process.once('SIGTERM', () => void stopWaiting());
  process.once('SIGINT', () => void stopWaiting());
  if (!(await lock.acquire(() => stopping))) {
    await container.close();
    await connection.quit();
    return;
  }

  const bot = await startBot(container, connection);
  logger.info({ puppet: config.bot.puppet, redis: withoutPassword(config.redisUrl), prefix: config.redisPrefix, chat: bot.chat?.url ?? null }, 'bot ready');

  closeOnSignals('bot', logger, async () => {
    await bot.stop();
    await lock.release();
    await container.close();
    await connection.quit();
  });
}

main().catch(exitOnStartFailure('bot'));
