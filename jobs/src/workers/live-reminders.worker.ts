import type { Container, NotifyOutcome } from '@knowpay/server';
import { QUEUES } from '@knowpay/server';
import { Worker } from 'bullmq';
import type Redis from 'ioredis';

/** Learners are reminded this long before a live session starts. */
export const LIVE_REMINDER_LEAD_MS = 15 * 60_000;
/** Reminders per sweep; the next sweep continues. */
const SWEEP_BATCH = 2000;

export interface LiveReminderResult {
  due: number;
  outcomes: Partial<Record<NotifyOutcome, number>>;
  errors: number;
}

/** One sweep: every enrolled learner of a session starting within the lead time is reminded once (in chat or by subscribe message). */
export async function liveReminderSweep(container: Container): Promise<LiveReminderResult> {
  const log = container.logger.child({ module: 'live-reminders' });
  const due = await container.live.dueReminders(container.clock.now(), LIVE_REMINDER_LEAD_MS, SWEEP_BATCH);
  const result: LiveReminderResult = { due: due.length, outcomes: {}, errors: 0 };
  for (const facts of due) {
    try {
      const outcome = await container.eventNotices.liveReminder(facts);
      result.outcomes[outcome] = (result.outcomes[outcome] ?? 0) + 1;
    } catch (err) {
      result.errors++;
      log.warn({ userId: facts.userId, sessionId: facts.sessionId, err: (err as Error).message }, 'could not send a live reminder; the next sweep retries');
    }
  }
  if (due.length) log.info(result, 'live reminder sweep done');
  return result;
}

export function liveRemindersWorker(container: Container, connection: Redis): Worker {
  const log = container.logger.child({ module: 'live-reminders' });
  const worker = new Worker(QUEUES.liveReminders, () => liveReminderSweep(container), { connection, prefix: container.config.redisPrefix, concurrency: 1 });
  worker.on('error', (err) => log.error({ err }, 'live reminders worker error'));
  return worker;
}
