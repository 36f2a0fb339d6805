import { randomBytes } from 'node:crypto';
import { expectError } from './support/expect-error';
import {
  buildCourse,
  firstCategoryId,
  registerAdmin,
  registerCreator,
  registerUser,
  uniqueName,
  uploadMedia,
  wav,
  type Account,
} from './support/fixtures';
import { startTestApp, type ApiResponse, type TestApp } from './support/harness';
import type { PageBody as Page } from '../src/http/pagination';

interface OwnCourse {
  id: number;
  name: string;
  description: string;
  price: number;
  price_fen: number;
  category: string | null;
  category_id: number;
  rating: number;
  rating_count: number;
  sales_count: number;
  cover_url: string | null;
  creator: { id: number; name: string } | null;
  status: string;
  review_note: string | null;
  published_at: string | null;
}

interface OwnLesson {
  id: number;
  title: string;
  kind: string;
  duration_s: number;
  free_preview: boolean;
  position: number;
  chapter_id: number;
  course_id: number;
  has_media: boolean;
}

interface OwnChapter {
  id: number;
  course_id: number;
  title: string;
  position: number;
}

interface Detail extends OwnCourse {
  chapters: Array<{ id: number; title: string; lessons: Array<{ id: number; title: string; kind: string; duration_s: number; url: string | null }> }>;
}

/** A 1×1 transparent PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

let learner: Account;
let creator: Account;
let otherCreator: Account;
let admin: Account;
let categoryId: number;

beforeAll(async () => {
  [learner, creator, otherCreator, admin] = await Promise.all([registerUser(app), registerCreator(app), registerCreator(app), registerAdmin(app)]);
  categoryId = await firstCategoryId(app);
});

function createCourse(account: Account, body: Record<string, unknown>) {
  return app.request<OwnCourse>('POST', '/api/creator/courses', { token: account.token, body });
}

function validCourse(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: `课程 ${uniqueName()}`, description: '一门测试课程', category: categoryId, price: 9.9, ...overrides };
}

async function draft(account: Account = creator, overrides: Record<string, unknown> = {}): Promise<OwnCourse> {
  const res = await createCourse(account, validCourse(overrides));
  expect(res.status).toBe(201);
  return res.body;
}

async function addChapter(courseId: number, title = '第一章', account: Account = creator): Promise<OwnChapter> {
  const res = await app.request<OwnChapter>('POST', `/api/creator/courses/${courseId}/chapters`, { token: account.token, body: { title } });
  expect(res.status).toBe(201);
  return res.body;
}

async function addLesson(chapterId: number, body: Record<string, unknown> = {}, account: Account = creator): Promise<OwnLesson> {
  const res = await app.request<OwnLesson>('POST', `/api/creator/chapters/${chapterId}/lessons`, {
    token: account.token,
    body: { title: '一课', kind: 'audio', duration_s: 60, ...body },
  });
  expect(res.status).toBe(201);
  return res.body;
}

function ownCourse(id: number, account: Account = creator): Promise<ApiResponse<OwnCourse>> {
  return app.request<OwnCourse>('GET', `/api/creator/courses/${id}`, { token: account.token });
}

async function ownCourseCount(account: Account): Promise<number> {
  const res = await app.request<Page<OwnCourse>>('GET', '/api/creator/courses', { token: account.token });
  expect(res.status).toBe(200);
  return res.body.count;
}

/** The syllabus as the owner sees it through the public detail route (owners may see any status). */
async function outline(id: number, account: Account = creator): Promise<Detail> {
  const res = await app.request<Detail>('GET', `/api/courses/${id}`, { token: account.token });
  expect(res.status).toBe(200);
  return res.body;
}

async function publicCourseIds(): Promise<number[]> {
  const res = await app.request<Page<{ id: number }>>('GET', '/api/courses?page_size=100');
  expect(res.status).toBe(200);
  return res.body.results.map((c) => c.id);
}

function upload(account: Account, path: string, data: Buffer, name: string, type: string, field = 'file') {
  const form = new FormData();
  form.append(field, new Blob([data], { type }), name);
  return app.request<Record<string, unknown>>('POST', path, { token: account.token, raw: form });
}

describe('roles', () => {
  it('answers 401 to anonymous callers of creator routes', async () => {
    expectError(await app.request('GET', '/api/creator/courses'), 401, 'UNAUTHORIZED');
    expectError(await app.request('POST', '/api/creator/courses', { body: validCourse() }), 401, 'UNAUTHORIZED');
    expectError(await app.request('POST', '/api/creator/courses/1/submit'), 401, 'UNAUTHORIZED');
  });

  it('answers 401 TOKEN_INVALID to a token that is not one of ours', async () => {
    expectError(await app.request('GET', '/api/creator/courses', { token: 'not.a.jwt' }), 401, 'TOKEN_INVALID');
  });

  it('answers 403 ROLE_REQUIRED to a learner on creator routes and creates nothing', async () => {
    expectError(await app.request('GET', '/api/creator/courses', { token: learner.token }), 403, 'ROLE_REQUIRED');
    expectError(await createCourse(learner, validCourse()), 403, 'ROLE_REQUIRED');
    expectError(await app.request('POST', '/api/creator/chapters/1/lessons', { token: learner.token, body: { title: 'x', kind: 'audio' } }), 403, 'ROLE_REQUIRED');
    const [row] = (await app.container.dataSource.query('SELECT COUNT(*) AS n FROM courses WHERE creator_id = ?', [learner.user.id])) as Array<{ n: string }>;
    expect(Number(row?.n)).toBe(0);
  });

  it('keeps admin review for admins: learners and creators get 403, anonymous 401', async () => {
    const course = await buildCourse(app, creator);
    expect((await app.request('POST', `/api/creator/courses/${course.id}/submit`, { token: creator.token })).status).toBe(200);
    expectError(await app.request('POST', `/api/admin/courses/${course.id}/approve`, { token: learner.token }), 403, 'ROLE_REQUIRED');
    expectError(await app.request('POST', `/api/admin/courses/${course.id}/approve`, { token: creator.token }), 403, 'ROLE_REQUIRED');
    expectError(await app.request('POST', `/api/admin/courses/${course.id}/approve`), 401, 'UNAUTHORIZED');
    expectError(await app.request('GET', '/api/admin/courses/review-queue', { token: learner.token }), 403, 'ROLE_REQUIRED');
    expect((await ownCourse(course.id)).body.status).toBe('IN_REVIEW');
  });
});

describe('creating a course', () => {
  it('takes a price in yuan and answers 201 with the draft', async () => {
    const name = `数据分析 ${uniqueName()}`;
    const res = await createCourse(creator, validCourse({ name, price: 99.9 }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name,
      description: '一门测试课程',
      price: 99.9,
      price_fen: 9990,
      category_id: categoryId,
      status: 'DRAFT',
      review_note: null,
      cover_url: null,
      rating: 0,
      rating_count: 0,
      sales_count: 0,
      published_at: null,
    });
    expect(res.body.creator?.id).toBe(creator.user.id);
    expect(typeof res.body.category).toBe('string');
    const again = await ownCourse(res.body.id);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: res.body.id, name, price_fen: 9990, status: 'DRAFT' });
  });

  it('takes a price in fen', async () => {
    const res = await createCourse(creator, validCourse({ price: undefined, price_fen: 1999 }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ price: 19.99, price_fen: 1999 });
  });

  it('accepts a free course and a 100-character Chinese name', async () => {
    const name = '数'.repeat(100);
    const res = await createCourse(creator, validCourse({ name, price: 0 }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name, price: 0, price_fen: 0 });
  });

  it('trims the name', async () => {
    const res = await createCourse(creator, validCourse({ name: '  带空格的名字  ' }));
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('带空格的名字');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['both price and price_fen', { price: 9.9, price_fen: 990 }, 'price'],
    ['neither price nor price_fen', { price: undefined }, 'price'],
    ['a price with three decimals', { price: 9.999 }, 'price'],
    ['a negative price', { price: -1 }, 'price'],
    ['a negative price_fen', { price: undefined, price_fen: -1 }, 'price_fen'],
    ['a huge price', { price: 1e12 }, 'price'],
    ['a huge price_fen', { price: undefined, price_fen: 1e15 }, 'price_fen'],
    ['a fractional price_fen', { price: undefined, price_fen: 12.5 }, 'price_fen'],
    ['a price as a string', { price: 'abc' }, 'price'],
    ['a numeric price as a string', { price: '9.9' }, 'price'],
    ['an empty name', { name: '' }, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a 101-character name', { name: 'n'.repeat(101) }, 'name'],
    ['a name with control characters', { name: 'bad\u0000name' }, 'name'],
    ['a missing name', { name: undefined }, 'name'],
    ['an empty description', { description: '' }, 'description'],
    ['a category as a string', { category: '1' }, 'category'],
    ['a category of zero', { category: 0 }, 'category'],
  ])('refuses %s with 400 naming the field', async (_label, overrides, field) => {
    const before = await ownCourseCount(creator);
    expectError(await createCourse(creator, validCourse(overrides)), 400, 'VALIDATION_ERROR', field);
    expect(await ownCourseCount(creator)).toBe(before);
  });

  it('refuses an unknown category with 400 UNKNOWN_CATEGORY', async () => {
    const before = await ownCourseCount(creator);
    expectError(await createCourse(creator, validCourse({ category: 999999 })), 400, 'UNKNOWN_CATEGORY', 'category');
    expect(await ownCourseCount(creator)).toBe(before);
  });

  it.each<[string, Record<string, unknown>]>([
    ['status', { status: 'PUBLISHED' }],
    ['creator', { creator: 1 }],
    ['creator_id', { creator_id: 1 }],
    ['rating', { rating: 5 }],
    ['rating_count', { rating_count: 1000 }],
    ['sales_count', { sales_count: 1000000 }],
    ['id', { id: 1 }],
  ])('refuses the unknown field %s with 400 naming it, and creates nothing', async (field, extra) => {
    const before = await ownCourseCount(creator);
    const name = `偷偷发布 ${uniqueName()}`;
    expectError(await createCourse(creator, { ...validCourse({ name }), ...extra }), 400, 'VALIDATION_ERROR', field);
    expect(await ownCourseCount(creator)).toBe(before);
    const [row] = (await app.container.dataSource.query('SELECT COUNT(*) AS n FROM courses WHERE name = ?', [name])) as Array<{ n: string }>;
    expect(Number(row?.n)).toBe(0);
  });

  it('refuses a body that is not an object', async () => {
    const res = await app.request('POST', '/api/creator/courses', { token: creator.token, body: [validCourse()] });
    expect(res.status).toBe(400);
  });
});

describe('editing a course', () => {
  it('patches name, description and price', async () => {
    const course = await draft();
    const res = await app.request<OwnCourse>('PATCH', `/api/creator/courses/${course.id}`, {
      token: creator.token,
      body: { name: '新的名字', description: '新的介绍', price_fen: 12345 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '新的名字', description: '新的介绍', price: 123.45, price_fen: 12345, status: 'DRAFT' });
    expect((await ownCourse(course.id)).body).toMatchObject({ name: '新的名字', price_fen: 12345 });
  });

  it('refuses both prices, bad values and status in a patch, changing nothing', async () => {
    const course = await draft();
    const patch = (body: Record<string, unknown>) => app.request('PATCH', `/api/creator/courses/${course.id}`, { token: creator.token, body });
    expectError(await patch({ price: 1, price_fen: 100 }), 400, 'VALIDATION_ERROR', 'price');
    expectError(await patch({ price: 0.001 }), 400, 'VALIDATION_ERROR', 'price');
    expectError(await patch({ name: '' }), 400, 'VALIDATION_ERROR', 'name');
    expectError(await patch({ status: 'PUBLISHED' }), 400, 'VALIDATION_ERROR', 'status');
    expectError(await patch({ category: 999999 }), 400, 'UNKNOWN_CATEGORY', 'category');
    expect((await ownCourse(course.id)).body).toMatchObject({ name: course.name, price_fen: course.price_fen, status: 'DRAFT', category_id: categoryId });
  });

  it('answers 400 naming id for an id that is not a positive integer, and 404 for a missing course', async () => {
    expectError(await app.request('GET', '/api/creator/courses/abc', { token: creator.token }), 400, 'VALIDATION_ERROR', 'id');
    expectError(await app.request('GET', '/api/creator/courses/0', { token: creator.token }), 400, 'VALIDATION_ERROR', 'id');
    expectError(await app.request('GET', '/api/creator/courses/99999999', { token: creator.token }), 404, 'NOT_FOUND');
  });
});

describe('chapters and lessons', () => {
  it('adds chapters in order, renames and deletes them', async () => {
    const course = await draft();
    const first = await addChapter(course.id, '第一章');
    const second = await addChapter(course.id, '第二章');
    expect(first).toMatchObject({ course_id: course.id, title: '第一章', position: 0 });
    expect(second).toMatchObject({ course_id: course.id, title: '第二章', position: 1 });

    const renamed = await app.request<OwnChapter>('PATCH', `/api/creator/chapters/${first.id}`, { token: creator.token, body: { title: '序章' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: first.id, title: '序章' });

    const deleted = await app.request('DELETE', `/api/creator/chapters/${second.id}`, { token: creator.token });
    expect(deleted.status).toBe(204);
    expect((await outline(course.id)).chapters.map((c) => c.title)).toEqual(['序章']);
    expectError(await app.request('PATCH', `/api/creator/chapters/${second.id}`, { token: creator.token, body: { title: 'x' } }), 404, 'NOT_FOUND');
    expectError(await app.request('DELETE', `/api/creator/chapters/${second.id}`, { token: creator.token }), 404, 'NOT_FOUND');
  });

  it('refuses a chapter without a title or with unknown fields', async () => {
    const course = await draft();
    const post = (body: Record<string, unknown>) => app.request('POST', `/api/creator/courses/${course.id}/chapters`, { token: creator.token, body });
    expectError(await post({}), 400, 'VALIDATION_ERROR', 'title');
    expectError(await post({ title: '' }), 400, 'VALIDATION_ERROR', 'title');
    expectError(await post({ title: 't'.repeat(101) }), 400, 'VALIDATION_ERROR', 'title');
    expectError(await post({ title: 'ok', course_id: 1 }), 400, 'VALIDATION_ERROR', 'course_id');
    expectError(await post({ title: 'ok', position: -1 }), 400, 'VALIDATION_ERROR', 'position');
    expect((await outline(course.id)).chapters).toEqual([]);
  });

  it('adds, patches and deletes lessons', async () => {
    const course = await draft();
    const chapter = await addChapter(course.id);
    const lesson = await addLesson(chapter.id, { title: '开篇', kind: 'video', duration_s: 125, free_preview: true });
    expect(lesson).toMatchObject({
      title: '开篇',
      kind: 'video',
      duration_s: 125,
      free_preview: true,
      position: 0,
      chapter_id: chapter.id,
      course_id: course.id,
      has_media: false,
    });
    const defaults = await addLesson(chapter.id, { title: '默认', kind: 'article', duration_s: undefined });
    expect(defaults).toMatchObject({ duration_s: 0, free_preview: false, position: 1 });

    const patched = await app.request<OwnLesson>('PATCH', `/api/creator/lessons/${lesson.id}`, {
      token: creator.token,
      body: { title: '开篇（修订）', duration_s: 300, free_preview: false, kind: 'audio' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: lesson.id, title: '开篇（修订）', duration_s: 300, free_preview: false, kind: 'audio' });

    expect((await app.request('DELETE', `/api/creator/lessons/${defaults.id}`, { token: creator.token })).status).toBe(204);
    const syllabus = await outline(course.id);
    expect(syllabus.chapters[0]?.lessons.map((l) => [l.id, l.title, l.kind, l.duration_s])).toEqual([[lesson.id, '开篇（修订）', 'audio', 300]]);
    expectError(await app.request('PATCH', `/api/creator/lessons/${defaults.id}`, { token: creator.token, body: { title: 'x' } }), 404, 'NOT_FOUND');
    expectError(await app.request('DELETE', `/api/creator/lessons/${defaults.id}`, { token: creator.token }), 404, 'NOT_FOUND');
  });

  it('deletes a chapter together with its lessons', async () => {
    const course = await draft();
    const chapter = await addChapter(course.id);
    const lesson = await addLesson(chapter.id);
    expect((await app.request('DELETE', `/api/creator/chapters/${chapter.id}`, { token: creator.token })).status).toBe(204);
    expectError(await app.request('PATCH', `/api/creator/lessons/${lesson.id}`, { token: creator.token, body: { title: 'x' } }), 404, 'NOT_FOUND');
    expect((await outline(course.id)).chapters).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an invalid kind', { kind: 'podcast' }, 'kind'],
    ['a missing kind', { kind: undefined }, 'kind'],
    ['a negative duration', { duration_s: -5 }, 'duration_s'],
    ['a fractional duration', { duration_s: 1.5 }, 'duration_s'],
    ['a duration over a day', { duration_s: 86401 }, 'duration_s'],
    ['a duration as a string', { duration_s: '60' }, 'duration_s'],
    ['free_preview as a string', { free_preview: 'yes' }, 'free_preview'],
    ['an empty title', { title: '' }, 'title'],
    ['an unknown field', { media_key: 'lessons/1/evil.wav' }, 'media_key'],
  ])('refuses a lesson with %s (400 naming the field)', async (_label, overrides, field) => {
    const course = await draft();
    const chapter = await addChapter(course.id);
    const res = await app.request('POST', `/api/creator/chapters/${chapter.id}/lessons`, {
      token: creator.token,
      body: { title: '一课', kind: 'audio', duration_s: 60, ...overrides },
    });
    expectError(res, 400, 'VALIDATION_ERROR', field);
    expect((await outline(course.id)).chapters[0]?.lessons).toEqual([]);
  });

  it('refuses bad lesson patches, changing nothing', async () => {
    const course = await draft();
    const chapter = await addChapter(course.id);
    const lesson = await addLesson(chapter.id, { duration_s: 60 });
    const patch = (body: Record<string, unknown>) => app.request('PATCH', `/api/creator/lessons/${lesson.id}`, { token: creator.token, body });
    expectError(await patch({ duration_s: -1 }), 400, 'VALIDATION_ERROR', 'duration_s');
    expectError(await patch({ kind: 'bogus' }), 400, 'VALIDATION_ERROR', 'kind');
    expectError(await patch({ title: '' }), 400, 'VALIDATION_ERROR', 'title');
    expectError(await patch({ course_id: 1 }), 400, 'VALIDATION_ERROR', 'course_id');
    const [stored] = (await outline(course.id)).chapters[0]!.lessons;
    expect(stored).toMatchObject({ id: lesson.id, title: lesson.title, kind: 'audio', duration_s: 60 });
  });

  it('answers 404 for lessons added to a missing chapter', async () => {
    expectError(await app.request('POST', '/api/creator/chapters/99999999/lessons', { token: creator.token, body: { title: 'x', kind: 'audio' } }), 404, 'NOT_FOUND');
  });
});

describe('lesson media', () => {
  let chapterId: number;
  let courseId: number;
  beforeAll(async () => {
    courseId = (await draft()).id;
    chapterId = (await addChapter(courseId)).id;
  });

  async function lessonUrl(lessonId: number): Promise<string | null | undefined> {
    const syllabus = await outline(courseId);
    return syllabus.chapters.flatMap((c) => c.lessons).find((l) => l.id === lessonId)?.url;
  }

  it('takes a WAV for an audio lesson', async () => {
    const lesson = await addLesson(chapterId, { kind: 'audio' });
    const res = await uploadMedia(app, creator, lesson.id, wav(), 'lesson.wav', 'audio/wav');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: lesson.id, kind: 'audio', has_media: true });
    expect(await lessonUrl(lesson.id)).toMatch(/\/media\/lessons\/.+\.wav\?exp=\d+&sig=/);
  });

  it('takes a PDF for a document lesson', async () => {
    const lesson = await addLesson(chapterId, { kind: 'document' });
    const res = await uploadMedia(app, creator, lesson.id, PDF, 'notes.pdf', 'application/pdf');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ has_media: true });
  });

  it('refuses a PDF claimed as audio/wav with 400 UNSUPPORTED_MEDIA_TYPE', async () => {
    const lesson = await addLesson(chapterId, { kind: 'audio' });
    expectError(await uploadMedia(app, creator, lesson.id, PDF, 'lesson.wav', 'audio/wav'), 400, 'UNSUPPORTED_MEDIA_TYPE', 'file');
    expect(await lessonUrl(lesson.id)).toBeNull();
  });

  it('refuses random bytes claimed as application/pdf for a document lesson', async () => {
    const lesson = await addLesson(chapterId, { kind: 'document' });
    expectError(await uploadMedia(app, creator, lesson.id, randomBytes(2048), 'notes.pdf', 'application/pdf'), 400, 'UNSUPPORTED_MEDIA_TYPE', 'file');
    expect(await lessonUrl(lesson.id)).toBeNull();
  });

  it('refuses a type that does not fit the lesson kind, even when the bytes match it', async () => {
    const lesson = await addLesson(chapterId, { kind: 'audio' });
    expectError(await uploadMedia(app, creator, lesson.id, PDF, 'notes.pdf', 'application/pdf'), 400, 'UNSUPPORTED_MEDIA_TYPE', 'file');
    expect(await lessonUrl(lesson.id)).toBeNull();
  });

  it('answers 400 FILE_REQUIRED without a file', async () => {
    const lesson = await addLesson(chapterId, { kind: 'audio' });
    const empty = await app.request('POST', `/api/creator/lessons/${lesson.id}/media`, { token: creator.token, raw: new FormData() });
    expectError(empty, 400, 'FILE_REQUIRED', 'file');
    const otherField = await upload(creator, `/api/creator/lessons/${lesson.id}/media`, wav(), 'lesson.wav', 'audio/wav', 'upload');
    expectError(otherField, 400, 'FILE_REQUIRED', 'file');
    const json = await app.request('POST', `/api/creator/lessons/${lesson.id}/media`, { token: creator.token, body: { file: 'lesson.wav' } });
    expectError(json, 400, 'FILE_REQUIRED', 'file');
    expect(await lessonUrl(lesson.id)).toBeNull();
  });

  it('keeps the kind of a lesson that has media (409 LESSON_HAS_MEDIA)', async () => {
    const lesson = await addLesson(chapterId, { kind: 'audio' });
    expect((await uploadMedia(app, creator, lesson.id, wav(), 'lesson.wav', 'audio/wav')).status).toBe(200);
    expectError(await app.request('PATCH', `/api/creator/lessons/${lesson.id}`, { token: creator.token, body: { kind: 'video' } }), 409, 'LESSON_HAS_MEDIA');
  });

  it('answers 413 PAYLOAD_TOO_LARGE to an upload over UPLOAD_MAX_MB, and attaches nothing', async () => {
    const small = await startTestApp({ UPLOAD_MAX_MB: '1' });
    try {
      const owner = await registerCreator(small);
      const built = await buildCourse(small, owner);
      const chapter = await small.request<OwnChapter>('POST', `/api/creator/courses/${built.id}/chapters`, { token: owner.token, body: { title: '大文件' } });
      const lesson = await small.request<OwnLesson>('POST', `/api/creator/chapters/${chapter.body.id}/lessons`, {
        token: owner.token,
        body: { title: '大文件', kind: 'audio' },
      });
      const big = Buffer.concat([wav(), Buffer.alloc(1.5 * 1024 * 1024)]);
      const res = await uploadMedia(small, owner, lesson.body.id, big, 'big.wav', 'audio/wav');
      expectError(res, 413, 'PAYLOAD_TOO_LARGE');
      expect(res.headers.get('content-type')).toMatch(/application\/json/);

      const detail = await small.request<Detail>('GET', `/api/courses/${built.id}`, { token: owner.token });
      const stored = detail.body.chapters.flatMap((c) => c.lessons).find((l) => l.id === lesson.body.id);
      expect(stored?.url).toBeNull();
      // The server still serves uploads under the limit afterwards.
      expect((await uploadMedia(small, owner, lesson.body.id, wav(), 'ok.wav', 'audio/wav')).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe('course cover', () => {
  it('takes a PNG and serves it at cover_url as image/png', async () => {
    const course = await draft();
    const res = await upload(creator, `/api/creator/courses/${course.id}/cover`, PNG, 'cover.png', 'image/png');
    expect(res.status).toBe(200);
    const coverUrl = (res.body as unknown as OwnCourse).cover_url;
    expect(coverUrl).toMatch(/\/media\/covers\/.+\.png$/);
    expect((await ownCourse(course.id)).body.cover_url).toBe(coverUrl);

    const image = await fetch(coverUrl!);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('replaces the cover and stops serving the old one', async () => {
    const course = await draft();
    const first = await upload(creator, `/api/creator/courses/${course.id}/cover`, PNG, 'a.png', 'image/png');
    const second = await upload(creator, `/api/creator/courses/${course.id}/cover`, PNG, 'b.png', 'image/png');
    const [oldUrl, newUrl] = [(first.body as unknown as OwnCourse).cover_url!, (second.body as unknown as OwnCourse).cover_url!];
    expect(newUrl).not.toBe(oldUrl);
    expect((await fetch(newUrl)).status).toBe(200);
    expect((await fetch(oldUrl)).status).toBe(404);
  });

  it('refuses a text file and a PNG claimed as JPEG with 400, keeping no cover', async () => {
    const course = await draft();
    expectError(await upload(creator, `/api/creator/courses/${course.id}/cover`, Buffer.from('not an image'), 'cover.txt', 'text/plain'), 400, 'UNSUPPORTED_MEDIA_TYPE', 'file');
    expectError(await upload(creator, `/api/creator/courses/${course.id}/cover`, Buffer.from('not an image'), 'cover.png', 'image/png'), 400, 'UNSUPPORTED_MEDIA_TYPE', 'file');
    expectError(await upload(creator, `/api/creator/courses/${course.id}/cover`, PNG, 'cover.jpg', 'image/jpeg'), 400, 'UNSUPPORTED_MEDIA_TYPE', 'file');
    expect((await ownCourse(course.id)).body.cover_url).toBeNull();
  });
});

describe('review state machine', () => {
  it('refuses to submit a course without lessons (409 COURSE_EMPTY)', async () => {
    const course = await draft();
    expectError(await app.request('POST', `/api/creator/courses/${course.id}/submit`, { token: creator.token }), 409, 'COURSE_EMPTY');
    await addChapter(course.id);
    expectError(await app.request('POST', `/api/creator/courses/${course.id}/submit`, { token: creator.token }), 409, 'COURSE_EMPTY');
    expect((await ownCourse(course.id)).body.status).toBe('DRAFT');
  });

  describe('submit, approve, unlist', () => {
    let built: Awaited<ReturnType<typeof buildCourse>>;
    beforeAll(async () => {
      built = await buildCourse(app, creator);
    });

    it('submits: IN_REVIEW, and not public', async () => {
      const res = await app.request<OwnCourse>('POST', `/api/creator/courses/${built.id}/submit`, { token: creator.token });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('IN_REVIEW');
      expect(await publicCourseIds()).not.toContain(built.id);
      expectError(await app.request('GET', `/api/courses/${built.id}`), 404, 'NOT_FOUND');
    });

    it('refuses to submit twice (409 INVALID_STATUS)', async () => {
      expectError(await app.request('POST', `/api/creator/courses/${built.id}/submit`, { token: creator.token }), 409, 'INVALID_STATUS');
    });

    it('refuses edits of the course and its syllabus while in review (409 COURSE_IN_REVIEW)', async () => {
      const t = { token: creator.token };
      expectError(await app.request('PATCH', `/api/creator/courses/${built.id}`, { ...t, body: { name: '审核中改名' } }), 409, 'COURSE_IN_REVIEW');
      expectError(await app.request('POST', `/api/creator/courses/${built.id}/chapters`, { ...t, body: { title: '新章' } }), 409, 'COURSE_IN_REVIEW');
      expectError(await app.request('PATCH', `/api/creator/chapters/${built.chapterId}`, { ...t, body: { title: '改名' } }), 409, 'COURSE_IN_REVIEW');
      expectError(await app.request('DELETE', `/api/creator/chapters/${built.chapterId}`, t), 409, 'COURSE_IN_REVIEW');
      expectError(await app.request('POST', `/api/creator/chapters/${built.chapterId}/lessons`, { ...t, body: { title: '新课', kind: 'audio' } }), 409, 'COURSE_IN_REVIEW');
      expectError(await app.request('PATCH', `/api/creator/lessons/${built.paidLessonId}`, { ...t, body: { free_preview: true } }), 409, 'COURSE_IN_REVIEW');
      expectError(await app.request('DELETE', `/api/creator/lessons/${built.paidLessonId}`, t), 409, 'COURSE_IN_REVIEW');
      expectError(await uploadMedia(app, creator, built.paidLessonId, wav(), 'swap.wav', 'audio/wav'), 409, 'COURSE_IN_REVIEW');
      expectError(await upload(creator, `/api/creator/courses/${built.id}/cover`, PNG, 'cover.png', 'image/png'), 409, 'COURSE_IN_REVIEW');

      const course = (await ownCourse(built.id)).body;
      expect(course).toMatchObject({ status: 'IN_REVIEW', cover_url: null });
      expect(course.name).not.toBe('审核中改名');
      const syllabus = await outline(built.id);
      expect(syllabus.chapters.map((c) => c.title)).toEqual(['第一章']);
      expect(syllabus.chapters[0]!.lessons.map((l) => l.id)).toEqual([built.previewLessonId, built.paidLessonId]);
    });

    it('lists it in the admin review queue', async () => {
      const res = await app.request<Page<OwnCourse>>('GET', '/api/admin/courses/review-queue?page_size=100', { token: admin.token });
      expect(res.status).toBe(200);
      const entry = res.body.results.find((c) => c.id === built.id);
      expect(entry).toMatchObject({ status: 'IN_REVIEW' });
      expect(res.body.results.every((c) => c.status === 'IN_REVIEW')).toBe(true);
      expect(res.body.count).toBe(res.body.results.length);
    });

    it('approves: PUBLISHED, listed and visible in detail', async () => {
      const res = await app.request<OwnCourse>('POST', `/api/admin/courses/${built.id}/approve`, { token: admin.token });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('PUBLISHED');
      expect(res.body.published_at).not.toBeNull();
      expect(await publicCourseIds()).toContain(built.id);
      const detail = await app.request<Detail>('GET', `/api/courses/${built.id}`);
      expect(detail.status).toBe(200);
      expect(detail.body.chapters[0]?.lessons.map((l) => l.id)).toEqual([built.previewLessonId, built.paidLessonId]);
      const queue = await app.request<Page<OwnCourse>>('GET', '/api/admin/courses/review-queue?page_size=100', { token: admin.token });
      expect(queue.body.results.map((c) => c.id)).not.toContain(built.id);
    });

    it('refuses to approve twice (409 INVALID_STATUS)', async () => {
      const res = await app.request('POST', `/api/admin/courses/${built.id}/approve`, { token: admin.token });
      expectError(res, 409, 'INVALID_STATUS');
      expect((res.body as { error: { details: { status: string } } }).error.details.status).toBe('PUBLISHED');
    });

    it('unlists: UNLISTED, gone from the list and the public detail', async () => {
      const res = await app.request<OwnCourse>('POST', `/api/creator/courses/${built.id}/unlist`, { token: creator.token });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('UNLISTED');
      expect(await publicCourseIds()).not.toContain(built.id);
      expectError(await app.request('GET', `/api/courses/${built.id}`), 404, 'NOT_FOUND');
      expectError(await app.request('POST', `/api/creator/courses/${built.id}/unlist`, { token: creator.token }), 409, 'INVALID_STATUS');
    });

    it('refuses to unlist a draft (409 INVALID_STATUS)', async () => {
      const course = await draft();
      expectError(await app.request('POST', `/api/creator/courses/${course.id}/unlist`, { token: creator.token }), 409, 'INVALID_STATUS');
    });
  });

  describe('reject', () => {
    let built: Awaited<ReturnType<typeof buildCourse>>;
    beforeAll(async () => {
      built = await buildCourse(app, creator);
      expect((await app.request('POST', `/api/creator/courses/${built.id}/submit`, { token: creator.token })).status).toBe(200);
    });

    it('needs a reason (400 naming reason)', async () => {
      const reject = (body?: unknown) => app.request('POST', `/api/admin/courses/${built.id}/reject`, { token: admin.token, body });
      expectError(await reject(), 400, 'VALIDATION_ERROR', 'reason');
      expectError(await reject({}), 400, 'VALIDATION_ERROR', 'reason');
      expectError(await reject({ reason: '   ' }), 400, 'VALIDATION_ERROR', 'reason');
      expectError(await reject({ reason: 'r'.repeat(501) }), 400, 'VALIDATION_ERROR', 'reason');
      expect((await ownCourse(built.id)).body.status).toBe('IN_REVIEW');
    });

    it('rejects with a reason the creator sees', async () => {
      const reason = '音频质量太差，请重新录制';
      const res = await app.request<OwnCourse>('POST', `/api/admin/courses/${built.id}/reject`, { token: admin.token, body: { reason } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'REJECTED', review_note: reason });
      expect((await ownCourse(built.id)).body).toMatchObject({ status: 'REJECTED', review_note: reason });
      expect(await publicCourseIds()).not.toContain(built.id);
      expectError(await app.request('POST', `/api/admin/courses/${built.id}/reject`, { token: admin.token, body: { reason } }), 409, 'INVALID_STATUS');
      expectError(await app.request('POST', `/api/admin/courses/${built.id}/approve`, { token: admin.token }), 409, 'INVALID_STATUS');
    });

    it('lets the creator fix and resubmit, clearing the note', async () => {
      const patched = await app.request<OwnCourse>('PATCH', `/api/creator/courses/${built.id}`, { token: creator.token, body: { description: '重新录制了' } });
      expect(patched.status).toBe(200);
      const res = await app.request<OwnCourse>('POST', `/api/creator/courses/${built.id}/submit`, { token: creator.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'IN_REVIEW', review_note: null });
    });
  });

  it('answers 404 to approving or rejecting an unknown course, 400 to a bad id', async () => {
    expectError(await app.request('POST', '/api/admin/courses/99999999/approve', { token: admin.token }), 404, 'NOT_FOUND');
    expectError(await app.request('POST', '/api/admin/courses/99999999/reject', { token: admin.token, body: { reason: 'x' } }), 404, 'NOT_FOUND');
    expectError(await app.request('POST', '/api/admin/courses/abc/approve', { token: admin.token }), 400, 'VALIDATION_ERROR', 'id');
  });

  it('refuses to approve a draft that was never submitted (409 INVALID_STATUS)', async () => {
    const course = await draft();
    expectError(await app.request('POST', `/api/admin/courses/${course.id}/approve`, { token: admin.token }), 409, 'INVALID_STATUS');
    expect((await ownCourse(course.id)).body.status).toBe('DRAFT');
  });
});

describe("another creator's course", () => {
  let built: Awaited<ReturnType<typeof buildCourse>>;
  let before: { course: OwnCourse; syllabus: Detail };

  beforeAll(async () => {
    built = await buildCourse(app, creator, { name: `隔离课程 ${uniqueName()}`, price: 49 });
    before = { course: (await ownCourse(built.id)).body, syllabus: await outline(built.id) };
  });

  it('is reported as missing (404) for every read and write', async () => {
    const t = { token: otherCreator.token };
    const calls: Array<[string, Promise<ApiResponse>]> = [
      ['GET course', app.request('GET', `/api/creator/courses/${built.id}`, t)],
      ['PATCH course', app.request('PATCH', `/api/creator/courses/${built.id}`, { ...t, body: { name: '抢来的', price: 0.01 } })],
      ['POST chapter', app.request('POST', `/api/creator/courses/${built.id}/chapters`, { ...t, body: { title: '入侵' } })],
      ['PATCH chapter', app.request('PATCH', `/api/creator/chapters/${built.chapterId}`, { ...t, body: { title: '入侵' } })],
      ['POST lesson', app.request('POST', `/api/creator/chapters/${built.chapterId}/lessons`, { ...t, body: { title: '入侵', kind: 'audio' } })],
      ['PATCH lesson', app.request('PATCH', `/api/creator/lessons/${built.paidLessonId}`, { ...t, body: { free_preview: true, title: '入侵' } })],
      ['POST media', uploadMedia(app, otherCreator, built.paidLessonId, wav(), 'evil.wav', 'audio/wav')],
      ['POST cover', upload(otherCreator, `/api/creator/courses/${built.id}/cover`, PNG, 'evil.png', 'image/png')],
      ['POST submit', app.request('POST', `/api/creator/courses/${built.id}/submit`, t)],
      ['POST unlist', app.request('POST', `/api/creator/courses/${built.id}/unlist`, t)],
    ];
    for (const [label, call] of calls) {
      const res = await call;
      expect({ label, status: res.status, code: (res.body as { error?: { code: string } }).error?.code }).toEqual({ label, status: 404, code: 'NOT_FOUND' });
    }
    // Deletes last, so a wrongly allowed one cannot hide the result of the others.
    expectError(await app.request('DELETE', `/api/creator/lessons/${built.previewLessonId}`, t), 404, 'NOT_FOUND');
    expectError(await app.request('DELETE', `/api/creator/chapters/${built.chapterId}`, t), 404, 'NOT_FOUND');
  });

  it("is not in the other creator's list", async () => {
    const res = await app.request<Page<OwnCourse>>('GET', '/api/creator/courses?page_size=100', { token: otherCreator.token });
    expect(res.status).toBe(200);
    expect(res.body.results.map((c) => c.id)).not.toContain(built.id);
    expect(res.body.results.every((c) => c.creator?.id === otherCreator.user.id)).toBe(true);
  });

  it('is unchanged for its owner', async () => {
    const after = (await ownCourse(built.id)).body;
    expect(after).toEqual(before.course);
    const syllabus = await outline(built.id);
    const shape = (d: Detail) => d.chapters.map((c) => ({ id: c.id, title: c.title, lessons: c.lessons.map((l) => ({ id: l.id, title: l.title, kind: l.kind, media: l.url !== null })) }));
    expect(shape(syllabus)).toEqual(shape(before.syllabus));
    expect(shape(syllabus)[0]?.lessons.every((l) => l.media)).toBe(true);
  });

  it('keeps a draft invisible to other creators and learners, visible to admins', async () => {
    const course = await draft();
    expectError(await app.request('GET', `/api/courses/${course.id}`, { token: otherCreator.token }), 404, 'NOT_FOUND');
    expectError(await app.request('GET', `/api/courses/${course.id}`, { token: learner.token }), 404, 'NOT_FOUND');
    expect((await app.request('GET', `/api/courses/${course.id}`, { token: admin.token })).status).toBe(200);
  });
});
