import 'reflect-metadata';
import { createLogger, loadConfig, QUEUES } from '@knowpay/server';
import { Queue } from 'bullmq';
import { connectRedis, withoutPassword } from './redis-connection';

/** The worker process: reaches Redis or exits non-zero saying why, reports its queues, and closes on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { service: 'jobs' });
  const redis = await connectRedis(config.redisUrl);
  redis.on('error', (err) => logger.warn({ module: 'redis', err: err.message }, 'redis connection problem'));

  // Shared connection: BullMQ leaves it open on close(), so shutdown quits it once, last.
  const queues = Object.values(QUEUES).map((name) => new Queue(name, { connection: redis, prefix: config.redisPrefix }));
  for (const queue of queues) queue.on('error', (err) => logger.warn({ module: 'queue', queue: queue.name, err: err.message }, 'queue problem'));
  const depths = Object.fromEntries(
    await Promise.all(queues.map(async (q) => [q.name, await q.getJobCounts('waiting', 'delayed', 'active', 'failed')] as const)),
  );
  logger.info({ redis: withoutPassword(config.redisUrl), prefix: config.redisPrefix, queues: depths }, 'jobs ready');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // A second signal means the operator will not wait.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'jobs shutting down');
    Promise.all(queues.map((q) => q.close()))
      .then(() => redis.quit())
      .then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err }, 'jobs did not close cleanly');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  // No logger may exist yet (bad configuration), and the operator needs one readable line.
  process.stderr.write(`jobs failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
