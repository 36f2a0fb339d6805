import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import type { Logger } from '../../logger';
import type { Clock } from '../../shared/clock';
import { duplicateKeyIndex } from '../../shared/db-errors';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import { Course } from '../catalog/course.entity';
import type { EnrollmentService } from '../learning/enrollment.service';
import type { MembershipService } from '../memberships/membership.service';
import type { PaidQuestionLedger } from '../paid-questions/paid-question-ledger';
import type { RedemptionService } from '../redemption/redemption.service';
import type { ReferralService } from '../referrals/referral.service';
import { User } from '../users/user.entity';
import type { Viewer } from '../viewer';
import type { CouponService } from './coupon.service';
import type { OrderEvents, OrderExpiryScheduler, OrderReminderScheduler } from './order-events';
import { PaymentInProgressError, PaymentMismatchError } from './order-errors';
import { Order, type OrderStatus } from './order.entity';
import { gatewayErrorCode, type GatewayTransaction, type MerchantIdentity, type PaymentGateway, type PaymentParams } from './payment-gateway';

export type Buyer = NonNullable<Viewer>;

export interface OrderServiceOptions {
  ttlSeconds: number;
}

/** An order this close to its expiry is no longer sent to WeChat Pay (a quarter of a very short TTL). */
const PAY_MARGIN_MS = 5000;

/** How long before an unpaid order closes its buyer is reminded to finish paying. */
export const REMINDER_LEAD_MS = 5 * 60_000;

/** How settle() ended for one order. */
export type SettleOutcome = 'not-due' | 'paid' | 'expired' | 'failed' | 'unchanged';

/** out_trade_no: 32 characters of [0-9A-Za-z], unique per merchant, readable enough for support ("KP" + UTC date + random). */
function newOutTradeNo(now: Date): string {
  const date = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `KP${date}${randomBytes(16).toString('hex').slice(0, 22)}`;
}

/**
 * Orders and their payment. States and invariants: ./CONTEXT.md. Every state change is a guarded
 * UPDATE (… WHERE status = 'PENDING') inside a transaction, so retries, duplicates and races between
 * a notification, a query and the expiry job can each win at most once.
 */
export class OrderService {
  constructor(
    private readonly ds: DataSource,
    private readonly gateway: PaymentGateway,
    private readonly merchant: MerchantIdentity,
    private readonly coupons: CouponService,
    private readonly enrollments: EnrollmentService,
    private readonly events: OrderEvents,
    /** Expiry jobs, and the "continue paying" reminder before them (the same producers). */
    private readonly expiry: OrderExpiryScheduler & OrderReminderScheduler,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: OrderServiceOptions,
    private readonly memberships: MembershipService,
    private readonly redemption: Pick<RedemptionService, 'issueGift'>,
    /** A paid order counts for the referrer whose share link the buyer clicked last. */
    private readonly referrals: Pick<ReferralService, 'attribute'>,
    /** Paying a question opens it for the creator; paying an unlock lets the buyer read the answer. */
    private readonly paidQuestions?: Pick<PaidQuestionLedger, 'grant'>,
  ) {}

  /**
   * A paid question's order, opened in the transaction that stores the question (so neither exists
   * without the other). The caller calls opened() after the commit. Always a price to pay: settings
   * allow no free questions.
   */
  async openForQuestion(m: EntityManager, buyer: Buyer, item: { courseId: number; questionId: number }, priceFen: number): Promise<Order> {
    const order = this.newOrder(buyer, { itemType: 'question', courseId: item.courseId, planId: null, questionId: item.questionId }, priceFen, 0, null);
    await m.getRepository(Order).insert(order);
    return m.getRepository(Order).findOneByOrFail({ id: order.id });
  }

  /** After the commit of a new open order: its expiry and reminder jobs. */
  async opened(order: Order): Promise<void> {
    if (order.status === 'PENDING') await Promise.all([this.scheduleExpiry(order), this.scheduleReminder(order)]);
  }

  /**
   * Opens an order to unlock a public paid answer at `priceFen` (the caller checked the question may
   * be unlocked by this buyer); a second call returns the open order, one per learner and question.
   */
  async createForUnlock(buyer: Buyer, item: { courseId: number; questionId: number }, priceFen: number): Promise<{ order: Order; created: boolean }> {
    return this.openOrder({ userId: buyer.id, questionId: item.questionId, itemType: 'unlock' }, async () => {
      const order = this.newOrder(buyer, { itemType: 'unlock', courseId: item.courseId, planId: null, questionId: item.questionId }, priceFen, 0, null);
      await this.ds.getRepository(Order).insert(order);
      return this.ds.getRepository(Order).findOneByOrFail({ id: order.id });
    });
  }

  /**
   * Opens an order for a course as a gift, at the course's price: paying it issues a single-use code to
   * the buyer, who passes it on; whoever redeems it is enrolled. Owning the course does not stop a
   * learner from giving it; one open gift order per learner and course.
   */
  async createGift(buyer: Buyer, input: { courseId: number }): Promise<{ order: Order; created: boolean }> {
    const course = await this.ds.getRepository(Course).findOneBy({ id: input.courseId });
    if (!course || course.status !== 'PUBLISHED') throw new NotFoundError('course');
    if (course.creatorId === buyer.id) throw new ForbiddenError('you cannot buy your own course', 'OWN_COURSE');
    if (course.priceFen === 0) throw new ConflictError('a free course needs no gift', 'FREE_COURSE');
    return this.openOrder({ userId: buyer.id, courseId: course.id, itemType: 'gift' }, async () => {
      const order = this.newOrder(buyer, { itemType: 'gift', courseId: course.id, planId: null }, course.priceFen, 0, null);
      await this.ds.getRepository(Order).insert(order);
      return this.ds.getRepository(Order).findOneByOrFail({ id: order.id });
    });
  }

  /**
   * Opens an order for a term of a membership plan at the plan's price; a second call returns the open
   * order. Paying it grants (or renews) the membership; a refund revokes it. No coupons on plans.
   */
  async createForPlan(buyer: Buyer, input: { planId: number }): Promise<{ order: Order; created: boolean }> {
    const plan = await this.memberships.onOffer(this.ds.manager, input.planId);
    if (plan.creatorId === buyer.id) throw new ForbiddenError('you cannot buy your own membership', 'OWN_PLAN');
    return this.openOrder({ userId: buyer.id, planId: plan.id }, () =>
      this.ds.transaction(async (m) => {
        const row = this.newOrder(buyer, { itemType: 'membership', courseId: null, planId: plan.id }, plan.priceFen, 0, null);
        await m.getRepository(Order).insert(row);
        if (row.status === 'PAID') await this.grant(m, row, 'free');
        return m.getRepository(Order).findOneByOrFail({ id: row.id });
      }),
    );
  }

  /**
   * Starts the plan's free trial for a learner who never held the plan: a FREE membership order (list
   * price 0), PAID at once, whose grant runs the plan's trial days. Once per learner and plan: the
   * learner's row is locked while it is checked, so concurrent requests start one trial; any later
   * request answers 409 TRIAL_USED. Buying during the trial extends from its end (the renewal rule).
   */
  async startTrial(buyer: Buyer, input: { planId: number }): Promise<Order> {
    return this.ds.transaction(async (m) => {
      // Locked before anything is read, so what is read next includes a trial committed meanwhile.
      await m.query('SELECT id FROM users WHERE id = ? FOR UPDATE', [buyer.id]);
      const plan = await this.memberships.onOffer(m, input.planId);
      if (plan.creatorId === buyer.id) throw new ForbiddenError('you cannot try your own membership', 'OWN_PLAN');
      if (plan.trialDays === 0) throw new ConflictError('this plan has no free trial', 'NO_TRIAL');
      if (await this.memberships.everHeld(m, buyer.id, plan.id)) throw new ConflictError('you have already tried or held this plan', 'TRIAL_USED');
      const row = this.newOrder(buyer, { itemType: 'membership', courseId: null, planId: plan.id }, 0, 0, null);
      await m.getRepository(Order).insert(row);
      await this.grant(m, row, 'free');
      return m.getRepository(Order).findOneOrFail({ where: { id: row.id }, relations: { course: true, plan: true } });
    });
  }

  /**
   * The one way an order is opened: the learner's open order for the item if there is one (one past its
   * time is settled first, as it may have been paid, then looked for again), else a new one from `make`,
   * whose jobs are queued after its commit (or, paid at once, its purchase published). A request that
   * opened the same order first (the open_key index) is answered with theirs. `check` runs before each look.
   */
  private async openOrder(
    item: FindOptionsWhere<Order>,
    make: () => Promise<Order>,
    check?: () => Promise<void>,
  ): Promise<{ order: Order; created: boolean }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      await check?.();
      const open = await this.ds.getRepository(Order).findOneBy({ ...item, status: 'PENDING' });
      if (open) {
        if (open.expiresAt > this.clock.now()) return { order: open, created: false };
        await this.settle(open.id);
        continue;
      }
      let order: Order;
      try {
        order = await make();
      } catch (err) {
        if (duplicateKeyIndex(err) === 'uq_orders_open_key') continue;
        throw err;
      }
      if (order.status === 'PENDING') await this.opened(order);
      else await this.publishPurchase(order);
      return { order, created: true };
    }
    throw new ConflictError('the order changed while it was being created; try again', 'ORDER_CONFLICT');
  }

  /** A new order row at `listPriceFen − discountFen`: PAID at once (FREE) when nothing is left to pay. */
  private newOrder(
    buyer: Buyer,
    item: Pick<Order, 'itemType' | 'courseId' | 'planId'> & Partial<Pick<Order, 'questionId'>>,
    listPriceFen: number,
    discountFen: number,
    couponId: number | null,
  ): Order {
    const now = this.clock.now();
    const amountFen = listPriceFen - discountFen;
    const free = amountFen === 0;
    return this.ds.getRepository(Order).create({
      userId: buyer.id,
      ...item,
      status: free ? 'PAID' : 'PENDING',
      paymentMethod: free ? 'FREE' : 'WECHAT_PAY',
      listPriceFen,
      discountFen,
      amountFen,
      couponId,
      outTradeNo: newOutTradeNo(now),
      prepayId: null,
      transactionId: null,
      orderTime: now,
      expiresAt: new Date(now.getTime() + this.options.ttlSeconds * 1000),
      paidAt: free ? now : null,
      closedAt: null,
    });
  }

  /**
   * Opens an order at the server's price (minus a coupon). A learner's second call for the same course
   * returns the open order; a free course (or a 100% coupon) enrolls at once.
   */
  async create(buyer: Buyer, input: { courseId: number; couponCode?: string }): Promise<{ order: Order; created: boolean }> {
    const course = await this.ds.getRepository(Course).findOneBy({ id: input.courseId });
    if (!course || course.status !== 'PUBLISHED') throw new NotFoundError('course');
    if (course.creatorId === buyer.id) throw new ForbiddenError('you cannot buy your own course', 'OWN_COURSE');

    return this.openOrder(
      { userId: buyer.id, courseId: course.id, itemType: 'course' },
      () => this.insert(buyer, course, input.couponCode),
      async () => {
        if (await this.enrollments.isEnrolled(buyer.id, course.id)) {
          throw new ConflictError('you are already enrolled in this course', 'ALREADY_ENROLLED');
        }
      },
    );
  }

  private insert(buyer: Buyer, course: Course, couponCode: string | undefined): Promise<Order> {
    return this.ds.transaction(async (m) => {
      let discountFen = 0;
      let couponId: number | null = null;
      if (couponCode) {
        const redeemed = await this.coupons.redeem(m, { code: couponCode, userId: buyer.id, course });
        discountFen = redeemed.discountFen;
        couponId = redeemed.coupon.id;
      }
      const order = this.newOrder(buyer, { itemType: 'course', courseId: course.id, planId: null }, course.priceFen, discountFen, couponId);
      await m.getRepository(Order).insert(order);
      if (couponId !== null) await this.coupons.recordRedemption(m, { couponId, userId: buyer.id, orderId: order.id });
      if (order.status === 'PAID') await this.grant(m, order, 'free');
      return m.getRepository(Order).findOneByOrFail({ id: order.id });
    });
  }

  /** The wx.requestPayment parameters for an open order (one prepay per order, reused on later calls). */
  async pay(buyer: Buyer, orderId: number): Promise<PaymentParams> {
    let order = await this.own(buyer, orderId);
    // WeChat Pay takes time_expire to the second and refuses one in the past: an order in its last
    // seconds is settled now rather than sent off to fail.
    const margin = Math.min(PAY_MARGIN_MS, this.options.ttlSeconds * 250);
    if (order.status === 'PENDING' && order.expiresAt.getTime() - this.clock.now().getTime() < margin) {
      await this.settle(order.id, true);
      order = await this.own(buyer, orderId);
    }
    if (order.status !== 'PENDING') {
      throw new ConflictError(`this order is ${order.status} and cannot be paid`, order.status === 'EXPIRED' ? 'ORDER_EXPIRED' : 'ORDER_NOT_PAYABLE', {
        status: order.status,
      });
    }
    const user = await this.ds.getRepository(User).findOneByOrFail({ id: buyer.id });
    if (!user.wechatOpenid) {
      throw new ConflictError('sign in with WeChat to pay with WeChat Pay', 'WECHAT_NOT_BOUND');
    }
    let prepayId = order.prepayId;
    if (!prepayId) {
      const description = this.itemName(order);
      try {
        ({ prepayId } = await this.gateway.jsapiPrepay({
          outTradeNo: order.outTradeNo,
          description: description.slice(0, 120),
          amountFen: order.amountFen,
          payerOpenid: user.wechatOpenid,
          timeExpire: order.expiresAt,
          attach: `order:${order.id}`,
        }));
      } catch (err) {
        const code = gatewayErrorCode(err);
        if (code === 'ORDERPAID' || code === 'ORDER_CLOSED') {
          const outcome = await this.settle(order.id, true);
          throw new ConflictError(`this order is already ${outcome === 'paid' ? 'paid' : 'closed'}`, outcome === 'paid' ? 'ORDER_ALREADY_PAID' : 'ORDER_EXPIRED');
        }
        throw err;
      }
      // Concurrent pay calls for one order get the same prepay id from WeChat Pay (same out_trade_no and parameters).
      await this.ds.getRepository(Order).update({ id: order.id, status: 'PENDING' }, { prepayId });
    }
    return this.gateway.requestPaymentParams(prepayId);
  }

  async list(buyer: Buyer, page: PageRequest): Promise<Page<Order>> {
    const [results, count] = await this.ds.getRepository(Order).findAndCount({
      where: { userId: buyer.id },
      relations: { course: true, plan: true },
      order: { orderTime: 'DESC', id: 'DESC' },
      skip: offsetOf(page),
      take: page.pageSize,
    });
    return { count, results };
  }

  /** The buyer's own order; anyone else's is reported missing. */
  async own(buyer: Buyer, orderId: number): Promise<Order> {
    const order = await this.ds.getRepository(Order).findOne({ where: { id: orderId, userId: buyer.id }, relations: { course: true, plan: true } });
    if (!order) throw new NotFoundError('order');
    return order;
  }

  /**
   * A transaction WeChat Pay reports as paid (verified notification or our own query). Marks the order
   * PAID and enrolls the buyer, once: replays, duplicates and concurrent deliveries change nothing more.
   * An order that expired meanwhile is still honoured: the money was taken.
   */
  async applyPaidTransaction(tx: GatewayTransaction, source: 'notify' | 'query'): Promise<'paid' | 'already'> {
    if (tx.appid !== this.merchant.appid || tx.mchid !== this.merchant.mchid) {
      throw new PaymentMismatchError(`payment for another merchant or app (appid ${tx.appid}, mchid ${tx.mchid})`);
    }
    if (tx.trade_state !== 'SUCCESS' && tx.trade_state !== 'REFUND') {
      throw new PaymentMismatchError(`transaction ${tx.out_trade_no} is ${tx.trade_state}, not paid`);
    }
    const result = await this.ds.transaction(async (m) => {
      const order = await m.getRepository(Order).findOne({ where: { outTradeNo: tx.out_trade_no }, lock: { mode: 'pessimistic_write' } });
      if (!order) throw new PaymentMismatchError(`no order with out_trade_no ${tx.out_trade_no}`);
      if (tx.amount.total !== order.amountFen) {
        throw new PaymentMismatchError(`amount ${tx.amount.total} does not match order ${order.id} (${order.amountFen})`);
      }
      if (order.status === 'PAID' || order.status === 'REFUNDED') return { outcome: 'already' as const, order };
      const wasClosed = order.status !== 'PENDING';
      const paidAt = tx.success_time ? new Date(tx.success_time) : this.clock.now();
      await m.getRepository(Order).update(
        { id: order.id },
        { status: 'PAID', paidAt, transactionId: tx.transaction_id ?? null, paymentMethod: 'WECHAT_PAY', closedAt: null },
      );
      if (wasClosed) {
        await this.coupons.reinstate(m, order.id);
        this.logger.warn({ orderId: order.id, was: order.status, source }, 'payment arrived after the order closed: honoured');
      }
      await this.grant(m, order, 'purchase');
      return { outcome: 'paid' as const, order: await m.getRepository(Order).findOneByOrFail({ id: order.id }) };
    });
    if (result.outcome === 'paid') {
      this.logger.info({ orderId: result.order.id, source }, 'order paid');
      await this.publishPurchase(result.order);
    }
    return result.outcome;
  }

  /**
   * Brings an unpaid order whose time is up in line with WeChat Pay: paid there → PAID here (the
   * notification was lost); still unpaid → closed there, EXPIRED here; failed → FAILED. `force` settles
   * before expires_at (WeChat Pay said the order is paid or closed). Throws PaymentInProgressError while
   * the learner is mid-payment, so the caller retries later.
   */
  async settle(orderId: number, force = false): Promise<SettleOutcome> {
    const order = await this.ds.getRepository(Order).findOneBy({ id: orderId });
    if (!order || order.status !== 'PENDING') return 'unchanged';
    if (!force && order.expiresAt > this.clock.now()) return 'not-due';

    const tx = await this.query(order.outTradeNo);
    if (tx && (tx.trade_state === 'SUCCESS' || tx.trade_state === 'REFUND')) {
      await this.applyPaidTransaction(tx, 'query');
      return 'paid';
    }
    if (tx?.trade_state === 'USERPAYING') throw new PaymentInProgressError(`order ${order.id} is being paid`);
    if (tx?.trade_state === 'PAYERROR') return (await this.close(order, 'FAILED')) ? 'failed' : 'unchanged';
    if (tx?.trade_state === 'NOTPAY') {
      try {
        await this.gateway.close(order.outTradeNo);
      } catch (err) {
        if (gatewayErrorCode(err) !== 'ORDERPAID') throw err;
        // Paid between our query and the close: take the payment.
        const paid = await this.query(order.outTradeNo);
        if (paid) await this.applyPaidTransaction(paid, 'query');
        return 'paid';
      }
    }
    return (await this.close(order, 'EXPIRED')) ? 'expired' : 'unchanged';
  }

  /** PENDING orders past their time (their delayed job lost or late), oldest first. */
  async overdue(limit: number, graceSeconds: number): Promise<number[]> {
    const before = new Date(this.clock.now().getTime() - graceSeconds * 1000);
    const rows: Array<{ id: number }> = await this.ds.query(
      "SELECT id FROM orders WHERE status = 'PENDING' AND expires_at <= ? ORDER BY expires_at LIMIT ?",
      [before, limit],
    );
    return rows.map((r) => r.id);
  }

  private async query(outTradeNo: string): Promise<GatewayTransaction | null> {
    try {
      return await this.gateway.queryByOutTradeNo(outTradeNo);
    } catch (err) {
      // Never prepaid: WeChat Pay has no such order, nothing to close there.
      if (gatewayErrorCode(err) === 'ORDER_NOT_EXIST') return null;
      throw err;
    }
  }

  private async close(order: Order, status: Extract<OrderStatus, 'EXPIRED' | 'FAILED'>): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const { affected } = await m.getRepository(Order).update({ id: order.id, status: 'PENDING' }, { status, closedAt: this.clock.now() });
      if (!affected) return false;
      if (order.couponId !== null) await this.coupons.release(m, order.id);
      return true;
    });
  }

  /**
   * What the order buys, in its transaction: the enrollment and the course's sales count, or a term of
   * the membership (granted or renewed); and the referral attribution, if a share link brought the buyer.
   */
  private async grant(m: EntityManager, order: Order, source: 'purchase' | 'free'): Promise<void> {
    await this.referrals.attribute(m, order);
    if (order.planId !== null) {
      // Plans cost at least 1 fen: a FREE membership order is a free trial.
      await this.memberships.grant(m, { userId: order.userId, planId: order.planId, orderId: order.id, trial: order.paymentMethod === 'FREE' });
      return;
    }
    if (order.itemType === 'question' || order.itemType === 'unlock') {
      await this.paidQuestions?.grant(m, order);
      return;
    }
    if (order.courseId === null) return;
    if (order.itemType === 'gift') {
      await this.redemption.issueGift(m, { id: order.id, userId: order.userId, courseId: order.courseId });
      return;
    }
    if (await this.enrollments.enroll(m, { userId: order.userId, courseId: order.courseId, source, orderId: order.id })) {
      await m.getRepository(Course).increment({ id: order.courseId }, 'salesCount', 1);
    }
  }

  /**
   * The name WeChat Pay shows the payer: the course's (with what about it for a question or an unlock),
   * or the plan's; from the order as own() loads it, with its course and plan.
   */
  private itemName(order: Order): string {
    const name = order.planId !== null ? order.plan?.name : order.course?.name;
    if (name === undefined) throw new Error(`order ${order.id} was read without its course and plan`);
    if (order.planId !== null) return name;
    if (order.itemType === 'question') return `付费提问·${name}`;
    if (order.itemType === 'unlock') return `解锁回答·${name}`;
    return name;
  }

  /** Five minutes before the order closes; an order that lives five minutes or less gets no reminder. */
  private async scheduleReminder(order: Order): Promise<void> {
    const at = new Date(order.expiresAt.getTime() - REMINDER_LEAD_MS);
    if (at <= order.orderTime) return;
    try {
      await this.expiry.scheduleReminder(order.id, at);
    } catch (err) {
      // Only a courtesy: the order still expires on time without it.
      this.logger.warn({ err, orderId: order.id }, 'could not schedule the payment reminder');
    }
  }

  private async scheduleExpiry(order: Order): Promise<void> {
    try {
      await this.expiry.schedule(order.id, order.expiresAt);
    } catch (err) {
      // The sweeper finds orders whose job never got queued.
      this.logger.warn({ err, orderId: order.id }, 'could not schedule order expiry; the sweeper will settle it');
    }
  }

  private async publishPurchase(order: Order): Promise<void> {
    // Every purchase is told to its buyer: a course, a term of a plan, a gift's code. A free trial is no purchase.
    if (order.itemType === 'membership' && order.paymentMethod === 'FREE') return;
    try {
      await this.events.purchased({
        orderId: order.id,
        userId: order.userId,
        itemType: order.itemType,
        courseId: order.courseId,
        planId: order.planId,
        amountFen: order.amountFen,
        paidAt: (order.paidAt ?? this.clock.now()).toISOString(),
      });
    } catch (err) {
      this.logger.warn({ err, orderId: order.id }, 'could not queue the purchase event');
    }
  }
}
