import type { DataSource } from 'typeorm';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import type { AttributionStatus } from './referral-attribution.entity';
import type { ReferralItemType } from './referral-item';

/** One order of the creator's that a referral brought in. */
export interface ReferralSale {
  attributionId: number;
  orderId: number;
  itemType: ReferralItemType;
  itemId: number;
  itemName: string;
  referrerName: string;
  orderAmountFen: number;
  ratePercent: number;
  amountFen: number;
  status: AttributionStatus;
  paidAt: Date;
  creditDueAt: Date;
}

export interface ReferralSalesTotals {
  orders: number;
  orderAmountFen: number;
  /** Rewards still standing (PENDING or CREDITED); reversed ones are not owed. */
  rewardFen: number;
}

/** Paid between `from` (inclusive) and `to` (exclusive), when given. */
export interface PaidRange {
  from?: Date;
  to?: Date;
}

/** Rows the creator's export writes at most. */
export const SALES_EXPORT_LIMIT = 50_000;

/** Creators' view of the sales referrals brought them: their own items only, newest payment first. */
export class ReferralSalesService {
  constructor(private readonly ds: DataSource) {}

  async list(creatorId: number, range: PaidRange, page: PageRequest): Promise<Page<ReferralSale> & { totals: ReferralSalesTotals }> {
    const { where, params } = this.filter(creatorId, range);
    const [totals] = (await this.ds.query(
      `SELECT COUNT(*) AS n, COALESCE(SUM(a.order_amount_fen), 0) AS order_fen, COALESCE(SUM(IF(a.status = 'REVERSED', 0, a.amount_fen)), 0) AS reward_fen
         FROM referral_attributions a WHERE ${where}`,
      params,
    )) as Array<{ n: string | number; order_fen: string | number; reward_fen: string | number }>;
    const results = await this.rows(where, params, page.pageSize, offsetOf(page));
    const count = Number(totals?.n ?? 0);
    return { count, results, totals: { orders: count, orderAmountFen: Number(totals?.order_fen ?? 0), rewardFen: Number(totals?.reward_fen ?? 0) } };
  }

  exportRows(creatorId: number, range: PaidRange): Promise<ReferralSale[]> {
    const { where, params } = this.filter(creatorId, range);
    return this.rows(where, params, SALES_EXPORT_LIMIT, 0);
  }

  private filter(creatorId: number, range: PaidRange): { where: string; params: unknown[] } {
    const clauses = ['a.creator_id = ?'];
    const params: unknown[] = [creatorId];
    if (range.from) {
      clauses.push('a.paid_at >= ?');
      params.push(range.from);
    }
    if (range.to) {
      clauses.push('a.paid_at < ?');
      params.push(range.to);
    }
    return { where: clauses.join(' AND '), params };
  }

  private async rows(where: string, params: unknown[], limit: number, offset: number): Promise<ReferralSale[]> {
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT a.id, a.order_id, a.item_type, a.item_id, COALESCE(c.name, p.name, '') AS item_name, u.display_name AS referrer_name,
              a.order_amount_fen, a.rate_percent, a.amount_fen, a.status, a.paid_at, a.credit_due_at
         FROM referral_attributions a
         JOIN users u ON u.id = a.referrer_id
         LEFT JOIN courses c ON a.item_type = 'course' AND c.id = a.item_id
         LEFT JOIN membership_plans p ON a.item_type = 'plan' AND p.id = a.item_id
        WHERE ${where}
        ORDER BY a.paid_at DESC, a.id DESC LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    return rows.map((r) => ({
      attributionId: Number(r.id),
      orderId: Number(r.order_id),
      itemType: r.item_type as ReferralItemType,
      itemId: Number(r.item_id),
      itemName: String(r.item_name),
      referrerName: String(r.referrer_name),
      orderAmountFen: Number(r.order_amount_fen),
      ratePercent: Number(r.rate_percent),
      amountFen: Number(r.amount_fen),
      status: r.status as AttributionStatus,
      paidAt: r.paid_at as Date,
      creditDueAt: r.credit_due_at as Date,
    }));
  }
}
