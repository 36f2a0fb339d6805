import { randomBytes } from 'node:crypto';
import { expectError } from './support/expect-error';
import { buildCourse, enroll, publishCourse, registerAdmin, registerCreator, registerUser, type Account, type BuiltCourse } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';
import type { PageBody } from '../src/http/pagination';

/** A 1×1 transparent PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

interface Work {
  id: number;
  text: string;
  image_urls: string[];
  comment: string | null;
  feature_status?: string;
  review_note?: string | null;
  learner_name: string;
  assignment_title: string;
}
interface Assignment {
  id: number;
  title: string;
  works: number;
}

let app: TestApp;
let creator: Account;
let stranger: Account;
let admin: Account;
let course: BuiltCourse;
let assignment: Assignment;

beforeAll(async () => {
  app = await startTestApp();
  [creator, stranger, admin] = await Promise.all([registerCreator(app), registerCreator(app), registerAdmin(app)]);
  course = await buildCourse(app, creator);
  await publishCourse(app, creator, admin, course.id);
  const created = await app.request<Assignment>('POST', `/api/creator/courses/${course.id}/assignments`, {
    token: creator.token,
    body: { title: '画一张思维导图', prompt: '把第一章的内容画成思维导图，配上你的说明。', lesson: course.paidLessonId },
  });
  expect(created.status).toBe(201);
  assignment = created.body;
});
afterAll(() => app.close());

async function learner(): Promise<Account> {
  const account = await registerUser(app);
  await enroll(app, account.user.id, course.id);
  return account;
}

function submit(account: Account, text: string | undefined, images: Array<{ data: Buffer; name: string; type: string }> = [], assignmentId = assignment.id) {
  const form = new FormData();
  if (text !== undefined) form.append('text', text);
  for (const image of images) form.append('images', new Blob([image.data], { type: image.type }), image.name);
  return app.request<Work>('POST', `/api/assignments/${assignmentId}/works`, { token: account.token, raw: form });
}

const png = (name = 'map.png') => ({ data: PNG, name, type: 'image/png' });

async function publicWorks(): Promise<Work[]> {
  const res = await app.request<PageBody<Work>>('GET', `/api/courses/${course.id}/works/`);
  expect(res.status).toBe(200);
  return res.body.results;
}

describe('assignments', () => {
  it('are set by the course creator only, and listed with the course', async () => {
    expectError(await app.request('POST', `/api/creator/courses/${course.id}/assignments`, { token: stranger.token, body: { title: '冒名', prompt: '冒名' } }), 404, 'NOT_FOUND');
    expectError(await app.request('POST', `/api/creator/courses/${course.id}/assignments`, { token: creator.token, body: { title: '', prompt: 'x', lesson: 999999 } }), 400, 'VALIDATION_ERROR', 'title');
    const list = await app.request<Assignment[]>('GET', `/api/courses/${course.id}/assignments`);
    expect(list.body.map((a) => a.title)).toContain('画一张思维导图');
  });
});

describe('submitting a work', () => {
  it('takes text and images from an enrolled learner, once per assignment', async () => {
    const student = await learner();
    const res = await submit(student, '我的导图：三个分支', [png('a.png'), png('b.png')]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ text: '我的导图：三个分支', feature_status: 'NONE', comment: null, assignment_title: '画一张思维导图' });
    expect(res.body.image_urls).toHaveLength(2);
    const image = await fetch(res.body.image_urls[0]!);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);

    expectError(await submit(student, '再交一次'), 409, 'WORK_EXISTS');
    const mine = await app.request<PageBody<Work>>('GET', '/api/me/works/', { token: student.token });
    expect(mine.body.results.map((w) => w.text)).toEqual(['我的导图：三个分支']);
  });

  it('takes a JSON text-only work, then images one at a time until someone features it', async () => {
    const student = await learner();
    const res = await app.request<Work>('POST', `/api/assignments/${assignment.id}/works`, { token: student.token, body: { text: '先交文字' } });
    expect(res.status).toBe(201);
    const addImage = (workId: number, data: Buffer, name: string, type: string, who = student) => {
      const form = new FormData();
      form.append('file', new Blob([data], { type }), name);
      return app.request<Work>('POST', `/api/me/works/${workId}/images`, { token: who.token, raw: form });
    };
    const added = await addImage(res.body.id, PNG, 'a.png', 'image/png');
    expect(added.status).toBe(200);
    expect(added.body.image_urls).toHaveLength(1);
    expectError(await addImage(res.body.id, Buffer.from('text'), 'a.txt', 'text/plain'), 400, 'UNSUPPORTED_MEDIA_TYPE', 'file');
    expectError(await addImage(res.body.id, PNG, 'a.png', 'image/png', await learner()), 404, 'NOT_FOUND');
    await app.request('PUT', `/api/creator/works/${res.body.id}/feature`, { token: creator.token });
    expectError(await addImage(res.body.id, PNG, 'b.png', 'image/png'), 409, 'WORK_FEATURED');
    const mine = await app.request<PageBody<Work>>('GET', '/api/me/works/', { token: student.token });
    expect(mine.body.results[0]!.image_urls).toHaveLength(1);
  });

  it('refuses learners who are not enrolled', async () => {
    const outsider = await registerUser(app);
    expectError(await submit(outsider, '没买也交'), 403, 'NOT_ENROLLED');
    expect((await app.request<PageBody<Work>>('GET', '/api/me/works/', { token: outsider.token })).body.results).toEqual([]);
  });

  it('names the bad field: missing or too long text, wrong image type, fake or oversized image, too many images', async () => {
    const student = await learner();
    expectError(await submit(student, undefined), 400, 'VALIDATION_ERROR', 'text');
    expectError(await submit(student, '   '), 400, 'VALIDATION_ERROR', 'text');
    expectError(await submit(student, '长'.repeat(5001)), 400, 'VALIDATION_ERROR', 'text');
    expectError(await submit(student, '附件', [{ data: Buffer.from('%PDF-1.4'), name: 'a.pdf', type: 'application/pdf' }]), 400, 'UNSUPPORTED_MEDIA_TYPE', 'images.0');
    expectError(await submit(student, '附件', [png(), { data: randomBytes(64), name: 'fake.png', type: 'image/png' }]), 400, 'UNSUPPORTED_MEDIA_TYPE', 'images.1');
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    expectError(await submit(student, '大图', [{ data: big, name: 'big.png', type: 'image/png' }]), 400, 'IMAGE_TOO_LARGE', 'images.0');
    expectError(await submit(student, '太多', Array.from({ length: 7 }, () => png())), 400, 'VALIDATION_ERROR', 'images');
    // None of the refused submissions was kept: the learner can still submit.
    expect((await app.request<PageBody<Work>>('GET', '/api/me/works/', { token: student.token })).body.results).toEqual([]);
    expect((await submit(student, '这次对了', [png()])).status).toBe(201);
  });
});

describe('comment, feature, review', () => {
  it('the creator comments; a featured work shows on the course page only after an admin approves it; unfeaturing hides it', async () => {
    const student = await learner();
    const work = (await submit(student, '值得展示的作品', [png()])).body;

    const commented = await app.request<Work>('POST', `/api/creator/works/${work.id}/comment`, { token: creator.token, body: { comment: '结构很清楚' } });
    expect(commented.status).toBe(200);
    expect(commented.body.comment).toBe('结构很清楚');
    expectError(await app.request('POST', `/api/creator/works/${work.id}/comment`, { token: creator.token, body: { comment: '' } }), 400, 'VALIDATION_ERROR', 'comment');

    const submissions = await app.request<PageBody<Work>>('GET', `/api/creator/assignments/${assignment.id}/works`, { token: creator.token });
    expect(submissions.body.results.map((w) => w.id)).toContain(work.id);

    const featured = await app.request<Work>('PUT', `/api/creator/works/${work.id}/feature`, { token: creator.token });
    expect(featured.body.feature_status).toBe('IN_REVIEW');
    expect((await publicWorks()).map((w) => w.id)).not.toContain(work.id);

    const queue = await app.request<PageBody<Work>>('GET', '/api/admin/works', { token: admin.token });
    expect(queue.body.results.map((w) => w.id)).toContain(work.id);
    expectError(await app.request('POST', `/api/admin/works/${work.id}/approve`, { token: creator.token }), 403, 'ROLE_REQUIRED');
    const approved = await app.request<Work>('POST', `/api/admin/works/${work.id}/approve`, { token: admin.token });
    expect(approved.body.feature_status).toBe('APPROVED');

    const rows = (await app.container.dataSource.query('SELECT display_name FROM users WHERE id = ?', [student.user.id])) as Array<{ display_name: string }>;
    const name = rows[0]?.display_name;
    expect(name).toBeTruthy();
    const shown = (await publicWorks()).find((w) => w.id === work.id);
    expect(shown).toMatchObject({ text: '值得展示的作品', comment: '结构很清楚', learner_name: name });
    expect(shown).not.toHaveProperty('feature_status');
    const mine = await app.request<PageBody<Work>>('GET', '/api/me/works/', { token: student.token });
    expect(mine.body.results[0]).toMatchObject({ id: work.id, comment: '结构很清楚', feature_status: 'APPROVED' });

    const unfeatured = await app.request<Work>('DELETE', `/api/creator/works/${work.id}/feature`, { token: creator.token });
    expect(unfeatured.body.feature_status).toBe('NONE');
    expect((await publicWorks()).map((w) => w.id)).not.toContain(work.id);
    expectError(await app.request('POST', `/api/admin/works/${work.id}/approve`, { token: admin.token }), 409, 'WORK_NOT_IN_REVIEW');

    const audit: Array<{ action: string }> = await app.container.dataSource.query("SELECT action FROM audit_log WHERE subject_type = 'work' AND subject_id = ? ORDER BY id", [work.id]);
    expect(audit.map((a) => a.action)).toEqual(['work.comment', 'work.feature', 'work.approve', 'work.unfeature']);
  });

  it('a rejected work stays off the course page, with the reason for the creator', async () => {
    const student = await learner();
    const work = (await submit(student, '不宜展示的作品')).body;
    await app.request('PUT', `/api/creator/works/${work.id}/feature`, { token: creator.token });
    expectError(await app.request('POST', `/api/admin/works/${work.id}/reject`, { token: admin.token, body: {} }), 400, 'VALIDATION_ERROR', 'reason');
    const rejected = await app.request<Work>('POST', `/api/admin/works/${work.id}/reject`, { token: admin.token, body: { reason: '含联系方式' } });
    expect(rejected.body).toMatchObject({ feature_status: 'REJECTED', review_note: '含联系方式' });
    expect((await publicWorks()).map((w) => w.id)).not.toContain(work.id);
  });

  it('keeps other creators and learners out of the submissions', async () => {
    const student = await learner();
    const work = (await submit(student, '只给老师看')).body;
    expectError(await app.request('GET', `/api/creator/assignments/${assignment.id}/works`, { token: stranger.token }), 404, 'NOT_FOUND');
    expectError(await app.request('PUT', `/api/creator/works/${work.id}/feature`, { token: stranger.token }), 404, 'NOT_FOUND');
    expectError(await app.request('POST', `/api/creator/works/${work.id}/comment`, { token: student.token, body: { comment: '自评' } }), 403, 'ROLE_REQUIRED');
    const asAdmin = await app.request<PageBody<Work>>('GET', `/api/creator/assignments/${assignment.id}/works`, { token: admin.token });
    expect(asAdmin.body.results.map((w) => w.id)).toContain(work.id);
  });
});
