import { Queue, type JobsOptions } from 'bullmq';
import Redis from 'ioredis';
import type { OrderEvents, OrderExpiryScheduler, PurchaseEvent, RefundEvent } from './domain/orders/order-events';

/**
 * Every BullMQ queue of the platform, named once. Producers (here) and workers (jobs/, bot/) import
 * these names; keys are namespaced by REDIS_PREFIX so test runs never meet.
 */
export const QUEUES = {
  /** One delayed job per order, due at its expires_at. */
  orderExpiry: 'order-expiry',
  /** Scheduled sweeps: overdue orders, refunds stuck in PROCESSING. */
  orderMaintenance: 'order-maintenance',
  /** Paid and refunded orders, for notifications and recommendations. */
  orderEvents: 'order-events',
  recommendations: 'recommendations',
  salesDigest: 'sales-digest',
  botOutbox: 'bot-outbox',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface ExpiryJob {
  orderId: number;
}

export type OrderEventJob = ({ type: 'purchased' } & PurchaseEvent) | ({ type: 'refunded' } & RefundEvent);

/** Bounded history: enough to inspect recent jobs on the dashboard, never unbounded growth. */
export const KEEP_JOBS: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
};

/** Job ids name what they are about, so the same event is never queued twice. */
export const jobIds = {
  expiry: (orderId: number) => `expire-${orderId}`,
  purchased: (orderId: number) => `purchased-${orderId}`,
  refunded: (refundId: number) => `refunded-${refundId}`,
};

/** A Redis connection for BullMQ: blocking commands must wait as long as they need. */
export function bullConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: false });
}

/** The producers the API (and any other process that changes orders) needs. */
export class Producers implements OrderEvents, OrderExpiryScheduler {
  readonly orderExpiry: Queue<ExpiryJob>;
  readonly orderEvents: Queue<OrderEventJob>;

  constructor(
    private readonly connection: Redis,
    prefix: string,
  ) {
    this.orderExpiry = new Queue<ExpiryJob>(QUEUES.orderExpiry, { connection, prefix });
    this.orderEvents = new Queue<OrderEventJob>(QUEUES.orderEvents, { connection, prefix });
  }

  async schedule(orderId: number, at: Date): Promise<void> {
    await this.orderExpiry.add(
      'expire',
      { orderId },
      { jobId: jobIds.expiry(orderId), delay: Math.max(0, at.getTime() - Date.now()), attempts: 10, backoff: { type: 'exponential', delay: 5000 }, ...KEEP_JOBS },
    );
  }

  async purchased(event: PurchaseEvent): Promise<void> {
    await this.orderEvents.add('purchased', { type: 'purchased', ...event }, { jobId: jobIds.purchased(event.orderId), ...KEEP_JOBS });
  }

  async refunded(event: RefundEvent): Promise<void> {
    await this.orderEvents.add('refunded', { type: 'refunded', ...event }, { jobId: jobIds.refunded(event.refundId), ...KEEP_JOBS });
  }

  async close(): Promise<void> {
    await Promise.all([this.orderExpiry.close(), this.orderEvents.close()]);
    this.connection.disconnect();
  }
}
