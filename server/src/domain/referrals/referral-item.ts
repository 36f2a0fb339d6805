/** What a referral points at: a course (course and gift orders) or a membership plan (membership orders). */
export const REFERRAL_ITEM_TYPES = ['course', 'plan'] as const;
export type ReferralItemType = (typeof REFERRAL_ITEM_TYPES)[number];

export interface ReferralItem {
  type: ReferralItemType;
  id: number;
}

/** The creator's rate is a whole percent of what the buyer paid, at most this. */
export const MAX_REFERRAL_RATE_PERCENT = 50;

/**
 * The referrer's reward for an order: `rate` percent of the amount paid, rounded down to a whole fen
 * (the platform never promises a fraction of a fen it did not take).
 */
export function referralRewardFen(amountFen: number, ratePercent: number): number {
  return Math.floor((amountFen * ratePercent) / 100);
}
