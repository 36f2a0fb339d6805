import type { Container, ExpiryJob } from '@knowpay/server';
import { QUEUES } from '@knowpay/server';
import { Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';

/**
 * Settles each order when its delayed job comes due: paid at WeChat Pay → PAID (the notification was
 * lost); unpaid → closed there and EXPIRED here. A learner mid-payment makes the job fail and retry
 * with backoff. Several worker processes may run: BullMQ hands each job to one of them, and settle()
 * itself only ever changes a PENDING order once.
 */
export function orderExpiryWorker(container: Container, connection: Redis, concurrency: number): Worker<ExpiryJob> {
  const log = container.logger.child({ module: 'order-expiry' });
  const worker = new Worker<ExpiryJob>(
    QUEUES.orderExpiry,
    async (job: Job<ExpiryJob>) => {
      const outcome = await container.orders.settle(job.data.orderId);
      if (outcome !== 'unchanged') log.info({ orderId: job.data.orderId, outcome }, 'order settled');
      return outcome;
    },
    { connection, prefix: container.config.redisPrefix, concurrency },
  );
  worker.on('failed', (job, err) => log.warn({ orderId: job?.data.orderId, attempt: job?.attemptsMade, err: err.message }, 'order expiry failed; will retry'));
  worker.on('error', (err) => log.error({ err }, 'order expiry worker error'));
  return worker;
}
