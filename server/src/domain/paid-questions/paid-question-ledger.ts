import { LessThanOrEqual, type EntityManager } from 'typeorm';
import { ConflictError } from '../../errors';
import type { Clock } from '../../shared/clock';
import { Course } from '../catalog/course.entity';
import type { Order } from '../orders/order.entity';
import { PaidQuestion } from './paid-question.entity';
import { splitUnlock } from './unlock-split';

/**
 * What paid question and unlock orders buy and give back, inside the order's or the refund's own
 * transaction (OrderService.grant, RefundService.revokeAccess call in here). Every change is a guarded
 * UPDATE or an INSERT IGNORE on a unique key, so a replayed payment or refund changes nothing more.
 */
export class PaidQuestionLedger {
  constructor(
    private readonly clock: Clock,
    private readonly options: { unlockAskerPercent: number },
  ) {}

  /** A paid question opens (its deadline counts from now); a paid unlock lets its buyer read the answer and records the split. */
  async grant(m: EntityManager, order: Order): Promise<void> {
    if (order.questionId === null) return;
    const now = this.clock.now();
    if (order.itemType === 'question') {
      await m.query(
        "UPDATE paid_questions SET status = 'OPEN', paid_at = ?, answer_due_at = DATE_ADD(?, INTERVAL answer_days DAY) WHERE id = ? AND status = 'AWAITING_PAYMENT'",
        [now, now, order.questionId],
      );
      return;
    }
    if (order.itemType !== 'unlock') return;
    const question = await m.getRepository(PaidQuestion).findOneByOrFail({ id: order.questionId });
    const course = await m.getRepository(Course).findOneByOrFail({ id: question.courseId });
    await m.query('INSERT IGNORE INTO question_unlocks (question_id, user_id, order_id, created_at) VALUES (?, ?, ?, ?)', [question.id, order.userId, order.id, now]);
    const { askerFen, creatorFen } = splitUnlock(order.amountFen, this.options.unlockAskerPercent);
    await m.query(
      'INSERT IGNORE INTO unlock_splits (order_id, question_id, creator_id, asker_id, price_fen, creator_fen, asker_fen, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [order.id, question.id, course.creatorId, question.userId, order.amountFen, creatorFen, askerFen, now],
    );
  }

  /** A refunded question closes (REFUNDED, unless the deadline already closed it); a refunded unlock is taken away, its split marked reversed. */
  async revoke(m: EntityManager, order: Order): Promise<void> {
    if (order.questionId === null) return;
    const now = this.clock.now();
    if (order.itemType === 'question') {
      await m.query("UPDATE paid_questions SET status = 'REFUNDED', closed_at = ? WHERE id = ? AND status IN ('AWAITING_PAYMENT', 'OPEN')", [now, order.questionId]);
    } else if (order.itemType === 'unlock') {
      await m.query('DELETE FROM question_unlocks WHERE order_id = ?', [order.id]);
      await m.query('UPDATE unlock_splits SET reversed_at = ? WHERE order_id = ? AND reversed_at IS NULL', [now, order.id]);
    }
  }

  /** An answered question's order is not refunded (the creator did the work); locks the question so an answer cannot slip in meanwhile. */
  async assertRefundable(m: EntityManager, order: Order): Promise<void> {
    if (order.itemType !== 'question' || order.questionId === null) return;
    const question = await m.getRepository(PaidQuestion).findOne({ where: { id: order.questionId }, lock: { mode: 'pessimistic_write' } });
    if (question?.status === 'ANSWERED') throw new ConflictError('this question has been answered; a paid answer is not refunded', 'QUESTION_ANSWERED');
  }

  /** Marks an OPEN question past its deadline EXPIRED, in the transaction that creates its refund; false when it is not (any more). */
  async expire(m: EntityManager, questionId: number): Promise<boolean> {
    const now = this.clock.now();
    const { affected } = await m.getRepository(PaidQuestion).update({ id: questionId, status: 'OPEN', answerDueAt: LessThanOrEqual(now) }, { status: 'EXPIRED', closedAt: now });
    return (affected ?? 0) > 0;
  }
}
