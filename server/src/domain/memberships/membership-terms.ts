import type { PlanPeriod } from './membership-plan.entity';

/**
 * When a term bought at `from` ends: a calendar month or year later (UTC), never for a lifetime plan.
 * A month from 31 January ends on the last day of February, not in March.
 */
export function termEnd(from: Date, period: PlanPeriod): Date | null {
  if (period === 'LIFETIME') return null;
  const end = new Date(from.getTime());
  const day = end.getUTCDate();
  end.setUTCDate(1);
  if (period === 'MONTHLY') end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCFullYear(end.getUTCFullYear() + 1);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(day, lastDay));
  return end;
}

/**
 * Renewal rule: a new term starts at the later of now and the current end (a membership still running
 * is extended, a lapsed or revoked one starts afresh). A lifetime membership has no end to move.
 */
export function renewalStart(now: Date, current: { status: string; endsAt: Date | null } | null): Date {
  if (!current || current.status !== 'ACTIVE' || current.endsAt === null) return now;
  return current.endsAt > now ? current.endsAt : now;
}

/**
 * The SQL condition that plan `p` covers course `c`: a plan of the course's creator that covers all
 * their courses, or one that lists this course.
 */
export const PLAN_COVERS_COURSE = `((p.all_courses = 1 AND p.creator_id = c.creator_id)
          OR EXISTS (SELECT 1 FROM membership_plan_courses pc WHERE pc.plan_id = p.id AND pc.course_id = c.id))`;

/**
 * The SQL for when user `userExpr`'s running memberships that cover course `courseExpr` began, at a
 * moment (two `?`: now, now): ACTIVE, started, not ended, of a plan that covers the course (a retired
 * plan still serves its members to their term's end); NULL when there is none. Only published courses:
 * a membership never shows a draft, and a course taken off sale stays with those who bought it, not
 * with members. The expressions are SQL (a `?` or a column of the outer query).
 */
export function memberSinceSql(courseExpr: string, userExpr: string): string {
  return `(
  SELECT MIN(ms.starts_at) FROM memberships ms
    JOIN membership_plans p ON p.id = ms.plan_id
    JOIN courses c ON c.id = ${courseExpr}
   WHERE c.status = 'PUBLISHED' AND ms.user_id = ${userExpr} AND ms.status = 'ACTIVE' AND ms.starts_at <= ? AND (ms.ends_at IS NULL OR ms.ends_at > ?)
     AND ${PLAN_COVERS_COURSE})`;
}

/** memberSinceSql for one course (`?` 1) and user (`?` 2), at a moment (`?` 3 and 4). */
export const MEMBER_SINCE = memberSinceSql('?', '?');
