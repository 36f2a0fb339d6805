import type { Order } from './types';

export type PaidQuestionStatus = 'AWAITING_PAYMENT' | 'OPEN' | 'ANSWERED' | 'EXPIRED' | 'REFUNDED';

export interface PaidQuestionSettings {
  course: number;
  enabled: boolean;
  price_fen: number | null;
  unlock_price_fen: number | null;
  answer_days: number;
}

/** A paid question as the API shows it to this viewer: `answer` only when they may read it, else `locked`. */
export interface PaidQuestion {
  id: number;
  course: number;
  course_name: string;
  asker: number;
  text: string;
  status: PaidQuestionStatus;
  price_fen: number;
  answer_days: number;
  allow_public: boolean;
  is_public: boolean;
  answer: string | null;
  locked: boolean;
  unlocked: boolean;
  unlock_price_fen: number | null;
  order: number | null;
  order_status: Order['status'] | null;
  paid_at: string | null;
  answer_due_at: string | null;
  answered_at: string | null;
  created_at: string;
}

/** What the asker's list shows for a question: its state in words, from the question and its order. */
export type AskerState = 'unpaid' | 'closed' | 'waiting' | 'answered' | 'refunding' | 'refunded';

export function askerState(q: Pick<PaidQuestion, 'status' | 'order_status'>): AskerState {
  switch (q.status) {
    case 'AWAITING_PAYMENT':
      return q.order_status === 'PENDING' || q.order_status === null ? 'unpaid' : 'closed';
    case 'OPEN':
      return 'waiting';
    case 'ANSWERED':
      return 'answered';
    default:
      // The deadline (or the asker's own request) took it back: refunded once the order says so.
      return q.order_status === 'REFUNDED' ? 'refunded' : 'refunding';
  }
}

/** Time left to answer, coarse as a deadline in days needs: "2天3小时", "5小时12分", "12分"; "" when past. */
export function formatTimeLeft(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  if (s === 0) return '';
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.max(1, Math.floor((s % 3600) / 60));
  if (days > 0) return `${days}天${hours}小时`;
  if (hours > 0) return `${hours}小时${minutes}分`;
  return `${minutes}分`;
}
