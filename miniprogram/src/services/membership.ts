import type { PlanOffer } from './types';

const CHINA_OFFSET_MS = 8 * 3600_000;

/** 2027-11-26: a membership's end as a date in Beijing time. */
export function chinaDate(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The cheapest plan of a list (the API sends them cheapest first; this does not rely on it). */
export function cheapestPlan(plans: readonly PlanOffer[]): PlanOffer | null {
  return plans.reduce<PlanOffer | null>((best, p) => (best === null || p.price_fen < best.price_fen ? p : best), null);
}
