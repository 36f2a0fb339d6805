import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import Redis from 'ioredis';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { z } from 'zod';
import type { Container } from '../container';
import type { LiveSession } from '../domain/live/live-session.entity';
import type { RoomEvent, RoomMember } from '../domain/live/live-session.service';
import { AppError, ForbiddenError, RateLimitedError, UnauthorizedError } from '../errors';
import { RateLimiter } from '../shared/rate-limiter';
import { serializeLiveSession, serializeRoomEvent, serializeRoomQuestion } from './serializers/live.serializer';

const ROOM_PATH = /^\/api\/live-sessions\/([1-9]\d{0,9})\/room\/?$/;
const HEARTBEAT_MS = 30_000;
/** The close code telling a client its access to the course ended (a refund): do not reconnect. */
export const CLOSE_ACCESS_ENDED = 4403;

const clientMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ask'), text: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters') }),
  z.strictObject({ type: z.literal('upvote'), question_id: z.number().int().positive() }),
  z.strictObject({ type: z.literal('answer'), question_id: z.number().int().positive() }),
]);

export interface LiveRooms {
  close(): Promise<void>;
}

/** Answers a refused upgrade in the contract's error shape, then closes the socket. */
function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(`HTTP/1.1 ${status} ${code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * The live Q&A rooms: WebSockets at /api/live-sessions/{id}/room?token=<jwt> on the API's own HTTP
 * server. A member's action is written to MySQL, then published on Redis; every API process
 * subscribes and passes the event to its own clients, so members connected to different processes
 * see the same room. A (re)connecting client first gets the room's whole state, so nothing is lost
 * while it was away.
 */
export function attachLiveRooms(http: Server, container: Container): LiveRooms {
  const { config, logger: rootLogger } = container;
  const log = rootLogger.child({ module: 'live-rooms' });
  const channel = `${config.redisPrefix}:live-rooms`;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 });
  const rooms = new Map<number, Set<WebSocket>>();
  const askLimit = new RateLimiter(container.redis, `${config.redisPrefix}:live-ask`, config.liveRooms.askPerMinute, 60);
  const voteLimit = new RateLimiter(container.redis, `${config.redisPrefix}:live-vote`, config.liveRooms.upvotesPerMinute, 60);
  const alive = new WeakSet<WebSocket>();
  /** Who is behind each open socket, for the access re-check of members who stay silent. */
  const members = new Map<WebSocket, { session: LiveSession; member: RoomMember }>();

  const subscriber = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  subscriber.on('error', (err) => log.warn({ err: err.message }, 'live rooms subscriber connection problem'));
  const subscribed = subscriber.subscribe(channel).catch((err: Error) => log.error({ err: err.message }, 'could not subscribe to live rooms'));
  subscriber.on('message', (_channel: string, message: string) => {
    const { sessionId, event } = JSON.parse(message) as { sessionId: number; event: unknown };
    const text = JSON.stringify(event);
    for (const ws of rooms.get(sessionId) ?? []) if (ws.readyState === WebSocket.OPEN) ws.send(text);
  });

  const publish = (sessionId: number, event: RoomEvent) => container.redis.publish(channel, JSON.stringify({ sessionId, event: serializeRoomEvent(event) }));

  /** Tells a member whose access ended, and closes their socket with the code that stops reconnects. */
  function letGo(ws: WebSocket): void {
    const ended = new ForbiddenError('your access to this course has ended', 'NOT_ENROLLED');
    ws.send(JSON.stringify({ type: 'error', code: ended.code, message: ended.message }));
    ws.close(CLOSE_ACCESS_ENDED, ended.code);
  }

  async function handle(ws: WebSocket, session: LiveSession, member: RoomMember, data: RawData): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      ws.send(JSON.stringify({ type: 'error', code: 'VALIDATION_ERROR', message: 'messages are JSON' }));
      return;
    }
    const parsed = clientMessage.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      ws.send(JSON.stringify({ type: 'error', code: 'VALIDATION_ERROR', message: `${issue.path.join('.') || 'message'}: ${issue.message}` }));
      return;
    }
    const message = parsed.data;
    const key = `${session.id}:${member.userId}`;
    try {
      // Access is checked at every message, not only at connect: a learner refunded while connected is let go.
      if (!(await container.live.mayStay(session, member))) return letGo(ws);
      let event: RoomEvent;
      if (message.type === 'ask') {
        await askLimit.consume(key);
        event = await container.live.ask(member, session.id, message.text);
      } else if (message.type === 'upvote') {
        await voteLimit.consume(key);
        event = await container.live.upvote(member, session.id, message.question_id);
      } else {
        event = await container.live.markAnswered(member, session.id, message.question_id);
      }
      await publish(session.id, event);
    } catch (err) {
      if (err instanceof AppError) {
        ws.send(JSON.stringify({ type: 'error', code: err.code, message: err.message, ...(err instanceof RateLimitedError ? { retry_after: err.retryAfterSeconds } : {}) }));
        return;
      }
      log.error({ err, sessionId: session.id }, 'live room message failed');
      ws.send(JSON.stringify({ type: 'error', code: 'INTERNAL', message: 'something went wrong; try again' }));
    }
  }

  async function admit(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = ROOM_PATH.exec(url.pathname);
    if (!match) return refuse(socket, 404, 'NOT_FOUND', `no WebSocket at ${url.pathname}`);
    const bearer = /^Bearer ([A-Za-z0-9._-]+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? url.searchParams.get('token');
    try {
      if (!token) throw new UnauthorizedError();
      const claims = await container.tokens.verify(token);
      const user = await container.users.findById(claims.userId);
      if (!user) throw new UnauthorizedError('the account behind this token no longer exists', 'TOKEN_INVALID');
      const { session, member } = await container.live.enter(Number(match[1]), { id: user.id, role: user.role });
      const questions = await container.live.questions(session.id);
      wss.handleUpgrade(req, socket, head, (ws) => {
        let room = rooms.get(session.id);
        if (!room) rooms.set(session.id, (room = new Set()));
        room.add(ws);
        alive.add(ws);
        members.set(ws, { session, member });
        ws.on('pong', () => alive.add(ws));
        ws.on('close', () => {
          members.delete(ws);
          room.delete(ws);
          if (!room.size) rooms.delete(session.id);
        });
        ws.on('error', () => ws.terminate());
        ws.on('message', (data) => void handle(ws, session, member, data));
        ws.send(JSON.stringify({ type: 'snapshot', session: serializeLiveSession(session), you: { name: member.name, moderator: member.moderator }, questions: questions.map(serializeRoomQuestion) }));
      });
    } catch (err) {
      if (err instanceof AppError) return refuse(socket, err.status, err.code, err.message);
      log.error({ err }, 'live room upgrade failed');
      refuse(socket, 500, 'INTERNAL', 'something went wrong');
    }
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    void admit(req, socket, head);
  }
  http.on('upgrade', onUpgrade);

  // Connections that stopped answering pings (a phone that lost its network) are dropped.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  // A refund or the end of a membership takes access away from learners who may never post again:
  // each process looks at its own connected learners now and then, one at a time.
  let rechecking = false;
  const recheck = setInterval(() => {
    if (rechecking) return;
    rechecking = true;
    void (async () => {
      for (const [ws, { session, member }] of [...members]) {
        if (member.moderator || ws.readyState !== WebSocket.OPEN) continue;
        try {
          if (!(await container.live.mayStay(session, member))) letGo(ws);
        } catch (err) {
          log.warn({ err, sessionId: session.id }, 'live room access re-check failed; trying again next round');
        }
      }
    })().finally(() => (rechecking = false));
  }, config.liveRooms.accessRecheckSeconds * 1000);
  recheck.unref();

  return {
    async close() {
      clearInterval(heartbeat);
      clearInterval(recheck);
      http.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(1001, 'server going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await subscribed;
      subscriber.disconnect();
    },
  };
}
