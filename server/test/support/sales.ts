import { randomBytes } from 'node:crypto';
import { zonedTimeToUtc } from '../../src/shared/zoned-time';
import { uniqueName } from './fixtures';
import type { TestApp } from './harness';

/**
 * Sales history written straight into the tables, as the order, refund and learning flows leave it
 * (those flows have their own tests): digests and analytics need weeks of it, at chosen moments.
 */

export interface Shop {
  creatorId: number;
  creatorName: string;
  courseIds: number[];
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

async function insertId(app: TestApp, sql: string, params: unknown[]): Promise<number> {
  const result: { insertId: number } = await app.container.dataSource.query(sql, params);
  return result.insertId;
}

export async function insertUser(app: TestApp, role: 'learner' | 'creator', displayName = uniqueName(role === 'creator' ? '老师' : '学员')): Promise<number> {
  return insertId(app, 'INSERT INTO users (username, display_name, role) VALUES (?, ?, ?)', [uniqueName(), displayName, role]);
}

/** Published courses in one category, of the given creator or of a new one. */
export async function insertShop(app: TestApp, categoryId: number, courses: Array<{ name: string; priceFen: number }>, creator: { id?: number; name?: string } = {}): Promise<Shop> {
  const creatorName = creator.name ?? uniqueName('老师');
  const creatorId = creator.id ?? (await insertUser(app, 'creator', creatorName));
  const courseIds: number[] = [];
  for (const c of courses) {
    courseIds.push(
      await insertId(
        app,
        "INSERT INTO courses (creator_id, category_id, name, description, price_fen, status, published_at, search_text) VALUES (?, ?, ?, '测试课程', ?, 'PUBLISHED', NOW(3), ?)",
        [creatorId, categoryId, c.name, c.priceFen, c.name.toLowerCase()],
      ),
    );
  }
  return { creatorId, creatorName, courseIds };
}

/** A paid order (placed a minute before it was paid) and its enrollment. Returns the order id. */
export async function insertSale(app: TestApp, sale: { userId: number; courseId: number; amountFen: number; paidAt: Date }): Promise<number> {
  const placed = new Date(sale.paidAt.getTime() - 60_000);
  const orderId = await insertId(
    app,
    "INSERT INTO orders (user_id, course_id, status, payment_method, list_price_fen, discount_fen, amount_fen, out_trade_no, transaction_id, order_time, expires_at, paid_at) VALUES (?, ?, 'PAID', 'WECHAT_PAY', ?, 0, ?, ?, ?, ?, ?, ?)",
    [sale.userId, sale.courseId, sale.amountFen, sale.amountFen, `KP${hex(12)}`, `42${hex(12)}`, placed, new Date(placed.getTime() + 900_000), sale.paidAt],
  );
  await app.container.dataSource.query("INSERT INTO enrollments (user_id, course_id, source, status, order_id, enrolled_at) VALUES (?, ?, 'purchase', 'ACTIVE', ?, ?)", [
    sale.userId,
    sale.courseId,
    orderId,
    sale.paidAt,
  ]);
  return orderId;
}

/** An order placed and never paid (it expired). */
export async function insertUnpaidOrder(app: TestApp, order: { userId: number; courseId: number; amountFen: number; at: Date }): Promise<void> {
  await app.container.dataSource.query(
    "INSERT INTO orders (user_id, course_id, status, payment_method, list_price_fen, discount_fen, amount_fen, out_trade_no, order_time, expires_at, closed_at) VALUES (?, ?, 'EXPIRED', 'WECHAT_PAY', ?, 0, ?, ?, ?, ?, ?)",
    [order.userId, order.courseId, order.amountFen, order.amountFen, `KP${hex(12)}`, order.at, new Date(order.at.getTime() + 900_000), new Date(order.at.getTime() + 900_000)],
  );
}

/** The money of a paid order went back at `completedAt`: the refund succeeded and the enrollment is revoked. */
export async function insertRefund(app: TestApp, orderId: number, completedAt: Date): Promise<void> {
  const ds = app.container.dataSource;
  const [order] = (await ds.query('SELECT user_id, course_id, amount_fen FROM orders WHERE id = ?', [orderId])) as Array<{ user_id: number; course_id: number; amount_fen: number }>;
  await ds.query(
    "INSERT INTO refunds (order_id, user_id, course_id, amount_fen, status, reason, out_refund_no, requested_at, decided_at, completed_at) VALUES (?, ?, ?, ?, 'SUCCEEDED', '不想学了', ?, ?, ?, ?)",
    [orderId, order!.user_id, order!.course_id, order!.amount_fen, `RF${hex(12)}`, completedAt, completedAt, completedAt],
  );
  await ds.query("UPDATE orders SET status = 'REFUNDED' WHERE id = ?", [orderId]);
  await ds.query("UPDATE enrollments SET status = 'REVOKED' WHERE order_id = ?", [orderId]);
}

export async function insertQuestion(app: TestApp, q: { userId: number; courseId: number; at: Date; answered?: boolean }): Promise<void> {
  await app.container.dataSource.query(
    "INSERT INTO course_questions (course_id, user_id, text, status, answer, answered_at, source, is_public, created_at) VALUES (?, ?, '第二章的练习在哪里？', ?, ?, ?, 'app', 1, ?)",
    [q.courseId, q.userId, q.answered ? 'ANSWERED' : 'OPEN', q.answered ? '在附件里' : null, q.answered ? q.at : null, q.at],
  );
}

export async function insertViews(app: TestApp, courseId: number, userId: number | null, at: Date, count = 1): Promise<void> {
  for (let i = 0; i < count; i++) await app.container.dataSource.query('INSERT INTO course_views (course_id, user_id, viewed_at) VALUES (?, ?, ?)', [courseId, userId, at]);
}

export async function insertStudySession(app: TestApp, s: { userId: number; courseId: number; startedAt: Date; studiedS: number }): Promise<void> {
  await app.container.dataSource.query('INSERT INTO study_sessions (user_id, course_id, started_at, last_seen_at, studied_s) VALUES (?, ?, ?, ?, ?)', [
    s.userId,
    s.courseId,
    s.startedAt,
    new Date(s.startedAt.getTime() + s.studiedS * 1000),
    s.studiedS,
  ]);
}

/** The instant a Shanghai clock reads `hh:mm` on `day` ("2026-01-15"). */
export function shanghai(day: string, hh: number, mm = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zonedTimeToUtc('Asia/Shanghai', y, m, d, hh, mm);
}
