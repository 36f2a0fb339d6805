import { bullConnection, QUEUES } from '@knowpay/server';
import { Queue, type Worker } from 'bullmq';
import type Redis from 'ioredis';
import { PDFDocument } from 'pdf-lib';
import { buildCourse, enroll, eventually, publishCourse, registerAdmin, registerCreator, registerUser, type Account, type BuiltCourse } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { certificatesWorker } from '../src/workers/certificates.worker';

interface OwnCertificate {
  code: string;
  valid: boolean;
  learner_name: string;
  course: { id: number; name: string };
  issued_at: string;
  png_url: string;
  pdf_url: string;
  verify_url: string;
}

let app: TestApp;
let connection: Redis;
let worker: Worker;
let queue: Queue;
let creator: Account;
let course: BuiltCourse;
let quizId: number;
let trueFalseId: number;

beforeAll(async () => {
  app = await startTestApp();
  connection = bullConnection(app.container.config.redisUrl);
  queue = new Queue(QUEUES.certificates, { connection, prefix: app.container.config.redisPrefix });
  worker = certificatesWorker(app.container, connection, 1);
  let admin: Account;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  course = await buildCourse(app, creator, { name: '摄影构图二十讲' });
  await publishCourse(app, creator, admin, course.id);
  const quiz = await app.request<{ id: number; questions: Array<{ id: number }> }>('POST', `/api/creator/courses/${course.id}/quizzes`, {
    token: creator.token,
    body: { title: '结课测验', required: true, pass_percent: 100, questions: [{ kind: 'true_false', prompt: '三分法是一种构图方法。', answer: true }] },
  });
  quizId = quiz.body.id;
  trueFalseId = quiz.body.questions[0]!.id;
});
afterAll(async () => {
  await worker.close();
  await queue.close();
  connection.disconnect();
  await app.close();
});

function complete(lessonId: number, token: string) {
  return app.request('PUT', `/api/learning/lessons/${lessonId}/progress`, { token, body: { position_s: 60, completed: true } });
}

function myCertificates(token: string) {
  return app.request<OwnCertificate[]>('GET', '/api/me/certificates', { token });
}

/** Every certificate job has run (so "none yet" is an answer, not a race). */
async function jobsSettled(): Promise<void> {
  await eventually(async () => (await queue.getJobCounts('waiting', 'active', 'delayed')) && Object.values(await queue.getJobCounts('waiting', 'active', 'delayed')).every((n) => n === 0));
}

async function fetchBytes(url: string): Promise<Buffer> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('certificates', () => {
  it('comes only after every lesson and the required quiz, as a PNG and a PDF, and verifies by its code', async () => {
    const learner = await registerUser(app, { display_name: '林小雨' });
    await enroll(app, learner.user.id, course.id);

    await complete(course.previewLessonId, learner.token);
    await complete(course.paidLessonId, learner.token);
    await jobsSettled();
    // Lessons done, quiz not passed: nothing yet.
    expect((await myCertificates(learner.token)).body).toEqual([]);

    const wrong = await app.request<{ passed: boolean }>('POST', `/api/quizzes/${quizId}/attempts`, { token: learner.token, body: { answers: { [trueFalseId]: false } } });
    expect(wrong.body.passed).toBe(false);
    await jobsSettled();
    expect((await myCertificates(learner.token)).body).toEqual([]);

    const passed = await app.request<{ passed: boolean }>('POST', `/api/quizzes/${quizId}/attempts`, { token: learner.token, body: { answers: { [trueFalseId]: true } } });
    expect(passed.body.passed).toBe(true);
    const [certificate] = await eventually(async () => {
      const list = (await myCertificates(learner.token)).body;
      return list.length ? list : null;
    });
    expect(certificate).toMatchObject({ valid: true, learner_name: '林小雨', course: { id: course.id, name: '摄影构图二十讲' } });
    expect(certificate!.code).toMatch(/^KP-[0-9A-Z]{5}-[0-9A-Z]{5}$/);

    const png = await fetchBytes(certificate!.png_url);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1600, 1131]);
    const pdf = await fetchBytes(certificate!.pdf_url);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toContain(certificate!.code);

    const verified = await app.request('GET', `/api/certificates/${certificate!.code.toLowerCase().replace(/-/g, ' ')}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      code: certificate!.code,
      valid: true,
      learner_name: '林小雨',
      course: { id: course.id, name: '摄影构图二十讲' },
      issued_at: certificate!.issued_at,
      issued_on: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日$/),
    });
    expect(certificate!.verify_url).toBe(`${app.baseUrl}/api/certificates/${certificate!.code}`);
    expect((await app.request('GET', '/api/certificates/KP-00000-00000')).status).toBe(404);
    expect((await app.request('GET', '/api/certificates/not-a-code')).status).toBe(404);
  });

  it('is issued once however often the check runs, and never for a learner without the course', async () => {
    const learner = await registerUser(app);
    await enroll(app, learner.user.id, course.id);
    await complete(course.previewLessonId, learner.token);
    await complete(course.paidLessonId, learner.token);
    await app.request('POST', `/api/quizzes/${quizId}/attempts`, { token: learner.token, body: { answers: { [trueFalseId]: true } } });
    const [first, second] = await Promise.all([
      app.container.certificates.issueIfEligible(learner.user.id, course.id),
      app.container.certificates.issueIfEligible(learner.user.id, course.id),
    ]);
    expect(first!.code).toBe(second!.code);
    await jobsSettled();
    const rows: Array<{ n: string }> = await app.container.dataSource.query('SELECT COUNT(*) AS n FROM certificates WHERE user_id = ?', [learner.user.id]);
    expect(Number(rows[0]!.n)).toBe(1);

    const stranger = await registerUser(app);
    await complete(course.previewLessonId, stranger.token);
    expect(await app.container.certificates.issueIfEligible(stranger.user.id, course.id)).toBeNull();
    expect((await app.request('GET', '/api/me/certificates')).status).toBe(401);
  });
});
