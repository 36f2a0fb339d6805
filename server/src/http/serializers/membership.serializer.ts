import type { MembershipPlan } from '../../domain/memberships/membership-plan.entity';
import type { OwnPlan, PlanOffer } from '../../domain/memberships/plan-listing';
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

export function serializeOffer(o: PlanOffer) {
  return {
    id: o.id,
    creator: o.creatorId,
    name: o.name,
    period: o.period,
    price: fenToYuan(o.priceFen),
    price_fen: o.priceFen,
    all_courses: o.allCourses,
    trial_days: o.trialDays,
    /** The viewer holds a running membership of this plan (until `member_until`; null there: lifetime). */
    member: o.member,
    member_until: o.memberUntil?.toISOString() ?? null,
    trial_available: o.trialAvailable,
  };
}

/** The viewer's membership over a list of offers: the latest end among running ones (null end wins: lifetime). */
export function serializeOffers(offers: PlanOffer[]) {
  const running = offers.filter((o) => o.member);
  const lifetime = running.some((o) => o.memberUntil === null);
  const until = lifetime ? null : running.reduce<Date | null>((max, o) => (o.memberUntil && (!max || o.memberUntil > max) ? o.memberUntil : max), null);
  return {
    results: offers.map(serializeOffer),
    member: running.length > 0,
    member_until: until?.toISOString() ?? null,
  };
}

export function serializeOwnPlan(p: OwnPlan) {
  return {
    ...serializePlan(p.plan),
    courses: p.courseIds,
    members: p.members,
    paid_orders: p.paidOrders,
    revenue: fenToYuan(p.revenueFen),
    revenue_fen: p.revenueFen,
    created_at: p.plan.createdAt.toISOString(),
  };
}
