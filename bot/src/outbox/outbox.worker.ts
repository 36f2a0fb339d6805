import type { BotOutboxJob, Logger } from '@knowpay/server';
import { QUEUES } from '@knowpay/server';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { FileBox } from 'file-box';
import type Redis from 'ioredis';
import type { Contact, Wechaty } from 'wechaty';
import type { KeyedMutex } from '../keyed-mutex';
import type { DeliveryContent, DeliveryLog } from './delivery-log';

export interface OutboxWorkerOptions {
  bot: Wechaty;
  connection: Redis;
  prefix: string;
  /** BOT_OUTBOX_RATE_PER_S: WeChat restricts accounts that send fast, whatever the number of bot processes. */
  ratePerSecond: number;
  deliveries: DeliveryLog;
  conversations: KeyedMutex;
  logger: Logger;
  /** False to start it later (after the puppet has logged in) with worker.run(). */
  autorun?: boolean;
  /** How a contact id becomes a contact; by default the puppet's contact list. */
  findContact?: (id: string) => Promise<Contact | undefined>;
}

/** The limiter of a queue is kept in Redis, so this is the pace of all workers together, not of each. */
export function outboxLimiter(ratePerSecond: number): { max: number; duration: number } {
  // One message per interval rather than N per second: N per second allows bursts of N back to back.
  return { max: 1, duration: Math.max(1, Math.ceil(1000 / ratePerSecond)) };
}

export async function findContact(bot: Wechaty, id: string): Promise<Contact | undefined> {
  try {
    return await bot.Contact.find({ id });
  } catch {
    // Puppets differ: some answer undefined for an unknown id, the mock throws.
    return undefined;
  }
}

/** Proactive messages (notifications, forwarded questions, digests) from the "bot-outbox" queue to WeChat. */
export function outboxWorker(options: OutboxWorkerOptions): Worker<BotOutboxJob> {
  const { bot, deliveries, conversations } = options;
  const find = options.findContact ?? ((id: string) => findContact(bot, id));
  const log = options.logger.child({ module: 'bot-outbox' });
  const worker = new Worker<BotOutboxJob>(
    QUEUES.botOutbox,
    async (job: Job<BotOutboxJob>) => {
      const { contactId, text, file } = job.data;
      if (!text && !file) throw new UnrecoverableError('an outbox job needs text or a file');
      const contact = await find(contactId);
      // No retry brings back a contact the account does not have (unfriended, or another account).
      if (!contact) throw new UnrecoverableError(`contact ${contactId} not found`);
      await conversations.run(contactId, async () => {
        const sends: Array<[DeliveryContent, () => Promise<unknown>]> = [];
        if (text) sends.push([{ text }, () => contact.say(text)]);
        if (file) sends.push([{ file: { name: file.name, url: file.url } }, () => contact.say(FileBox.fromUrl(file.url, { name: file.name }))]);
        for (const [content, send] of sends) {
          const at = new Date();
          await send();
          deliveries.record(contactId, job.id ?? '', content, at);
        }
      });
      log.debug({ jobId: job.id, contactId }, 'outbox message sent');
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      // Messages to one person should arrive in the order they were queued.
      concurrency: 1,
      limiter: outboxLimiter(options.ratePerSecond),
      autorun: options.autorun ?? true,
    },
  );
  worker.on('failed', (job, err) => {
    const final = err instanceof UnrecoverableError || (job?.attemptsMade ?? 0) >= (job?.opts.attempts ?? 1);
    log.warn({ jobId: job?.id, contactId: job?.data.contactId, attempt: job?.attemptsMade, err: err.message }, final ? 'outbox message dropped' : 'outbox message failed; will retry');
  });
  worker.on('error', (err) => log.error({ err }, 'outbox worker error'));
  return worker;
}
