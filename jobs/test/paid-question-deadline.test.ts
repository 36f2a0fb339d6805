import { buildCourse, eventually, orderStatus, publishCourse, registerAdmin, registerCreator, type Account } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { askPaidQuestion, type PaidOrderBody, type PaidQuestionBody } from '../../server/test/support/paid-questions';
import { startJobsProcess, type JobsProcess } from './support/jobs-process';

let app: TestApp;
let creator: Account;
let courseId: number;
const processes: JobsProcess[] = [];
/** The schedule every second, and jobs held by a killed worker taken over after 1 s. */
const ENV = { PAID_QUESTION_SWEEP_EVERY_S: '1', WORKER_LOCK_S: '1' };

beforeAll(async () => {
  app = await startTestApp();
  let admin: Account;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  courseId = (await buildCourse(app, creator, { price: 99 })).id;
  await publishCourse(app, creator, admin, courseId);
  const saved = await app.request('PUT', `/api/creator/courses/${courseId}/paid-questions/settings`, { token: creator.token, body: { enabled: true, price_fen: 990, unlock_price_fen: 99 } });
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop('SIGKILL')));
  await app.close();
});

interface Asked {
  question: PaidQuestionBody;
  order: PaidOrderBody;
}

/** Paid questions whose deadline passed a day ago (their days moved back, as time passing would). */
async function overdueQuestions(n: number): Promise<Asked[]> {
  const out: Asked[] = [];
  for (let i = 0; i < n; i++) out.push(await askPaidQuestion(app, courseId, { text: `问题 ${i}：这一节的作业怎么做？` }));
  await app.container.dataSource.query('UPDATE paid_questions SET answer_due_at = DATE_SUB(answer_due_at, INTERVAL 4 DAY), paid_at = DATE_SUB(paid_at, INTERVAL 4 DAY) WHERE id IN (?)', [
    out.map((a) => a.question.id),
  ]);
  return out;
}

async function refundRows(asked: Asked[]): Promise<Array<{ order_id: number; status: string }>> {
  return app.container.dataSource.query('SELECT order_id, status FROM refunds WHERE order_id IN (?)', [asked.map((a) => a.order.id)]);
}

async function questionStatuses(asked: Asked[]): Promise<string[]> {
  const rows: Array<{ status: string }> = await app.container.dataSource.query('SELECT status FROM paid_questions WHERE id IN (?)', [asked.map((a) => a.question.id)]);
  return rows.map((r) => r.status);
}

/** Every order refunded exactly once: one refund row, one refund at WeChat Pay, the order REFUNDED and its question EXPIRED. */
async function expectRefundedOnce(asked: Asked[]): Promise<void> {
  const rows = await refundRows(asked);
  expect(rows.map((r) => r.order_id).sort((a, b) => a - b)).toEqual(asked.map((a) => a.order.id).sort((a, b) => a - b));
  expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['SUCCEEDED']));
  for (const a of asked) {
    expect(app.sandbox.pay.refundsOf(a.order.out_trade_no)).toEqual([expect.objectContaining({ amount: 990, status: 'SUCCESS' })]);
    expect(await orderStatus(app, a.order.id)).toBe('REFUNDED');
  }
  expect(new Set(await questionStatuses(asked))).toEqual(new Set(['EXPIRED']));
}

describe('the paid question deadline', () => {
  it('refunds every question left unanswered past its deadline once, even when the jobs process is killed mid-run and restarted', async () => {
    const asked = await overdueQuestions(40);
    // One more whose run died right after the refund row was stored, before WeChat Pay heard of it.
    const [halfDone] = await overdueQuestions(1);
    await app.container.dataSource.query("UPDATE paid_questions SET status = 'EXPIRED', closed_at = NOW(3) WHERE id = ?", [halfDone!.question.id]);
    await app.container.dataSource.query(
      "INSERT INTO refunds (order_id, user_id, course_id, amount_fen, status, reason, out_refund_no, requested_at, decided_at) VALUES (?, (SELECT user_id FROM orders WHERE id = ?), ?, 990, 'PROCESSING', '付费提问超时未回答，自动退款', ?, NOW(3), NOW(3))",
      [halfDone!.order.id, halfDone!.order.id, courseId, `RF${halfDone!.order.id}crashed`],
    );

    const first = await startJobsProcess(app, ENV);
    processes.push(first);
    // Killed the moment the first refunds exist, while the others are still to do.
    await eventually(async () => (await refundRows(asked)).length > 0, 30);
    first.child.kill('SIGKILL');
    await first.exited;
    const beforeKill = await refundRows(asked);
    expect(beforeKill.length).toBeLessThan(asked.length);
    // Never two refunds of one order, whatever moment the kill came at.
    expect(new Set(beforeKill.map((r) => r.order_id)).size).toBe(beforeKill.length);

    const second = await startJobsProcess(app, ENV);
    processes.push(second);
    const all = [...asked, halfDone!];
    await eventually(async () => {
      const statuses = await Promise.all(all.map((a) => orderStatus(app, a.order.id)));
      return statuses.every((s) => s === 'REFUNDED');
    }, 60);
    // A few more sweeps run over the same questions and change nothing.
    await new Promise((r) => setTimeout(r, 2500));
    await expectRefundedOnce(all);
    expect(await second.stop('SIGTERM')).toBe(0);

    // After the refund the creator can no longer answer.
    const late = await app.request('POST', `/api/paid-questions/${asked[0]!.question.id}/answer`, { token: creator.token, body: { answer: '晚了一步' } });
    expect(late.status).toBe(409);
    expect((late.body as { error: { code: string } }).error.code).toBe('QUESTION_EXPIRED');
  }, 180_000);
});
