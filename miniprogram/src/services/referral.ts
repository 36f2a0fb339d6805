import Taro from '@tarojs/taro';
import { api } from './api';
import { ApiError } from './http';
import { currentSession } from './session';

/** A share link opened: the sharer's code and what it pointed at. */
export interface PendingVisit {
  ref: string;
  course?: number;
  plan?: number;
}

const KEY = 'knowpay.referral-visits';
/** Kept per item, the latest link only; a handful is plenty. */
const MAX_KEPT = 10;
const CODE = /^[A-Za-z0-9]{4,16}$/;

function kept(): PendingVisit[] {
  const stored = Taro.getStorageSync<PendingVisit[] | ''>(KEY);
  return Array.isArray(stored) ? stored : [];
}

const sameItem = (a: PendingVisit, b: PendingVisit) => a.course === b.course && a.plan === b.plan;

/**
 * Remembers a share link the learner opened (`ref` from the page's parameters) until it can be told to
 * the server: at once when signed in, else after sign-in. The server counts the click when it is told.
 */
export function rememberVisit(visit: PendingVisit): void {
  if (!CODE.test(visit.ref)) return;
  const rest = kept().filter((v) => !sameItem(v, visit));
  Taro.setStorageSync(KEY, [...rest, visit].slice(-MAX_KEPT));
}

/**
 * Tells the server of every remembered link, when signed in. A link the server refuses (an unknown code,
 * an item no longer on sale: a 4xx) is dropped; one that failed on the way (offline, 5xx) is kept for next time.
 */
export async function reportVisits(): Promise<void> {
  if (!currentSession()) return;
  for (const visit of kept()) {
    try {
      await api.referralVisit(visit);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500) continue;
    }
    Taro.setStorageSync(KEY, kept().filter((v) => !(sameItem(v, visit) && v.ref === visit.ref)));
  }
}
