import { expectError } from './support/expect-error';
import { buildCourse, enroll, publishCourse, registerUser, type Account, type BuiltCourse, publishedCourseCast } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';
import type { PageBody as Page } from '../src/http/pagination';

interface Question {
  id: number;
  course: number;
  course_name: string | null;
  user: { id: number; name: string } | null;
  text: string;
  status: 'OPEN' | 'ANSWERED';
  answer: string | null;
  answered_by: { id: number; name: string } | null;
  answered_at: string | null;
  source: 'app' | 'chat';
  is_public: boolean;
  created_at: string;
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

let creator: Account;
let otherCreator: Account;
let admin: Account;
let course: BuiltCourse;

beforeAll(async () => {
  ({ creator, otherCreator, admin, course } = await publishedCourseCast(app));
});

async function enrolledLearner(courseId = course.id): Promise<Account> {
  const learner = await registerUser(app);
  await enroll(app, learner.user.id, courseId);
  return learner;
}

function ask(courseId: number, body: unknown, token?: string) {
  return app.request<Question>('POST', `/api/courses/${courseId}/questions`, { token, body });
}

function answer(questionId: number, body: unknown, token?: string) {
  return app.request<Question>('POST', `/api/questions/${questionId}/answer`, { token, body });
}

function list(courseId: number, query = '', token?: string) {
  return app.request<Page<Question>>('GET', `/api/courses/${courseId}/questions${query}`, { token });
}

async function asked(learner: Account, text: string, extra: Record<string, unknown> = {}, courseId = course.id): Promise<Question> {
  const res = await ask(courseId, { text, ...extra }, learner.token);
  expect(res.status).toBe(201);
  return res.body;
}

async function stored(id: number): Promise<{ status: string; answer: string | null }> {
  const rows: Array<{ status: string; answer: string | null }> = await app.container.dataSource.query('SELECT status, answer FROM course_questions WHERE id = ?', [id]);
  return rows[0]!;
}

async function questionCount(courseId: number): Promise<number> {
  const rows: Array<{ n: string }> = await app.container.dataSource.query('SELECT COUNT(*) AS n FROM course_questions WHERE course_id = ?', [courseId]);
  return Number(rows[0]!.n);
}

describe('who may ask', () => {
  it('answers 401 to anonymous askers', async () => {
    expectError(await ask(course.id, { text: '你好' }), 401, 'UNAUTHORIZED');
  });

  it('answers 403 NOT_ENROLLED to a learner who has not bought the course', async () => {
    const learner = await registerUser(app);
    expectError(await ask(course.id, { text: '没买能问吗' }, learner.token), 403, 'NOT_ENROLLED');
  });

  it('answers 403 OWN_COURSE to the creator', async () => {
    expectError(await ask(course.id, { text: '自问自答' }, creator.token), 403, 'OWN_COURSE');
  });

  it('answers 404 for an unknown course and for a draft the asker cannot see', async () => {
    const learner = await registerUser(app);
    expectError(await ask(99999999, { text: '不存在' }, learner.token), 404, 'NOT_FOUND');
    const draft = await buildCourse(app, creator);
    expectError(await ask(draft.id, { text: '草稿' }, learner.token), 404, 'NOT_FOUND');
    expect(await questionCount(draft.id)).toBe(0);
  });

  it('stored nothing from the refused attempts', async () => {
    expect(await questionCount(course.id)).toBe(0);
  });
});

describe('asking', () => {
  it('answers 201 with the open question of an enrolled learner, trimmed and public by default', async () => {
    const learner = await enrolledLearner();
    const res = await ask(course.id, { text: '  第二章的例子跑不起来怎么办？ ' }, learner.token);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      course: course.id,
      course_name: expect.any(String),
      user: { id: learner.user.id, name: expect.any(String) },
      text: '第二章的例子跑不起来怎么办？',
      status: 'OPEN',
      answer: null,
      answered_by: null,
      answered_at: null,
      source: 'app',
      is_public: true,
    });
    expect(Number.isNaN(Date.parse(res.body.created_at))).toBe(false);
    expect(Object.keys(res.body.user!).sort()).toEqual(['id', 'name']);
  });

  it('records questions the bot forwards as coming from chat', async () => {
    const learner = await enrolledLearner();
    const question = await app.container.questions.ask({ id: learner.user.id, role: 'learner' }, course.id, '从聊天转来的问题', 'chat');
    expect(question).toMatchObject({ source: 'chat', status: 'OPEN', userId: learner.user.id });
    expect((await app.container.questions.get(question.id)).source).toBe('chat');
  });

  it('checks text the bot passes straight to the service, as the route does', async () => {
    const learner = await enrolledLearner();
    await expect(app.container.questions.ask({ id: learner.user.id, role: 'learner' }, course.id, '   ', 'chat')).rejects.toMatchObject({ status: 400 });
    await expect(app.container.questions.ask({ id: learner.user.id, role: 'learner' }, course.id, '问'.repeat(1001), 'chat')).rejects.toMatchObject({ status: 400 });
  });
});

describe('question input', () => {
  let learner: Account;
  beforeAll(async () => {
    learner = await enrolledLearner();
  });

  it.each<[string, unknown]>([
    ['empty', ''],
    ['blank', '   '],
    ['1001 characters', '问'.repeat(1001)],
    ['a number', 5],
    ['missing', undefined],
  ])('refuses %s text with 400 naming text', async (_label, text) => {
    expectError(await ask(course.id, { text }, learner.token), 400, 'VALIDATION_ERROR', 'text');
  });

  it('refuses a non-boolean is_public and unknown fields such as status or user', async () => {
    expectError(await ask(course.id, { text: '好', is_public: 'yes' }, learner.token), 400, 'VALIDATION_ERROR', 'is_public');
    expectError(await ask(course.id, { text: '好', status: 'ANSWERED' }, learner.token), 400, 'VALIDATION_ERROR', 'status');
    expectError(await ask(course.id, { text: '好', user: 1 }, learner.token), 400, 'VALIDATION_ERROR', 'user');
  });

  it('refuses a malformed course id with 400 naming id', async () => {
    expectError(await ask(0, { text: '好' }, learner.token), 400, 'VALIDATION_ERROR', 'id');
    expectError(await app.request('GET', '/api/courses/abc/questions'), 400, 'VALIDATION_ERROR', 'id');
  });

  it('takes exactly 1000 characters', async () => {
    const res = await ask(course.id, { text: '问'.repeat(1000) }, learner.token);
    expect(res.status).toBe(201);
    expect(res.body.text).toHaveLength(1000);
  });
});

describe('listing and visibility', () => {
  let other: BuiltCourse;
  let asker: Account;
  let bystander: Account;
  let open: Question;
  let secret: Question;
  let answered: Question;

  beforeAll(async () => {
    other = await buildCourse(app, creator);
    await publishCourse(app, creator, admin, other.id);
    [asker, bystander] = await Promise.all([enrolledLearner(other.id), enrolledLearner(other.id)]);
    open = await asked(asker, '第一个问题', {}, other.id);
    secret = await asked(asker, '只想让老师看到', { is_public: false }, other.id);
    answered = await asked(bystander, '第三个问题', {}, other.id);
    expect((await answer(answered.id, { answer: '看第三章' }, creator.token)).status).toBe(200);
  });

  const ids = (page: Page<Question>) => page.results.map((q) => q.id);

  it('shows anonymous visitors the public questions, newest first', async () => {
    const res = await list(other.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 2, next: null, previous: null });
    expect(ids(res.body)).toEqual([answered.id, open.id]);
  });

  it('shows a private question to its asker and the creator, never to other learners', async () => {
    expect(ids((await list(other.id, '', asker.token)).body)).toEqual([answered.id, secret.id, open.id]);
    expect(ids((await list(other.id, '', creator.token)).body)).toEqual([answered.id, secret.id, open.id]);
    expect(ids((await list(other.id, '', admin.token)).body)).toContain(secret.id);
    expect(ids((await list(other.id, '', bystander.token)).body)).toEqual([answered.id, open.id]);
    expect(ids((await list(other.id, '', otherCreator.token)).body)).not.toContain(secret.id);
  });

  it('filters by status and by mine=true', async () => {
    expect(ids((await list(other.id, '?status=ANSWERED')).body)).toEqual([answered.id]);
    expect(ids((await list(other.id, '?status=OPEN', creator.token)).body)).toEqual([secret.id, open.id]);
    expect(ids((await list(other.id, '?mine=true', asker.token)).body)).toEqual([secret.id, open.id]);
    expect(ids((await list(other.id, '?mine=true&status=ANSWERED', bystander.token)).body)).toEqual([answered.id]);
    expect(ids((await list(other.id, '?mine=false', bystander.token)).body)).toEqual([answered.id, open.id]);
  });

  it('answers 401 to mine=true without signing in, and 400 for bad filters naming them', async () => {
    expectError(await list(other.id, '?mine=true'), 401, 'UNAUTHORIZED');
    expectError(await list(other.id, '?mine=yes'), 400, 'VALIDATION_ERROR', 'mine');
    expectError(await list(other.id, '?status=CLOSED'), 400, 'VALIDATION_ERROR', 'status');
    expectError(await list(other.id, '?page_size=101'), 400, 'VALIDATION_ERROR', 'page_size');
  });

  it('pages with count, next and previous', async () => {
    const first = await list(other.id, '?page_size=1', creator.token);
    expect(first.body).toMatchObject({ count: 3, previous: null });
    expect(ids(first.body)).toEqual([answered.id]);
    const next = new URL(first.body.next!, app.baseUrl);
    expect(Object.fromEntries(next.searchParams)).toEqual({ page: '2', page_size: '1' });
    const second = await app.request<Page<Question>>('GET', `${next.pathname}${next.search}`, { token: creator.token });
    expect(ids(second.body)).toEqual([secret.id]);
    expect(second.body.previous).not.toBeNull();
  });

  it('shows the answer and who gave it', async () => {
    const item = (await list(other.id)).body.results.find((q) => q.id === answered.id)!;
    expect(item).toMatchObject({ status: 'ANSWERED', answer: '看第三章', answered_by: { id: creator.user.id } });
    expect(Number.isNaN(Date.parse(item.answered_at!))).toBe(false);
  });

  it('answers 404 to the public once the course is unlisted, but not to its learners', async () => {
    expect((await app.request('POST', `/api/creator/courses/${other.id}/unlist`, { token: creator.token })).status).toBe(200);
    expectError(await list(other.id), 404, 'NOT_FOUND');
    expectError(await list(other.id, '', (await registerUser(app)).token), 404, 'NOT_FOUND');
    expect((await list(other.id, '', asker.token)).body.count).toBe(3);
    expect((await ask(other.id, { text: '下架后还能问吗' }, asker.token)).status).toBe(201);
  });
});

describe('answering', () => {
  let learner: Account;
  let question: Question;

  beforeAll(async () => {
    learner = await enrolledLearner();
    question = await asked(learner, '需要什么基础？');
  });

  it('answers 404 to anyone but the creator and admins: the asker, other learners, other creators', async () => {
    for (const account of [learner, await registerUser(app), otherCreator]) {
      expectError(await answer(question.id, { answer: '我来答' }, account.token), 404, 'NOT_FOUND');
    }
    expectError(await answer(question.id, { answer: '匿名' }), 401, 'UNAUTHORIZED');
    expect(await stored(question.id)).toEqual({ status: 'OPEN', answer: null });
  });

  it('answers 404 for an unknown question', async () => {
    expectError(await answer(99999999, { answer: '无' }, creator.token), 404, 'NOT_FOUND');
  });

  it('refuses an empty or missing answer with 400 naming answer', async () => {
    expectError(await answer(question.id, { answer: '  ' }, creator.token), 400, 'VALIDATION_ERROR', 'answer');
    expectError(await answer(question.id, {}, creator.token), 400, 'VALIDATION_ERROR', 'answer');
    expectError(await answer(question.id, { answer: '好', text: 'x' }, creator.token), 400, 'VALIDATION_ERROR', 'text');
  });

  it("lets the course's creator answer", async () => {
    const res = await answer(question.id, { answer: '会一点 Python 就行' }, creator.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: question.id, status: 'ANSWERED', answer: '会一点 Python 就行', answered_by: { id: creator.user.id } });
  });

  it('lets an answer be replaced, by the creator or an admin', async () => {
    expect((await answer(question.id, { answer: '零基础也可以' }, creator.token)).body.answer).toBe('零基础也可以');
    const res = await answer(question.id, { answer: '平台补充：零基础也可以' }, admin.token);
    expect(res.body).toMatchObject({ status: 'ANSWERED', answer: '平台补充：零基础也可以', answered_by: { id: admin.user.id } });
    expect(await stored(question.id)).toEqual({ status: 'ANSWERED', answer: '平台补充：零基础也可以' });
  });
});

describe("the creator's open questions", () => {
  it('lists open questions on my courses only, oldest first', async () => {
    const mine = await buildCourse(app, otherCreator);
    await publishCourse(app, otherCreator, admin, mine.id);
    const learner = await enrolledLearner(mine.id);
    const first = await asked(learner, '第一问', {}, mine.id);
    const second = await asked(learner, '第二问', { is_public: false }, mine.id);
    const done = await asked(learner, '第三问', {}, mine.id);
    await answer(done.id, { answer: '答' }, otherCreator.token);

    const res = await app.request<Page<Question>>('GET', '/api/creator/questions', { token: otherCreator.token });
    expect(res.status).toBe(200);
    expect(res.body.results.map((q) => q.id)).toEqual([first.id, second.id]);
    expect(res.body.results[0]).toMatchObject({ course: mine.id, course_name: expect.any(String), user: { id: learner.user.id } });

    const theirs = await app.request<Page<Question>>('GET', '/api/creator/questions?page_size=100', { token: creator.token });
    expect(theirs.body.results.map((q) => q.id)).not.toContain(first.id);
    expect(theirs.body.results.every((q) => q.status === 'OPEN')).toBe(true);
  });

  it('is for creators: 403 for learners, 401 for anonymous', async () => {
    expectError(await app.request('GET', '/api/creator/questions', { token: (await registerUser(app)).token }), 403, 'ROLE_REQUIRED');
    expectError(await app.request('GET', '/api/creator/questions'), 401, 'UNAUTHORIZED');
  });
});

describe('the API description', () => {
  it('documents the Q&A, FAQ and chat binding routes with their parameters', async () => {
    const res = await app.request<{ paths: Record<string, Record<string, { parameters?: Array<{ name: string }>; requestBody?: unknown }>> }>('GET', '/api/openapi.json');
    const { paths } = res.body;
    expect(paths['/api/courses/{id}/questions']?.get?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['id', 'page', 'page_size', 'status', 'mine']));
    expect(paths['/api/courses/{id}/questions']?.post?.requestBody).toBeDefined();
    expect(paths['/api/questions/{id}/answer']?.post?.requestBody).toBeDefined();
    expect(paths['/api/creator/questions']?.get).toBeDefined();
    expect(paths['/api/courses/{id}/faq']?.get).toBeDefined();
    expect(paths['/api/creator/courses/{id}/faq']?.post?.requestBody).toBeDefined();
    expect(Object.keys(paths['/api/creator/faq/{id}'] ?? {}).sort()).toEqual(['delete', 'patch']);
    expect(paths['/api/me/chat-binding-code']?.post).toBeDefined();
    expect(Object.keys(paths['/api/me/chat-binding'] ?? {}).sort()).toEqual(['delete', 'get']);
  });
});
