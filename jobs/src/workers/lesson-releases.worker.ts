import type { Container, NotifyOutcome } from '@knowpay/server';
import { QUEUES } from '@knowpay/server';
import { Worker } from 'bullmq';
import type Redis from 'ioredis';

/** A lesson that opened longer ago than this is no longer news: a sweep after a long outage does not announce it. */
export const RELEASE_NOTICE_LOOKBACK_MS = 24 * 3600_000;
/** Learners told per sweep; the next sweep continues. */
const SWEEP_BATCH = 1000;

export interface ReleaseSweepResult {
  opened: number;
  outcomes: Partial<Record<NotifyOutcome, number>>;
  errors: number;
}

/**
 * One sweep: every learner for whom a drip-released lesson opened since the lookback, and who was not
 * told yet, is told (in chat when bound, else by subscribe message). Repeating a sweep tells nobody
 * twice: the notices are recorded in notifications_sent.
 */
export async function releaseSweep(container: Container): Promise<ReleaseSweepResult> {
  const log = container.logger.child({ module: 'lesson-releases' });
  const now = container.clock.now();
  const opened = await container.releases.opened(new Date(now.getTime() - RELEASE_NOTICE_LOOKBACK_MS), now, SWEEP_BATCH);
  const result: ReleaseSweepResult = { opened: opened.length, outcomes: {}, errors: 0 };
  for (const facts of opened) {
    try {
      const outcome = await container.eventNotices.lessonOpened(facts);
      result.outcomes[outcome] = (result.outcomes[outcome] ?? 0) + 1;
    } catch (err) {
      result.errors++;
      log.warn({ userId: facts.userId, lessonId: facts.lessonId, err: (err as Error).message }, 'could not announce an opened lesson; the next sweep retries');
    }
  }
  if (opened.length) log.info(result, 'release sweep done');
  return result;
}

export function lessonReleasesWorker(container: Container, connection: Redis): Worker {
  const log = container.logger.child({ module: 'lesson-releases' });
  const worker = new Worker(QUEUES.lessonReleases, () => releaseSweep(container), { connection, prefix: container.config.redisPrefix, concurrency: 1 });
  worker.on('error', (err) => log.error({ err }, 'lesson releases worker error'));
  return worker;
}
