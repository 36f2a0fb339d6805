import { randomBytes } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ServiceUnavailableError, UpstreamError } from '../../errors';
import type { Logger } from '../../logger';
import type { Clock } from '../../shared/clock';
import { duplicateKeyIndex } from '../../shared/db-errors';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import type { AuditLog } from '../audit/audit-log.service';
import type { CatalogService } from '../catalog/catalog.service';
import { Course } from '../catalog/course.entity';
import type { EnrollmentService } from '../learning/enrollment.service';
import { MembershipPlan } from '../memberships/membership-plan.entity';
import type { MembershipService } from '../memberships/membership.service';
import type { PaidQuestionLedger } from '../paid-questions/paid-question-ledger';
import type { RedemptionService } from '../redemption/redemption.service';
import type { ReferralLedger } from '../referrals/referral-ledger.service';
import type { Viewer } from '../viewer';
import type { OrderEvents } from './order-events';
import { PaymentMismatchError } from './order-errors';
import { Order } from './order.entity';
import { gatewayErrorCode, type GatewayRefundNotice, type MerchantIdentity, type PaymentGateway } from './payment-gateway';
import { Refund, type RefundStatus } from './refund.entity';

export type Actor = NonNullable<Viewer>;

const DAY_MS = 24 * 3600 * 1000;
/** Refusals that say "not now" rather than "no": the refund stays PROCESSING and is tried again. */
const TEMPORARY_CODES = new Set(['SYSTEM_ERROR', 'BANK_ERROR', 'FREQUENCY_LIMITED', 'UNEXPECTED_RESPONSE']);

/**
 * Refunds: the learner asks within the refund window, the course's creator or an admin decides, WeChat
 * Pay pays back, and its REFUND.SUCCESS notification (or our query) revokes the enrollment.
 */
export class RefundService {
  constructor(
    private readonly ds: DataSource,
    private readonly gateway: PaymentGateway,
    private readonly merchant: MerchantIdentity,
    private readonly enrollments: EnrollmentService,
    private readonly events: OrderEvents,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: { windowDays: number },
    private readonly audit: AuditLog,
    /** A refunded membership order revokes the membership. */
    private readonly memberships: MembershipService,
    /** A refunded gift withdraws its code, or the enrollment of whoever redeemed it. */
    private readonly redemption: Pick<RedemptionService, 'takeBackGift'>,
    /** A refunded order's referral reward is reversed (taken back from the referrer if already credited). */
    private readonly referrals: Pick<ReferralLedger, 'reverse'>,
    /** Told when a refund takes a sale back: refunds are rare, so the course's pages show it at once (purchases may lag). */
    private readonly catalog?: Pick<CatalogService, 'invalidate'>,
    /** A refunded question closes, a refunded unlock is taken away; an answered question is not refunded. */
    private readonly paidQuestions?: Pick<PaidQuestionLedger, 'revoke' | 'assertRefundable'>,
  ) {}

  async request(buyer: Actor, orderId: number, reason: string): Promise<Refund> {
    const order = await this.ds.getRepository(Order).findOneBy({ id: orderId, userId: buyer.id });
    if (!order) throw new NotFoundError('order');
    if (order.status !== 'PAID') throw new ConflictError(`a ${order.status} order cannot be refunded`, 'ORDER_NOT_REFUNDABLE', { status: order.status });
    if (order.paymentMethod !== 'WECHAT_PAY' || order.amountFen === 0) {
      throw new ConflictError('nothing was paid for this order', 'ORDER_NOT_REFUNDABLE');
    }
    const deadline = (order.paidAt ?? order.orderTime).getTime() + this.options.windowDays * DAY_MS;
    if (this.clock.now().getTime() > deadline) {
      throw new ConflictError(`refunds are possible within ${this.options.windowDays} days of payment`, 'REFUND_WINDOW_CLOSED');
    }
    if (this.paidQuestions) await this.ds.transaction((m) => this.paidQuestions!.assertRefundable(m, order));
    const refund = this.newRefund(order, reason);
    try {
      await this.ds.getRepository(Refund).insert(refund);
    } catch (err) {
      if (duplicateKeyIndex(err) === 'uq_refunds_order') throw new ConflictError('a refund was already requested for this order', 'REFUND_EXISTS');
      throw err;
    }
    return this.ds.getRepository(Refund).findOneByOrFail({ id: refund.id });
  }

  /** The buyer's refund of an order, if any. */
  async ofOrder(buyer: Actor, orderId: number): Promise<Refund | null> {
    return this.ds.getRepository(Refund).findOneBy({ orderId, userId: buyer.id });
  }

  /** Refunds a decider may see: an admin sees all, a creator those of their courses. */
  async listForDecider(actor: Actor, status: RefundStatus | undefined, page: PageRequest): Promise<Page<Refund>> {
    const qb = this.ds
      .getRepository(Refund)
      .createQueryBuilder('r')
      .orderBy('r.requestedAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .skip(offsetOf(page))
      .take(page.pageSize);
    if (actor.role !== 'admin') {
      // The seller decides: the creator of the course, or of the plan a membership order bought.
      qb.innerJoin(Order, 'o', 'o.id = r.orderId')
        .leftJoin(Course, 'c', 'c.id = r.courseId')
        .leftJoin(MembershipPlan, 'p', 'p.id = o.planId')
        .where('(c.creatorId = :creatorId OR p.creatorId = :creatorId)', { creatorId: actor.id });
    }
    if (status) qb.andWhere('r.status = :status', { status });
    const [results, count] = await qb.getManyAndCount();
    return { count, results };
  }

  /** Approves and sends the refund to WeChat Pay; it completes when WeChat Pay confirms. */
  async approve(actor: Actor, refundId: number, note: string | null): Promise<Refund> {
    const refund = await this.decidable(actor, refundId);
    await this.ds.transaction(async (m) => {
      // A question answered since the learner asked is no longer refunded (the lock keeps an answer out meanwhile).
      await this.paidQuestions?.assertRefundable(m, await m.getRepository(Order).findOneByOrFail({ id: refund.orderId }));
      await this.transition(refund.id, ['REQUESTED'], { status: 'PROCESSING', decidedBy: actor.id, decidedAt: this.clock.now(), decisionNote: note }, m);
      await this.audit.record(m, { actor, action: 'refund.approve', subjectType: 'refund', subjectId: refund.id, courseId: refund.courseId, details: { order: refund.orderId, amount_fen: refund.amountFen, note } });
    });
    await this.submit(refund.id);
    return this.ds.getRepository(Refund).findOneByOrFail({ id: refund.id });
  }

  /**
   * An admin refunds a paid order on the platform's own decision (a support case): at any time after
   * payment, whether or not the learner asked; a refund the learner asked for, or that was rejected,
   * is approved with the admin's reason.
   */
  async refundAsAdmin(admin: Actor, orderId: number, reason: string): Promise<Refund> {
    const order = await this.ds.getRepository(Order).findOneBy({ id: orderId });
    if (!order) throw new NotFoundError('order');
    if (order.status !== 'PAID') throw new ConflictError(`a ${order.status} order cannot be refunded`, 'ORDER_NOT_REFUNDABLE', { status: order.status });
    if (order.paymentMethod !== 'WECHAT_PAY' || order.amountFen === 0) throw new ConflictError('nothing was paid for this order', 'ORDER_NOT_REFUNDABLE');
    const refundId = await this.ds.transaction(async (m) => {
      let refund = await m.getRepository(Refund).findOne({ where: { orderId }, lock: { mode: 'pessimistic_write' } });
      if (!refund) {
        const created = this.newRefund(order, reason);
        await m.getRepository(Refund).insert(created);
        refund = created;
      }
      await this.transition(refund.id, ['REQUESTED', 'REJECTED'], { status: 'PROCESSING', decidedBy: admin.id, decidedAt: this.clock.now(), decisionNote: reason }, m);
      await this.audit.record(m, { actor: admin, action: 'order.refund', subjectType: 'order', subjectId: orderId, courseId: order.courseId, details: { refund: refund.id, amount_fen: order.amountFen, reason } });
      return refund.id;
    });
    await this.submit(refundId);
    return this.ds.getRepository(Refund).findOneByOrFail({ id: refundId });
  }

  /**
   * The platform refunds a paid order by its own rule, with no one deciding (a paid question left
   * unanswered past its deadline). `within` runs in the transaction that makes the refund PROCESSING
   * (it marks what the order bought as given back) and may decline (false): then nothing changes.
   * Safe to repeat and to resume after a crash: one refund row per order (its unique key), one
   * out_refund_no at WeChat Pay; a refund already PROCESSING is asked after (and re-sent if WeChat Pay
   * never got it), one SUCCEEDED is left alone. Null when nothing was (or is any more) to refund.
   */
  async refundAsSystem(orderId: number, reason: string, within: (m: EntityManager, order: Order) => Promise<boolean>): Promise<Refund | null> {
    const started = await this.ds.transaction(async (m) => {
      const order = await m.getRepository(Order).findOne({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      if (!order) throw new NotFoundError('order');
      const existing = await m.getRepository(Refund).findOne({ where: { orderId }, lock: { mode: 'pessimistic_write' } });
      if (existing?.status === 'PROCESSING') return { refundId: existing.id, fresh: false };
      if (existing?.status === 'SUCCEEDED' || existing?.status === 'FAILED') return null;
      if (order.status !== 'PAID' || order.paymentMethod !== 'WECHAT_PAY' || order.amountFen === 0) return null;
      if (!(await within(m, order))) return null;
      const now = this.clock.now();
      const decision = { status: 'PROCESSING' as const, decidedBy: null, decidedAt: now, decisionNote: reason.slice(0, 200) };
      let refundId = existing?.id;
      if (refundId === undefined) {
        const created = this.newRefund(order, reason.slice(0, 200), decision);
        await m.getRepository(Refund).insert(created);
        refundId = created.id;
      } else {
        // The learner had asked (or been turned down): the platform's rule decides it now.
        await this.transition(refundId, ['REQUESTED', 'REJECTED'], decision, m);
      }
      await this.audit.record(m, { actor: null, action: 'order.refund', subjectType: 'order', subjectId: orderId, courseId: order.courseId, details: { refund: refundId, amount_fen: order.amountFen, reason } });
      return { refundId, fresh: true };
    });
    if (!started) return null;
    if (started.fresh) await this.submit(started.refundId);
    else await this.reconcile(started.refundId);
    return this.ds.getRepository(Refund).findOneByOrFail({ id: started.refundId });
  }

  async reject(actor: Actor, refundId: number, note: string): Promise<Refund> {
    const refund = await this.decidable(actor, refundId);
    await this.ds.transaction(async (m) => {
      await this.transition(refund.id, ['REQUESTED'], { status: 'REJECTED', decidedBy: actor.id, decidedAt: this.clock.now(), decisionNote: note }, m);
      await this.audit.record(m, { actor, action: 'refund.reject', subjectType: 'refund', subjectId: refund.id, courseId: refund.courseId, details: { order: refund.orderId, note } });
    });
    return this.ds.getRepository(Refund).findOneByOrFail({ id: refund.id });
  }

  /** A verified refund notification. */
  async applyNotice(notice: GatewayRefundNotice): Promise<void> {
    if (notice.mchid !== this.merchant.mchid) throw new PaymentMismatchError(`refund for another merchant (${notice.mchid})`);
    const refund = await this.ds.getRepository(Refund).findOneBy({ outRefundNo: notice.out_refund_no });
    if (!refund) throw new PaymentMismatchError(`no refund with out_refund_no ${notice.out_refund_no}`);
    if (notice.amount.refund !== refund.amountFen) throw new PaymentMismatchError(`refund amount ${notice.amount.refund} does not match refund ${refund.id}`);
    if (notice.refund_status === 'SUCCESS') await this.complete(refund.id, notice.refund_id, notice.success_time);
    else await this.fail(refund.id, `WeChat Pay reported ${notice.refund_status}`);
  }

  /** For refunds stuck in PROCESSING (a lost notification, a failed submit): asks WeChat Pay and acts on it. */
  async reconcile(refundId: number): Promise<RefundStatus> {
    const refund = await this.ds.getRepository(Refund).findOneByOrFail({ id: refundId });
    if (refund.status !== 'PROCESSING') return refund.status;
    try {
      const remote = await this.gateway.queryRefund(refund.outRefundNo);
      if (remote.status === 'SUCCESS') await this.complete(refund.id, remote.refund_id, remote.success_time);
      else if (remote.status === 'CLOSED' || remote.status === 'ABNORMAL') await this.fail(refund.id, `WeChat Pay reported ${remote.status}`);
    } catch (err) {
      // WeChat Pay never got it (our submit failed on the way): send it again.
      const code = gatewayErrorCode(err);
      if (code !== 'RESOURCE_NOT_EXISTS' && code !== 'ORDER_NOT_EXIST') throw err;
      await this.submit(refund.id);
    }
    return (await this.ds.getRepository(Refund).findOneByOrFail({ id: refundId })).status;
  }

  async processingIds(limit: number, olderThanSeconds: number): Promise<number[]> {
    const before = new Date(this.clock.now().getTime() - olderThanSeconds * 1000);
    const rows: Array<{ id: number }> = await this.ds.query(
      "SELECT id FROM refunds WHERE status = 'PROCESSING' AND decided_at <= ? ORDER BY decided_at LIMIT ?",
      [before, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Sends (or re-sends: out_refund_no makes it idempotent at WeChat Pay) the refund of a PROCESSING row. */
  private async submit(refundId: number): Promise<void> {
    const refund = await this.ds.getRepository(Refund).findOneByOrFail({ id: refundId });
    const order = await this.ds.getRepository(Order).findOneByOrFail({ id: refund.orderId });
    try {
      const remote = await this.gateway.refund({
        outTradeNo: order.outTradeNo,
        outRefundNo: refund.outRefundNo,
        refundFen: refund.amountFen,
        totalFen: order.amountFen,
        reason: refund.reason.slice(0, 80),
      });
      await this.ds.getRepository(Refund).update({ id: refund.id }, { wechatRefundId: remote.refund_id });
      if (remote.status === 'SUCCESS') await this.complete(refund.id, remote.refund_id, remote.success_time);
    } catch (err) {
      const code = gatewayErrorCode(err);
      // Not reached, or only "not now": it stays PROCESSING and the sweeper's reconcile tries again.
      if (!code || TEMPORARY_CODES.has(code)) {
        throw new ServiceUnavailableError('WeChat Pay could not take the refund right now; it will be retried', 'PAYMENT_UNAVAILABLE');
      }
      await this.fail(refund.id, `WeChat Pay refused: ${code}`);
      throw new UpstreamError(`WeChat Pay refused the refund (${code})`, code);
    }
  }

  private async complete(refundId: number, wechatRefundId: string, successTime: string | undefined): Promise<void> {
    const done = await this.ds.transaction(async (m) => {
      const refund = await m.getRepository(Refund).findOne({ where: { id: refundId }, lock: { mode: 'pessimistic_write' } });
      if (!refund || refund.status === 'SUCCEEDED') return null;
      const completedAt = successTime ? new Date(successTime) : this.clock.now();
      await m.getRepository(Refund).update({ id: refundId }, { status: 'SUCCEEDED', wechatRefundId, completedAt, failureReason: null });
      const { affected } = await m.getRepository(Order).update({ id: refund.orderId, status: 'PAID' }, { status: 'REFUNDED' });
      if (affected) await this.revokeAccess(m, refund);
      return { ...refund, completedAt };
    });
    if (done) {
      this.logger.info({ refundId, orderId: done.orderId }, 'refund completed');
      if (done.courseId !== null) await this.catalog?.invalidate(done.courseId);
      // Every refund is told to its buyer: a course's, a plan's, a gift's, a question's or an unlock's.
      await this.events
        .refunded({
          orderId: done.orderId,
          refundId: done.id,
          userId: done.userId,
          courseId: done.courseId,
          amountFen: done.amountFen,
          refundedAt: done.completedAt.toISOString(),
        })
        .catch((err: unknown) => this.logger.warn({ err, refundId }, 'could not queue the refund event'));
    }
  }

  /** Takes back what the order bought: the enrollment (and the sale), the membership, or the gift's code; and the referral reward. */
  private async revokeAccess(m: EntityManager, refund: Refund): Promise<void> {
    await this.referrals.reverse(m, refund.orderId);
    const order = await m.getRepository(Order).findOneByOrFail({ id: refund.orderId });
    if (order.itemType === 'membership') {
      if (order.planId !== null) await this.memberships.revoke(m, { userId: order.userId, planId: order.planId });
      return;
    }
    if (order.itemType === 'gift') {
      await this.redemption.takeBackGift(m, order.id);
      return;
    }
    if (order.itemType === 'question' || order.itemType === 'unlock') {
      await this.paidQuestions?.revoke(m, order);
      return;
    }
    if (refund.courseId === null) return;
    if (await this.enrollments.revoke(m, { userId: refund.userId, courseId: refund.courseId })) {
      await m.query('UPDATE courses SET sales_count = sales_count - 1 WHERE id = ? AND sales_count > 0', [refund.courseId]);
    }
  }

  private async fail(refundId: number, reason: string): Promise<void> {
    await this.ds.getRepository(Refund).update({ id: refundId, status: 'PROCESSING' }, { status: 'FAILED', failureReason: reason.slice(0, 200) });
    this.logger.warn({ refundId, reason }, 'refund failed');
  }

  /** The refund if the actor may decide on it (admin, or the course's creator); otherwise it does not exist for them. */
  private async decidable(actor: Actor, refundId: number): Promise<Refund> {
    const refund = await this.ds.getRepository(Refund).findOneBy({ id: refundId });
    if (!refund) throw new NotFoundError('refund');
    if (actor.role !== 'admin' && (await this.sellerOf(refund)) !== actor.id) throw new NotFoundError('refund');
    return refund;
  }

  /** Who sold what the refund takes back: the course's creator, or the plan's. */
  private async sellerOf(refund: Refund): Promise<number | null> {
    if (refund.courseId !== null) return (await this.ds.getRepository(Course).findOneBy({ id: refund.courseId }))?.creatorId ?? null;
    const order = await this.ds.getRepository(Order).findOneByOrFail({ id: refund.orderId });
    return order.planId === null ? null : ((await this.ds.getRepository(MembershipPlan).findOneBy({ id: order.planId }))?.creatorId ?? null);
  }

  /** A refund of the whole order, asked for now (or already decided: `decision`), with its own out_refund_no. */
  private newRefund(order: Order, reason: string, decision: Partial<Refund> = {}): Refund {
    return this.ds.getRepository(Refund).create({
      orderId: order.id,
      userId: order.userId,
      courseId: order.courseId,
      amountFen: order.amountFen,
      status: 'REQUESTED',
      reason,
      outRefundNo: `RF${order.id}${randomBytes(8).toString('hex')}`,
      requestedAt: this.clock.now(),
      ...decision,
    });
  }

  private async transition(refundId: number, from: RefundStatus[], patch: Partial<Refund>, m: EntityManager = this.ds.manager): Promise<void> {
    const { affected } = await m.getRepository(Refund).update({ id: refundId, status: In(from) }, patch);
    if (!affected) {
      const current = await m.getRepository(Refund).findOneByOrFail({ id: refundId });
      throw new ConflictError(`a ${current.status} refund cannot be decided again`, 'REFUND_ALREADY_DECIDED', { status: current.status });
    }
  }
}
