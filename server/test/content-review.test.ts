import { Queue } from 'bullmq';
import type { PageBody as Page } from '../src/http/pagination';
import { QUEUES, type LearnerNoticeJob } from '../src/queues';
import { expectError } from './support/expect-error';
import { buildCourse, enroll, publishCourse, registerAdmin, registerUser, registerWechatLearner, uploadMedia, wav, type Account, type BuiltCourse } from './support/fixtures';
import { startTestApp, type ApiResponse, type TestApp } from './support/harness';
import { bindChat, grantSubscribe, outboxJobsFor, outboxQueue, sandboxMessages } from './support/notifications';

interface Revision {
  id: number;
  status: string;
  kind: string;
  review_note: string | null;
  submissions: number;
  changes: { name: string | null; description: string | null; cover_url: string | null; lessons: Array<{ id: number; title: string | null; media_url: string }> };
}

interface OwnDetail {
  id: number;
  name: string;
  description: string;
  price_fen: number;
  status: string;
  cover_url: string | null;
  revision: Revision | null;
  chapters: Array<{ id: number; lessons: Array<{ id: number; has_media: boolean; pending_media: boolean }> }>;
}

interface PublicDetail {
  name: string;
  description: string;
  price_fen: number;
  cover_url: string | null;
  chapters: Array<{ lessons: Array<{ id: number; url: string | null }> }>;
}

interface QueueItem {
  id: number;
  status: string;
  name: string;
  review: Revision | null;
}

interface AuditItem {
  action: string;
  actor: { id: number; role: string } | null;
  subject: { type: string; id: number };
  course: number | null;
  details: Record<string, unknown>;
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A WAV unlike the fixtures' one, to tell the new media from the approved one by its bytes. */
function otherWav(): Buffer {
  const b = wav();
  for (let i = 44; i < b.length; i += 2) b.writeInt16LE(1000, i);
  return b;
}

let app: TestApp;
let outbox: ReturnType<typeof outboxQueue>;
let notices: Queue<LearnerNoticeJob>;
let creator: Account & { openid: string };
let admin: Account;
let learner: Account;
let built: BuiltCourse;
const original = { name: '', description: '一门测试课程' };

beforeAll(async () => {
  app = await startTestApp();
  outbox = outboxQueue(app);
  notices = new Queue<LearnerNoticeJob>(QUEUES.learnerNotices, { connection: outbox.connection, prefix: app.container.config.redisPrefix });
  // A creator who signed in with WeChat and opened a shop: reachable by subscribe message.
  const wechat = await registerWechatLearner(app);
  const opened = await app.request<{ token: string }>('POST', '/api/me/become-creator', { token: wechat.token });
  creator = { ...wechat, token: opened.body.token };
  [admin, learner] = await Promise.all([registerAdmin(app), registerUser(app)]);
  original.name = `摄影入门 ${Date.now()}`;
  built = await buildCourse(app, creator, { name: original.name });
  await publishCourse(app, creator, admin, built.id);
  await enroll(app, learner.user.id, built.id);
});
afterAll(async () => {
  await notices.close();
  await outbox.close();
  await app.close();
});

const own = async (): Promise<OwnDetail> => (await app.request<OwnDetail>('GET', `/api/creator/courses/${built.id}`, { token: creator.token })).body;
const learnerView = async (): Promise<PublicDetail> => {
  const res = await app.request<PublicDetail>('GET', `/api/courses/${built.id}`, { token: learner.token });
  expect(res.status).toBe(200);
  return res.body;
};
const patch = (body: Record<string, unknown>) => app.request<OwnDetail>('PATCH', `/api/creator/courses/${built.id}`, { token: creator.token, body });
const submit = () => app.request<OwnDetail>('POST', `/api/creator/courses/${built.id}/submit`, { token: creator.token });
const paidLessonUrl = (d: PublicDetail) => d.chapters.flatMap((c) => c.lessons).find((l) => l.id === built.paidLessonId)?.url ?? null;

/** The bytes behind a media URL the API handed out (fetched from the test app). */
async function bytesOf(url: string): Promise<{ status: number; bytes: Buffer }> {
  const u = new URL(url);
  const res = await fetch(new URL(u.pathname + u.search, app.baseUrl));
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function publicNames(q: string): Promise<string[]> {
  const res = await app.request<Page<{ name: string }>>('GET', `/api/courses?q=${encodeURIComponent(q)}&page_size=100`);
  return res.body.results.map((c) => c.name);
}

async function queueItem(): Promise<QueueItem | undefined> {
  const res = await app.request<Page<QueueItem>>('GET', '/api/admin/courses/review-queue?page_size=100', { token: admin.token });
  expect(res.status).toBe(200);
  return res.body.results.find((c) => c.id === built.id);
}

async function reviewNotices(): Promise<LearnerNoticeJob[]> {
  const jobs = await notices.getJobs(['waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed']);
  return jobs.map((j) => j.data).filter((n) => n.kind === 'course-review' && n.userId === creator.user.id);
}

describe('changes to a course on sale', () => {
  let approvedMedia: Buffer;

  it('keep the approved title and description live while the new ones wait in a revision; price applies at once', async () => {
    approvedMedia = (await bytesOf(paidLessonUrl(await learnerView())!)).bytes;
    const res = await patch({ name: '摄影进阶：光与影', description: '全新录制的课程介绍', price: 59 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: original.name, description: original.description, price_fen: 5900, status: 'PUBLISHED' });
    expect(res.body.revision).toMatchObject({ status: 'DRAFT', changes: { name: '摄影进阶：光与影', description: '全新录制的课程介绍', cover_url: null, lessons: [] } });

    expect(await learnerView()).toMatchObject({ name: original.name, description: original.description, price_fen: 5900 });
    expect(await publicNames('光与影')).toEqual([]);
    expect(await publicNames(original.name)).toEqual([original.name]);
  });

  it('take a change back when the value is set to the live one again', async () => {
    const res = await patch({ description: original.description });
    expect(res.body.revision?.changes).toMatchObject({ name: '摄影进阶：光与影', description: null });
    await patch({ description: '全新录制的课程介绍' });
  });

  it('keep the approved cover and lesson media live while the new files wait', async () => {
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'cover.png');
    const cover = await app.request<OwnDetail>('POST', `/api/creator/courses/${built.id}/cover`, { token: creator.token, raw: form });
    expect(cover.status).toBe(200);
    expect(cover.body.cover_url).toBeNull();
    expect(cover.body.revision?.changes.cover_url).toMatch(/\/media\/covers\//);

    const media = await uploadMedia(app, creator, built.paidLessonId, otherWav(), 'new.wav', 'audio/wav');
    expect(media.status).toBe(200);
    expect(media.body).toMatchObject({ id: built.paidLessonId, has_media: true, pending_media: true });

    const view = await learnerView();
    expect(view.cover_url).toBeNull();
    expect((await bytesOf(paidLessonUrl(view)!)).bytes.equals(approvedMedia)).toBe(true);
    const detail = await own();
    expect(detail.revision?.changes.lessons).toEqual([{ id: built.paidLessonId, title: '正课', media_url: expect.stringContaining('/media/lessons/') }]);
    expect(detail.chapters[0]!.lessons.find((l) => l.id === built.paidLessonId)).toMatchObject({ pending_media: true });
    // The creator can hear what they uploaded; learners cannot reach it.
    expect((await bytesOf(detail.revision!.changes.lessons[0]!.media_url)).bytes.equals(otherWav())).toBe(true);
  });

  it('go to the review queue on submit, while the course stays on sale; its content is locked until the decision', async () => {
    const res = await submit();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'PUBLISHED', revision: { status: 'IN_REVIEW', kind: 'changes', submissions: 1 } });
    expect(await publicNames(original.name)).toEqual([original.name]);

    const item = await queueItem();
    expect(item).toMatchObject({ status: 'PUBLISHED', name: original.name, review: { kind: 'changes', changes: { name: '摄影进阶：光与影', description: '全新录制的课程介绍' } } });
    expect(item?.review?.changes.lessons.map((l) => l.id)).toEqual([built.paidLessonId]);

    expectError(await patch({ name: '再改一次' }), 409, 'REVISION_IN_REVIEW');
    expectError(await uploadMedia(app, creator, built.previewLessonId, otherWav(), 'x.wav', 'audio/wav'), 409, 'REVISION_IN_REVIEW');
    expectError(await submit(), 409, 'REVISION_IN_REVIEW');
    expectError(await app.request('DELETE', `/api/creator/courses/${built.id}/revision`, { token: creator.token }), 409, 'REVISION_IN_REVIEW');
    // Price is not reviewed: it still changes.
    expect((await patch({ price: 69 })).body.price_fen).toBe(6900);
  });

  it('stay pending when rejected: the live version stays, and the creator is told why', async () => {
    const reason = '封面与课程内容不符';
    const res = await app.request<{ status: string }>('POST', `/api/admin/courses/${built.id}/reject`, { token: admin.token, body: { reason } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('PUBLISHED');
    expect(await learnerView()).toMatchObject({ name: original.name, cover_url: null });
    expect((await own()).revision).toMatchObject({ status: 'REJECTED', review_note: reason, changes: { name: '摄影进阶：光与影' } });
    expect(await queueItem()).toBeUndefined();

    const [notice] = await reviewNotices();
    expect(notice?.text).toBe(`审核未通过：《${original.name}》的修改。原因：${reason}。修改后可以重新提交审核，在此之前学员看到的仍是上次通过的版本。`);
    expect(notice?.subscribe).toMatchObject({ page: `creator/editor/index?id=${built.id}`, data: { phrase2: { value: '未通过' }, thing3: { value: reason } } });
    // Delivered as a subscribe message (the creator is not bound in chat), once.
    await grantSubscribe(app, creator.openid, [app.container.config.notifications.templates['course-review']!]);
    expect(await app.container.notifications.notify(notice!)).toBe('subscribe');
    expect(await app.container.notifications.notify(notice!)).toBe('duplicate');
    const [message] = (await sandboxMessages(app, creator.openid)).filter((m) => m.template_id === app.container.config.notifications.templates['course-review']);
    expect(message?.data).toMatchObject({ thing1: { value: expect.stringContaining('摄影入门') }, phrase2: { value: '未通过' } });
  });

  it('are applied all at once when approved: title, description, cover and media, and the old files are gone', async () => {
    const before = await learnerView();
    const oldMediaUrl = paidLessonUrl(before)!;
    await patch({ name: '摄影进阶：光与影（第二版）' });
    expect((await submit()).body.revision).toMatchObject({ status: 'IN_REVIEW', submissions: 2, review_note: null });

    const contactId = await bindChat(app, creator.user.id);
    const res = await app.request<{ status: string; name: string }>('POST', `/api/admin/courses/${built.id}/approve`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'PUBLISHED', name: '摄影进阶：光与影（第二版）' });

    const after = await learnerView();
    expect(after).toMatchObject({ name: '摄影进阶：光与影（第二版）', description: '全新录制的课程介绍', price_fen: 6900 });
    expect(after.cover_url).toMatch(/\/media\/covers\/.+\.png$/);
    expect((await bytesOf(paidLessonUrl(after)!)).bytes.equals(otherWav())).toBe(true);
    expect((await bytesOf(oldMediaUrl)).status).toBe(404);
    expect(await publicNames('光与影')).toEqual(['摄影进阶：光与影（第二版）']);
    expect((await own()).revision).toBeNull();

    const approved = (await reviewNotices()).find((n) => n.text.startsWith('审核通过'));
    expect(approved?.text).toBe('审核通过：《摄影进阶：光与影（第二版）》的修改已生效，学员现在看到的是新版本。');
    // Bound in chat now: the same kind of notice goes to the bot's outbox instead.
    expect(await app.container.notifications.notify(approved!)).toBe('chat');
    const jobs = await outboxJobsFor(outbox.queue, contactId);
    expect(jobs.map((j) => j.data.text)).toContain(approved!.text);
    await app.container.chatBindings.unbind(creator.user.id);
  });

  it('cannot be submitted when nothing changed since the approval', async () => {
    expectError(await submit(), 409, 'NOTHING_TO_REVIEW');
    expectError(await app.request('DELETE', `/api/creator/courses/${built.id}/revision`, { token: creator.token }), 404, 'NOT_FOUND');
  });

  it('can be discarded before submitting, files and all', async () => {
    const media = await uploadMedia(app, creator, built.previewLessonId, otherWav(), 'try.wav', 'audio/wav');
    expect(media.status).toBe(200);
    const pendingUrl = (await own()).revision!.changes.lessons[0]!.media_url;
    expect((await bytesOf(pendingUrl)).status).toBe(200);
    const res = await app.request<OwnDetail>('DELETE', `/api/creator/courses/${built.id}/revision`, { token: creator.token });
    expect(res.status).toBe(200);
    expect(res.body.revision).toBeNull();
    expect((await bytesOf(pendingUrl)).status).toBe(404);
  });
});

describe('a course that was never approved', () => {
  it('takes edits directly, and its first approval publishes it and tells the creator', async () => {
    const draft = await buildCourse(app, creator);
    const renamed = await app.request<OwnDetail>('PATCH', `/api/creator/courses/${draft.id}`, { token: creator.token, body: { name: '首发课程' } });
    expect(renamed.body).toMatchObject({ name: '首发课程', revision: null });
    expect((await app.request<OwnDetail>('POST', `/api/creator/courses/${draft.id}/submit`, { token: creator.token })).body).toMatchObject({
      status: 'IN_REVIEW',
      revision: { status: 'IN_REVIEW', kind: 'publish' },
    });
    expect((await app.request('POST', `/api/admin/courses/${draft.id}/approve`, { token: admin.token })).status).toBe(200);
    const notice = (await reviewNotices()).find((n) => n.text === '审核通过：《首发课程》已上架，学员现在可以购买了。');
    expect(notice?.subscribe?.data.thing3).toEqual({ value: '课程已上架' });
  });

  it('in review without a recorded submission (made outside the API) is still approved, and the decision recorded', async () => {
    const course = await buildCourse(app, creator, { name: '导入的课程' });
    await app.container.dataSource.query("UPDATE courses SET status = 'IN_REVIEW' WHERE id = ?", [course.id]);
    const res = await app.request<Page<QueueItem>>('GET', '/api/admin/courses/review-queue?page_size=100', { token: admin.token });
    expect(res.body.results.find((c) => c.id === course.id)).toMatchObject({ status: 'IN_REVIEW', review: null });
    expect((await app.request('POST', `/api/admin/courses/${course.id}/approve`, { token: admin.token })).status).toBe(200);
    const [row] = (await app.container.dataSource.query('SELECT status, kind, decided_by FROM course_revisions WHERE course_id = ?', [course.id])) as Array<Record<string, unknown>>;
    expect(row).toEqual({ status: 'APPROVED', kind: 'publish', decided_by: admin.user.id });
  });
});

describe('the audit log', () => {
  const audit = (query: string, token = admin.token): Promise<ApiResponse<Page<AuditItem>>> => app.request<Page<AuditItem>>('GET', `/api/admin/audit?${query}`, { token });

  it("tells who changed what on the course, newest first", async () => {
    const res = await audit(`course=${built.id}&page_size=100`);
    expect(res.status).toBe(200);
    const actions = res.body.results.map((e) => e.action).reverse();
    expect(actions.slice(0, 7)).toEqual(['course.create', 'chapter.create', 'lesson.create', 'lesson.create', 'lesson.media', 'lesson.media', 'review.submit']);
    expect(actions).toEqual(expect.arrayContaining(['course.update', 'course.cover', 'review.reject', 'review.approve', 'review.discard']));
    const update = res.body.results.findLast((e) => e.action === 'course.update' && (e.details.pending_review as Record<string, unknown>).name !== undefined);
    expect(update).toMatchObject({ actor: { id: creator.user.id, role: 'creator' }, subject: { type: 'course', id: built.id } });
    expect(update?.details).toMatchObject({ pending_review: { name: { from: original.name, to: '摄影进阶：光与影' } }, changes: { price_fen: { from: 9990, to: 5900 } } });
    const reject = res.body.results.find((e) => e.action === 'review.reject');
    expect(reject).toMatchObject({ actor: { id: admin.user.id, role: 'admin' }, subject: { type: 'revision' }, details: { reason: '封面与课程内容不符', kind: 'changes' } });
  });

  it('filters by action and actor, and is for admins only', async () => {
    const approvals = await audit(`action=review.approve&actor=${admin.user.id}`);
    expect(approvals.body.results.length).toBeGreaterThanOrEqual(2);
    expect(approvals.body.results.every((e) => e.action === 'review.approve' && e.actor?.id === admin.user.id)).toBe(true);
    expectError(await audit('action=Bad Action'), 400, 'VALIDATION_ERROR', 'action');
    expectError(await audit('', creator.token), 403, 'ROLE_REQUIRED');
    expectError(await app.request('GET', '/api/admin/audit'), 401, 'UNAUTHORIZED');
  });
});
