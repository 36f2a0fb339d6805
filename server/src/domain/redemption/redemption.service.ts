import { randomInt } from 'node:crypto';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import type { Clock } from '../../shared/clock';
import { Course } from '../catalog/course.entity';
import type { EnrollmentService } from '../learning/enrollment.service';
import type { Viewer } from '../viewer';
import { RedemptionCode } from './redemption-code.entity';

export type CodeActor = NonNullable<Viewer>;

/** Codes generated together, with whether each was redeemed. */
export interface CodeBatch {
  createdAt: Date;
  codes: Array<{ code: string; redeemedAt: Date | null }>;
}

/** A gift the learner bought: the course, the code to pass on, whether it was redeemed. */
export interface GiftView {
  orderId: number;
  courseId: number;
  courseName: string;
  amountFen: number;
  paidAt: Date | null;
  code: string;
  redeemedAt: Date | null;
}

/** Letters and digits that cannot be misread for one another on paper (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;
export const MAX_CODES_PER_BATCH = 500;

export function newRedemptionCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** How a learner types a code: spaces and dashes dropped, upper case. */
export function normalizeCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * Creator-generated single-use codes for a course. Redeeming locks the code's row, so of any number of
 * simultaneous attempts exactly one enrolls; the rest are told the code is used.
 */
export class RedemptionService {
  constructor(
    private readonly ds: DataSource,
    private readonly enrollments: EnrollmentService,
    private readonly clock: Clock,
  ) {}

  /** A batch of fresh codes for the creator's own course (another creator's course does not exist for them). */
  async generate(author: CodeActor, courseId: number, count: number): Promise<RedemptionCode[]> {
    await this.ownCourse(author, courseId);
    const rows = Array.from({ length: count }, () => ({ code: newRedemptionCode(), courseId, createdBy: author.id }));
    // 31^12 codes: a clash is astronomically rare, and the unique index would refuse it rather than reuse a code.
    await this.ds.getRepository(RedemptionCode).insert(rows);
    return this.ds.getRepository(RedemptionCode).find({ where: rows.map((r) => ({ code: r.code })), order: { id: 'ASC' } });
  }

  /**
   * The creator's codes for a course (not gift codes), in batches (the codes one request generated
   * share their creation moment), newest batch first.
   */
  async batches(author: CodeActor, courseId: number): Promise<CodeBatch[]> {
    await this.ownCourse(author, courseId);
    const rows = await this.ds.getRepository(RedemptionCode).find({ where: { courseId, giftOrderId: IsNull() }, order: { createdAt: 'DESC', id: 'ASC' } });
    const batches = new Map<number, CodeBatch>();
    for (const row of rows) {
      const key = row.createdAt.getTime();
      let batch = batches.get(key);
      if (!batch) {
        batch = { createdAt: row.createdAt, codes: [] };
        batches.set(key, batch);
      }
      batch.codes.push({ code: row.code, redeemedAt: row.redeemedAt });
    }
    return [...batches.values()];
  }

  /** The learner's paid gift orders with their codes, newest first. */
  async myGifts(buyer: CodeActor): Promise<GiftView[]> {
    const rows: Array<{ order_id: number; course_id: number; course_name: string; amount_fen: number; paid_at: Date | null; code: string | null; redeemed_at: Date | null }> =
      await this.ds.query(
        `SELECT o.id AS order_id, o.course_id, c.name AS course_name, o.amount_fen, o.paid_at, rc.code, rc.redeemed_at
           FROM orders o JOIN courses c ON c.id = o.course_id
           LEFT JOIN redemption_codes rc ON rc.gift_order_id = o.id
          WHERE o.user_id = ? AND o.item_type = 'gift' AND o.status = 'PAID'
          ORDER BY o.paid_at DESC, o.id DESC LIMIT 200`,
        [buyer.id],
      );
    return rows.flatMap((r) =>
      r.code === null ? [] : [{ orderId: r.order_id, courseId: r.course_id, courseName: r.course_name, amountFen: r.amount_fen, paidAt: r.paid_at, code: r.code, redeemedAt: r.redeemed_at }],
    );
  }

  private async ownCourse(author: CodeActor, courseId: number): Promise<Course> {
    const course = await this.ds.getRepository(Course).findOneBy({ id: courseId });
    if (!course || (course.creatorId !== author.id && author.role !== 'admin')) throw new NotFoundError('course');
    return course;
  }

  /** A paid gift order's code, issued once in the order's transaction (one code per gift order). */
  async issueGift(m: EntityManager, order: { id: number; userId: number; courseId: number }): Promise<void> {
    await m.query('INSERT IGNORE INTO redemption_codes (code, course_id, created_by, gift_order_id) VALUES (?, ?, ?, ?)', [newRedemptionCode(), order.courseId, order.userId, order.id]);
  }

  /** The code a gift order bought, for its buyer only; null while the order is unpaid. */
  async giftCode(buyer: CodeActor, orderId: number): Promise<RedemptionCode | null> {
    const code = await this.ds.getRepository(RedemptionCode).findOne({ where: { giftOrderId: orderId }, relations: { giftOrder: true } });
    if (code && code.giftOrder?.userId !== buyer.id) return null;
    return code;
  }

  /**
   * A refunded gift takes back what it bought: the code is withdrawn if unused; if it was redeemed,
   * the redeemer's enrollment is revoked (and the sale with it). Runs in the refund's transaction.
   */
  async takeBackGift(m: EntityManager, orderId: number): Promise<void> {
    const code = await m.getRepository(RedemptionCode).findOne({ where: { giftOrderId: orderId }, lock: { mode: 'pessimistic_write' } });
    if (!code) return;
    if (code.redeemedBy !== null && (await this.enrollments.revoke(m, { userId: code.redeemedBy, courseId: code.courseId }))) {
      await m.query('UPDATE courses SET sales_count = sales_count - 1 WHERE id = ? AND sales_count > 0', [code.courseId]);
    }
    await m.getRepository(RedemptionCode).delete({ id: code.id });
  }

  /** Uses the code for the learner: enrolls them in its course, once. */
  async redeem(learner: CodeActor, input: string): Promise<{ courseId: number }> {
    const code = normalizeCode(input);
    return this.ds.transaction(async (m) => {
      const row = await m.getRepository(RedemptionCode).findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundError('code');
      if (row.redeemedBy !== null) throw new ConflictError('this code has already been used', 'CODE_USED');
      const course = await m.getRepository(Course).findOneByOrFail({ id: row.courseId });
      if (course.creatorId === learner.id) throw new ForbiddenError('you cannot redeem a code for your own course', 'OWN_COURSE');
      // A learner who already has the course keeps the code for someone else.
      if (await this.enrollments.isEnrolled(learner.id, row.courseId, m)) throw new ConflictError('you are already enrolled in this course', 'ALREADY_ENROLLED');
      await m.getRepository(RedemptionCode).update({ id: row.id }, { redeemedBy: learner.id, redeemedAt: this.clock.now() });
      if (await this.enrollments.enroll(m, { userId: learner.id, courseId: row.courseId, source: 'code' })) {
        await m.getRepository(Course).increment({ id: row.courseId }, 'salesCount', 1);
      }
      return { courseId: row.courseId };
    });
  }
}
