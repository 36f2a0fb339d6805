import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import type { Clock } from '../../shared/clock';
import { Course } from '../catalog/course.entity';
import type { Viewer } from '../viewer';
import { MembershipPlanCourse } from './membership-plan-course.entity';
import { MembershipPlan, type PlanPeriod } from './membership-plan.entity';
import { Membership } from './membership.entity';
import { PLAN_COVERS_COURSE, renewalStart, termEnd } from './membership-terms';
import { OFFER_COLUMNS, offerOf, type OfferRow, type OwnPlan, type PlanOffer } from './plan-listing';

/** How long before a membership ends its holder is reminded. */
export const MEMBERSHIP_REMINDER_LEAD_MS = 3 * 86_400_000;

export type PlanAuthor = NonNullable<Viewer>;

const DAY_MS = 86_400_000;

export interface PlanPatch {
  name?: string;
  priceFen?: number;
}

export interface PlanInput {
  name: string;
  period: PlanPeriod;
  priceFen: number;
  allCourses: boolean;
  courseIds: number[];
  trialDays: number;
}

/**
 * Membership plans and the memberships they grant. Whether a membership opens a lesson is decided with
 * everything else in EnrollmentService.hasAccess (see membership-terms.ts for the SQL it uses).
 */
export class MembershipService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** A creator's plan; listed courses must be the creator's own. */
  async createPlan(author: PlanAuthor, input: PlanInput): Promise<MembershipPlan> {
    if (author.role !== 'creator' && author.role !== 'admin') throw new ForbiddenError('only creators offer memberships', 'NOT_CREATOR');
    return this.ds.transaction(async (m) => {
      const courseIds = input.allCourses ? [] : [...new Set(input.courseIds)];
      if (courseIds.length > 0) {
        const own = await m.getRepository(Course).countBy(courseIds.map((id) => ({ id, creatorId: author.id })));
        if (own !== courseIds.length) throw new NotFoundError('course');
      }
      const plan = m.getRepository(MembershipPlan).create({
        creatorId: author.id,
        name: input.name,
        period: input.period,
        priceFen: input.priceFen,
        allCourses: input.allCourses,
        trialDays: input.trialDays,
        status: 'ACTIVE',
      });
      await m.getRepository(MembershipPlan).insert(plan);
      if (courseIds.length > 0) await m.getRepository(MembershipPlanCourse).insert(courseIds.map((courseId) => ({ planId: plan.id, courseId })));
      return m.getRepository(MembershipPlan).findOneByOrFail({ id: plan.id });
    });
  }

  /**
   * One term of a plan for a learner (a paid order, inside its transaction): the row is locked, so
   * concurrent grants each add their own term. Renewal extends from the later of now and the current end.
   */
  async grant(m: EntityManager, input: { userId: number; planId: number; orderId: number | null; trial?: boolean }): Promise<Membership> {
    const plan = await m.getRepository(MembershipPlan).findOneBy({ id: input.planId });
    if (!plan) throw new NotFoundError('plan');
    const now = this.clock.now();
    // Make sure the row exists, then lock it: the unique (user, plan) key keeps it one row.
    await m.query('INSERT IGNORE INTO memberships (user_id, plan_id, status, starts_at, ends_at) VALUES (?, ?, ?, ?, ?)', [input.userId, plan.id, 'REVOKED', now, now]);
    const current = await m.getRepository(Membership).findOneOrFail({ where: { userId: input.userId, planId: plan.id }, lock: { mode: 'pessimistic_write' } });
    const running = current.status === 'ACTIVE' && (current.endsAt === null || current.endsAt > now);
    const from = renewalStart(now, current);
    // A free trial runs the plan's trial days (it is only ever a learner's first term of the plan).
    const term = input.trial ? new Date(from.getTime() + plan.trialDays * DAY_MS) : termEnd(from, plan.period);
    const endsAt = running && current.endsAt === null ? null : term;
    await m.getRepository(Membership).update(
      { id: current.id },
      { status: 'ACTIVE', startsAt: running ? current.startsAt : now, endsAt, lastOrderId: input.orderId },
    );
    return m.getRepository(Membership).findOneByOrFail({ id: current.id });
  }

  /** A refunded plan order takes the membership away; returns whether it was active. */
  async revoke(m: EntityManager, input: { userId: number; planId: number }): Promise<boolean> {
    const { affected } = await m.getRepository(Membership).update({ ...input, status: 'ACTIVE' }, { status: 'REVOKED' });
    return !!affected;
  }

  /**
   * Running memberships that end within `leadMs` and whose reminder for this term has not gone out,
   * soonest end first. A renewal moves `ends_at`, so the next term gets its own reminder.
   */
  async endingSoon(leadMs: number, limit: number): Promise<Array<{ membershipId: number; userId: number; planName: string; endsAt: Date }>> {
    const now = this.clock.now();
    const rows: Array<{ id: number; user_id: number; name: string; ends_at: Date }> = await this.ds.query(
      `SELECT ms.id, ms.user_id, p.name, ms.ends_at FROM memberships ms JOIN membership_plans p ON p.id = ms.plan_id
        WHERE ms.status = 'ACTIVE' AND ms.ends_at > ? AND ms.ends_at <= ? AND (ms.reminded_for IS NULL OR ms.reminded_for <> ms.ends_at)
        ORDER BY ms.ends_at, ms.id LIMIT ?`,
      [now, new Date(now.getTime() + leadMs), limit],
    );
    return rows.map((r) => ({ membershipId: r.id, userId: r.user_id, planName: r.name, endsAt: r.ends_at }));
  }

  /** Running memberships whose term has ended (ACTIVE, `ends_at` past), earliest end first. */
  async ended(limit: number): Promise<Array<{ membershipId: number; userId: number; planName: string; endsAt: Date }>> {
    const rows: Array<{ id: number; user_id: number; name: string; ends_at: Date }> = await this.ds.query(
      `SELECT ms.id, ms.user_id, p.name, ms.ends_at FROM memberships ms JOIN membership_plans p ON p.id = ms.plan_id
        WHERE ms.status = 'ACTIVE' AND ms.ends_at <= ? ORDER BY ms.ends_at, ms.id LIMIT ?`,
      [this.clock.now(), limit],
    );
    return rows.map((r) => ({ membershipId: r.id, userId: r.user_id, planName: r.name, endsAt: r.ends_at }));
  }

  /** The term ending at `endsAt` is over: EXPIRED, unless it was renewed or revoked meanwhile (then nothing changes). */
  async markExpired(membershipId: number, endsAt: Date): Promise<boolean> {
    const { affected } = await this.ds.getRepository(Membership).update({ id: membershipId, status: 'ACTIVE', endsAt }, { status: 'EXPIRED' });
    return !!affected;
  }

  /** The reminder for the term ending at `endsAt` went out (a renewal since then changed nothing here). */
  async markReminded(membershipId: number, endsAt: Date): Promise<void> {
    await this.ds.getRepository(Membership).update({ id: membershipId, endsAt }, { remindedFor: endsAt });
  }

  /** The learner's memberships that open courses now, soonest end first (lifetime last). */
  async current(userId: number): Promise<Membership[]> {
    const now = this.clock.now();
    return this.ds
      .getRepository(Membership)
      .createQueryBuilder('ms')
      .innerJoinAndSelect('ms.plan', 'p')
      .where('ms.userId = :userId AND ms.status = :status AND ms.startsAt <= :now AND (ms.endsAt IS NULL OR ms.endsAt > :now)', { userId, status: 'ACTIVE', now })
      .orderBy('ms.endsAt IS NULL', 'ASC')
      .addOrderBy('ms.endsAt', 'ASC')
      .getMany();
  }

  /** Whether the learner has ever held the plan (a trial, a paid term, even one refunded since): no trial then. */
  async everHeld(m: EntityManager, userId: number, planId: number): Promise<boolean> {
    return m.getRepository(Membership).existsBy({ userId, planId });
  }

  /** Plans on offer that cover a published course, cheapest first, with the viewer's membership of each. */
  async offersForCourse(courseId: number, viewerId: number | null): Promise<PlanOffer[]> {
    const course = await this.ds.getRepository(Course).findOneBy({ id: courseId, status: 'PUBLISHED' });
    if (!course) throw new NotFoundError('course');
    const rows: OfferRow[] = await this.ds.query(
      `SELECT ${OFFER_COLUMNS} FROM membership_plans p
         JOIN courses c ON c.id = ?
         LEFT JOIN memberships ms ON ms.plan_id = p.id AND ms.user_id = ?
        WHERE p.status = 'ACTIVE' AND ${PLAN_COVERS_COURSE}
        ORDER BY p.price_fen, p.id`,
      [courseId, viewerId ?? 0],
    );
    const now = this.clock.now();
    return rows.map((r) => offerOf(r, now));
  }

  /** A creator's plans on offer, cheapest first, with the viewer's membership of each. */
  async offersOfCreator(creatorId: number, viewerId: number | null): Promise<PlanOffer[]> {
    const rows: OfferRow[] = await this.ds.query(
      `SELECT ${OFFER_COLUMNS} FROM membership_plans p
         LEFT JOIN memberships ms ON ms.plan_id = p.id AND ms.user_id = ?
        WHERE p.creator_id = ? AND p.status = 'ACTIVE'
        ORDER BY p.price_fen, p.id`,
      [viewerId ?? 0, creatorId],
    );
    const now = this.clock.now();
    return rows.map((r) => offerOf(r, now));
  }

  /** The creator's plans (retired ones too, newest first) with their courses, running members and sales. */
  async ownPlans(author: PlanAuthor): Promise<OwnPlan[]> {
    const plans = await this.ds.getRepository(MembershipPlan).find({ where: { creatorId: author.id }, order: { id: 'DESC' } });
    if (plans.length === 0) return [];
    const ids = plans.map((p) => p.id);
    const now = this.clock.now();
    const [courses, members, sales]: [
      Array<{ plan_id: number; course_id: number }>,
      Array<{ plan_id: number; n: string | number }>,
      Array<{ plan_id: number; n: string | number; fen: string | number | null }>,
    ] = await Promise.all([
      this.ds.query('SELECT plan_id, course_id FROM membership_plan_courses WHERE plan_id IN (?) ORDER BY course_id', [ids]),
      this.ds.query(
        "SELECT plan_id, COUNT(*) AS n FROM memberships WHERE plan_id IN (?) AND status = 'ACTIVE' AND starts_at <= ? AND (ends_at IS NULL OR ends_at > ?) GROUP BY plan_id",
        [ids, now, now],
      ),
      this.ds.query(
        "SELECT plan_id, COUNT(*) AS n, SUM(amount_fen) AS fen FROM orders WHERE plan_id IN (?) AND status IN ('PAID', 'REFUNDED') AND payment_method = 'WECHAT_PAY' GROUP BY plan_id",
        [ids],
      ),
    ]);
    return plans.map((plan) => {
      const sold = sales.find((s) => s.plan_id === plan.id);
      return {
        plan,
        courseIds: courses.filter((c) => c.plan_id === plan.id).map((c) => c.course_id),
        members: Number(members.find((r) => r.plan_id === plan.id)?.n ?? 0),
        paidOrders: Number(sold?.n ?? 0),
        revenueFen: Number(sold?.fen ?? 0),
      };
    });
  }

  /** Renames or reprices the creator's plan; a new price applies to orders opened from now on. */
  async updatePlan(author: PlanAuthor, planId: number, patch: PlanPatch): Promise<MembershipPlan> {
    const plan = await this.ownPlan(author, planId);
    const changes: Partial<Pick<MembershipPlan, 'name' | 'priceFen'>> = {};
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.priceFen !== undefined) changes.priceFen = patch.priceFen;
    if (Object.keys(changes).length > 0) await this.ds.getRepository(MembershipPlan).update({ id: plan.id }, changes);
    return this.ds.getRepository(MembershipPlan).findOneByOrFail({ id: plan.id });
  }

  /**
   * Takes the plan off sale: no new orders or trials; its members keep their courses to the end of the
   * term they hold. Retiring twice changes nothing.
   */
  async retirePlan(author: PlanAuthor, planId: number): Promise<MembershipPlan> {
    const plan = await this.ownPlan(author, planId);
    await this.ds.getRepository(MembershipPlan).update({ id: plan.id, status: 'ACTIVE' }, { status: 'RETIRED' });
    return this.ds.getRepository(MembershipPlan).findOneByOrFail({ id: plan.id });
  }

  /** A plan that can be ordered now: 404 when there is none, 409 PLAN_RETIRED when it is off sale. */
  async onOffer(m: EntityManager, planId: number): Promise<MembershipPlan> {
    const plan = await m.getRepository(MembershipPlan).findOneBy({ id: planId });
    if (!plan) throw new NotFoundError('plan');
    if (plan.status !== 'ACTIVE') throw new ConflictError('this plan is no longer on offer', 'PLAN_RETIRED');
    return plan;
  }

  private async ownPlan(author: PlanAuthor, planId: number): Promise<MembershipPlan> {
    const plan = await this.ds.getRepository(MembershipPlan).findOneBy({ id: planId });
    if (!plan || (plan.creatorId !== author.id && author.role !== 'admin')) throw new NotFoundError('plan');
    return plan;
  }
}
