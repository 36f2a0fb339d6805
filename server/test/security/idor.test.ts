import { buildCourse, cashier, enroll, eventually, orderStatus, prepaidOrder, publishCourse, registerAdmin, registerCreator, registerUser, registerWechatLearner, wav, type Account } from '../support/fixtures';
import { startTestApp, type ApiResponse, type TestApp } from '../support/harness';
import { askPaidQuestion } from '../support/paid-questions';

/** A 1×1 transparent PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/**
 * Every route with an id in its path, called by someone who must not reach that object: another learner,
 * another creator, or a learner on an admin route. Each must be refused (401, 403 or 404: never the object),
 * and the object must be unchanged. The last test checks this table against the OpenAPI document, so a new
 * route with an id cannot be added without a case here.
 */
let app: TestApp;
let owner: Account; // the creator of the course the learner bought
let stranger: Account; // another creator
let buyer: Account; // bought the course, asked a private question, asked for a refund
let other: Account; // another learner
const ids = { course: 0, draft: 0, chapter: 0, paidLesson: 0, order: 0, refund: 0, question: 0, faq: 0, coupon: 0, quiz: 0, essay: 0, attempt: 0, live: 0, assignment: 0, work: 0, paidQuestion: 0, plan: 0 };

beforeAll(async () => {
  app = await startTestApp();
  let admin: Account;
  [owner, stranger, admin, other] = await Promise.all([registerCreator(app), registerCreator(app), registerAdmin(app), registerWechatLearner(app)]);
  const course = await buildCourse(app, owner, { price: 10 });
  await publishCourse(app, owner, admin, course.id);
  const draft = await buildCourse(app, owner);
  Object.assign(ids, { course: course.id, draft: draft.id, chapter: course.chapterId, paidLesson: course.paidLessonId });

  const paid = await prepaidOrder(app, course.id);
  buyer = paid.learner;
  await cashier(app, 'confirm', paid.prepayId);
  await eventually(async () => (await orderStatus(app, paid.order.id)) === 'PAID');
  ids.order = paid.order.id;
  const refund = await app.request<{ id: number }>('POST', `/api/orders/${ids.order}/refund`, { token: buyer.token, body: { reason: '不想学了' } });
  ids.refund = refund.body.id;
  await app.request('PUT', `/api/learning/lessons/${ids.paidLesson}/progress`, { token: buyer.token, body: { position_s: 10, completed: false } });
  ids.question = (await app.request<{ id: number }>('POST', `/api/courses/${course.id}/questions/`, { token: buyer.token, body: { text: '私下问一句', is_public: false } })).body.id;
  ids.faq = (await app.request<{ id: number }>('POST', `/api/creator/courses/${course.id}/faq`, { token: owner.token, body: { question: '要基础吗？', answer: '不要' } })).body.id;
  ids.coupon = (
    await app.request<{ id: number }>('POST', '/api/creator/coupons', {
      token: owner.token,
      body: { code: 'OWNERS', kind: 'PERCENT', value: 10, course: course.id, starts_at: '2020-01-01T00:00:00Z', ends_at: '2099-01-01T00:00:00Z', total_limit: 5 },
    })
  ).body.id;
  const quiz = await app.request<{ id: number; questions: Array<{ id: number }> }>('POST', `/api/creator/courses/${course.id}/quizzes`, {
    token: owner.token,
    body: { title: '测验', lesson: course.paidLessonId, questions: [{ kind: 'short_answer', prompt: '谈谈体会', points: 2 }] },
  });
  ids.quiz = quiz.body.id;
  ids.essay = quiz.body.questions[0]!.id;
  ids.attempt = (await app.request<{ id: number }>('POST', `/api/quizzes/${ids.quiz}/attempts`, { token: buyer.token, body: { answers: { [ids.essay]: '很有收获' } } })).body.id;
  ids.live = (
    await app.request<{ id: number }>('POST', `/api/creator/courses/${course.id}/live-sessions`, {
      token: owner.token,
      body: { title: '直播', starts_at: '2099-01-01T12:00:00Z', duration_min: 30, hls_url: 'https://live.example.com/a.m3u8' },
    })
  ).body.id;
  ids.assignment = (await app.request<{ id: number }>('POST', `/api/creator/courses/${course.id}/assignments`, { token: owner.token, body: { title: '作业', prompt: '交一篇心得' } })).body.id;
  const work = new FormData();
  work.append('text', '我的心得');
  ids.work = (await app.request<{ id: number }>('POST', `/api/assignments/${ids.assignment}/works`, { token: buyer.token, raw: work })).body.id;
  // A private paid question (asked and paid by another learner) on the course.
  await app.request('PUT', `/api/creator/courses/${course.id}/paid-questions/settings`, { token: owner.token, body: { enabled: true, price_fen: 500, unlock_price_fen: 50 } });
  ids.paidQuestion = (await askPaidQuestion(app, course.id, { text: '私下问一句', allowPublic: false })).question.id;
  ids.plan = (await app.request<{ id: number }>('POST', '/api/creator/plans', { token: owner.token, body: { name: '月卡', period: 'MONTHLY', price_fen: 900, all_courses: true } })).body.id;
  await app.request('PUT', `/api/creator/plans/${ids.plan}/referral-rate`, { token: owner.token, body: { rate_percent: 5 } });
  // Pending changes of the course on sale, waiting for review.
  const renamed = await app.request('PATCH', `/api/creator/courses/${course.id}`, { token: owner.token, body: { name: '改名待审' } });
  if (renamed.status !== 200) throw new Error(`fixture revision was not made: ${JSON.stringify(renamed.body)}`);
  for (const [name, id] of Object.entries(ids)) if (!id) throw new Error(`fixture ${name} was not made`);
}, 60_000);
afterAll(() => app.close());

interface Case {
  method: string;
  /** The OpenAPI path. */
  path: string;
  as: () => Account;
  id: () => number;
  body?: unknown;
  /** A multipart upload (cover, media) instead of a JSON body. */
  file?: { data: Buffer; name: string; type: string };
  /**
   * Routes about the caller's own relation to the object answer with the caller's own (empty) view
   * instead of a refusal; then it must show nothing of the owner's.
   */
  ownView?: (body: unknown) => void;
}

const learnerOnOthers = (method: string, path: string, id: () => number, body?: unknown): Case => ({ method, path, as: () => other, id, body });
const creatorOnOthers = (method: string, path: string, id: () => number, body?: unknown): Case => ({ method, path, as: () => stranger, id, body });

const CASES: Case[] = [
  learnerOnOthers('get', '/api/orders/{id}', () => ids.order),
  learnerOnOthers('patch', '/api/orders/{id}', () => ids.order, { status: 'REFUNDED' }),
  learnerOnOthers('post', '/api/orders/{id}/pay', () => ids.order),
  learnerOnOthers('post', '/api/orders/{id}/refund', () => ids.order, { reason: '替别人退款' }),
  learnerOnOthers('get', '/api/orders/{id}/refund', () => ids.order),
  creatorOnOthers('post', '/api/refunds/{id}/approve', () => ids.refund, {}),
  creatorOnOthers('post', '/api/refunds/{id}/reject', () => ids.refund, { note: '不批' }),
  {
    ...learnerOnOthers('get', '/api/learning/courses/{id}/progress', () => ids.course),
    ownView: (body) => {
      const lessons = (body as { lessons: Array<{ position_s: number }> }).lessons;
      expect(lessons.filter((l) => l.position_s > 0)).toEqual([]);
    },
  },
  learnerOnOthers('get', '/api/learning/lessons/{id}', () => ids.paidLesson),
  learnerOnOthers('put', '/api/learning/lessons/{id}/progress', () => ids.paidLesson, { position_s: 30, completed: true }),
  creatorOnOthers('post', '/api/questions/{id}/answer', () => ids.question, { answer: '冒名回答' }),
  { method: 'post', path: '/api/questions/{id}/answer', as: () => buyer, id: () => ids.question, body: { answer: '自问自答' } },
  learnerOnOthers('post', '/api/courses/{id}/questions', () => ids.course, { text: '没买也想问' }),
  learnerOnOthers('post', '/api/courses/{id}/reviews', () => ids.course, { rating: 1, content: '没买也评' }),
  learnerOnOthers('get', '/api/courses/{id}', () => ids.draft),
  learnerOnOthers('get', '/api/courses/{id}/questions', () => ids.draft),
  learnerOnOthers('get', '/api/courses/{id}/reviews', () => ids.draft),
  learnerOnOthers('get', '/api/courses/{id}/faq', () => ids.draft),
  learnerOnOthers('get', '/api/courses/{id}/related', () => ids.draft),
  creatorOnOthers('get', '/api/creator/courses/{id}', () => ids.course),
  creatorOnOthers('patch', '/api/creator/courses/{id}', () => ids.course, { price: 0.01 }),
  creatorOnOthers('post', '/api/creator/courses/{id}/chapters', () => ids.course, { title: '插一章' }),
  { ...creatorOnOthers('post', '/api/creator/courses/{id}/cover', () => ids.course), file: { data: PNG, name: 'cover.png', type: 'image/png' } },
  creatorOnOthers('post', '/api/creator/courses/{id}/faq', () => ids.course, { question: '假问题', answer: '假答案' }),
  creatorOnOthers('post', '/api/creator/courses/{id}/submit', () => ids.draft),
  creatorOnOthers('post', '/api/creator/courses/{id}/unlist', () => ids.course),
  creatorOnOthers('patch', '/api/creator/chapters/{id}', () => ids.chapter, { title: '改名' }),
  creatorOnOthers('delete', '/api/creator/chapters/{id}', () => ids.chapter),
  creatorOnOthers('post', '/api/creator/chapters/{id}/lessons', () => ids.chapter, { title: '插一课', kind: 'audio', duration_s: 1 }),
  creatorOnOthers('patch', '/api/creator/lessons/{id}', () => ids.paidLesson, { free_preview: true }),
  creatorOnOthers('delete', '/api/creator/lessons/{id}', () => ids.paidLesson),
  { ...creatorOnOthers('post', '/api/creator/lessons/{id}/media', () => ids.paidLesson), file: { data: wav(), name: 'lesson.wav', type: 'audio/wav' } },
  creatorOnOthers('patch', '/api/creator/faq/{id}', () => ids.faq, { answer: '改答案' }),
  creatorOnOthers('delete', '/api/creator/faq/{id}', () => ids.faq),
  creatorOnOthers('post', '/api/creator/coupons/{id}/disable', () => ids.coupon, {}),
  creatorOnOthers('put', '/api/creator/lessons/{id}/release', () => ids.paidLesson, { after_days: 3 }),
  creatorOnOthers('delete', '/api/creator/lessons/{id}/release', () => ids.paidLesson),
  creatorOnOthers('post', '/api/creator/courses/{id}/quizzes', () => ids.course, { title: '插一个测验', questions: [{ kind: 'true_false', prompt: '对吗', answer: true }] }),
  creatorOnOthers('get', '/api/creator/quizzes/{id}', () => ids.quiz),
  creatorOnOthers('put', '/api/creator/quizzes/{id}', () => ids.quiz, { title: '冒名改题', questions: [{ kind: 'true_false', prompt: '对吗', answer: true }] }),
  creatorOnOthers('delete', '/api/creator/quizzes/{id}', () => ids.quiz),
  creatorOnOthers('get', '/api/creator/quizzes/{id}/attempts', () => ids.quiz),
  creatorOnOthers('post', '/api/creator/quiz-attempts/{id}/grade', () => ids.attempt, { points: {} }),
  learnerOnOthers('get', '/api/courses/{id}/quizzes', () => ids.draft),
  learnerOnOthers('get', '/api/quizzes/{id}', () => ids.quiz),
  learnerOnOthers('post', '/api/quizzes/{id}/attempts', () => ids.quiz, { answers: {} }),
  learnerOnOthers('get', '/api/quizzes/{id}/attempts', () => ids.quiz),
  creatorOnOthers('post', '/api/creator/courses/{id}/live-sessions', () => ids.course, { title: '冒名直播', starts_at: '2099-01-01T12:00:00Z', duration_min: 30, hls_url: 'https://x.example.com/a.m3u8' }),
  learnerOnOthers('get', '/api/courses/{id}/live-sessions', () => ids.draft),
  learnerOnOthers('get', '/api/live-sessions/{id}/questions', () => ids.live),
  creatorOnOthers('put', '/api/creator/live-sessions/{id}/recording', () => ids.live, { lesson: null }),
  creatorOnOthers('patch', '/api/creator/live-sessions/{id}', () => ids.live, { hls_url: 'https://x.example.com/b.m3u8' }),
  creatorOnOthers('get', '/api/creator/courses/{id}/learning-analytics', () => ids.course),
  creatorOnOthers('post', '/api/creator/courses/{id}/redemption-codes', () => ids.course, { count: 1 }),
  learnerOnOthers('get', '/api/orders/{id}/gift', () => ids.order),
  creatorOnOthers('get', '/api/creator/courses/{id}/redemption-codes', () => ids.course),
  creatorOnOthers('get', '/api/creator/courses/{id}/redemption-codes.csv', () => ids.course),
  creatorOnOthers('patch', '/api/creator/plans/{id}', () => ids.plan, { price_fen: 1 }),
  creatorOnOthers('post', '/api/creator/plans/{id}/retire', () => ids.plan),
  learnerOnOthers('get', '/api/courses/{id}/plans', () => ids.draft),
  {
    // A creator's plans on offer are public; the viewer sees only their own (absent) membership of them.
    ...learnerOnOthers('get', '/api/creators/{id}/plans', () => owner.user.id),
    ownView: (body) => {
      const offers = body as { member: boolean; results: Array<{ member: boolean; member_until: string | null }> };
      expect(offers.member).toBe(false);
      expect(offers.results.filter((p) => p.member || p.member_until !== null)).toEqual([]);
    },
  },
  creatorOnOthers('post', '/api/creator/courses/{id}/assignments', () => ids.course, { title: '冒名作业', prompt: '冒名' }),
  creatorOnOthers('get', '/api/creator/courses/{id}/assignments', () => ids.course),
  creatorOnOthers('delete', '/api/creator/assignments/{id}', () => ids.assignment),
  creatorOnOthers('get', '/api/creator/assignments/{id}/works', () => ids.assignment),
  creatorOnOthers('post', '/api/creator/works/{id}/comment', () => ids.work, { comment: '冒名点评' }),
  creatorOnOthers('put', '/api/creator/works/{id}/feature', () => ids.work),
  creatorOnOthers('delete', '/api/creator/works/{id}/feature', () => ids.work),
  { method: 'post', path: '/api/admin/works/{id}/approve', as: () => owner, id: () => ids.work },
  { method: 'post', path: '/api/admin/works/{id}/reject', as: () => owner, id: () => ids.work, body: { reason: '自己驳回' } },
  { ...learnerOnOthers('post', '/api/me/works/{id}/images', () => ids.work), file: { data: PNG, name: 'work.png', type: 'image/png' } },
  learnerOnOthers('get', '/api/courses/{id}/assignments', () => ids.draft),
  learnerOnOthers('get', '/api/courses/{id}/works', () => ids.draft),
  { ...learnerOnOthers('post', '/api/assignments/{id}/works', () => ids.assignment), file: { data: PNG, name: 'work.png', type: 'image/png' } },
  { method: 'post', path: '/api/admin/courses/{id}/approve', as: () => owner, id: () => ids.draft },
  { method: 'post', path: '/api/admin/courses/{id}/reject', as: () => owner, id: () => ids.draft, body: { reason: '自己驳回' } },
  creatorOnOthers('delete', '/api/creator/courses/{id}/revision', () => ids.course),
  { method: 'patch', path: '/api/admin/users/{id}', as: () => owner, id: () => owner.user.id, body: { role: 'admin' } },
  { method: 'post', path: '/api/admin/orders/{id}/refund', as: () => owner, id: () => ids.order, body: { reason: '替学员退款' } },
  learnerOnOthers('get', '/api/courses/{id}/paid-questions/settings', () => ids.draft),
  creatorOnOthers('get', '/api/creator/courses/{id}/paid-questions/settings', () => ids.course),
  creatorOnOthers('put', '/api/creator/courses/{id}/paid-questions/settings', () => ids.course, { enabled: false, price_fen: 100, unlock_price_fen: 1 }),
  learnerOnOthers('post', '/api/courses/{id}/paid-questions', () => ids.draft, { text: '草稿课也想问' }),
  learnerOnOthers('get', '/api/courses/{id}/paid-questions', () => ids.draft),
  learnerOnOthers('get', '/api/paid-questions/{id}', () => ids.paidQuestion),
  creatorOnOthers('post', '/api/paid-questions/{id}/answer', () => ids.paidQuestion, { answer: '冒名回答' }),
  { method: 'post', path: '/api/paid-questions/{id}/answer', as: () => buyer, id: () => ids.paidQuestion, body: { answer: '替讲师回答' } },
  learnerOnOthers('post', '/api/paid-questions/{id}/publish', () => ids.paidQuestion),
  learnerOnOthers('post', '/api/paid-questions/{id}/unlock-orders', () => ids.paidQuestion),
  learnerOnOthers('get', '/api/paid-questions/{id}/unlock-splits', () => ids.paidQuestion),
  creatorOnOthers('get', '/api/creator/courses/{id}/referral-rate', () => ids.course),
  creatorOnOthers('put', '/api/creator/courses/{id}/referral-rate', () => ids.course, { rate_percent: 50 }),
  creatorOnOthers('get', '/api/creator/plans/{id}/referral-rate', () => ids.plan),
  creatorOnOthers('put', '/api/creator/plans/{id}/referral-rate', () => ids.plan, { rate_percent: 50 }),
  learnerOnOthers('put', '/api/creator/plans/{id}/referral-rate', () => ids.plan, { rate_percent: 50 }),
];

function call(c: Case): Promise<ApiResponse> {
  const path = c.path.replace('{id}', String(c.id()));
  if (c.file) {
    const form = new FormData();
    form.append('file', new Blob([c.file.data], { type: c.file.type }), c.file.name);
    return app.request(c.method.toUpperCase(), path, { token: c.as().token, raw: form });
  }
  return app.request(c.method.toUpperCase(), path, { token: c.as().token, ...(c.body === undefined ? {} : { body: c.body }) });
}

/** Everything the refused calls could have changed, read straight from MySQL. */
async function snapshot(): Promise<string> {
  const q = (sql: string, params: unknown[]) => app.container.dataSource.query(sql, params);
  return JSON.stringify(
    await Promise.all([
      q('SELECT id, name, price_fen, status, cover_key FROM courses WHERE creator_id = ? ORDER BY id', [owner.user.id]),
      q('SELECT id, title FROM chapters WHERE course_id IN (?, ?) ORDER BY id', [ids.course, ids.draft]),
      q('SELECT id, title, free_preview, media_key FROM lessons WHERE course_id IN (?, ?) ORDER BY id', [ids.course, ids.draft]),
      q('SELECT id, status, prepay_id FROM orders WHERE course_id = ? ORDER BY id', [ids.course]),
      q('SELECT id, status, decision_note FROM refunds ORDER BY id', []),
      q('SELECT user_id, position_s, completed FROM lesson_progress WHERE lesson_id = ? ORDER BY user_id', [ids.paidLesson]),
      q('SELECT id, status, answer FROM course_questions ORDER BY id', []),
      q('SELECT id, question, answer FROM faq_entries ORDER BY id', []),
      q('SELECT id, disabled_at, redeemed_count FROM coupons ORDER BY id', []),
      q('SELECT id FROM reviews ORDER BY id', []),
      q('SELECT user_id, course_id FROM enrollments ORDER BY id', []),
      q('SELECT lesson_id, after_days, opens_at FROM lesson_releases ORDER BY lesson_id', []),
      q('SELECT id, title FROM quizzes ORDER BY id', []),
      q('SELECT id, user_id, status, score FROM quiz_attempts ORDER BY id', []),
      q('SELECT id, title, recording_lesson_id FROM live_sessions ORDER BY id', []),
      q('SELECT id, status, name FROM course_revisions ORDER BY id', []),
      q('SELECT id, role FROM users ORDER BY id', []),
      q('SELECT id, title FROM assignments ORDER BY id', []),
      q('SELECT id, name, price_fen, status FROM membership_plans ORDER BY id', []),
      q('SELECT id, user_id, text, comment, feature_status FROM learner_works ORDER BY id', []),
      q('SELECT id, status, is_public, answer FROM paid_questions ORDER BY id', []),
      q('SELECT course_id, enabled, price_fen, unlock_price_fen FROM paid_question_settings ORDER BY course_id', []),
      q('SELECT id, item_type, status FROM orders WHERE question_id IS NOT NULL ORDER BY id', []),
      q('SELECT item_type, item_id, rate_percent FROM referral_rates ORDER BY item_type, item_id', []),
    ]),
  );
}

describe('objects of others (IDOR)', () => {
  it.each(CASES.map((c) => [`${c.method.toUpperCase()} ${c.path}`, c] as const))('%s is refused without a trace', async (_name, c) => {
    const before = await snapshot();
    const res = await call(c);
    if (c.ownView) {
      expect(res.status).toBe(200);
      c.ownView(res.body);
    } else {
      expect([401, 403, 404]).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toMatch(/price_fen|out_trade_no|私下问一句|position_s|prepay_id|我的心得/);
    }
    expect(await snapshot()).toBe(before);
  });

  it('lets the owners through the same calls (the refusals above are not about bad ids)', async () => {
    expect((await app.request('GET', `/api/creator/plans/${ids.plan}/referral-rate`, { token: owner.token })).status).toBe(200);
    expect((await app.request('GET', `/api/orders/${ids.order}`, { token: buyer.token })).status).toBe(200);
    expect((await app.request('GET', `/api/orders/${ids.order}/refund`, { token: buyer.token })).status).toBe(200);
    expect((await app.request('GET', `/api/learning/courses/${ids.course}/progress`, { token: buyer.token })).status).toBe(200);
    expect((await app.request('GET', `/api/learning/lessons/${ids.paidLesson}`, { token: buyer.token })).status).toBe(200);
    expect((await app.request('GET', `/api/creator/courses/${ids.course}`, { token: owner.token })).status).toBe(200);
    expect((await app.request('GET', `/api/courses/${ids.draft}`, { token: owner.token })).status).toBe(200);
    const mine = await app.request<{ results: Array<{ id: number }> }>('GET', `/api/courses/${ids.course}/questions/?mine=true`, { token: buyer.token });
    expect(mine.body.results.map((q) => q.id)).toContain(ids.question);
  });

  it("keeps lists to their owner: orders, my courses, others' private questions", async () => {
    const orders = await app.request<{ results: Array<{ id: number }> }>('GET', '/api/orders/', { token: other.token });
    expect(orders.body.results.map((o) => o.id)).not.toContain(ids.order);
    const courses = await app.request<{ results: Array<{ id: number }> }>('GET', '/api/learning/courses/', { token: other.token });
    expect(courses.body.results.map((c) => c.id)).not.toContain(ids.course);
    const questions = await app.request<{ results: Array<{ id: number }> }>('GET', `/api/courses/${ids.course}/questions/`, { token: other.token });
    expect(questions.body.results.map((q) => q.id)).not.toContain(ids.question);
    const coupons = await app.request<{ results?: Array<{ id: number }> } | Array<{ id: number }>>('GET', '/api/creator/coupons', { token: stranger.token });
    expect(JSON.stringify(coupons.body)).not.toContain('OWNERS');
  });

  it('covers every route of the API that takes an id', async () => {
    const doc = (await app.request<{ paths: Record<string, Record<string, unknown>> }>('GET', '/api/openapi.json')).body;
    const withId = Object.entries(doc.paths).flatMap(([path, ops]) => (path.includes('{id}') ? Object.keys(ops).map((m) => `${m} ${path}`) : []));
    const covered = new Set(CASES.map((c) => `${c.method} ${c.path}`));
    expect(withId.filter((op) => !covered.has(op))).toEqual([]);
  });
});

// A learner who was granted a course in another way is still not the buyer of this order.
it('does not let an enrolled learner who did not buy it touch the order', async () => {
  const classmate = await registerUser(app);
  await enroll(app, classmate.user.id, ids.course);
  expect((await app.request('GET', `/api/orders/${ids.order}`, { token: classmate.token })).status).toBe(404);
});
