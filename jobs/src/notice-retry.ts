import { isPermanentNoticeFailure } from '@knowpay/server';
import { UnrecoverableError } from 'bullmq';

/**
 * Runs a notification step, turning a refusal no retry can fix (WeChat rejecting the message itself)
 * into BullMQ's UnrecoverableError, so the job fails at once instead of using up its attempts.
 */
export async function failFastWhenPermanent<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isPermanentNoticeFailure(err)) throw new UnrecoverableError((err as Error).message);
    throw err;
  }
}
