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
  app = await startTestApp();
  other = await startApiProcess(app);
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

  it('limits how fast a member asks, and refuses bad messages with a reason', async () => {
    const eager = await learner();
    const client = await connect(other.baseUrl, eager.token);
    try {
      for (let i = 0; i < 6; i++) client.send({ type: 'ask', text: `问题 ${i}` });
      const limited = await client.next('error', (m) => m.code === 'RATE_LIMITED');
      expect(limited.retry_after).toBeGreaterThan(0);
      expect(client.messages.filter((m) => m.type === 'question' && m.question.text.startsWith('问题 '))).toHaveLength(5);
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
    expectError(
      await app.request('POST', `/api/creator/courses/${course.id}/live-sessions`, { token: creator.token, body: { title: 't', starts_at: new Date().toISOString(), duration_min: 30 } }),
      400,
      'VALIDATION_ERROR',
      'hls_url',
    );
  });
});
