import type { Container, ReminderJob } from '@knowpay/server';
import { QUEUES } from '@knowpay/server';
import { Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { failFastWhenPermanent } from '../notice-retry';

/** Five minutes before an order closes, reminds its buyer to finish paying, unless it is paid or closed by then. */
export function orderReminderWorker(container: Container, connection: Redis, concurrency = 8): Worker<ReminderJob> {
  const log = container.logger.child({ module: 'order-reminders' });
  const worker = new Worker<ReminderJob>(
    QUEUES.orderReminders,
    async (job: Job<ReminderJob>) => {
      const outcome = await failFastWhenPermanent(() => container.eventNotices.orderExpiring(job.data.orderId));
      log.info({ orderId: job.data.orderId, outcome }, 'payment reminder handled');
      return outcome;
    },
    { connection, prefix: container.config.redisPrefix, concurrency },
  );
  worker.on('failed', (job, err) => log.warn({ orderId: job?.data.orderId, attempt: job?.attemptsMade, err: err.message }, 'payment reminder failed'));
  worker.on('error', (err) => log.error({ err }, 'order reminder worker error'));
  return worker;
}
