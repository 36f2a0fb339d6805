import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { Clock } from '../../shared/clock';
import { duplicateKeyIndex } from '../../shared/db-errors';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import { Course } from '../catalog/course.entity';
import type { Author } from '../catalog/course-authoring.service';
import { CouponRedemption } from './coupon-redemption.entity';
import { Coupon, type CouponKind } from './coupon.entity';

export interface CouponInput {
  code: string;
  kind: CouponKind;
  value: number;
  courseId: number | null;
  startsAt: Date;
  endsAt: Date;
  totalLimit: number;
  perUserLimit: number;
}

export function discountFor(coupon: Pick<Coupon, 'kind' | 'value'>, priceFen: number): number {
  return coupon.kind === 'PERCENT' ? Math.floor((priceFen * coupon.value) / 100) : Math.min(coupon.value, priceFen);
}

/** Creator-made discount codes. Redemption happens inside the order's transaction, with the coupon row locked. */
export class CouponService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(author: Author, input: CouponInput): Promise<Coupon> {
    if (input.courseId !== null) {
      const course = await this.ds.getRepository(Course).findOneBy({ id: input.courseId, creatorId: author.id });
      if (!course) throw ValidationError.field('course', `you have no course with id ${input.courseId}`, 'UNKNOWN_COURSE');
    }
    if (input.startsAt >= input.endsAt) throw ValidationError.field('ends_at', 'must be after starts_at');
    if (input.kind === 'PERCENT' && (input.value < 1 || input.value > 100)) {
      throw ValidationError.field('value', 'a percent coupon takes 1 to 100');
    }
    const coupon = this.ds.getRepository(Coupon).create({ ...input, code: input.code.toUpperCase(), creatorId: author.id, redeemedCount: 0 });
    try {
      await this.ds.getRepository(Coupon).insert(coupon);
    } catch (err) {
      if (duplicateKeyIndex(err) === 'uq_coupons_code') throw new ConflictError('code: this coupon code is taken', 'COUPON_CODE_TAKEN');
      throw err;
    }
    return this.ds.getRepository(Coupon).findOneByOrFail({ id: coupon.id });
  }

  async listOwn(author: Author, page: PageRequest): Promise<Page<Coupon>> {
    const [results, count] = await this.ds.getRepository(Coupon).findAndCount({
      where: { creatorId: author.id },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: offsetOf(page),
      take: page.pageSize,
    });
    return { count, results };
  }

  async disable(author: Author, couponId: number): Promise<Coupon> {
    const { affected } = await this.ds
      .getRepository(Coupon)
      .update({ id: couponId, creatorId: author.id }, { disabledAt: this.clock.now() });
    if (!affected) throw new NotFoundError('coupon');
    return this.ds.getRepository(Coupon).findOneByOrFail({ id: couponId });
  }

  /**
   * Takes one use of `code` for this learner and course, or throws saying why not. The coupon row is
   * locked until the order's transaction ends, so concurrent redemptions queue up and the limits hold.
   */
  async redeem(
    m: EntityManager,
    input: { code: string; userId: number; course: Pick<Course, 'id' | 'creatorId' | 'priceFen'> },
  ): Promise<{ coupon: Coupon; discountFen: number }> {
    const coupon = await m
      .getRepository(Coupon)
      .findOne({ where: { code: input.code.toUpperCase() }, lock: { mode: 'pessimistic_write' } });
    const refuse = (message: string, code: string, status: 400 | 409 = 400) =>
      status === 400 ? ValidationError.field('coupon', message, code) : new ConflictError(`coupon: ${message}`, code, { fields: [{ field: 'coupon' }] });
    if (!coupon || coupon.disabledAt) throw refuse('no such coupon', 'COUPON_NOT_FOUND');
    if (coupon.creatorId !== input.course.creatorId || (coupon.courseId !== null && coupon.courseId !== input.course.id)) {
      throw refuse('this coupon is not valid for this course', 'COUPON_NOT_APPLICABLE');
    }
    const now = this.clock.now();
    if (now < coupon.startsAt) throw refuse('this coupon is not valid yet', 'COUPON_NOT_STARTED');
    if (now >= coupon.endsAt) throw refuse('this coupon has expired', 'COUPON_EXPIRED');
    if (coupon.redeemedCount >= coupon.totalLimit) throw refuse('this coupon has been used up', 'COUPON_EXHAUSTED', 409);
    const mine = await m.getRepository(CouponRedemption).countBy({ couponId: coupon.id, userId: input.userId, status: 'ACTIVE' });
    if (mine >= coupon.perUserLimit) throw refuse('you have already used this coupon', 'COUPON_LIMIT_REACHED', 409);
    await m.getRepository(Coupon).increment({ id: coupon.id }, 'redeemedCount', 1);
    return { coupon, discountFen: discountFor(coupon, input.course.priceFen) };
  }

  async recordRedemption(m: EntityManager, input: { couponId: number; userId: number; orderId: number }): Promise<void> {
    await m.getRepository(CouponRedemption).insert({ ...input, status: 'ACTIVE' });
  }

  /** Gives the use back when an order ends unpaid (expired or failed). */
  async release(m: EntityManager, orderId: number): Promise<void> {
    const redemption = await m.getRepository(CouponRedemption).findOneBy({ orderId, status: 'ACTIVE' });
    if (!redemption) return;
    await m.getRepository(CouponRedemption).update({ id: redemption.id, status: 'ACTIVE' }, { status: 'RELEASED' });
    await m.query('UPDATE coupons SET redeemed_count = redeemed_count - 1 WHERE id = ? AND redeemed_count > 0', [redemption.couponId]);
  }

  /** A payment that arrived after its order expired still used the coupon: take the use back, even past the limit. */
  async reinstate(m: EntityManager, orderId: number): Promise<void> {
    const redemption = await m.getRepository(CouponRedemption).findOneBy({ orderId, status: 'RELEASED' });
    if (!redemption) return;
    await m.getRepository(CouponRedemption).update({ id: redemption.id }, { status: 'ACTIVE' });
    await m.getRepository(Coupon).increment({ id: redemption.couponId }, 'redeemedCount', 1);
  }
}
