import type { CertificateJob, Container } from '@knowpay/server';
import { QUEUES } from '@knowpay/server';
import { Worker } from 'bullmq';
import type Redis from 'ioredis';

/** Issues (and draws) the certificate when the learner has earned it; returns its code, or null when not (yet). */
export function certificatesWorker(container: Container, connection: Redis, concurrency = 2): Worker<CertificateJob, { code: string | null }> {
  const log = container.logger.child({ module: 'certificates' });
  const worker = new Worker<CertificateJob, { code: string | null }>(
    QUEUES.certificates,
    async (job) => {
      const certificate = await container.certificates.issueIfEligible(job.data.userId, job.data.courseId);
      return { code: certificate?.code ?? null };
    },
    { connection, prefix: container.config.redisPrefix, concurrency },
  );
  worker.on('error', (err) => log.error({ err }, 'certificates worker error'));
  worker.on('failed', (job, err) => log.warn({ jobId: job?.id, err: err.message }, 'certificate job failed; it is retried'));
  return worker;
}
