import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { bullConnection, QUEUES, type BotOutboxJob } from '../../src/queues';
import type { TestApp } from './harness';

/** Binds a chat contact to the user the way the bot does: a code from the mini-program, sent in chat. */
export async function bindChat(app: TestApp, userId: number, contactId = `wxid_${randomBytes(5).toString('hex')}`): Promise<string> {
  const { code } = await app.container.chatBindings.issueCode(userId);
  await app.container.chatBindings.bind({ contactId, contactName: `联系人${contactId.slice(-4)}`, code });
  return contactId;
}

/** What accepting wx.requestSubscribeMessage on the phone does: one more message of each template may be sent. */
export async function grantSubscribe(app: TestApp, openid: string, templateIds: string[]): Promise<void> {
  const res = await fetch(`${app.sandbox.url}/sandbox/subscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid, template_ids: templateIds }),
  });
  if (res.status !== 200) throw new Error(`subscribe failed: ${res.status} ${await res.text()}`);
}

export interface SandboxMessage {
  touser: string;
  template_id: string;
  page: string | null;
  data: Record<string, { value: string }>;
}

/** The subscribe messages the sandbox delivered to one user. */
export async function sandboxMessages(app: TestApp, touser: string): Promise<SandboxMessage[]> {
  const res = await fetch(`${app.sandbox.url}/sandbox/messages?touser=${encodeURIComponent(touser)}`);
  return ((await res.json()) as { results: SandboxMessage[] }).results;
}

/** The bot-outbox queue under the test app's prefix, to look at what would be sent in chat. */
export function outboxQueue(app: TestApp): { queue: Queue<BotOutboxJob>; connection: Redis; close(): Promise<void> } {
  const connection = bullConnection(app.container.config.redisUrl);
  const queue = new Queue<BotOutboxJob>(QUEUES.botOutbox, { connection, prefix: app.container.config.redisPrefix });
  return {
    queue,
    connection,
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}

/** Every outbox job (in any state) addressed to one contact. */
export async function outboxJobsFor(queue: Queue<BotOutboxJob>, contactId: string): Promise<Array<{ id: string; data: BotOutboxJob }>> {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed']);
  return jobs.filter((j) => j.data.contactId === contactId).map((j) => ({ id: j.id ?? '', data: j.data }));
}
