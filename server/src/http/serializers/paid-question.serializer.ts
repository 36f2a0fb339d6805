import type { SettingsView, QuestionView } from '../../domain/paid-questions/paid-question.service';
import type { UnlockSplit } from '../../domain/paid-questions/question-unlock.entity';

export function serializePaidQuestionSettings(s: SettingsView) {
  return { course: s.courseId, enabled: s.enabled, price_fen: s.priceFen, unlock_price_fen: s.unlockPriceFen, answer_days: s.answerDays };
}

/**
 * A paid question as this viewer may know it: the answer text only when `can_read` (the asker, the
 * creator, admins, those who unlocked it); everyone else gets `answer: null` and `locked: true`.
 */
export function serializePaidQuestion(v: QuestionView) {
  const q = v.question;
  const answered = q.status === 'ANSWERED';
  return {
    id: q.id,
    course: q.courseId,
    course_name: v.courseName,
    asker: q.userId,
    text: q.text,
    status: q.status,
    price_fen: q.priceFen,
    answer_days: q.answerDays,
    allow_public: q.allowPublic,
    is_public: q.isPublic,
    answer: answered && v.canRead ? q.answer : null,
    locked: answered && !v.canRead,
    unlocked: v.unlocked,
    unlock_price_fen: v.unlockPriceFen,
    order: v.orderId,
    order_status: v.orderStatus,
    paid_at: q.paidAt?.toISOString() ?? null,
    answer_due_at: q.answerDueAt?.toISOString() ?? null,
    answered_at: q.answeredAt?.toISOString() ?? null,
    closed_at: q.closedAt?.toISOString() ?? null,
    created_at: q.createdAt.toISOString(),
  };
}

export function serializeUnlockSplit(s: UnlockSplit) {
  return {
    order: s.orderId,
    question: s.questionId,
    creator: s.creatorId,
    asker: s.askerId,
    price_fen: s.priceFen,
    creator_fen: s.creatorFen,
    asker_fen: s.askerFen,
    recorded_at: s.recordedAt.toISOString(),
    reversed: s.reversedAt !== null,
  };
}
