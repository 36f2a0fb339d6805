import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@knowpay/server';
import type { DeliveryLog } from '../outbox/delivery-log';
import { parseChatInput, type FieldProblem } from './chat-input';
import type { MockChat } from './mock-chat';

const BODY_LIMIT = 64 * 1024;

export interface ChatServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

class HttpProblem extends Error {
  override name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function invalid(problems: FieldProblem[]): HttpProblem {
  return new HttpProblem(400, 'VALIDATION_ERROR', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { fields: problems });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new HttpProblem(413, 'PAYLOAD_TOO_LARGE', `the body may be at most ${BODY_LIMIT} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) throw invalid([{ field: 'body', message: 'required: a JSON object' }]);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'INVALID_JSON', 'the body is not valid JSON');
  }
}

/**
 * The mock puppet's door for people and tests (DESIGN: "The bot's local chat endpoint"):
 * POST /chat → the bot's replies to that message; GET /inbox?contact=&after= → what the bot sent that
 * contact on its own; GET /healthz. Plain node:http: the bot never depends on the API's web stack.
 */
export async function startChatServer(options: { host: string; port: number; chat: MockChat; deliveries: DeliveryLog; logger: Logger }): Promise<ChatServer> {
  const log = options.logger.child({ module: 'chat-endpoint' });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/chat') {
      if (req.method !== 'POST') throw new HttpProblem(405, 'METHOD_NOT_ALLOWED', 'use POST /chat');
      const input = parseChatInput(await readJson(req));
      if (!input.ok) throw invalid(input.problems);
      const replies = await options.chat.send(input.value);
      return send(res, 200, { replies });
    }
    if (path === '/inbox') {
      if (req.method !== 'GET') throw new HttpProblem(405, 'METHOD_NOT_ALLOWED', 'use GET /inbox?contact=');
      const contact = url.searchParams.get('contact');
      const after = url.searchParams.get('after') ?? '0';
      const problems: FieldProblem[] = [];
      if (!contact) problems.push({ field: 'contact', message: 'required: the contact id' });
      if (!/^\d+$/.test(after)) problems.push({ field: 'after', message: 'must be a non-negative integer' });
      if (problems.length) throw invalid(problems);
      const messages = options.deliveries.forContact(contact!, Number(after)).map(({ seq, at, jobId: _jobId, contactId: _contactId, ...content }) => ({ seq, at: at.toISOString(), ...content }));
      return send(res, 200, { messages });
    }
    if (path === '/healthz' && req.method === 'GET') return send(res, 200, { status: 'ok' });
    throw new HttpProblem(404, 'NOT_FOUND', `no route for ${req.method} ${path}`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (err instanceof HttpProblem) return send(res, err.status, { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
      log.error({ err }, 'chat endpoint failed');
      send(res, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections of idle clients must not hold a shutdown up.
        server.closeIdleConnections();
      }),
  };
}
