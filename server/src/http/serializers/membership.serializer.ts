import type { MembershipPlan } from '../../domain/memberships/membership-plan.entity';
import type { Membership } from '../../domain/memberships/membership.entity';
import { fenToYuan } from '../../shared/money';

export function serializePlan(plan: MembershipPlan) {
  return {
    id: plan.id,
    creator: plan.creatorId,
    name: plan.name,
    period: plan.period,
    price: fenToYuan(plan.priceFen),
    price_fen: plan.priceFen,
    all_courses: plan.allCourses,
    trial_days: plan.trialDays,
    status: plan.status,
  };
}

export function serializeMembership(m: Membership) {
  return {
    id: m.id,
    plan: m.planId,
    plan_name: m.plan?.name ?? null,
    creator: m.plan?.creatorId ?? null,
    starts_at: m.startsAt.toISOString(),
    /** Null: lifetime. */
    ends_at: m.endsAt?.toISOString() ?? null,
  };
}
