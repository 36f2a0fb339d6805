import type { Container, OverdueResult } from '@knowpay/server';
import { QUEUES } from '@knowpay/server';
import { Worker } from 'bullmq';
import type Redis from 'ioredis';

/** Overdue questions one sweep refunds; the next sweep continues. */
const SWEEP_BATCH = 200;

/**
 * One sweep: every paid question left unanswered past its deadline is marked EXPIRED and its order
 * refunded through RefundService, once; a refund a killed run left half-done is finished.
 */
export async function paidQuestionDeadlineSweep(container: Container): Promise<OverdueResult> {
  const result = await container.paidQuestions.refundOverdue(SWEEP_BATCH);
  if (result.due) container.logger.child({ module: 'paid-question-deadlines' }).info(result, 'paid question deadline sweep done');
  return result;
}

export function paidQuestionDeadlinesWorker(container: Container, connection: Redis): Worker {
  const log = container.logger.child({ module: 'paid-question-deadlines' });
  const worker = new Worker(QUEUES.paidQuestionDeadlines, () => paidQuestionDeadlineSweep(container), { connection, prefix: container.config.redisPrefix, concurrency: 1 });
  worker.on('error', (err) => log.error({ err }, 'paid question deadlines worker error'));
  return worker;
}
