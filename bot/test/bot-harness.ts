import { bullConnection } from '@knowpay/server';
import type Redis from 'ioredis';
import type { TestApp } from '../../server/test/support/harness';
import { startBot, type RunningBot } from '../src/bot';
import type { DeliveryContent } from '../src/outbox/delivery-log';

export interface InboxMessage {
  seq: number;
  at: string;
  text?: string;
  file?: { name: string; url: string };
}

export interface TestBot {
  running: RunningBot;
  url: string;
  /** POST /chat; returns the status and the body. */
  post(body: unknown): Promise<{ status: number; body: { replies?: DeliveryContent[]; error?: { code: string; message: string; details?: { fields: Array<{ field: string }> } } } }>;
  /** What the bot answered to one message from `contact`, as text (files appear as their name). */
  say(contact: { id: string; name?: string }, text: string, room?: { id: string; topic?: string; mentioned?: boolean }): Promise<string[]>;
  inbox(contactId: string, after?: number): Promise<InboxMessage[]>;
  close(): Promise<void>;
}

/** The bot in this process with the mock puppet, its chat endpoint on a free port, on the test app's container. */
export async function startTestBot(app: TestApp): Promise<TestBot> {
  const connection: Redis = bullConnection(app.container.config.redisUrl);
  const running = await startBot(app.container, connection, { chatPort: 0 });
  const url = running.chat!.url;
  const post: TestBot['post'] = async (body) => {
    const res = await fetch(`${url}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Awaited<ReturnType<TestBot['post']>>['body'] };
  };
  return {
    running,
    url,
    post,
    async say(contact, text, room) {
      const res = await post({ from: { id: contact.id, name: contact.name ?? contact.id }, text, ...(room ? { room: { topic: room.id, ...room } } : {}) });
      if (res.status !== 200) throw new Error(`POST /chat answered ${res.status}: ${JSON.stringify(res.body)}`);
      return (res.body.replies ?? []).map((r) => ('text' in r ? r.text : `[file] ${r.file.name}`));
    },
    async inbox(contactId, after = 0) {
      const res = await fetch(`${url}/inbox?contact=${encodeURIComponent(contactId)}&after=${after}`);
      if (res.status !== 200) throw new Error(`GET /inbox answered ${res.status}`);
      return ((await res.json()) as { messages: InboxMessage[] }).messages;
    },
    async close() {
      await running.stop();
      connection.disconnect();
    },
  };
}
