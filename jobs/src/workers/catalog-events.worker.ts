import type { CatalogEventJob, Container } from '@knowpay/server';
import { QUEUES } from '@knowpay/server';
import { Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { failFastWhenPermanent } from '../notice-retry';

/**
 * Announces a lesson added to a published course to every learner enrolled in it. A retry after a
 * partial failure skips the learners already told, so each hears of the lesson once.
 */
export function catalogEventsWorker(container: Container, connection: Redis, concurrency = 2): Worker<CatalogEventJob> {
  const log = container.logger.child({ module: 'catalog-events' });
  const worker = new Worker<CatalogEventJob>(
    QUEUES.catalogEvents,
    async (job: Job<CatalogEventJob>) => {
      const result = await failFastWhenPermanent(() => container.eventNotices.lessonAdded(job.data));
      log.info({ lessonId: job.data.lessonId, courseId: job.data.courseId, ...result }, 'new lesson announced');
      return result;
    },
    { connection, prefix: container.config.redisPrefix, concurrency },
  );
  worker.on('failed', (job, err) => log.warn({ lessonId: job?.data.lessonId, attempt: job?.attemptsMade, err: err.message }, 'new lesson announcement failed'));
  worker.on('error', (err) => log.error({ err }, 'catalog events worker error'));
  return worker;
}
