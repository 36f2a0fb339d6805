import type { Container, OrderEventJob } from '@knowpay/server';
import { QUEUES } from '@knowpay/server';
import { Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { failFastWhenPermanent } from '../notice-retry';

/**
 * Tells the learner of a confirmed purchase or a completed refund (chat when bound, else a subscribe
 * message), then recomputes the learner's recommendations so the course just bought leaves them. The
 * only consumer of order-events: a queue hands each job to one worker, so whatever else follows a
 * purchase belongs in this processor. A retry after a failed update notifies nobody twice.
 */
export function orderEventsWorker(container: Container, connection: Redis, concurrency = 8): Worker<OrderEventJob> {
  const log = container.logger.child({ module: 'order-events' });
  const worker = new Worker<OrderEventJob>(
    QUEUES.orderEvents,
    async (job: Job<OrderEventJob>) => {
      const event = job.data;
      const outcome = await failFastWhenPermanent(() =>
        event.type === 'purchased' ? container.eventNotices.purchased(event) : container.eventNotices.refunded(event),
      );
      log.info({ type: event.type, orderId: event.orderId, userId: event.userId, outcome }, 'learner notified');
      const recommendations = await container.recommendations.refreshLearner(event.userId);
      log.debug({ userId: event.userId, recommendations }, 'recommendations updated');
      return outcome;
    },
    { connection, prefix: container.config.redisPrefix, concurrency },
  );
  worker.on('failed', (job, err) => log.warn({ jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'order event notification failed'));
  worker.on('error', (err) => log.error({ err }, 'order events worker error'));
  return worker;
}
