import type { DataSource } from 'typeorm';

/**
 * The promises about money, as SQL: each query returns the rows that break one. Used after the API
 * fuzz and after the fault tests; an empty result for every one means the books are straight.
 */
export const MONEY_INVARIANTS: Record<string, string> = {
  'a PAID order has an active enrollment made by that order': `
    SELECT o.id FROM orders o
     WHERE o.status = 'PAID' AND NOT EXISTS (
       SELECT 1 FROM enrollments e WHERE e.order_id = o.id AND e.user_id = o.user_id AND e.course_id = o.course_id AND e.status = 'ACTIVE')`,
  'a PAID order has its payment record (WeChat Pay transaction and time), or is free': `
    SELECT id FROM orders
     WHERE status IN ('PAID', 'REFUNDED')
       AND NOT ((payment_method = 'FREE' AND amount_fen = 0) OR (payment_method = 'WECHAT_PAY' AND transaction_id IS NOT NULL AND paid_at IS NOT NULL))`,
  'a purchase or free enrollment has a PAID order (REFUNDED once revoked)': `
    SELECT e.id FROM enrollments e LEFT JOIN orders o ON o.id = e.order_id
     WHERE e.source IN ('purchase', 'free')
       AND (o.id IS NULL OR o.user_id <> e.user_id OR o.course_id <> e.course_id
            OR (e.status = 'ACTIVE' AND o.status <> 'PAID') OR (e.status = 'REVOKED' AND o.status <> 'REFUNDED'))`,
  'a coupon is never redeemed past its limit, and its count is its active redemptions': `
    SELECT c.id FROM coupons c
      LEFT JOIN (SELECT coupon_id, COUNT(*) AS n FROM coupon_redemptions WHERE status = 'ACTIVE' GROUP BY coupon_id) r ON r.coupon_id = c.id
     WHERE c.redeemed_count > c.total_limit OR c.redeemed_count <> COALESCE(r.n, 0)`,
  'a learner never holds more redemptions of a coupon than its per-learner limit': `
    SELECT r.coupon_id FROM coupon_redemptions r JOIN coupons c ON c.id = r.coupon_id
     WHERE r.status = 'ACTIVE' GROUP BY r.coupon_id, r.user_id, c.per_user_limit HAVING COUNT(*) > c.per_user_limit`,
  'an order charges the list price less its discount, and a discount needs a coupon': `
    SELECT id FROM orders WHERE amount_fen + discount_fen <> list_price_fen OR (discount_fen > 0 AND coupon_id IS NULL)`,
  'refunds never pay back more than was paid, and a REFUNDED order was refunded in full': `
    SELECT o.id FROM orders o
      LEFT JOIN (SELECT order_id, SUM(amount_fen) AS back, SUM(status = 'SUCCEEDED') AS done FROM refunds WHERE status IN ('PROCESSING', 'SUCCEEDED') GROUP BY order_id) r ON r.order_id = o.id
     WHERE COALESCE(r.back, 0) > o.amount_fen OR (o.status = 'REFUNDED' AND (r.done IS NULL OR r.done = 0 OR r.back <> o.amount_fen))`,
  "a course's sales count is its paid orders": `
    SELECT c.id FROM courses c
      LEFT JOIN (SELECT course_id, COUNT(*) AS n FROM orders WHERE status = 'PAID' GROUP BY course_id) o ON o.course_id = c.id
     WHERE c.sales_count <> COALESCE(o.n, 0)`,
};

/** The invariants that fail, with the ids of the rows that break them; {} when all hold. */
export async function brokenInvariants(ds: DataSource): Promise<Record<string, unknown[]>> {
  const broken: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(MONEY_INVARIANTS)) {
    const rows = (await ds.query(sql)) as Array<Record<string, unknown>>;
    if (rows.length) broken[name] = rows.map((r) => Object.values(r)[0]);
  }
  return broken;
}
