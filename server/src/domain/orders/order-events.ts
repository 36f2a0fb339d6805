import type { OrderItemType } from './order.entity';

/** What happened to an order, for the consumers that come after it (bot notifications, recommendations). */
export interface PurchaseEvent {
  orderId: number;
  userId: number;
  /** What was bought; absent in events queued before plans and gifts had notices (those were courses). */
  itemType?: OrderItemType;
  /** The course bought or given; null for a membership order. */
  courseId: number | null;
  /** The plan a membership order bought a term of. */
  planId?: number | null;
  amountFen: number;
  paidAt: string;
}

export interface RefundEvent {
  orderId: number;
  refundId: number;
  userId: number;
  /** The order's course; null for a membership order. */
  courseId: number | null;
  amountFen: number;
  refundedAt: string;
}

export interface OrderEvents {
  purchased(event: PurchaseEvent): Promise<void>;
  refunded(event: RefundEvent): Promise<void>;
}

/** Asks for `settle(orderId)` to run at `at`; scheduling the same order twice must queue it once. */
export interface OrderExpiryScheduler {
  schedule(orderId: number, at: Date): Promise<void>;
}

/**
 * Asks for a "your order is about to close" reminder to the buyer at `at`; scheduling the same
 * order twice must queue it once. The reminder itself checks that the order is still unpaid.
 */
export interface OrderReminderScheduler {
  scheduleReminder(orderId: number, at: Date): Promise<void>;
}
