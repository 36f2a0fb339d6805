import type { MembershipPlan, PlanPeriod, PlanStatus } from './membership-plan.entity';

/** A plan on offer as a learner sees it, with what it means for them. */
export interface PlanOffer {
  id: number;
  creatorId: number;
  name: string;
  period: PlanPeriod;
  priceFen: number;
  allCourses: boolean;
  trialDays: number;
  /** Whether the viewer holds a running membership of this plan, and until when (null: lifetime). */
  member: boolean;
  memberUntil: Date | null;
  /** A free trial is on offer to this viewer: the plan has trial days and they never held it. */
  trialAvailable: boolean;
}

/** A creator's own plan, with how it sells. */
export interface OwnPlan {
  plan: MembershipPlan;
  courseIds: number[];
  /** Learners whose membership of the plan runs now. */
  members: number;
  /** Paid (not free-trial) orders of the plan, refunded ones included, and their money. */
  paidOrders: number;
  revenueFen: number;
}

export interface OfferRow {
  id: number;
  creator_id: number;
  name: string;
  period: PlanPeriod;
  price_fen: number;
  all_courses: number | boolean;
  trial_days: number;
  status: PlanStatus;
  ms_status: string | null;
  ms_starts_at: Date | null;
  ms_ends_at: Date | null;
}

/**
 * The columns of a plan `p` with the viewer's membership of it `ms` (LEFT JOINed on user `?`), for
 * offers: the caller adds FROM/WHERE.
 */
export const OFFER_COLUMNS = `p.id, p.creator_id, p.name, p.period, p.price_fen, p.all_courses, p.trial_days, p.status,
  ms.status AS ms_status, ms.starts_at AS ms_starts_at, ms.ends_at AS ms_ends_at`;

/** What a row of OFFER_COLUMNS offers a viewer at `now`. */
export function offerOf(row: OfferRow, now: Date): PlanOffer {
  const running = row.ms_status === 'ACTIVE' && row.ms_starts_at !== null && row.ms_starts_at <= now && (row.ms_ends_at === null || row.ms_ends_at > now);
  return {
    id: row.id,
    creatorId: row.creator_id,
    name: row.name,
    period: row.period,
    priceFen: row.price_fen,
    allCourses: !!Number(row.all_courses),
    trialDays: row.trial_days,
    member: running,
    memberUntil: running ? row.ms_ends_at : null,
    trialAvailable: row.trial_days > 0 && row.ms_status === null,
  };
}
