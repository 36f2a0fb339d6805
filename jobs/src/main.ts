import 'reflect-metadata';
import { connectRedis, createContainer, createLogger, KEEP_JOBS, loadConfig, Metrics, QUEUES, withoutPassword } from '@knowpay/server';
import { Queue } from 'bullmq';
import { catalogEventsWorker } from './workers/catalog-events.worker';
import { learnerNoticesWorker } from './workers/learner-notices.worker';
import { orderEventsWorker } from './workers/order-events.worker';
import { orderExpiryWorker } from './workers/order-expiry.worker';
import { orderMaintenanceWorker } from './workers/order-maintenance.worker';
import { orderReminderWorker } from './workers/order-reminder.worker';

/** How many orders one process settles at once (each is a WeChat Pay query and a transaction). */
const EXPIRY_CONCURRENCY = 32;

/**
 * The worker process: reaches Redis and MySQL or exits non-zero saying why, runs the workers, upserts
 * its schedules (idempotent, so any number of copies may start), and closes on SIGINT/SIGTERM after
 * the jobs in hand are done.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { service: 'jobs' }, config.logPretty);
  const connection = await connectRedis(config.redisUrl);
  connection.on('error', (err) => logger.warn({ module: 'redis', err: err.message }, 'redis connection problem'));
  const container = await createContainer(config, { logger, metrics: new Metrics('jobs') });

  const workers = [
    orderExpiryWorker(container, connection, EXPIRY_CONCURRENCY),
    orderMaintenanceWorker(container, connection),
    // Notifications; their chat messages go through the bot's rate-limited outbox, run by the bot process.
    orderEventsWorker(container, connection),
    orderReminderWorker(container, connection),
    catalogEventsWorker(container, connection),
    learnerNoticesWorker(container, connection),
  ];
  const maintenance = new Queue(QUEUES.orderMaintenance, { connection, prefix: config.redisPrefix });
  await maintenance.upsertJobScheduler('order-sweep', { every: config.orders.sweepEverySeconds * 1000 }, { name: 'sweep', opts: KEEP_JOBS });
  logger.info({ redis: withoutPassword(config.redisUrl), prefix: config.redisPrefix, workers: workers.map((w) => w.name) }, 'jobs ready');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // A second signal means the operator will not wait.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'jobs shutting down: finishing the jobs in hand');
    Promise.all(workers.map((w) => w.close()))
      .then(() => maintenance.close())
      .then(() => container.close())
      .then(() => connection.quit())
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
