/**
 * What jobs/ and bot/ may use: configuration, the composition root, domain services and adapters.
 * The HTTP layer is deliberately not exported.
 */
export { loadConfig, type Config } from './config';
export { createContainer, type Container } from './container';
export { createLogger, type Logger } from './logger';
export * from './errors';
export { createDataSource } from './db/data-source';
export { systemClock, type Clock } from './shared/clock';
export { fenToYuan, yuanToFen } from './shared/money';
export {
  bullConnection,
  jobIds,
  KEEP_JOBS,
  QUEUES,
  EVENT_RETRIES,
  type AnalyticsJob,
  type BotOutboxJob,
  type CatalogEventJob,
  type CertificateJob,
  type ExpiryJob,
  type LearnerNoticeJob,
  type OrderEventJob,
  type QueueName,
  type ReminderJob,
  type SalesDigestJob,
} from './queues';
export { Metrics } from './metrics';
export { isPermanentNoticeFailure, type NotifyOutcome } from './domain/notifications/notification.service';
export { MEMBERSHIP_REMINDER_LEAD_MS } from './domain/memberships/membership.service';
export { orderLabel } from './domain/orders/order-label';
export type { OverdueResult } from './domain/paid-questions/paid-question.service';
export { QUESTION_MARKER, type LearnerNotice } from './domain/notifications/notices';
export { connectRedis, RedisUnavailableError, withoutPassword } from './shared/redis-connection';
export { closeOnSignals, exitOnStartFailure } from './shared/process-lifecycle';
export { RateLimiter } from './shared/rate-limiter';
export { localDay, wallClock, zonedTimeToUtc } from './shared/zoned-time';
export type { DigestOutcome } from './domain/analytics/sales-digest.service';
