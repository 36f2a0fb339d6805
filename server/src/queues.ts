/**
 * Every BullMQ queue of the platform, named once. Producers and workers in server/, jobs/ and bot/
 * import these names; queue keys are namespaced by REDIS_PREFIX so test runs never meet.
 */
export const QUEUES = {
  orderExpiry: 'order-expiry',
  recommendations: 'recommendations',
  salesDigest: 'sales-digest',
  botOutbox: 'bot-outbox',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
