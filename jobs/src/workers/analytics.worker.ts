import type { AnalyticsJob, Container } from '@knowpay/server';
import { QUEUES } from '@knowpay/server';
import { Worker } from 'bullmq';
import type Redis from 'ioredis';

/** Recomputes the analytics (daily figures per course, activity, purchase propensity) one refresh at a time. */
export function analyticsWorker(container: Container, connection: Redis): Worker<AnalyticsJob> {
  const { config } = container;
  const log = container.logger.child({ module: 'analytics' });
  const worker = new Worker<AnalyticsJob>(QUEUES.analytics, (job) => container.analytics.refresh(job.data.days), {
    connection,
    prefix: config.redisPrefix,
    concurrency: 1,
    lockDuration: config.jobs.lockSeconds * 1000,
    stalledInterval: config.jobs.lockSeconds * 1000,
  });
  worker.on('failed', (job, err) => log.warn({ jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'analytics refresh failed'));
  worker.on('error', (err) => log.error({ err }, 'analytics worker error'));
  return worker;
}
