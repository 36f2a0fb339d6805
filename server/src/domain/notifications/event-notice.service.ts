import type { DataSource } from 'typeorm';
import type { Logger } from '../../logger';
import type { Clock } from '../../shared/clock';
import type { LessonAddedEvent } from '../catalog/catalog-events';
import type { OrderItemType } from '../orders/order.entity';
import { Course } from '../catalog/course.entity';
import { Lesson } from '../catalog/lesson.entity';
import { MembershipPlan } from '../memberships/membership-plan.entity';
import { PLAN_COVERS_COURSE } from '../memberships/membership-terms';
import type { PurchaseEvent, RefundEvent } from '../orders/order-events';
import { Order } from '../orders/order.entity';
import { RedemptionCode } from '../redemption/redemption-code.entity';
import { isPermanentNoticeFailure, type NotificationService, type NotifyOutcome } from './notification.service';
import {
  giftPurchaseNotice,
  lessonOpenedNotice,
  liveReminderNotice,
  membershipExpiredNotice,
  membershipExpiringNotice,
  newLessonNotice,
  paidQuestionPurchaseNotice,
  orderExpiringNotice,
  planPurchaseNotice,
  purchaseNotice,
  refundNotice,
  type ExpiringMembershipFacts,
  type LessonOpenedFacts,
  type LiveReminderFacts,
  type NoticeTemplates,
} from './notices';

/** Enrollments read per query when a new lesson is announced, and learners notified at once. */
const FAN_OUT_BATCH = 200;
const FAN_OUT_PARALLEL = 8;

export interface FanOutResult {
  learners: number;
  outcomes: Partial<Record<NotifyOutcome, number>>;
}

/** Why a notice about an event was not even attempted. */
/** Why no notice went out: the subject is gone, the order no longer open, or the event tells nobody anything. */
export type NotAttempted = 'gone' | 'not-pending' | 'no-notice';

/**
 * Turns what happened (an order paid or refunded, an order about to close, a lesson added) into the
 * learners' notices, reading what the event leaves out (course names, who is enrolled).
 */
export class EventNoticeService {
  constructor(
    private readonly ds: DataSource,
    private readonly notifications: Pick<NotificationService, 'notify'>,
    private readonly templates: NoticeTemplates,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** A paid order, told to its buyer: the course to study, the membership's term, or the gift's code. */
  async purchased(event: PurchaseEvent): Promise<NotifyOutcome | NotAttempted> {
    const paidAt = new Date(event.paidAt);
    if (event.itemType === 'membership') {
      const [row]: Array<{ name: string; ends_at: Date | null }> = await this.ds.query(
        'SELECT p.name, ms.ends_at FROM membership_plans p JOIN memberships ms ON ms.plan_id = p.id AND ms.user_id = ? WHERE p.id = ?',
        [event.userId, event.planId ?? 0],
      );
      if (!row) return 'gone';
      return this.notifications.notify(
        planPurchaseNotice({ orderId: event.orderId, userId: event.userId, planName: row.name, amountFen: event.amountFen, paidAt, endsAt: row.ends_at }, this.templates.purchase),
      );
    }
    // An unlock shows its answer there and then: nothing to tell afterwards.
    if (event.itemType === 'unlock') return 'no-notice';
    const courseName = event.courseId === null ? null : await this.courseName(event.courseId);
    if (courseName === null || event.courseId === null) return 'gone';
    if (event.itemType === 'question') {
      const [row]: Array<{ answer_due_at: Date | null }> = await this.ds.query(
        'SELECT q.answer_due_at FROM paid_questions q JOIN orders o ON o.question_id = q.id WHERE o.id = ?',
        [event.orderId],
      );
      if (!row?.answer_due_at) return 'gone';
      return this.notifications.notify(
        paidQuestionPurchaseNotice({ orderId: event.orderId, userId: event.userId, courseName, amountFen: event.amountFen, paidAt, answerDueAt: row.answer_due_at }, this.templates.purchase),
      );
    }
    if (event.itemType === 'gift') {
      const code = await this.ds.getRepository(RedemptionCode).findOne({ where: { giftOrderId: event.orderId }, select: { id: true, code: true } });
      // Refunded before the notice went out: the code is withdrawn.
      if (!code) return 'gone';
      return this.notifications.notify(
        giftPurchaseNotice({ orderId: event.orderId, userId: event.userId, courseName, amountFen: event.amountFen, paidAt, code: code.code }, this.templates.purchase),
      );
    }
    return this.notifications.notify(
      purchaseNotice({ orderId: event.orderId, userId: event.userId, courseId: event.courseId, courseName, amountFen: event.amountFen, paidAt }, this.templates.purchase),
    );
  }

  async refunded(event: RefundEvent): Promise<NotifyOutcome | NotAttempted> {
    const [order]: Array<{ item_type: OrderItemType; name: string | null }> = await this.ds.query(
      'SELECT o.item_type, COALESCE(p.name, c.name) AS name FROM orders o LEFT JOIN courses c ON c.id = o.course_id LEFT JOIN membership_plans p ON p.id = o.plan_id WHERE o.id = ?',
      [event.orderId],
    );
    if (!order?.name) return 'gone';
    return this.notifications.notify(
      refundNotice({ ...event, itemType: order.item_type, itemName: order.name, refundedAt: new Date(event.refundedAt) }, this.templates.refund),
    );
  }

  /** "Your membership ends soon": once per term (the notice key names the end). */
  async membershipEnding(f: ExpiringMembershipFacts): Promise<NotifyOutcome> {
    return this.notifications.notify(membershipExpiringNotice(f, this.templates['membership-expiring']));
  }

  /** A membership's term ended (found by the maintenance sweep); the same template as the reminder. */
  async membershipEnded(f: ExpiringMembershipFacts): Promise<NotifyOutcome> {
    return this.notifications.notify(membershipExpiredNotice(f, this.templates['membership-expiring']));
  }

  /** A drip-released lesson opened for a learner (found by the release sweep); the new-lesson template carries it. */
  lessonOpened(facts: LessonOpenedFacts): Promise<NotifyOutcome> {
    return this.notifications.notify(lessonOpenedNotice(facts, this.templates['new-lesson']));
  }

  /** A live session of the learner's course starts soon (found by the reminder sweep). */
  liveReminder(facts: LiveReminderFacts): Promise<NotifyOutcome> {
    return this.notifications.notify(liveReminderNotice(facts, this.templates['live-reminder']));
  }

  /** The reminder is only worth sending while the order can still be paid. */
  async orderExpiring(orderId: number): Promise<NotifyOutcome | NotAttempted> {
    const order = await this.ds.getRepository(Order).findOneBy({ id: orderId });
    if (!order) return 'gone';
    const leftMs = order.expiresAt.getTime() - this.clock.now().getTime();
    if (order.status !== 'PENDING' || leftMs <= 0) return 'not-pending';
    const courseName = order.courseId === null ? await this.planName(order.planId) : await this.courseName(order.courseId);
    if (courseName === null) return 'gone';
    return this.notifications.notify(
      orderExpiringNotice(
        { orderId, userId: order.userId, courseName, amountFen: order.amountFen, expiresAt: order.expiresAt, minutesLeft: Math.ceil(leftMs / 60_000) },
        this.templates['order-expiring'],
      ),
    );
  }

  /**
   * Tells every learner who may study the course, a batch at a time: those with an active enrollment,
   * then members of a running plan covering it who are not enrolled (each once, however many plans).
   * One learner's failure does not stop the others; it is thrown at the end so the job is retried, and
   * the learners already told are skipped then (notifications_sent).
   */
  async lessonAdded(event: LessonAddedEvent): Promise<FanOutResult> {
    const result: FanOutResult = { learners: 0, outcomes: {} };
    const lesson = await this.ds.getRepository(Lesson).findOneBy({ id: event.lessonId });
    const course = lesson ? await this.ds.getRepository(Course).findOneBy({ id: lesson.courseId }) : null;
    // Deleted again, or the course left the shop meanwhile: nothing to announce.
    if (!lesson || !course || course.status !== 'PUBLISHED') return result;

    const now = this.clock.now();
    const batches: Array<(after: number) => Promise<Array<{ id: number; user_id: number }>>> = [
      (after) =>
        this.ds.query("SELECT id, user_id FROM enrollments WHERE course_id = ? AND status = 'ACTIVE' AND id > ? ORDER BY id LIMIT ?", [course.id, after, FAN_OUT_BATCH]),
      (after) =>
        this.ds.query(
          `SELECT DISTINCT ms.user_id AS id, ms.user_id FROM memberships ms
             JOIN membership_plans p ON p.id = ms.plan_id JOIN courses c ON c.id = ?
            WHERE ms.status = 'ACTIVE' AND ms.starts_at <= ? AND (ms.ends_at IS NULL OR ms.ends_at > ?) AND ${PLAN_COVERS_COURSE}
              AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.user_id = ms.user_id AND e.course_id = c.id AND e.status = 'ACTIVE')
              AND ms.user_id > ?
            ORDER BY ms.user_id LIMIT ?`,
          [course.id, now, now, after, FAN_OUT_BATCH],
        ),
    ];
    const failures: unknown[] = [];
    for (const batch of batches) {
      for (let after = 0; ; ) {
        const rows = await batch(after);
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.id;
        result.learners += rows.length;
        await eachLimited(rows, FAN_OUT_PARALLEL, async (row) => {
          try {
            const outcome = await this.notifications.notify(
              newLessonNotice(
                { lessonId: lesson.id, userId: row.user_id, courseId: course.id, courseName: course.name, lessonTitle: lesson.title, addedAt: new Date(event.addedAt) },
                this.templates['new-lesson'],
              ),
            );
            result.outcomes[outcome] = (result.outcomes[outcome] ?? 0) + 1;
          } catch (err) {
            failures.push(err);
            this.logger.warn({ lessonId: lesson.id, userId: row.user_id, err: (err as Error).message }, 'could not tell a learner about a new lesson');
          }
        });
      }
    }
    // A passing failure first, so the job is retried rather than given up.
    if (failures.length) throw failures.find((err) => !isPermanentNoticeFailure(err)) ?? failures[0];
    return result;
  }

  private async courseName(courseId: number): Promise<string | null> {
    const course = await this.ds.getRepository(Course).findOne({ where: { id: courseId }, select: { id: true, name: true } });
    return course?.name ?? null;
  }

  private async planName(planId: number | null): Promise<string | null> {
    if (planId === null) return null;
    const plan = await this.ds.getRepository(MembershipPlan).findOne({ where: { id: planId }, select: { id: true, name: true } });
    return plan?.name ?? null;
  }
}

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
