/**
 * The seed's user-behaviour models, made well-defined. Every factor of the purchase propensity is
 * normalized to [0, 1] before it is weighted: the seed's own example multiplies the raw price (99 yuan)
 * by its weight and gets 30.21 for a "probability". Here the price factor is the course's price
 * relative to the median price of published courses in its category, inverted so cheaper scores higher.
 */

const HOUR_S = 3600;

/**
 * Activity = N × T / t: N study sessions in the period, T their average length in hours, t the period
 * in days. Hours of study per day, so 10 sessions of 2 hours in 30 days score 0.67.
 */
export function activityScore(sessions: number, studiedSeconds: number, periodDays: number): number {
  if (sessions <= 0 || periodDays <= 0) return 0;
  const averageHours = studiedSeconds / sessions / HOUR_S;
  return (sessions * averageHours) / periodDays;
}

export interface PropensityFactors {
  /** Q_quality: the course's rating mapped from 1..5 onto 0..1. */
  quality: number;
  /** Q_price: cheaper than the category's usual price scores higher. */
  price: number;
  /** Q_interest: how much of the learner's attention goes to the course's category. */
  interest: number;
}

/** The seed's weights: quality 0.5, price 0.3, interest 0.2. */
export const PROPENSITY_WEIGHTS: Readonly<PropensityFactors> = { quality: 0.5, price: 0.3, interest: 0.2 };

/** (average − 1) / 4 maps 1..5 stars onto 0..1; an unrated course is neither good nor bad: 0.5. */
export function qualityFactor(ratingAvg: number, ratingCount: number): number {
  if (ratingCount <= 0) return 0.5;
  return clamp01((ratingAvg - 1) / 4);
}

/**
 * m / (m + p): p the course's price, m the median price of the published courses in its category.
 * A course at the median scores 0.5, a free one 1, one at three times the median 0.25; it never leaves
 * (0, 1], and one very expensive course in a category does not squeeze everyone else's score as a
 * min-max scale would. A paid course in a category whose median is free scores 0.
 */
export function priceFactor(priceFen: number, categoryMedianFen: number): number {
  if (priceFen <= 0) return 1;
  return categoryMedianFen / (categoryMedianFen + priceFen);
}

/** The learner's views and enrollments in the category over those in their most-visited category: 1 for their favourite, 0 without history. */
export function interestFactor(categoryCount: number, maxCategoryCount: number): number {
  if (maxCategoryCount <= 0) return 0;
  return clamp01(categoryCount / maxCategoryCount);
}

/** Purchase propensity = Σ w_i × Q_i / Σ w_i over normalized factors: a value in [0, 1]. */
export function purchasePropensity(q: PropensityFactors, w: PropensityFactors = PROPENSITY_WEIGHTS): number {
  const weights = w.quality + w.price + w.interest;
  if (weights <= 0) return 0;
  return (w.quality * q.quality + w.price * q.price + w.interest * q.interest) / weights;
}

export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** part / whole, null when there is no whole (no views, no orders): "no data" is not "0%". */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
