/**
 * What one learner did with one course, from every signal we record. Times are epoch milliseconds
 * (null when that signal is absent); they only matter for popularity, which favours recent activity.
 */
export interface CourseSignals {
  /** A paid order (refunded ones do not count). */
  purchasedAt: number | null;
  /** An active enrollment that did not come from a purchase (a free course, a grant). */
  enrolledAt: number | null;
  /** Share of the course's lessons completed, 0..1, and the last progress report. */
  completedShare: number;
  progressAt: number | null;
  /** The learner's review, 1..5. */
  rating: number | null;
  reviewedAt: number | null;
  /** Signed-in views of the course page. */
  views: number;
  viewedAt: number | null;
  /** Enrolled (active or refunded) or the learner's own course: never recommended to them. */
  owned: boolean;
}

export function noSignals(): CourseSignals {
  return {
    purchasedAt: null,
    enrolledAt: null,
    completedShare: 0,
    progressAt: null,
    rating: null,
    reviewedAt: null,
    views: 0,
    viewedAt: null,
    owned: false,
  };
}

/**
 * How much each signal says about taste, strongest first: paying says most, a free enrollment a bit
 * less, finishing the lessons more than starting them, a review moves the strength up or down by its
 * rating, a page view says least.
 */
export const SIGNAL_WEIGHTS = {
  purchase: 4,
  enrollment: 3,
  /** At 100 % of the lessons completed. */
  progress: 2,
  /** ± at 5 or 1 stars; 3 stars is neutral. */
  review: 1.5,
  /** At VIEWS_FOR_FULL_WEIGHT views or more. */
  view: 1,
} as const;

const VIEWS_FOR_FULL_WEIGHT = 3;

function reviewWeight(rating: number | null): number {
  return rating === null ? 0 : (SIGNAL_WEIGHTS.review * (rating - 3)) / 2;
}

function viewWeight(views: number): number {
  return (SIGNAL_WEIGHTS.view * Math.min(views, VIEWS_FOR_FULL_WEIGHT)) / VIEWS_FOR_FULL_WEIGHT;
}

/** A[u][i]: the learner's strength of interest in the course, ≥ 0 (a bad review can cancel a view, not go below zero). */
export function interactionStrength(s: CourseSignals): number {
  const strength =
    (s.purchasedAt !== null ? SIGNAL_WEIGHTS.purchase : 0) +
    (s.enrolledAt !== null ? SIGNAL_WEIGHTS.enrollment : 0) +
    SIGNAL_WEIGHTS.progress * Math.min(1, Math.max(0, s.completedShare)) +
    reviewWeight(s.rating) +
    viewWeight(s.views);
  return Math.max(0, strength);
}

/** 1 now, ½ one half-life ago, ¼ two half-lives ago; future times count as now. */
export function decay(ageMs: number, halfLifeMs: number): number {
  return ageMs <= 0 ? 1 : Math.pow(0.5, ageMs / halfLifeMs);
}

/**
 * The learner's contribution to the course's popularity: each signal's weight, decayed by its own age,
 * so a course bought a lot last week outranks one bought a lot last year. Bad reviews do not subtract
 * here: being talked about is popularity either way.
 */
export function recentStrength(s: CourseSignals, now: number, halfLifeMs: number): number {
  const at = (t: number | null, weight: number) => (t === null || weight <= 0 ? 0 : weight * decay(now - t, halfLifeMs));
  return (
    at(s.purchasedAt, SIGNAL_WEIGHTS.purchase) +
    at(s.enrolledAt, SIGNAL_WEIGHTS.enrollment) +
    at(s.progressAt, SIGNAL_WEIGHTS.progress * Math.min(1, Math.max(0, s.completedShare))) +
    at(s.reviewedAt, Math.abs(reviewWeight(s.rating))) +
    at(s.viewedAt, viewWeight(s.views))
  );
}

/** Anonymous views count towards popularity only (nobody to recommend to), like a signed-in view. */
export function anonymousViewStrength(views: number, ageMs: number, halfLifeMs: number): number {
  return ((SIGNAL_WEIGHTS.view * views) / VIEWS_FOR_FULL_WEIGHT) * decay(ageMs, halfLifeMs);
}
