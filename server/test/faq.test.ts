import { MAX_FAQ_PER_COURSE } from '../src/domain/qa/faq.service';
import { expectError } from './support/expect-error';
import { buildCourse, registerUser, type Account, type BuiltCourse, publishedCourseCast } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';
import type { PageBody as Page } from '../src/http/pagination';

interface Faq {
  id: number;
  course: number;
  question: string;
  answer: string;
  position: number;
  created_at: string;
  updated_at: string;
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

let creator: Account;
let otherCreator: Account;
let course: BuiltCourse;

beforeAll(async () => {
  ({ creator, otherCreator, course } = await publishedCourseCast(app));
});

function add(courseId: number, body: unknown, token?: string) {
  return app.request<Faq>('POST', `/api/creator/courses/${courseId}/faq`, { token, body });
}

async function added(body: Record<string, unknown>, courseId = course.id): Promise<Faq> {
  const res = await add(courseId, body, creator.token);
  expect(res.status).toBe(201);
  return res.body;
}

function list(courseId: number, token?: string, query = '') {
  return app.request<Page<Faq>>('GET', `/api/courses/${courseId}/faq${query}`, { token });
}

async function stored(id: number): Promise<{ question: string; answer: string } | undefined> {
  const rows: Array<{ question: string; answer: string }> = await app.container.dataSource.query('SELECT question, answer FROM faq_entries WHERE id = ?', [id]);
  return rows[0];
}

describe('writing the FAQ', () => {
  it('answers 201 with the entry, placed at the end unless a position is given', async () => {
    const res = await add(course.id, { question: '  需要什么基础？ ', answer: '会用电脑就行。' }, creator.token);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ course: course.id, question: '需要什么基础？', answer: '会用电脑就行。', position: 0 });
    expect(Number.isNaN(Date.parse(res.body.created_at))).toBe(false);
    expect((await added({ question: '有效期多久？', answer: '永久有效。' })).position).toBe(1);
    expect((await added({ question: '能开发票吗？', answer: '暂不支持。', position: 0 })).position).toBe(0);
  });

  it('answers 404 to other creators, 403 to learners and 401 to anonymous callers', async () => {
    expectError(await add(course.id, { question: '我来加', answer: '不行' }, otherCreator.token), 404, 'NOT_FOUND');
    expectError(await add(course.id, { question: '我来加', answer: '不行' }, (await registerUser(app)).token), 403, 'ROLE_REQUIRED');
    expectError(await add(course.id, { question: '我来加', answer: '不行' }), 401, 'UNAUTHORIZED');
    expectError(await add(99999999, { question: '无', answer: '无' }, creator.token), 404, 'NOT_FOUND');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an empty question', { question: ' ', answer: '答' }, 'question'],
    ['a 201-character question', { question: '问'.repeat(201), answer: '答' }, 'question'],
    ['a missing answer', { question: '问' }, 'answer'],
    ['a 5001-character answer', { question: '问', answer: '答'.repeat(5001) }, 'answer'],
    ['a negative position', { question: '问', answer: '答', position: -1 }, 'position'],
    ['a fractional position', { question: '问', answer: '答', position: 1.5 }, 'position'],
    ['an unknown field', { question: '问', answer: '答', course: 1 }, 'course'],
  ])('refuses %s with 400 naming the field', async (_label, body, field) => {
    expectError(await add(course.id, body, creator.token), 400, 'VALIDATION_ERROR', field);
  });

  it(`refuses more than ${MAX_FAQ_PER_COURSE} entries per course with 409 FAQ_LIMIT`, async () => {
    const full = await buildCourse(app, creator);
    const values = Array.from({ length: MAX_FAQ_PER_COURSE }, (_, i) => `(${full.id}, 'q${i}', 'a', ${i})`).join(', ');
    await app.container.dataSource.query(`INSERT INTO faq_entries (course_id, question, answer, position) VALUES ${values}`);
    expectError(await add(full.id, { question: '再加一个', answer: '不行' }, creator.token), 409, 'FAQ_LIMIT');
  });
});

describe('reading the FAQ', () => {
  it("lists a published course's entries to anyone, in position order", async () => {
    const res = await list(course.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 3, next: null, previous: null });
    expect(res.body.results.map((f) => f.question)).toEqual(['需要什么基础？', '能开发票吗？', '有效期多久？']);
    expect((await list(course.id, undefined, '?page_size=1')).body.next).not.toBeNull();
  });

  it("answers 404 for a draft's FAQ except to its creator", async () => {
    const draft = await buildCourse(app, creator);
    await added({ question: '草稿里的问题', answer: '还没上架' }, draft.id);
    expectError(await list(draft.id), 404, 'NOT_FOUND');
    expectError(await list(draft.id, (await registerUser(app)).token), 404, 'NOT_FOUND');
    expectError(await list(draft.id, otherCreator.token), 404, 'NOT_FOUND');
    expect((await list(draft.id, creator.token)).body.count).toBe(1);
  });
});

describe('editing and deleting', () => {
  let entry: Faq;
  beforeAll(async () => {
    entry = await added({ question: '可以下载吗？', answer: '不可以。' });
  });

  it('lets the owner edit any field, keeping the rest', async () => {
    const res = await app.request<Faq>('PATCH', `/api/creator/faq/${entry.id}`, { token: creator.token, body: { answer: '可以下载讲义。' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: entry.id, question: '可以下载吗？', answer: '可以下载讲义。', position: entry.position });
    const empty = await app.request<Faq>('PATCH', `/api/creator/faq/${entry.id}`, { token: creator.token, body: {} });
    expect(empty.body.answer).toBe('可以下载讲义。');
  });

  it('answers 404 to other creators editing or deleting, and changes nothing', async () => {
    expectError(await app.request('PATCH', `/api/creator/faq/${entry.id}`, { token: otherCreator.token, body: { answer: '改掉' } }), 404, 'NOT_FOUND');
    expectError(await app.request('DELETE', `/api/creator/faq/${entry.id}`, { token: otherCreator.token }), 404, 'NOT_FOUND');
    expect(await stored(entry.id)).toEqual({ question: '可以下载吗？', answer: '可以下载讲义。' });
  });

  it('refuses bad edits with 400 naming the field', async () => {
    expectError(await app.request('PATCH', `/api/creator/faq/${entry.id}`, { token: creator.token, body: { question: '' } }), 400, 'VALIDATION_ERROR', 'question');
    expectError(await app.request('PATCH', `/api/creator/faq/${entry.id}`, { token: creator.token, body: { id: 5 } }), 400, 'VALIDATION_ERROR', 'id');
    expectError(await app.request('PATCH', '/api/creator/faq/x', { token: creator.token, body: {} }), 400, 'VALIDATION_ERROR', 'id');
  });

  it('deletes for the owner with 204, then answers 404', async () => {
    expect((await app.request('DELETE', `/api/creator/faq/${entry.id}`, { token: creator.token })).status).toBe(204);
    expect(await stored(entry.id)).toBeUndefined();
    expectError(await app.request('DELETE', `/api/creator/faq/${entry.id}`, { token: creator.token }), 404, 'NOT_FOUND');
    expectError(await app.request('PATCH', `/api/creator/faq/${entry.id}`, { token: creator.token, body: { answer: '复活' } }), 404, 'NOT_FOUND');
  });
});
