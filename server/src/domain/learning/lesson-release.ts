/**
 * Drip release: a lesson opens a number of days after the learner's enrollment, or on a fixed date.
 * Pure: the rule and the enrollment in, the moment the lesson opens out.
 */
export interface ReleaseRule {
  /** Whole days (24-hour periods) after the enrollment; 0 opens at once. */
  afterDays: number | null;
  /** A fixed moment, the same for everybody. */
  at: Date | null;
}

const DAY_MS = 24 * 3600_000;

/** When the lesson opens for a learner enrolled at `enrolledAt`; null when it has no rule (open with the course). */
export function opensAt(rule: ReleaseRule | null, enrolledAt: Date | null): Date | null {
  if (!rule) return null;
  if (rule.at) return rule.at;
  if (rule.afterDays === null) return null;
  // Not enrolled: the lesson is closed to them anyway; it opens, for them, only once they enroll.
  if (!enrolledAt) return null;
  return new Date(enrolledAt.getTime() + rule.afterDays * DAY_MS);
}

/** Whether the lesson is still locked at `now` for that learner. */
export function isLocked(rule: ReleaseRule | null, enrolledAt: Date | null, now: Date): boolean {
  const at = opensAt(rule, enrolledAt);
  return at !== null && at.getTime() > now.getTime();
}
