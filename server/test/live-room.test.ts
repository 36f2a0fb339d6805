import WebSocket from 'ws';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { expectError } from './support/expect-error';
import { buildCourse, enroll, eventually, publishCourse, registerAdmin, registerCreator, registerUser, type Account, type BuiltCourse } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

interface RoomQuestion {
  id: number;
  asker_name: string;
  text: string;
  upvotes: number;
  answered: boolean;
}
type RoomMessage =
  | { type: 'snapshot'; questions: RoomQuestion[]; you: { moderator: boolean }; session: { id: number; hls_url: string | null } }
  | { type: 'question'; question: RoomQuestion }
  | { type: 'upvoted'; question_id: number; upvotes: number }
  | { type: 'answered'; question_id: number }
  | { type: 'error'; code: string; message: string; retry_after?: number };

/** A room client that keeps every message it receives. */
interface Client {
  ws: WebSocket;
  messages: RoomMessage[];
  send(message: unknown): void;
  next<T extends RoomMessage['type']>(type: T, where?: (m: Extract<RoomMessage, { type: T }>) => boolean): Promise<Extract<RoomMessage, { type: T }>>;
  close(): Promise<void>;
}

let app: TestApp;
let other: ApiProcess;
let creator: Account;
let course: BuiltCourse;
let sessionId: number;

beforeAll(async () => {
  // A lower question limit than the default 5, to see the room take it from the configuration.
  // Access re-checked every second here (a minute by default), to see a silent learner let go.
  app = await startTestApp({ LIVE_ASK_PER_MINUTE: '3', LIVE_ACCESS_RECHECK_S: '1' });
  other = await startApiProcess(app, { LIVE_ACCESS_RECHECK_S: '1' });
  let admin: Account;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  course = await buildCourse(app, creator);
  await publishCourse(app, creator, admin, course.id);
  const session = await app.request<{ id: number }>('POST', `/api/creator/courses/${course.id}/live-sessions`, {
    token: creator.token,
    body: { title: '答疑直播', starts_at: new Date(Date.now() + 3600_000).toISOString(), duration_min: 60, hls_url: 'https://live.example.com/s/1.m3u8' },
  });
  expect(session.status).toBe(201);
  sessionId = session.body.id;
}, 90_000);
afterAll(async () => {
  await other.stop();
  await app.close();
});

function wsUrl(baseUrl: string, token: string, id = sessionId): string {
  return `${baseUrl.replace(/^http/, 'ws')}/api/live-sessions/${id}/room?token=${encodeURIComponent(token)}`;
}

async function connect(baseUrl: string, token: string): Promise<Client> {
  const ws = new WebSocket(wsUrl(baseUrl, token));
  const messages: RoomMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as RoomMessage));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  await eventually(async () => messages.some((m) => m.type === 'snapshot'));
  return {
    ws,
    messages,
    send: (message) => ws.send(JSON.stringify(message)),
    next: (type, where = () => true) =>
      eventually(async () => messages.find((m): m is Extract<RoomMessage, { type: typeof type }> => m.type === type && where(m as never))),
    close: () =>
      new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}

/** The HTTP status a refused upgrade answers with. */
function refusedWith(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => reject(new Error('the room let this client in')));
    ws.once('error', () => undefined);
  });
}

async function learner(): Promise<Account> {
  const account = await registerUser(app, { display_name: `学员${Math.floor(Math.random() * 1000)}` });
  await enroll(app, account.user.id, course.id);
  return account;
}

describe('the live Q&A room across two API processes', () => {
  it('brings a question asked through one process to a client connected to the other, with upvotes and answers', async () => {
    const [asker, watcher] = [await learner(), await learner()];
    const onOther = await connect(other.baseUrl, asker.token);
    const onThis = await connect(app.baseUrl, watcher.token);
    const teacher = await connect(app.baseUrl, creator.token);
    try {
      expect(onThis.messages[0]).toMatchObject({ type: 'snapshot', you: { moderator: false }, session: { id: sessionId, hls_url: 'https://live.example.com/s/1.m3u8' } });
      expect(teacher.messages[0]).toMatchObject({ type: 'snapshot', you: { moderator: true } });

      onOther.send({ type: 'ask', text: '第三章的例子能再讲一遍吗？' });
      const arrived = await onThis.next('question', (m) => m.question.text === '第三章的例子能再讲一遍吗？');
      expect(arrived.question).toMatchObject({ upvotes: 0, answered: false });
      const id = arrived.question.id;

      onThis.send({ type: 'upvote', question_id: id });
      onThis.send({ type: 'upvote', question_id: id });
      expect((await onOther.next('upvoted', (m) => m.question_id === id)).upvotes).toBe(1);

      // Only the creator marks answered.
      onOther.send({ type: 'answer', question_id: id });
      expect(await onOther.next('error')).toMatchObject({ code: 'NOT_MODERATOR' });
      teacher.send({ type: 'answer', question_id: id });
      await onOther.next('answered', (m) => m.question_id === id);
      await onThis.next('answered', (m) => m.question_id === id);

      const page = await app.request<RoomQuestion[]>('GET', `/api/live-sessions/${sessionId}/questions`, { token: watcher.token });
      expect(page.body.find((q) => q.id === id)).toMatchObject({ upvotes: 1, answered: true });
    } finally {
      await Promise.all([onOther.close(), onThis.close(), teacher.close()]);
    }
  });

  it('loses nothing across a reconnect: the room comes back whole', async () => {
    const [away, present] = [await learner(), await learner()];
    const first = await connect(app.baseUrl, away.token);
    await first.close();
    const asking = await connect(other.baseUrl, present.token);
    asking.send({ type: 'ask', text: '断线期间的问题' });
    await asking.next('question', (m) => m.question.text === '断线期间的问题');
    await asking.close();

    const back = await connect(app.baseUrl, away.token);
    const snapshot = back.messages[0] as Extract<RoomMessage, { type: 'snapshot' }>;
    expect(snapshot.questions.map((q) => q.text)).toContain('断线期间的问题');
    await back.close();
  });

  it('limits how fast a member asks (LIVE_ASK_PER_MINUTE), and refuses bad messages with a reason', async () => {
    const eager = await learner();
    const client = await connect(app.baseUrl, eager.token);
    try {
      for (let i = 0; i < 4; i++) client.send({ type: 'ask', text: `问题 ${i}` });
      const limited = await client.next('error', (m) => m.code === 'RATE_LIMITED');
      expect(limited.retry_after).toBeGreaterThan(0);
      expect(client.messages.filter((m) => m.type === 'question' && m.question.text.startsWith('问题 '))).toHaveLength(3);
      client.send({ type: 'ask', text: '' });
      expect((await client.next('error', (m) => m.code === 'VALIDATION_ERROR')).message).toMatch(/text/);
    } finally {
      await client.close();
    }
  });

  it('keeps the recording as a lesson of the course, and the Q&A as a page, after the session', async () => {
    const attached = await app.request<{ recording_lesson_id: number | null }>('PUT', `/api/creator/live-sessions/${sessionId}/recording`, {
      token: creator.token,
      body: { lesson: course.paidLessonId },
    });
    expect(attached.status).toBe(200);
    const listed = await app.request<Array<{ id: number; recording_lesson_id: number | null }>>('GET', `/api/courses/${course.id}/live-sessions`);
    expect(listed.body.find((s) => s.id === sessionId)?.recording_lesson_id).toBe(course.paidLessonId);
    const elsewhere = await buildCourse(app, creator);
    expectError(
      await app.request('PUT', `/api/creator/live-sessions/${sessionId}/recording`, { token: creator.token, body: { lesson: elsewhere.paidLessonId } }),
      400,
      'VALIDATION_ERROR',
      'lesson',
    );
    const reader = await learner();
    const page = await app.request<unknown[]>('GET', `/api/live-sessions/${sessionId}/questions`, { token: reader.token });
    expect(page.body.length).toBeGreaterThan(0);
  });

  it('lets in only enrolled learners and the creator, with a valid token, to a session that exists', async () => {
    const stranger = await registerUser(app);
    expect(await refusedWith(wsUrl(app.baseUrl, stranger.token))).toBe(403);
    expect(await refusedWith(wsUrl(other.baseUrl, 'not-a-token'))).toBe(401);
    expect(await refusedWith(wsUrl(app.baseUrl, creator.token, 999999))).toBe(404);
    expectError(await app.request('GET', `/api/live-sessions/${sessionId}/questions`, { token: stranger.token }), 403, 'NOT_ENROLLED');
  });
});

describe("a learner whose access ends while connected", () => {
  it('is let go at their next message: refused, disconnected, and nothing they sent reaches the room', async () => {
    const refunded = await learner();
    const client = await connect(app.baseUrl, refunded.token);
    client.send({ type: 'ask', text: '退款前的问题' });
    await client.next('question', (m) => m.question.text === '退款前的问题');

    // What a refund does to the learner's access (RefundService revokes the enrollment).
    await app.container.dataSource.transaction((m) => app.container.enrollments.revoke(m, { userId: refunded.user.id, courseId: course.id }));
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    client.send({ type: 'ask', text: '退款后的问题' });
    expect(await client.next('error')).toMatchObject({ code: 'NOT_ENROLLED' });
    expect(await closed).toBe(4403);

    const page = await app.request<RoomQuestion[]>('GET', `/api/live-sessions/${sessionId}/questions`, { token: creator.token });
    expect(page.body.map((q) => q.text)).toContain('退款前的问题');
    expect(page.body.map((q) => q.text)).not.toContain('退款后的问题');
    expect(await refusedWith(wsUrl(other.baseUrl, refunded.token))).toBe(403);
  });
});

describe('a learner whose access ends while connected and silent', () => {
  it('is let go by the next access re-check, on whichever process holds the socket', async () => {
    const silent = await learner();
    const client = await connect(other.baseUrl, silent.token);
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    await app.container.dataSource.transaction((m) => app.container.enrollments.revoke(m, { userId: silent.user.id, courseId: course.id }));
    expect(await closed).toBe(4403);
    expect(client.messages.find((m) => m.type === 'error')).toMatchObject({ code: 'NOT_ENROLLED' });
  });

  it('stays while the access lasts: the creator and an enrolled learner are not let go', async () => {
    const stays = await learner();
    const [member, moderator] = await Promise.all([connect(app.baseUrl, stays.token), connect(app.baseUrl, creator.token)]);
    // Three re-check rounds go by.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect([member.ws.readyState, moderator.ws.readyState]).toEqual([WebSocket.OPEN, WebSocket.OPEN]);
    await Promise.all([member.close(), moderator.close()]);
  });
});

describe("a session's stream settings", () => {
  interface Session {
    id: number;
    title: string;
    wechat_live_room_id: string | null;
    hls_url: string | null;
  }
  const create = (body: Record<string, unknown>) =>
    app.request<Session>('POST', `/api/creator/courses/${course.id}/live-sessions`, {
      token: creator.token,
      body: { title: '设置直播流', starts_at: '2099-01-01T12:00:00+08:00', duration_min: 30, ...body },
    });
  const patch = (id: number, body: unknown, token = creator.token) => app.request<Session>('PATCH', `/api/creator/live-sessions/${id}`, { token, body });

  it('are both optional, and the creator sets, changes and removes each', async () => {
    const bare = await create({});
    expect(bare.status).toBe(201);
    expect(bare.body).toMatchObject({ wechat_live_room_id: null, hls_url: null });

    const set = await patch(bare.body.id, { wechat_live_room_id: '10086', hls_url: 'https://live.example.com/a/index.m3u8' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ title: '设置直播流', wechat_live_room_id: '10086', hls_url: 'https://live.example.com/a/index.m3u8' });
    const cleared = await patch(bare.body.id, { wechat_live_room_id: null, title: '只有 HLS' });
    expect(cleared.body).toMatchObject({ title: '只有 HLS', wechat_live_room_id: null, hls_url: 'https://live.example.com/a/index.m3u8' });
    const listed = await app.request<Session[]>('GET', `/api/courses/${course.id}/live-sessions`);
    expect(listed.body.find((s) => s.id === bare.body.id)).toMatchObject({ wechat_live_room_id: null, hls_url: 'https://live.example.com/a/index.m3u8' });

    const numeric = await create({ wechat_live_room_id: 42 });
    expect(numeric.body.wechat_live_room_id).toBe('42');
  });

  it('refuse a stream that is not one: http, not a URL, a room id that is not digits', async () => {
    expectError(await create({ hls_url: 'http://live.example.com/a.m3u8' }), 400, 'VALIDATION_ERROR', 'hls_url');
    expectError(await create({ hls_url: 'rtmp://live.example.com/a' }), 400, 'VALIDATION_ERROR', 'hls_url');
    expectError(await create({ hls_url: 'live.example.com/a.m3u8' }), 400, 'VALIDATION_ERROR', 'hls_url');
    expectError(await create({ hls_url: 'https://live.example.com/a.mp4' }), 400, 'VALIDATION_ERROR', 'hls_url');
    expectError(await create({ wechat_live_room_id: 'room_1' }), 400, 'VALIDATION_ERROR', 'wechat_live_room_id');
    expectError(await create({ weapp_room_id: '1' }), 400, 'VALIDATION_ERROR');
    const session = await create({});
    expectError(await patch(session.body.id, { hls_url: 'http://x.example.com/a.m3u8' }), 400, 'VALIDATION_ERROR', 'hls_url');
    expectError(await patch(session.body.id, {}), 400, 'VALIDATION_ERROR');
    expectError(await patch(session.body.id, { title: '别人的' }, (await registerCreator(app)).token), 404, 'NOT_FOUND');
  });
});
