import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { retryOnDeadlock } from '../../shared/db-errors';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import { ReferralLedgerEntry } from './referral-ledger.entity';

export interface Earnings {
  balanceFen: number;
  /** Rewards of paid orders still inside their refund window. */
  pendingFen: number;
  pendingCount: number;
}

/** A ledger entry with what it was for. */
export interface LedgerLine {
  entry: ReferralLedgerEntry;
  orderId: number;
  itemType: string;
  itemName: string;
  orderAmountFen: number;
  ratePercent: number;
}

/** Rows the earnings export writes at most: a referrer's whole history in one file. */
export const LEDGER_EXPORT_LIMIT = 50_000;

/**
 * Referral balances and their ledger. Every credit and reversal locks the referrer's balance row
 * first (order → balance → attribution, the same order in both paths, so they cannot deadlock each
 * other), moves the attribution with a guarded UPDATE, writes one ledger entry and the new balance:
 * reruns, concurrent workers and replayed refunds change things once.
 */
export class ReferralLedger {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * PENDING attributions whose refund window has passed, oldest first; those waiting on an open refund
   * are left out, so they never crowd the batch (credit() checks again under its locks).
   */
  async due(limit: number): Promise<number[]> {
    const rows: Array<{ id: number }> = await this.ds.query(
      `SELECT a.id FROM referral_attributions a JOIN orders o ON o.id = a.order_id
        WHERE a.status = 'PENDING' AND a.credit_due_at <= ? AND o.status = 'PAID'
          AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = a.order_id AND r.status IN ('REQUESTED', 'PROCESSING'))
        ORDER BY a.credit_due_at, a.id LIMIT ?`,
      [this.clock.now(), limit],
    );
    return rows.map((r) => Number(r.id));
  }

  /**
   * Credits one due attribution: CREDITED and a CREDIT entry together, once. Waits (returns 'waiting')
   * while a refund of the order is asked for or on its way; a refunded order's attribution is left to
   * the refund's reversal.
   */
  async credit(attributionId: number): Promise<'credited' | 'waiting' | 'unchanged'> {
    return retryOnDeadlock(() => this.ds.transaction(async (m) => {
      const [a] = (await m.query('SELECT order_id, referrer_id, amount_fen, status, credit_due_at FROM referral_attributions WHERE id = ?', [attributionId])) as Array<{
        order_id: number;
        referrer_id: number;
        amount_fen: number;
        status: string;
        credit_due_at: Date;
      }>;
      if (!a || a.status !== 'PENDING' || a.credit_due_at > this.clock.now()) return 'unchanged';
      const [order] = (await m.query('SELECT status FROM orders WHERE id = ? FOR UPDATE', [a.order_id])) as Array<{ status: string }>;
      if (order?.status !== 'PAID') return 'unchanged';
      const [open] = (await m.query("SELECT 1 AS open FROM refunds WHERE order_id = ? AND status IN ('REQUESTED', 'PROCESSING')", [a.order_id])) as unknown[];
      if (open) return 'waiting';
      const balance = await this.lockBalance(m, a.referrer_id);
      const { affectedRows } = (await m.query("UPDATE referral_attributions SET status = 'CREDITED', credited_at = ? WHERE id = ? AND status = 'PENDING'", [
        this.clock.now(),
        attributionId,
      ])) as { affectedRows: number };
      if (!affectedRows) return 'unchanged';
      await this.move(m, { userId: a.referrer_id, attributionId, kind: 'CREDIT', amountFen: a.amount_fen, shortfallFen: 0, balanceAfterFen: balance + a.amount_fen });
      return 'credited';
    }));
  }

  /**
   * Inside the transaction that completes a refund: the order's attribution is REVERSED. A pending one
   * simply ends; a credited one gets a REVERSAL entry of its reward, but a balance never goes below
   * zero: the entry takes at most the balance and records the rest as its shortfall (with no payouts the
   * balance always covers it; the rule is for the day payouts exist). Idempotent.
   */
  async reverse(m: EntityManager, orderId: number): Promise<void> {
    const [a] = (await m.query('SELECT id, referrer_id, amount_fen, status FROM referral_attributions WHERE order_id = ?', [orderId])) as Array<{
      id: number;
      referrer_id: number;
      amount_fen: number;
      status: string;
    }>;
    if (!a || a.status === 'REVERSED') return;
    const balance = await this.lockBalance(m, a.referrer_id);
    const now = this.clock.now();
    const fromPending = (await m.query("UPDATE referral_attributions SET status = 'REVERSED', reversed_at = ? WHERE id = ? AND status = 'PENDING'", [now, a.id])) as {
      affectedRows: number;
    };
    if (fromPending.affectedRows) return;
    const fromCredited = (await m.query("UPDATE referral_attributions SET status = 'REVERSED', reversed_at = ? WHERE id = ? AND status = 'CREDITED'", [now, a.id])) as {
      affectedRows: number;
    };
    if (!fromCredited.affectedRows) return;
    const taken = Math.min(a.amount_fen, balance);
    await this.move(m, { userId: a.referrer_id, attributionId: a.id, kind: 'REVERSAL', amountFen: taken, shortfallFen: a.amount_fen - taken, balanceAfterFen: balance - taken });
  }

  async earnings(userId: number): Promise<Earnings> {
    const [balance] = (await this.ds.query('SELECT balance_fen FROM referral_balances WHERE user_id = ?', [userId])) as Array<{ balance_fen: number }>;
    const [pending] = (await this.ds.query(
      "SELECT COALESCE(SUM(amount_fen), 0) AS fen, COUNT(*) AS n FROM referral_attributions WHERE referrer_id = ? AND status = 'PENDING'",
      [userId],
    )) as Array<{ fen: string | number; n: string | number }>;
    return { balanceFen: Number(balance?.balance_fen ?? 0), pendingFen: Number(pending?.fen ?? 0), pendingCount: Number(pending?.n ?? 0) };
  }

  /** The user's ledger, newest first. */
  async ledger(userId: number, page: PageRequest): Promise<Page<LedgerLine>> {
    const [total] = (await this.ds.query('SELECT COUNT(*) AS n FROM referral_ledger WHERE user_id = ?', [userId])) as Array<{ n: string | number }>;
    return { count: Number(total?.n ?? 0), results: await this.lines(userId, page.pageSize, offsetOf(page)) };
  }

  /** The whole ledger (up to LEDGER_EXPORT_LIMIT entries), newest first, for the CSV export. */
  exportLines(userId: number): Promise<LedgerLine[]> {
    return this.lines(userId, LEDGER_EXPORT_LIMIT, 0);
  }

  private async lines(userId: number, limit: number, offset: number): Promise<LedgerLine[]> {
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT l.id, l.user_id, l.attribution_id, l.kind, l.amount_fen, l.shortfall_fen, l.balance_after_fen, l.created_at,
              a.order_id, a.item_type, a.order_amount_fen, a.rate_percent, COALESCE(c.name, p.name, '') AS item_name
         FROM referral_ledger l
         JOIN referral_attributions a ON a.id = l.attribution_id
         LEFT JOIN courses c ON a.item_type = 'course' AND c.id = a.item_id
         LEFT JOIN membership_plans p ON a.item_type = 'plan' AND p.id = a.item_id
        WHERE l.user_id = ?
        ORDER BY l.id DESC LIMIT ? OFFSET ?`,
      [userId, limit, offset],
    );
    return rows.map((r) => ({
      entry: this.ds.getRepository(ReferralLedgerEntry).create({
        id: Number(r.id),
        userId: Number(r.user_id),
        attributionId: Number(r.attribution_id),
        kind: r.kind as ReferralLedgerEntry['kind'],
        amountFen: Number(r.amount_fen),
        shortfallFen: Number(r.shortfall_fen),
        balanceAfterFen: Number(r.balance_after_fen),
        createdAt: r.created_at as Date,
      }),
      orderId: Number(r.order_id),
      itemType: String(r.item_type),
      itemName: String(r.item_name),
      orderAmountFen: Number(r.order_amount_fen),
      ratePercent: Number(r.rate_percent),
    }));
  }

  /**
   * Locks the user's balance row: the one lock every balance change takes. The row is made with the
   * first attribution (ReferralService.attribute), so this never upgrades a shared lock (which two
   * concurrent INSERT IGNOREs would, and deadlock); a missing row is made here under the lock.
   */
  private async lockBalance(m: EntityManager, userId: number): Promise<number> {
    const [row] = (await m.query('SELECT balance_fen FROM referral_balances WHERE user_id = ? FOR UPDATE', [userId])) as Array<{ balance_fen: number }>;
    if (row) return Number(row.balance_fen);
    await m.query('INSERT INTO referral_balances (user_id, balance_fen) VALUES (?, 0)', [userId]);
    return 0;
  }

  private async move(
    m: EntityManager,
    entry: { userId: number; attributionId: number; kind: ReferralLedgerEntry['kind']; amountFen: number; shortfallFen: number; balanceAfterFen: number },
  ): Promise<void> {
    await m.getRepository(ReferralLedgerEntry).insert({ ...entry, createdAt: this.clock.now() });
    await m.query('UPDATE referral_balances SET balance_fen = ? WHERE user_id = ?', [entry.balanceAfterFen, entry.userId]);
  }
}
