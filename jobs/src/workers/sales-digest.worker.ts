import type { Container, SalesDigestJob } from '@knowpay/server';
import { EVENT_RETRIES, jobIds, KEEP_JOBS, localDay, QUEUES } from '@knowpay/server';
import { Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';

/**
 * When the scheduled run counts up to: its own time (a late or retried run counts what it would have on
 * time, so every try makes the same digest), or the cutoff a manual run names.
 */
function cutoffOf(job: Job<SalesDigestJob>): Date {
  if (job.data.cutoff) return new Date(job.data.cutoff);
  return new Date(job.opts.prevMillis ?? job.timestamp);
}

/**
 * Daily sales digests. The scheduled `run` finds the creators with sales or activity on the day and
 * queues one `creator` job each (job id per creator and day, so a second run queues nothing new); a
 * `creator` job makes the digest (figures, text, chart) and queues it for chat. Both are safe to repeat:
 * SalesDigestService keeps one digest per creator and day, and one chat message.
 */
export function salesDigestWorker(container: Container, connection: Redis, concurrency = 4): Worker<SalesDigestJob> {
  const { config } = container;
  const log = container.logger.child({ module: 'sales-digest' });
  const digests = container.producers.queue(QUEUES.salesDigest);
  const worker = new Worker<SalesDigestJob>(
    QUEUES.salesDigest,
    async (job) => {
      const data = job.data;
      if (data.kind === 'creator') {
        const outcome = await container.salesDigests.make(data.creatorId, new Date(data.cutoff));
        log.info({ creatorId: data.creatorId, cutoff: data.cutoff, outcome, attempt: job.attemptsMade + 1 }, 'sales digest done');
        return outcome;
      }
      const cutoff = cutoffOf(job);
      const date = localDay(cutoff, config.digest.timeZone);
      const creators = await container.salesDigests.creatorsWithActivity(cutoff);
      await digests.addBulk(
        creators.map((creatorId) => ({
          name: 'creator',
          data: { kind: 'creator', creatorId, cutoff: cutoff.toISOString() } satisfies SalesDigestJob,
          opts: { jobId: jobIds.digest(creatorId, date), ...EVENT_RETRIES, ...KEEP_JOBS },
        })),
      );
      log.info({ date, cutoff: cutoff.toISOString(), creators: creators.length }, 'sales digests queued');
      return { date, creators: creators.length };
    },
    {
      connection,
      prefix: config.redisPrefix,
      concurrency,
      // A worker killed mid-digest holds its job this long; then another worker (or the restarted one) takes it over.
      lockDuration: config.jobs.lockSeconds * 1000,
      stalledInterval: config.jobs.lockSeconds * 1000,
    },
  );
  worker.on('failed', (job, err) => log.warn({ jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'sales digest failed'));
  worker.on('error', (err) => log.error({ err }, 'sales digest worker error'));
  return worker;
}
