import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../../errors';
import type { Clock } from '../../shared/clock';
import { duplicateKeyIndex } from '../../shared/db-errors';
import { Course } from '../catalog/course.entity';
import { MembershipPlan } from '../memberships/membership-plan.entity';
import type { Order } from '../orders/order.entity';
import type { Viewer } from '../viewer';
import { ReferralCode } from './referral-code.entity';
import { referralRewardFen, type ReferralItem, type ReferralItemType } from './referral-item';
import { ReferralRate } from './referral-rate.entity';

export type Learner = NonNullable<Viewer>;

const DAY_MS = 24 * 3600 * 1000;
const PAID_AT_PRECISION_MS = 1000;
/** Share codes: 8 characters without look-alikes (0/O, 1/I/L), about 10^12 of them. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;

export interface ReferralServiceOptions {
  /** A click counts for purchases paid within this many days. */
  windowDays: number;
  /** Rewards are credited this many days after payment, when a refund is no longer possible. */
  creditAfterDays: number;
}

/** An item as the referral rules see it: who sells it, its price, and whether it is on sale. */
interface ItemFacts {
  item: ReferralItem;
  name: string;
  creatorId: number;
  priceFen: number;
  onSale: boolean;
}

/** How a visit ended: recorded, or ignored because the link was the visitor's own or the seller's. */
export type VisitOutcome = 'recorded' | 'self' | 'creator';

function newCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

/**
 * Referral rewards (分销), up to the purchase: share codes, clicks (visits), creators' rates, and the
 * attribution of a paid order to the referrer whose click came last within the window. Crediting and
 * reversal live in ReferralLedger.
 */
export class ReferralService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly options: ReferralServiceOptions,
  ) {}

  /** The user's share code, made on first use; one per user (concurrent first calls agree on one). */
  async codeOf(userId: number): Promise<string> {
    const repo = this.ds.getRepository(ReferralCode);
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = await repo.findOneBy({ userId });
      if (existing) return existing.code;
      try {
        await repo.insert({ userId, code: newCode() });
      } catch (err) {
        // Another request made this user's code first (primary key), or the code is taken: look again.
        if (duplicateKeyIndex(err) === null) throw err;
      }
    }
    throw new Error(`could not make a referral code for user ${userId}`);
  }

  /** An item's seller, price and state; a missing one is a 404 naming it. */
  async itemFacts(item: ReferralItem, m: EntityManager = this.ds.manager): Promise<ItemFacts> {
    if (item.type === 'course') {
      const course = await m.getRepository(Course).findOneBy({ id: item.id });
      if (!course) throw new NotFoundError('course');
      return { item, name: course.name, creatorId: course.creatorId, priceFen: course.priceFen, onSale: course.status === 'PUBLISHED' };
    }
    const plan = await m.getRepository(MembershipPlan).findOneBy({ id: item.id });
    if (!plan) throw new NotFoundError('plan');
    return { item, name: plan.name, creatorId: plan.creatorId, priceFen: plan.priceFen, onSale: plan.status === 'ACTIVE' };
  }

  /** The creator's rate for an item in whole percent; 0 when none is set. */
  async rateOf(item: ReferralItem, m: EntityManager = this.ds.manager): Promise<number> {
    const rate = await m.getRepository(ReferralRate).findOneBy({ itemType: item.type, itemId: item.id });
    return rate?.ratePercent ?? 0;
  }

  /** What sharing an item earns now: the rate and the reward on its current price. */
  async offer(item: ReferralItem): Promise<{ name: string; creatorId: number; ratePercent: number; rewardFen: number }> {
    const facts = await this.itemFacts(item);
    if (!facts.onSale) throw new NotFoundError(item.type);
    const ratePercent = await this.rateOf(item);
    return { name: facts.name, creatorId: facts.creatorId, ratePercent, rewardFen: referralRewardFen(facts.priceFen, ratePercent) };
  }

  /** Sets the creator's rate for their own course or plan (0 turns referral rewards off); anyone else's is missing. */
  async setRate(creator: Learner, item: ReferralItem, ratePercent: number): Promise<number> {
    await this.ownItem(creator, item);
    await this.ds.query(
      'INSERT INTO referral_rates (item_type, item_id, rate_percent) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE rate_percent = VALUES(rate_percent)',
      [item.type, item.id, ratePercent],
    );
    return ratePercent;
  }

  /** The creator's rate for their own item. */
  async ownRate(creator: Learner, item: ReferralItem): Promise<number> {
    await this.ownItem(creator, item);
    return this.rateOf(item);
  }

  /** Every course and plan of the creator with its rate, for the console's table. */
  async creatorRates(creatorId: number): Promise<Array<{ type: ReferralItemType; id: number; name: string; priceFen: number; status: string; ratePercent: number }>> {
    const rows: Array<{ type: ReferralItemType; id: number; name: string; price_fen: number; status: string; rate_percent: number | null }> = await this.ds.query(
      `SELECT 'course' AS type, c.id, c.name, c.price_fen, c.status, r.rate_percent
         FROM courses c LEFT JOIN referral_rates r ON r.item_type = 'course' AND r.item_id = c.id
        WHERE c.creator_id = ?
       UNION ALL
       SELECT 'plan' AS type, p.id, p.name, p.price_fen, p.status, r.rate_percent
         FROM membership_plans p LEFT JOIN referral_rates r ON r.item_type = 'plan' AND r.item_id = p.id
        WHERE p.creator_id = ?
       ORDER BY type, id DESC`,
      [creatorId, creatorId],
    );
    return rows.map((r) => ({ type: r.type, id: Number(r.id), name: r.name, priceFen: Number(r.price_fen), status: r.status, ratePercent: Number(r.rate_percent ?? 0) }));
  }

  /**
   * A signed-in visitor opened an item through a share link. The time is when the app reports it (an
   * anonymous visitor's app keeps the code and reports it after sign-in). The visitor's own link and the
   * seller's are not referrals and are ignored; an unknown code or item is a 404.
   */
  async recordVisit(visitor: Learner, code: string, item: ReferralItem): Promise<VisitOutcome> {
    const owner = await this.ds.getRepository(ReferralCode).findOneBy({ code: code.toUpperCase() });
    if (!owner) throw new NotFoundError('referral code');
    const facts = await this.itemFacts(item);
    if (!facts.onSale) throw new NotFoundError(item.type);
    if (owner.userId === visitor.id) return 'self';
    if (owner.userId === facts.creatorId) return 'creator';
    await this.ds.query(
      `INSERT INTO referral_visits (visitor_id, referrer_id, item_type, item_id, visited_at) VALUES (?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE visited_at = GREATEST(visited_at, VALUES(visited_at))`,
      [visitor.id, owner.userId, item.type, item.id, this.clock.now()],
    );
    return 'recorded';
  }

  /**
   * Inside the transaction that marks an order PAID: credits the sale to the referrer whose click on
   * the item came last within the window before payment (not the buyer, not the seller), at the
   * creator's rate of this moment. Course and gift orders count for the course, membership orders for
   * the plan. Nothing when no rate is set, nothing was paid, or no click qualifies. Idempotent per order.
   */
  async attribute(m: EntityManager, order: Order): Promise<void> {
    const item = this.itemOfOrder(order);
    if (!item || order.amountFen === 0) return;
    const ratePercent = await this.rateOf(item, m);
    const amountFen = referralRewardFen(order.amountFen, ratePercent);
    if (amountFen === 0) return;
    const facts = await this.itemFacts(item, m);
    // The caller's copy predates the PAID update in this transaction.
    const [paid] = (await m.query('SELECT paid_at FROM orders WHERE id = ?', [order.id])) as Array<{ paid_at: Date | null }>;
    const paidAt = paid?.paid_at ?? this.clock.now();
    const since = new Date(paidAt.getTime() - this.options.windowDays * DAY_MS);
    // WeChat Pay's success_time is to the second: a click within that second still came before paying.
    const until = new Date(paidAt.getTime() + PAID_AT_PRECISION_MS);
    const [click] = (await m.query(
      `SELECT referrer_id, visited_at FROM referral_visits
        WHERE visitor_id = ? AND item_type = ? AND item_id = ? AND visited_at > ? AND visited_at < ? AND referrer_id NOT IN (?, ?)
        ORDER BY visited_at DESC, id DESC LIMIT 1`,
      [order.userId, item.type, item.id, since, until, order.userId, facts.creatorId],
    )) as Array<{ referrer_id: number; visited_at: Date }>;
    if (!click) return;
    await m.query(
      `INSERT IGNORE INTO referral_attributions
         (order_id, referrer_id, buyer_id, creator_id, item_type, item_id, rate_percent, order_amount_fen, amount_fen, status, visited_at, paid_at, credit_due_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)`,
      [
        order.id,
        click.referrer_id,
        order.userId,
        facts.creatorId,
        item.type,
        item.id,
        ratePercent,
        order.amountFen,
        amountFen,
        click.visited_at,
        paidAt,
        new Date(paidAt.getTime() + this.options.creditAfterDays * DAY_MS),
      ],
    );
    // The referrer's balance row exists before any credit or reversal locks it (see ReferralLedger).
    await m.query('INSERT IGNORE INTO referral_balances (user_id, balance_fen) VALUES (?, 0)', [click.referrer_id]);
  }

  private itemOfOrder(order: Order): ReferralItem | null {
    if (order.itemType === 'membership' && order.planId !== null) return { type: 'plan', id: order.planId };
    if ((order.itemType === 'course' || order.itemType === 'gift') && order.courseId !== null) return { type: 'course', id: order.courseId };
    return null;
  }

  private async ownItem(creator: Learner, item: ReferralItem): Promise<ItemFacts> {
    const facts = await this.itemFacts(item);
    if (creator.role !== 'admin' && facts.creatorId !== creator.id) throw new NotFoundError(item.type);
    return facts;
  }
}
