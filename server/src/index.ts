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
export { bullConnection, jobIds, KEEP_JOBS, QUEUES, type ExpiryJob, type OrderEventJob, type QueueName } from './queues';
export { Metrics } from './metrics';
