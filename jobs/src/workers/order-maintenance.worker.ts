import type { Container } from '@knowpay/server';
import { MEMBERSHIP_REMINDER_LEAD_MS, QUEUES } from '@knowpay/server';
import { Worker } from 'bullmq';
import type Redis from 'ioredis';

/** How many overdue orders and stuck refunds one sweep takes on; the next sweep continues. */
const SWEEP_BATCH = 500;
/** An expiry job normally settles an order on time; the sweeper steps in only after this. */
const SWEEP_GRACE_S = 30;
const PARALLEL = 8;

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

export interface SweepResult {
  orders: number;
  settled: Record<string, number>;
  refunds: number;
  /** Membership reminders sent (or found already sent) this sweep. */
  reminded: number;
  /** Memberships whose term ended, marked EXPIRED and their members told, this sweep. */
  expired: number;
  /** Referral rewards credited this sweep (their refund window passed). */
  credited: number;
  errors: number;
}

/**
 * One sweep: settles PENDING orders whose expiry job was lost or late, asks after refunds stuck in
 * PROCESSING, reminds of memberships ending and closes those that ended, and credits referral rewards
 * whose refund window passed.
 */
export async function sweep(container: Container, options: { graceSeconds?: number } = {}): Promise<SweepResult> {
  const log = container.logger.child({ module: 'order-sweeper' });
  const result: SweepResult = { orders: 0, settled: {}, refunds: 0, reminded: 0, expired: 0, credited: 0, errors: 0 };
  const overdue = await container.orders.overdue(SWEEP_BATCH, options.graceSeconds ?? SWEEP_GRACE_S);
  result.orders = overdue.length;
  await eachLimited(overdue, PARALLEL, async (orderId) => {
    try {
      const outcome = await container.orders.settle(orderId);
      result.settled[outcome] = (result.settled[outcome] ?? 0) + 1;
    } catch (err) {
      result.errors++;
      log.warn({ orderId, err: (err as Error).message }, 'could not settle an overdue order; next sweep retries');
    }
  });
  const refunds = await container.refunds.processingIds(SWEEP_BATCH, 60);
  result.refunds = refunds.length;
  await eachLimited(refunds, PARALLEL, async (refundId) => {
    try {
      await container.refunds.reconcile(refundId);
    } catch (err) {
      result.errors++;
      log.warn({ refundId, err: (err as Error).message }, 'could not reconcile a refund; next sweep retries');
    }
  });
  // Memberships ending within 3 days: one reminder per term, in chat or as a subscribe message. Access
  // itself ends at ends_at without any job (the access decision compares with the clock).
  const ending = await container.memberships.endingSoon(MEMBERSHIP_REMINDER_LEAD_MS, SWEEP_BATCH);
  await eachLimited(ending, PARALLEL, async (m) => {
    try {
      await container.eventNotices.membershipEnding(m);
      await container.memberships.markReminded(m.membershipId, m.endsAt);
      result.reminded++;
    } catch (err) {
      result.errors++;
      log.warn({ membershipId: m.membershipId, err: (err as Error).message }, 'could not remind of a membership ending; next sweep retries');
    }
  });
  // Memberships whose term ended: the member is told once (the notice is kept per term), then the row
  // is marked EXPIRED unless a renewal moved its end meanwhile. Access had already ended at ends_at.
  const ended = await container.memberships.ended(SWEEP_BATCH);
  await eachLimited(ended, PARALLEL, async (m) => {
    try {
      await container.eventNotices.membershipEnded(m);
      if (await container.memberships.markExpired(m.membershipId, m.endsAt)) result.expired++;
    } catch (err) {
      result.errors++;
      log.warn({ membershipId: m.membershipId, err: (err as Error).message }, 'could not close an ended membership; next sweep retries');
    }
  });
  // Referral rewards whose refund window passed: each credited once, however many sweeps run at once.
  const due = await container.referralLedger.due(SWEEP_BATCH);
  await eachLimited(due, PARALLEL, async (attributionId) => {
    try {
      if ((await container.referralLedger.credit(attributionId)) === 'credited') result.credited++;
    } catch (err) {
      result.errors++;
      log.warn({ attributionId, err: (err as Error).message }, 'could not credit a referral reward; next sweep retries');
    }
  });
  if (result.orders || result.refunds || result.reminded || result.credited) log.info(result, 'sweep done');
  return result;
}

export function orderMaintenanceWorker(container: Container, connection: Redis): Worker {
  const log = container.logger.child({ module: 'order-sweeper' });
  const worker = new Worker(QUEUES.orderMaintenance, () => sweep(container), { connection, prefix: container.config.redisPrefix, concurrency: 1 });
  worker.on('error', (err) => log.error({ err }, 'order maintenance worker error'));
  return worker;
}
