import { Queue, type JobsOptions } from 'bullmq';
import Redis from 'ioredis';
import type { CatalogEvents, LessonAddedEvent } from './domain/catalog/catalog-events';
import type { CertificateTriggers } from './domain/certificates/certificate-triggers';
import type { LearnerNotice } from './domain/notifications/notices';
import type { OrderEvents, OrderExpiryScheduler, OrderReminderScheduler, PurchaseEvent, RefundEvent } from './domain/orders/order-events';

/**
 * Every BullMQ queue of the platform, named once. Producers (here) and workers (jobs/, bot/) import
 * these names; keys are namespaced by REDIS_PREFIX so test runs never meet.
 */
export const QUEUES = {
  /** One delayed job per order, due at its expires_at. */
  orderExpiry: 'order-expiry',
  /** Scheduled sweeps: overdue orders, refunds stuck in PROCESSING. */
  orderMaintenance: 'order-maintenance',
  /** Paid and refunded orders, for notifications and recommendations (one consumer does both: a queue hands each job to one worker). */
  orderEvents: 'order-events',
  /** One delayed job per open order, due five minutes before it closes: "continue paying" reminders. */
  orderReminders: 'order-reminders',
  /** Lessons added to published courses, fanned out to the enrolled learners. */
  catalogEvents: 'catalog-events',
  /** Ready-made notices (an answered question) for the notification worker to deliver, with retries. */
  learnerNotices: 'learner-notices',
  recommendations: 'recommendations',
  /** The daily run (a job scheduler at DIGEST_CRON) and the per-creator digest jobs it fans out to. */
  salesDigest: 'sales-digest',
  /** Scheduled refreshes of the analytics rollups, activity scores and purchase propensity. */
  analytics: 'analytics',
  /** The scheduled sweep that tells learners of drip-released lessons that opened for them. */
  lessonReleases: 'lesson-releases',
  /** The scheduled sweep that reminds learners of live sessions about to start. */
  liveReminders: 'live-reminders',
  /** The scheduled sweep that refunds paid questions left unanswered past their deadline. */
  paidQuestionDeadlines: 'paid-question-deadlines',
  /** A learner may have finished a course: check, issue the certificate, draw it. */
  certificates: 'certificates',
  /** Proactive chat messages; the bot's worker sends them under a rate limit (BOT_OUTBOX_RATE_PER_S). */
  botOutbox: 'bot-outbox',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface ExpiryJob {
  orderId: number;
}

export type OrderEventJob = ({ type: 'purchased' } & PurchaseEvent) | ({ type: 'refunded' } & RefundEvent);

export interface ReminderJob {
  orderId: number;
}

export type CatalogEventJob = { type: 'lesson-added' } & LessonAddedEvent;

/** One message the bot sends on its own to a chat contact (the bot's contact id): text, a file, or both. */
export interface BotOutboxJob {
  contactId: string;
  text?: string;
  file?: { name: string; url: string };
}

export type LearnerNoticeJob = LearnerNotice;

export interface CertificateJob {
  userId: number;
  courseId: number;
}

/**
 * `run`: every creator with activity on the day gets a digest counted up to `cutoff` (ISO; from the
 * schedule's own time when absent). `creator`: one creator's digest for the day of `cutoff`.
 */
export type SalesDigestJob = { kind: 'run'; cutoff?: string } | { kind: 'creator'; creatorId: number; cutoff: string };

/** Recompute the daily figures of the last `days` days (today included), activity and propensity. */
export interface AnalyticsJob {
  days: number;
}

/** Bounded history: enough to inspect recent jobs on the dashboard, never unbounded growth. */
export const KEEP_JOBS: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
};

/** Events are retried for about ten minutes: long enough to ride out a WeChat or MySQL hiccup. */
export const EVENT_RETRIES: Pick<JobsOptions, 'attempts' | 'backoff'> = { attempts: 8, backoff: { type: 'exponential', delay: 5000 } };
/** A chat message waits longer between tries (a bot reconnecting takes minutes), about half an hour in all. */
const CHAT_RETRIES: Pick<JobsOptions, 'attempts' | 'backoff'> = { attempts: 6, backoff: { type: 'exponential', delay: 30_000 } };

/**
 * Job ids name what they are about, so the same event is never queued twice. BullMQ refuses ':' in
 * custom ids: keys are numeric ids or kebab-case words.
 */
export const jobIds = {
  expiry: (orderId: number) => `expire-${orderId}`,
  purchased: (orderId: number) => `purchased-${orderId}`,
  refunded: (refundId: number) => `refunded-${refundId}`,
  reminder: (orderId: number) => `remind-${orderId}`,
  lessonAdded: (lessonId: number) => `lesson-added-${lessonId}`,
  /** One chat message per event and recipient: `chat-purchase-42-7` (event, its id, the recipient's user id). */
  chat: (event: string, key: string | number, userId: number) => `chat-${event}-${key}-${userId}`,
  notice: (notice: Pick<LearnerNotice, 'kind' | 'key' | 'userId'>) => `notice-${notice.kind}-${notice.key}-${notice.userId}`,
  /** One digest job per creator and day (`digest-42-2026-01-15`); its chat message is jobIds.chat('digest', day, creator). */
  digest: (creatorId: number, day: string) => `digest-${creatorId}-${day}`,
  /** One check per learner, course and moment (`lessons-12`: the twelfth of twelve lessons done; `quiz-3`: quiz 3 passed). */
  certificate: (userId: number, courseId: number, reason: string) => `certificate-${userId}-${courseId}-${reason}`,
};

/** A Redis connection for BullMQ: blocking commands must wait as long as they need. */
export function bullConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: false });
}

/** The producers the API (and any other process that changes orders) needs. */
export class Producers implements OrderEvents, OrderExpiryScheduler, OrderReminderScheduler, CatalogEvents, CertificateTriggers {
  readonly orderExpiry: Queue<ExpiryJob>;
  readonly orderEvents: Queue<OrderEventJob>;
  readonly orderReminders: Queue<ReminderJob>;
  readonly catalogEvents: Queue<CatalogEventJob>;
  readonly learnerNotices: Queue<LearnerNoticeJob>;
  readonly botOutbox: Queue<BotOutboxJob>;

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
  ) {
    this.orderExpiry = new Queue<ExpiryJob>(QUEUES.orderExpiry, { connection, prefix });
    this.orderEvents = new Queue<OrderEventJob>(QUEUES.orderEvents, { connection, prefix });
    this.orderReminders = new Queue<ReminderJob>(QUEUES.orderReminders, { connection, prefix });
    this.catalogEvents = new Queue<CatalogEventJob>(QUEUES.catalogEvents, { connection, prefix });
    this.learnerNotices = new Queue<LearnerNoticeJob>(QUEUES.learnerNotices, { connection, prefix });
    this.botOutbox = new Queue<BotOutboxJob>(QUEUES.botOutbox, { connection, prefix });
  }

  async schedule(orderId: number, at: Date): Promise<void> {
    await this.orderExpiry.add(
      'expire',
      { orderId },
      { jobId: jobIds.expiry(orderId), delay: Math.max(0, at.getTime() - Date.now()), attempts: 10, backoff: { type: 'exponential', delay: 5000 }, ...KEEP_JOBS },
    );
  }

  async purchased(event: PurchaseEvent): Promise<void> {
    await this.orderEvents.add('purchased', { type: 'purchased', ...event }, { jobId: jobIds.purchased(event.orderId), ...EVENT_RETRIES, ...KEEP_JOBS });
  }

  async refunded(event: RefundEvent): Promise<void> {
    await this.orderEvents.add('refunded', { type: 'refunded', ...event }, { jobId: jobIds.refunded(event.refundId), ...EVENT_RETRIES, ...KEEP_JOBS });
  }

  async scheduleReminder(orderId: number, at: Date): Promise<void> {
    await this.orderReminders.add(
      'remind',
      { orderId },
      { jobId: jobIds.reminder(orderId), delay: Math.max(0, at.getTime() - Date.now()), ...EVENT_RETRIES, ...KEEP_JOBS },
    );
  }

  async lessonAdded(event: LessonAddedEvent): Promise<void> {
    await this.catalogEvents.add('lesson-added', { type: 'lesson-added', ...event }, { jobId: jobIds.lessonAdded(event.lessonId), ...EVENT_RETRIES, ...KEEP_JOBS });
  }

  /** Queues a notice for the learner-notices worker; the same notice twice is queued once. */
  async notice(notice: LearnerNotice): Promise<void> {
    await this.learnerNotices.add(notice.kind, notice, { jobId: jobIds.notice(notice), ...EVENT_RETRIES, ...KEEP_JOBS });
  }

  /**
   * Queues a proactive chat message for the bot; `jobId` (see jobIds.chat) makes a repeat a no-op
   * while the job is kept. No secrets in `job`: it sits in Redis.
   */
  async sendToChat(job: BotOutboxJob, jobId: string): Promise<void> {
    await this.botOutbox.add('send', job, { jobId, ...CHAT_RETRIES, ...KEEP_JOBS });
  }

  async mayHaveFinished(event: { userId: number; courseId: number; reason: string }): Promise<void> {
    await this.queue(QUEUES.certificates).add(
      'check',
      { userId: event.userId, courseId: event.courseId } satisfies CertificateJob,
      { jobId: jobIds.certificate(event.userId, event.courseId, event.reason), ...EVENT_RETRIES, ...KEEP_JOBS },
    );
  }

  private readonly others = new Map<QueueName, Queue>();

  /** Any queue by name on the same connection (what the admin queue dashboard shows); made on first use. */
  queue(name: QueueName): Queue {
    const own = [this.orderExpiry, this.orderEvents, this.orderReminders, this.catalogEvents, this.learnerNotices, this.botOutbox].find((q) => q.name === name);
    if (own) return own as Queue;
    let queue = this.others.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.others.set(name, queue);
    }
    return queue;
  }

  async close(): Promise<void> {
    await Promise.all([this.orderExpiry, this.orderEvents, this.orderReminders, this.catalogEvents, this.learnerNotices, this.botOutbox, ...this.others.values()].map((q) => q.close()));
    this.connection.disconnect();
  }
}
