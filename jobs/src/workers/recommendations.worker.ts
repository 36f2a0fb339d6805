import type { Config, Container } from '@knowpay/server';
import { KEEP_JOBS, QUEUES } from '@knowpay/server';
import { Worker, type Queue } from 'bullmq';
import type Redis from 'ioredis';

/** The one scheduler of the full recompute; upserting it again (every start of every jobs process) changes nothing. */
export const RECOMPUTE_SCHEDULER = 'recommendations-nightly';
/** The first run of a fresh installation, so recommendations do not wait for the first night. */
export const FIRST_RECOMPUTE_JOB = 'recompute-first';

/**
 * Upserts the nightly recompute (RECOMMENDATIONS_CRON in RECOMMENDATIONS_TZ) and, when nothing has been
 * computed yet, queues a first run now. Idempotent: any number of jobs processes may call it.
 */
export async function scheduleRecompute(
  queue: Queue,
  schedule: Pick<Config['recommendations'], 'cron' | 'timeZone'>,
  recommendations: Container['recommendations'],
): Promise<void> {
  await queue.upsertJobScheduler(RECOMPUTE_SCHEDULER, { pattern: schedule.cron, tz: schedule.timeZone }, { name: 'recompute', opts: KEEP_JOBS });
  if ((await recommendations.currentGeneration()) === null) {
    await queue.add('recompute', {}, { jobId: FIRST_RECOMPUTE_JOB, ...KEEP_JOBS });
  }
}

/**
 * Runs the full recompute, one at a time per process; across processes the service's database lock
 * lets one run and answers the others 'busy'. A worker killed mid-run loses nothing visible: the new
 * generation only becomes current at its very end, and BullMQ hands the stalled job to another worker.
 */
export function recommendationsWorker(container: Container, connection: Redis): Worker {
  const log = container.logger.child({ module: 'recommendations' });
  const worker = new Worker(QUEUES.recommendations, () => container.recommendations.recomputeAll(), {
    connection,
    prefix: container.config.redisPrefix,
    concurrency: 1,
    // The engine's CPU-bound steps hold the event loop for seconds at full scale; the lock must outlast them.
    lockDuration: 120_000,
  });
  worker.on('failed', (job, err) => log.warn({ jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'recommendations recompute failed'));
  worker.on('error', (err) => log.error({ err }, 'recommendations worker error'));
  return worker;
}
