import { bullConnection, QUEUES, type BotOutboxJob } from '@knowpay/server';
import { Queue, type Worker } from 'bullmq';
import type Redis from 'ioredis';
import { eventually, registerUser } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { KeyedMutex } from '../src/keyed-mutex';
import { outboxWorker } from '../src/outbox/outbox.worker';
import { startTestBot, type InboxMessage, type TestBot } from './bot-harness';

const RATE = 10;
const INTERVAL_MS = 1000 / RATE;
// Redis decides when a job may start; the timestamps are taken later, just before the puppet is called,
// after a contact lookup whose duration varies by some milliseconds under load.
const TOLERANCE_MS = 20;

let app: TestApp;
let bot: TestBot;
let queue: Queue<BotOutboxJob>;
let queueConnection: Redis;
const contacts = ['wx_out_a', 'wx_out_b', 'wx_out_c', 'wx_out_d'];

beforeAll(async () => {
  app = await startTestApp({ BOT_OUTBOX_RATE_PER_S: String(RATE) });
  bot = await startTestBot(app);
  // A contact exists for the puppet once it has talked to the bot.
  for (const id of contacts) await bot.say({ id }, '帮助');
  queueConnection = bullConnection(app.container.config.redisUrl);
  queue = new Queue<BotOutboxJob>(QUEUES.botOutbox, { connection: queueConnection, prefix: app.container.config.redisPrefix });
}, 60_000);

afterAll(async () => {
  await queue?.close();
  queueConnection?.disconnect();
  await bot?.close();
  await app?.close();
});

async function allInboxes(): Promise<Array<InboxMessage & { contact: string }>> {
  const lists = await Promise.all(contacts.map(async (contact) => (await bot.inbox(contact)).map((m) => ({ ...m, contact }))));
  return lists.flat();
}

describe('the outbox', () => {
  it('delivers each distinct job once, never faster than the configured rate, even with two workers', async () => {
    // A second worker on the same queue, as a second bot process would run: the limit is the queue's, not the worker's.
    const workerConnection = bullConnection(app.container.config.redisUrl);
    const second: Worker<BotOutboxJob> = outboxWorker({
      bot: bot.running.bot,
      connection: workerConnection,
      prefix: app.container.config.redisPrefix,
      ratePerSecond: RATE,
      deliveries: bot.running.deliveries,
      conversations: new KeyedMutex(),
      logger: app.container.logger,
    });
    try {
      const before = (await allInboxes()).length;
      const distinct = 80;
      const enqueued: Array<Promise<void>> = [];
      for (let i = 0; i < distinct; i++) {
        const contactId = contacts[i % contacts.length]!;
        enqueued.push(app.container.producers.sendToChat({ contactId, text: `通知 ${i}` }, `rate-test-${i}`));
        // Every fourth job is queued again under the same id (a retried event): it must not go out twice.
        if (i % 4 === 0) enqueued.push(app.container.producers.sendToChat({ contactId, text: `重复 ${i}` }, `rate-test-${i}`));
      }
      await Promise.all(enqueued);
      expect(enqueued).toHaveLength(100);

      const delivered = await eventually(async () => {
        const all = await allInboxes();
        return all.length - before >= distinct ? all : null;
      }, 30);
      // Give a duplicate the chance to show up if it were going to.
      await new Promise((r) => setTimeout(r, 5 * INTERVAL_MS));
      const mine = (await allInboxes()).filter((m) => m.text?.startsWith('通知') || m.text?.startsWith('重复'));
      expect(mine).toHaveLength(distinct);
      expect(mine.filter((m) => m.text?.startsWith('重复'))).toEqual([]);
      expect(new Set(mine.map((m) => m.text)).size).toBe(distinct);
      // …each to the contact it was queued for.
      for (const m of mine) expect(contacts.indexOf(m.contact)).toBe(Number(m.text!.split(' ')[1]) % contacts.length);

      const times = delivered
        .filter((m) => m.text?.startsWith('通知'))
        .map((m) => Date.parse(m.at))
        .sort((a, b) => a - b);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL_MS - TOLERANCE_MS);
      // Over the whole run the jitter cancels out: the average pace is the configured one.
      expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual((distinct - 1) * INTERVAL_MS - TOLERANCE_MS);
    } finally {
      await second.close();
      workerConnection.disconnect();
    }
  }, 60_000);

  it('sends files by URL', async () => {
    const file = { name: '课程讲义.pdf', url: 'http://127.0.0.1:1/media/handout.pdf' };
    await app.container.producers.sendToChat({ contactId: contacts[0]!, file }, 'file-test-1');
    const message = await eventually(async () => (await bot.inbox(contacts[0]!)).find((m) => m.file));
    expect(message.file).toEqual(file);
  });

  it('reaches a bound contact the mock puppet has not seen since it started', async () => {
    const learner = await registerUser(app);
    const { code } = await app.container.chatBindings.issueCode(learner.user.id);
    await app.container.chatBindings.bind({ contactId: 'wx_bound_earlier', contactName: '老朋友', code });
    await app.container.producers.sendToChat({ contactId: 'wx_bound_earlier', text: '课程更新了' }, 'restored-contact-1');
    const message = await eventually(async () => (await bot.inbox('wx_bound_earlier')).find((m) => m.text === '课程更新了'));
    expect(message.text).toBe('课程更新了');
  });

  it('gives up at once on a contact the account does not have', async () => {
    await queue.add('send', { contactId: 'wx_nobody', text: '你好' }, { jobId: 'unknown-contact', attempts: 5, backoff: { type: 'fixed', delay: 10 } });
    const job = await eventually(async () => {
      // The state first, then the job: a job read before it failed has no failedReason.
      return (await queue.getJobState('unknown-contact')) === 'failed' ? queue.getJob('unknown-contact') : null;
    });
    expect(job.failedReason).toBe('contact wx_nobody not found');
    // Five attempts were allowed; an unrecoverable failure takes no second one.
    expect(job.attemptsMade).toBeLessThanOrEqual(1);
    expect(await bot.inbox('wx_nobody')).toEqual([]);
  });

  it('fails a job with nothing to send without retrying', async () => {
    await queue.add('send', { contactId: contacts[1]! }, { jobId: 'empty-job', attempts: 5 });
    const job = await eventually(async () => {
      return (await queue.getJobState('empty-job')) === 'failed' ? queue.getJob('empty-job') : null;
    });
    expect(job.failedReason).toBe('an outbox job needs text or a file');
    expect(job.attemptsMade).toBeLessThanOrEqual(1);
  });
});
