import { expectError } from './support/expect-error';
import { buildCourse, eventually, orderStatus, payOrder, publishCourse, registerAdmin, registerCreator, registerUser, registerWechatLearner, type Account, type BuiltCourse } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';
import { grantSubscribe, sandboxMessages } from './support/notifications';
import { askPaidQuestion, type PaidOrderBody, type PaidQuestionBody } from './support/paid-questions';

interface Paged<T> {
  count: number;
  results: T[];
}

const DAY_MS = 24 * 3600_000;
const ANSWER = '先把第三章的练习做完，再回头看第二章的例子。';

let app: TestApp;
let creator: Account;
let admin: Account;
let course: BuiltCourse;

beforeAll(async () => {
  app = await startTestApp();
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  course = await buildCourse(app, creator, { price: 99 });
  await publishCourse(app, creator, admin, course.id);
  const saved = await app.request('PUT', `/api/creator/courses/${course.id}/paid-questions/settings`, {
    token: creator.token,
    body: { enabled: true, price_fen: 2000, unlock_price_fen: 199 },
  });
  expect(saved.status).toBe(200);
});
afterAll(() => app.close());

function paidQuestion(allowPublic = true) {
  return askPaidQuestion(app, course.id, { allowPublic });
}

async function answer(questionId: number, token = creator.token) {
  return app.request<PaidQuestionBody>('POST', `/api/paid-questions/${questionId}/answer`, { token, body: { answer: ANSWER } });
}

async function refundRows(orderId: number): Promise<Array<{ status: string }>> {
  return app.container.dataSource.query('SELECT status FROM refunds WHERE order_id = ?', [orderId]);
}

describe('settings', () => {
  it('are read by anyone on the course, and only the creator sets them, within bounds', async () => {
    expect((await app.request('GET', `/api/courses/${course.id}/paid-questions/settings`)).body).toEqual({
      course: course.id,
      enabled: true,
      price_fen: 2000,
      unlock_price_fen: 199,
      answer_days: 3,
    });
    const path = `/api/creator/courses/${course.id}/paid-questions/settings`;
    const body = { enabled: true, price_fen: 2000, unlock_price_fen: 199 };
    expectError(await app.request('PUT', path, { token: creator.token, body: { ...body, price_fen: 50 } }), 400, 'VALIDATION_ERROR', 'price_fen');
    expectError(await app.request('PUT', path, { token: creator.token, body: { ...body, price_fen: 2.5 } }), 400, 'VALIDATION_ERROR', 'price_fen');
    expectError(await app.request('PUT', path, { token: creator.token, body: { ...body, unlock_price_fen: 2001 } }), 400, 'VALIDATION_ERROR', 'unlock_price_fen');
    expectError(await app.request('PUT', path, { token: creator.token, body: { ...body, answer_days: 15 } }), 400, 'VALIDATION_ERROR', 'answer_days');
    expectError(await app.request('PUT', path, { token: creator.token, body: { ...body, answer_days: 0 } }), 400, 'VALIDATION_ERROR', 'answer_days');
    const other = await registerCreator(app);
    expectError(await app.request('PUT', path, { token: other.token, body }), 404, 'NOT_FOUND');
    expectError(await app.request('GET', path, { token: other.token }), 404, 'NOT_FOUND');
    expectError(await app.request('PUT', path, { token: (await registerUser(app)).token, body }), 403, 'ROLE_REQUIRED');
  });
});

describe('asking', () => {
  it('pays through the sandbox cashier and opens the question with its deadline; the creator sees it, open first', async () => {
    const { question } = await paidQuestion();
    expect(question).toMatchObject({ status: 'OPEN', order_status: 'PAID', answer: null });
    const due = new Date(question.answer_due_at!).getTime() - new Date(question.paid_at!).getTime();
    expect(due).toBe(3 * DAY_MS);
    const list = await app.request<Paged<PaidQuestionBody>>('GET', '/api/creator/paid-questions', { token: creator.token });
    expect(list.status).toBe(200);
    expect(list.body.results[0]!.status).toBe('OPEN');
    expect(list.body.results.map((q) => q.id)).toContain(question.id);
  });

  it('refuses bad questions, one’s own course, courses without paid questions and unknown courses', async () => {
    const learner = await registerUser(app);
    const path = `/api/courses/${course.id}/paid-questions`;
    expectError(await app.request('POST', path, { token: learner.token, body: { text: '   ' } }), 400, 'VALIDATION_ERROR', 'text');
    expectError(await app.request('POST', path, { token: learner.token, body: { text: '问'.repeat(1001) } }), 400, 'VALIDATION_ERROR', 'text');
    expectError(await app.request('POST', path, { token: learner.token, body: { text: '能讲讲吗', allow_public: 'yes' } }), 400, 'VALIDATION_ERROR', 'allow_public');
    expectError(await app.request('POST', path, { body: { text: '能讲讲吗' } }), 401, 'UNAUTHORIZED');
    expectError(await app.request('POST', path, { token: creator.token, body: { text: '能讲讲吗' } }), 403, 'OWN_COURSE');
    const quiet = await buildCourse(app, creator, { price: 10 });
    await publishCourse(app, creator, admin, quiet.id);
    expectError(await app.request('POST', `/api/courses/${quiet.id}/paid-questions`, { token: learner.token, body: { text: '能讲讲吗' } }), 409, 'PAID_QUESTIONS_OFF');
    expectError(await app.request('POST', '/api/courses/999999/paid-questions', { token: learner.token, body: { text: '能讲讲吗' } }), 404, 'NOT_FOUND');
  });
});

describe('answering', () => {
  it('answers once, tells the asker, and a refund is refused after the answer', async () => {
    const { asker, question, order } = await paidQuestion();
    expectError(await answer(question.id, (await registerCreator(app)).token), 404, 'NOT_FOUND');
    const res = await answer(question.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ANSWERED', answer: ANSWER });
    expectError(await answer(question.id), 409, 'ALREADY_ANSWERED');
    const job = await app.container.producers.learnerNotices.getJob(`notice-answer-paid-${question.id}-${asker.user.id}`);
    expect(job?.data).toMatchObject({ kind: 'answer', key: `paid-${question.id}`, userId: asker.user.id });
    expect(job?.data.text).toContain(ANSWER);
    expectError(await app.request('POST', `/api/orders/${order.id}/refund`, { token: asker.token, body: { reason: '不想要了' } }), 409, 'QUESTION_ANSWERED');
  });

  it('a refund the asker asks for before the answer goes through the refund flow and closes the question', async () => {
    const { asker, question, order } = await paidQuestion();
    const requested = await app.request<{ id: number }>('POST', `/api/orders/${order.id}/refund`, { token: asker.token, body: { reason: '问错课程了' } });
    expect(requested.status).toBe(201);
    expect((await app.request('POST', `/api/refunds/${requested.body.id}/approve`, { token: creator.token, body: {} })).status).toBe(200);
    await eventually(async () => (await orderStatus(app, order.id)) === 'REFUNDED');
    expect((await app.request<PaidQuestionBody>('GET', `/api/paid-questions/${question.id}`, { token: asker.token })).body.status).toBe('REFUNDED');
    expectError(await answer(question.id), 409, 'QUESTION_REFUNDED');
  });
});

describe('public answers and unlocks', () => {
  it('hide the answer from everyone else until they pay to unlock it; the split sums to the price', async () => {
    const { asker, question } = await paidQuestion(false);
    const reader = await registerWechatLearner(app);
    // Unanswered, then answered but private: neither exists for others.
    expectError(await app.request('POST', `/api/paid-questions/${question.id}/unlock-orders`, { token: reader.token }), 404, 'NOT_FOUND');
    expect((await answer(question.id)).status).toBe(200);
    expectError(await app.request('POST', `/api/paid-questions/${question.id}/publish`, { token: creator.token }), 403, 'NOT_ALLOWED_PUBLIC');
    // Not public yet: it does not exist for others.
    expectError(await app.request('GET', `/api/paid-questions/${question.id}`, { token: reader.token }), 404, 'NOT_FOUND');
    expectError(await app.request('POST', `/api/paid-questions/${question.id}/unlock-orders`, { token: reader.token }), 404, 'NOT_FOUND');
    expectError(await app.request('POST', `/api/paid-questions/${question.id}/publish`, { token: reader.token }), 404, 'NOT_FOUND');
    expect((await app.request('POST', `/api/paid-questions/${question.id}/publish`, { token: asker.token })).status).toBe(200);

    // Every route a stranger can reach shows the question and a lock, never the answer.
    for (const token of [reader.token, undefined]) {
      const list = await app.request<Paged<PaidQuestionBody>>('GET', `/api/courses/${course.id}/paid-questions`, { token });
      const listed = list.body.results.find((q) => q.id === question.id)!;
      expect(listed).toMatchObject({ text: question.text, answer: null, locked: true, unlock_price_fen: 199 });
      const one = await app.request<PaidQuestionBody>('GET', `/api/paid-questions/${question.id}`, { token });
      expect(one.body).toMatchObject({ answer: null, locked: true });
      expect(JSON.stringify([list.body, one.body])).not.toContain(ANSWER);
    }
    expect(JSON.stringify((await app.request('GET', '/api/me/paid-questions', { token: reader.token })).body)).not.toContain(ANSWER);

    expectError(await app.request('POST', `/api/paid-questions/${question.id}/unlock-orders`, { token: asker.token }), 409, 'OWN_QUESTION');
    expectError(await app.request('POST', `/api/paid-questions/${question.id}/unlock-orders`, { token: creator.token }), 409, 'OWN_COURSE');
    expectError(await app.request('POST', '/api/paid-questions/999999/unlock-orders', { token: reader.token }), 404, 'NOT_FOUND');
    const opened = await app.request<PaidOrderBody>('POST', `/api/paid-questions/${question.id}/unlock-orders`, { token: reader.token });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ item_type: 'unlock', question: question.id, amount_fen: 199, status: 'PENDING' });
    expect((await app.request<PaidOrderBody>('POST', `/api/paid-questions/${question.id}/unlock-orders`, { token: reader.token })).body.id).toBe(opened.body.id);
    await payOrder(app, reader, opened.body.id);

    const read = await app.request<PaidQuestionBody>('GET', `/api/paid-questions/${question.id}`, { token: reader.token });
    expect(read.body).toMatchObject({ answer: ANSWER, locked: false, unlocked: true });
    expectError(await app.request('POST', `/api/paid-questions/${question.id}/unlock-orders`, { token: reader.token }), 409, 'ALREADY_UNLOCKED');

    const splits = await app.request<{ results: Array<{ order: number; price_fen: number; creator_fen: number; asker_fen: number; creator: number; asker: number }> }>(
      'GET',
      `/api/paid-questions/${question.id}/unlock-splits`,
      { token: creator.token },
    );
    expect(splits.body.results).toEqual([expect.objectContaining({ order: opened.body.id, price_fen: 199, asker_fen: 99, creator_fen: 100, creator: creator.user.id, asker: asker.user.id })]);
    const [split] = splits.body.results;
    expect(split!.asker_fen + split!.creator_fen).toBe(199);
    expectError(await app.request('GET', `/api/paid-questions/${question.id}/unlock-splits`, { token: reader.token }), 404, 'NOT_FOUND');

    // A refunded unlock takes the answer away again; its split stays on record, reversed.
    const requested = await app.request<{ id: number }>('POST', `/api/orders/${opened.body.id}/refund`, { token: reader.token, body: { reason: '点错了' } });
    expect(requested.status).toBe(201);
    expect((await app.request('POST', `/api/refunds/${requested.body.id}/approve`, { token: creator.token, body: {} })).status).toBe(200);
    await eventually(async () => (await orderStatus(app, opened.body.id)) === 'REFUNDED');
    expect((await app.request<PaidQuestionBody>('GET', `/api/paid-questions/${question.id}`, { token: reader.token })).body).toMatchObject({ answer: null, locked: true, unlocked: false });
    const after = await app.request<{ results: Array<{ reversed: boolean }> }>('GET', `/api/paid-questions/${question.id}/unlock-splits`, { token: asker.token });
    expect(after.body.results).toEqual([expect.objectContaining({ reversed: true })]);
  });
});

describe('the answer deadline', () => {
  it('refunds an unanswered question once, however often the sweep runs, and it can no longer be answered', async () => {
    const { asker, question, order } = await paidQuestion();
    const answered = await paidQuestion();
    expect((await answer(answered.question.id)).status).toBe(200);

    app.clock.advance(3 * 24 * 3600 + 60);
    expectError(await answer(question.id), 409, 'ANSWER_DEADLINE_PASSED');
    const first = await app.container.paidQuestions.refundOverdue(100);
    expect(first.errors).toBe(0);
    await eventually(async () => (await orderStatus(app, order.id)) === 'REFUNDED');
    await app.container.paidQuestions.refundOverdue(100);
    await app.container.paidQuestions.refundOverdue(100);

    expect(await refundRows(order.id)).toEqual([{ status: 'SUCCEEDED' }]);
    expect(app.sandbox.pay.refundsOf(order.out_trade_no)).toEqual([expect.objectContaining({ amount: 2000, status: 'SUCCESS' })]);
    const mine = await app.request<PaidQuestionBody>('GET', `/api/paid-questions/${question.id}`, { token: asker.token });
    expect(mine.body).toMatchObject({ status: 'EXPIRED', order_status: 'REFUNDED' });
    expectError(await answer(question.id), 409, 'QUESTION_EXPIRED');
    // The answered one is left alone.
    expect(await orderStatus(app, answered.order.id)).toBe('PAID');
    expect(await refundRows(answered.order.id)).toEqual([]);
    const audit: Array<{ actor_id: number | null; actor_role: string }> = await app.container.dataSource.query(
      "SELECT actor_id, actor_role FROM audit_log WHERE action = 'order.refund' AND subject_id = ?",
      [order.id],
    );
    expect(audit).toEqual([{ actor_id: null, actor_role: 'system' }]);
  });
});

describe('the purchase notice', () => {
  it('tells the asker by when the creator answers, and opens their paid questions; an unlock tells nothing', async () => {
    const { asker, question, order } = await paidQuestion();
    const rows = (await app.container.dataSource.query('SELECT wechat_openid FROM users WHERE id = ?', [asker.user.id])) as Array<{ wechat_openid: string }>;
    const openid = rows[0]!.wechat_openid;
    const template = app.container.config.notifications.templates.purchase!;
    await grantSubscribe(app, openid, [template]);
    const event = { orderId: order.id, userId: asker.user.id, itemType: 'question' as const, courseId: course.id, planId: null, amountFen: order.amount_fen, paidAt: question.paid_at! };
    expect(await app.container.eventNotices.purchased(event)).toBe('subscribe');
    expect(await sandboxMessages(app, openid)).toEqual([expect.objectContaining({ template_id: template, page: 'learning/paid-questions/mine' })]);
    expect(await app.container.eventNotices.purchased({ ...event, itemType: 'unlock' })).toBe('no-notice');
  });
});
