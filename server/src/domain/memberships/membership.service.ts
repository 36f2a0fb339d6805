import type { DataSource, EntityManager } from 'typeorm';
import { ForbiddenError, NotFoundError } from '../../errors';
import type { Clock } from '../../shared/clock';
import { Course } from '../catalog/course.entity';
import type { Viewer } from '../viewer';
import { MembershipPlanCourse } from './membership-plan-course.entity';
import { MembershipPlan, type PlanPeriod } from './membership-plan.entity';
import { Membership } from './membership.entity';
import { renewalStart, termEnd } from './membership-terms';

/** How long before a membership ends its holder is reminded. */
export const MEMBERSHIP_REMINDER_LEAD_MS = 3 * 86_400_000;

export type PlanAuthor = NonNullable<Viewer>;

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
  async grant(m: EntityManager, input: { userId: number; planId: number; orderId: number | null }): Promise<Membership> {
    const plan = await m.getRepository(MembershipPlan).findOneBy({ id: input.planId });
    if (!plan) throw new NotFoundError('plan');
    const now = this.clock.now();
    // Make sure the row exists, then lock it: the unique (user, plan) key keeps it one row.
    await m.query('INSERT IGNORE INTO memberships (user_id, plan_id, status, starts_at, ends_at) VALUES (?, ?, ?, ?, ?)', [input.userId, plan.id, 'REVOKED', now, now]);
    const current = await m.getRepository(Membership).findOneOrFail({ where: { userId: input.userId, planId: plan.id }, lock: { mode: 'pessimistic_write' } });
    const running = current.status === 'ACTIVE' && (current.endsAt === null || current.endsAt > now);
    const from = renewalStart(now, current);
    const endsAt = running && current.endsAt === null ? null : termEnd(from, plan.period);
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
}
