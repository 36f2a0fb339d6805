import 'reflect-metadata';
import { closeOnSignals, connectRedis, createContainer, exitOnStartFailure, createLogger, loadConfig, Metrics, withoutPassword } from '@knowpay/server';
import { upsertSchedules } from './schedules';
import { analyticsWorker } from './workers/analytics.worker';
import { catalogEventsWorker } from './workers/catalog-events.worker';
import { certificatesWorker } from './workers/certificates.worker';
import { learnerNoticesWorker } from './workers/learner-notices.worker';
import { lessonReleasesWorker } from './workers/lesson-releases.worker';
import { liveRemindersWorker } from './workers/live-reminders.worker';
import { orderEventsWorker } from './workers/order-events.worker';
import { orderExpiryWorker } from './workers/order-expiry.worker';
import { orderMaintenanceWorker } from './workers/order-maintenance.worker';
import { orderReminderWorker } from './workers/order-reminder.worker';
import { paidQuestionDeadlinesWorker } from './workers/paid-question-deadlines.worker';
import { recommendationsWorker } from './workers/recommendations.worker';
import { salesDigestWorker } from './workers/sales-digest.worker';

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
    lessonReleasesWorker(container, connection),
    liveRemindersWorker(container, connection),
    paidQuestionDeadlinesWorker(container, connection),
    certificatesWorker(container, connection),
    recommendationsWorker(container, connection),
    salesDigestWorker(container, connection),
    analyticsWorker(container, connection),
  ];
  const scheduled = await upsertSchedules(container, connection);
  // A Redis that comes back empty (restarted without persistence, a failover to a fresh replica) has lost
  // the job schedulers too: upsert them again after every reconnect (idempotent), so the sweeper runs again
  // and settles the orders whose delayed expiry jobs went with the data.
  connection.on('ready', () => {
    upsertSchedules(container, connection)
      .then((queues) => Promise.all(queues.map((q) => q.close())))
      .then(() => logger.info({ module: 'schedules' }, 'schedules upserted again after a Redis reconnect'))
      .catch((err: unknown) => logger.warn({ module: 'schedules', err }, 'could not upsert the schedules after a Redis reconnect'));
  });
  logger.info(
    { redis: withoutPassword(config.redisUrl), prefix: config.redisPrefix, workers: workers.map((w) => w.name), digest: { cron: config.digest.cron, tz: config.digest.timeZone } },
    'jobs ready',
  );

  closeOnSignals('jobs', logger, async () => {
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(scheduled.map((q) => q.close()));
    await container.close();
    await connection.quit();
  });
}

main().catch(exitOnStartFailure('jobs'));
