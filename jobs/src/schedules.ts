import type { AnalyticsJob, Container, SalesDigestJob } from '@knowpay/server';
import { EVENT_RETRIES, KEEP_JOBS, localDay, QUEUES } from '@knowpay/server';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { scheduleRecompute } from './workers/recommendations.worker';

/** Each scheduled refresh recomputes today and yesterday (late refunds and payments land in yesterday's figures). */
export const ANALYTICS_REFRESH_DAYS = 2;
/** A process's first refresh of the day fills the daily figures this far back. */
export const ANALYTICS_BACKFILL_DAYS = 90;

/**
 * Every schedule of the platform, as BullMQ job schedulers: upserts are idempotent, so any number of
 * jobs processes may start and there is still one schedule of each. Returns the queues to close.
 */
export async function upsertSchedules(container: Container, connection: Redis): Promise<Queue[]> {
  const { config } = container;
  const prefix = config.redisPrefix;
  const maintenance = new Queue(QUEUES.orderMaintenance, { connection, prefix });
  const digests = new Queue<SalesDigestJob>(QUEUES.salesDigest, { connection, prefix });
  const analytics = new Queue<AnalyticsJob>(QUEUES.analytics, { connection, prefix });
  const recommendations = new Queue(QUEUES.recommendations, { connection, prefix });
  const releases = new Queue(QUEUES.lessonReleases, { connection, prefix });
  const liveReminders = new Queue(QUEUES.liveReminders, { connection, prefix });
  const paidQuestionDeadlines = new Queue(QUEUES.paidQuestionDeadlines, { connection, prefix });

  await maintenance.upsertJobScheduler('order-sweep', { every: config.orders.sweepEverySeconds * 1000 }, { name: 'sweep', opts: KEEP_JOBS });
  await releases.upsertJobScheduler('release-sweep', { every: config.releases.sweepEverySeconds * 1000 }, { name: 'sweep', opts: KEEP_JOBS });
  await liveReminders.upsertJobScheduler('live-reminder-sweep', { every: config.liveReminders.sweepEverySeconds * 1000 }, { name: 'sweep', opts: KEEP_JOBS });
  await paidQuestionDeadlines.upsertJobScheduler('paid-question-deadline-sweep', { every: config.paidQuestions.sweepEverySeconds * 1000 }, { name: 'sweep', opts: KEEP_JOBS });
  await digests.upsertJobScheduler(
    'sales-digest-daily',
    { pattern: config.digest.cron, tz: config.digest.timeZone },
    { name: 'run', data: { kind: 'run' }, opts: { ...EVENT_RETRIES, ...KEEP_JOBS } },
  );
  await analytics.upsertJobScheduler('analytics-refresh', { every: config.analytics.everySeconds * 1000 }, { name: 'refresh', data: { days: ANALYTICS_REFRESH_DAYS }, opts: KEEP_JOBS });
  // One backfill a day however many processes start (the job id names the day).
  const today = localDay(container.clock.now(), config.digest.timeZone);
  await analytics.add('backfill', { days: ANALYTICS_BACKFILL_DAYS }, { jobId: `analytics-backfill-${today}`, ...KEEP_JOBS });
  await scheduleRecompute(recommendations, config.recommendations, container.recommendations);
  return [maintenance, digests, analytics, recommendations, releases, liveReminders, paidQuestionDeadlines];
}
