import type { Container, LearnerNoticeJob } from '@knowpay/server';
import { QUEUES } from '@knowpay/server';
import { Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { failFastWhenPermanent } from '../notice-retry';

/** Delivers notices built elsewhere (an answered question), so a failed delivery is retried here rather than lost in a request. */
export function learnerNoticesWorker(container: Container, connection: Redis, concurrency = 8): Worker<LearnerNoticeJob> {
  const log = container.logger.child({ module: 'learner-notices' });
  const worker = new Worker<LearnerNoticeJob>(
    QUEUES.learnerNotices,
    async (job: Job<LearnerNoticeJob>) => {
      const notice = job.data;
      const outcome = await failFastWhenPermanent(() => container.notifications.notify(notice));
      log.info({ kind: notice.kind, key: notice.key, userId: notice.userId, outcome }, 'learner notified');
      return outcome;
    },
    { connection, prefix: container.config.redisPrefix, concurrency },
  );
  worker.on('failed', (job, err) => log.warn({ jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'learner notice failed'));
  worker.on('error', (err) => log.error({ err }, 'learner notices worker error'));
  return worker;
}
