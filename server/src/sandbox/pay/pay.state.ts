import { ConflictError, NotFoundError } from '../../errors';
import type { Clock } from '../clock';
import type { SandboxCredentials } from '../credentials';
import { chinaRfc3339, parseRfc3339 } from './china-time';
import { newPrepayId, newRefundId, newTransactionId } from './ids';
import { WechatPayError } from './pay-error';
import type { PrepayRequest, RefundRequest } from './pay-requests';

/** A prepay_id is good for two hours; asking again with the same order afterwards gives a new one. */
export const PREPAY_ID_TTL_MS = 2 * 3600_000;
export const MAX_REFUNDS_PER_ORDER = 50;
/** Refunds are accepted for a year after the payment. */
export const REFUND_WINDOW_MS = 365 * 24 * 3600_000;
/** WeChat settles balance refunds within seconds; long enough for a client to see PROCESSING. */
export const DEFAULT_REFUND_DELAY_MS = 2000;
export const USER_RECEIVED_ACCOUNT = '支付用户零钱';

/** REVOKED and USERPAYING exist upstream but only for other trade types (micropay), never for JSAPI. */
export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'PAYERROR';
export type RefundStatus = 'PROCESSING' | 'SUCCESS';

const TRADE_STATE_DESC: Record<TradeState, string> = {
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  NOTPAY: '订单未支付',
  CLOSED: '订单已关闭',
  PAYERROR: '支付失败，请重新下单支付',
};

/** What the query endpoints answer and the payment notification carries, in WeChat's field names. */
export interface Transaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type: 'JSAPI';
  trade_state: TradeState;
  trade_state_desc: string;
  bank_type?: string;
  attach: string;
  success_time?: string;
  payer: { openid: string };
  amount: { total: number; payer_total?: number; currency: 'CNY'; payer_currency: 'CNY' };
}

export interface Refund {
  refund_id: string;
  out_refund_no: string;
  transaction_id: string;
  out_trade_no: string;
  channel: 'ORIGINAL';
  user_received_account: string;
  success_time?: string;
  create_time: string;
  status: RefundStatus;
  funds_account: 'AVAILABLE';
  amount: {
    total: number;
    refund: number;
    payer_total: number;
    payer_refund: number;
    settlement_total: number;
    settlement_refund: number;
    discount_refund: number;
    currency: 'CNY';
  };
}

/** The decrypted resource of a REFUND.* notification. */
export interface RefundNotice {
  mchid: string;
  out_trade_no: string;
  transaction_id: string;
  out_refund_no: string;
  refund_id: string;
  refund_status: RefundStatus;
  success_time: string;
  user_received_account: string;
  amount: { total: number; refund: number; payer_total: number; payer_refund: number };
}

/** What happens in WeChat Pay that a merchant hears about through its notify_url. */
export interface PayEvents {
  transactionSucceeded(transaction: Transaction, notifyUrl: string): void;
  refundSucceeded(notice: RefundNotice, notifyUrl: string): void;
}

export interface PayStateOptions {
  merchant: Pick<SandboxCredentials, 'appid' | 'mchid'>;
  clock: Clock;
  /** Who may pay: WeChat only knows openids of users who logged in to this appid. */
  payers: { hasIssuedOpenid(openid: string): boolean };
  events: PayEvents;
  refundDelayMs?: number;
}

interface OrderRecord {
  outTradeNo: string;
  appid: string;
  mchid: string;
  description: string;
  attach: string;
  notifyUrl: string;
  total: number;
  openid: string;
  timeExpire: number | null;
  /** The parameters that must match when the same out_trade_no is sent again. */
  fingerprint: string;
  prepayId: string;
  prepayExpiresAt: number;
  tradeState: TradeState;
  transactionId: string | null;
  successTime: number | null;
  refunds: RefundRecord[];
}

interface RefundRecord {
  refundId: string;
  outRefundNo: string;
  order: OrderRecord;
  notifyUrl: string | null;
  amount: number;
  status: RefundStatus;
  createTime: number;
  successTime: number | null;
}

/**
 * WeChat Pay's side of one merchant, in memory: orders by out_trade_no, the prepay_ids phones pay
 * with, and refunds. Protocol refusals are thrown as WechatPayError; the phone-side operations
 * (confirm, fail) throw the sandbox's own NotFoundError and ConflictError.
 *
 * trade_state moves NOTPAY → SUCCESS | CLOSED | PAYERROR, PAYERROR → SUCCESS (the learner tries
 * again in the cashier) | CLOSED, and SUCCESS → REFUND once a refund succeeds. time_expire is
 * applied when an order is next looked at, so no timer is needed for it.
 */
export class PayState {
  private readonly orders = new Map<string, OrderRecord>();
  private readonly byPrepayId = new Map<string, OrderRecord>();
  private readonly byTransactionId = new Map<string, OrderRecord>();
  private readonly refunds = new Map<string, RefundRecord>();
  private readonly refundTimers = new Set<NodeJS.Timeout>();
  private readonly refundDelayMs: number;

  constructor(private readonly opts: PayStateOptions) {
    this.refundDelayMs = opts.refundDelayMs ?? DEFAULT_REFUND_DELAY_MS;
  }

  /** POST /v3/pay/transactions/jsapi. Sending the same order again is how clients retry, so it is idempotent. */
  prepay(req: PrepayRequest): { prepay_id: string } {
    const { merchant, clock } = this.opts;
    if (req.mchid !== merchant.mchid) {
      throw WechatPayError.param({ field: '/mchid', location: 'body', issue: 'must be the mchid that signed the request' });
    }
    if (req.appid !== merchant.appid) throw new WechatPayError('APPID_MCHID_NOT_MATCH', 'appid and mchid do not match');

    const now = clock.now();
    const timeExpire = req.time_expire === undefined ? null : parseRfc3339(req.time_expire);
    const fingerprint = JSON.stringify([
      req.appid,
      req.description,
      req.attach ?? '',
      req.notify_url,
      req.amount.total,
      req.payer.openid,
      timeExpire,
    ]);

    const existing = this.orders.get(req.out_trade_no);
    if (existing) {
      this.applyExpiry(existing);
      if (isPaid(existing)) throw new WechatPayError('ORDERPAID', 'this out_trade_no has been paid');
      if (existing.tradeState === 'CLOSED') throw new WechatPayError('ORDER_CLOSED', 'this out_trade_no has been closed');
      if (existing.fingerprint !== fingerprint) {
        throw new WechatPayError('OUT_TRADE_NO_USED', 'this out_trade_no was used with different parameters');
      }
      if (now >= existing.prepayExpiresAt) this.issuePrepayId(existing, now);
      return { prepay_id: existing.prepayId };
    }

    if (!this.opts.payers.hasIssuedOpenid(req.payer.openid)) {
      throw WechatPayError.param({ field: '/payer/openid', location: 'body', issue: 'is not an openid of this appid' });
    }
    if (timeExpire !== null && timeExpire <= now) {
      throw WechatPayError.param({ field: '/time_expire', location: 'body', issue: 'is already in the past' });
    }
    const order: OrderRecord = {
      outTradeNo: req.out_trade_no,
      appid: req.appid,
      mchid: req.mchid,
      description: req.description,
      attach: req.attach ?? '',
      notifyUrl: req.notify_url,
      total: req.amount.total,
      openid: req.payer.openid,
      timeExpire,
      fingerprint,
      prepayId: '',
      prepayExpiresAt: 0,
      tradeState: 'NOTPAY',
      transactionId: null,
      successTime: null,
      refunds: [],
    };
    this.issuePrepayId(order, now);
    this.orders.set(order.outTradeNo, order);
    return { prepay_id: order.prepayId };
  }

  transactionByOutTradeNo(outTradeNo: string, mchid: string | undefined): Transaction {
    this.checkQueryMchid(mchid);
    const order = this.orders.get(outTradeNo);
    if (!order) throw new WechatPayError('ORDER_NOT_EXIST', 'order does not exist');
    return this.toTransaction(order);
  }

  transactionById(transactionId: string, mchid: string | undefined): Transaction {
    this.checkQueryMchid(mchid);
    const order = this.byTransactionId.get(transactionId);
    if (!order) throw new WechatPayError('ORDER_NOT_EXIST', 'order does not exist');
    return this.toTransaction(order);
  }

  /** Closing is idempotent; a paid order refuses with ORDERPAID (403, as prepay does). */
  closeOrder(outTradeNo: string, mchid: string): void {
    if (mchid !== this.opts.merchant.mchid) {
      throw WechatPayError.param({ field: '/mchid', location: 'body', issue: 'must be the mchid that signed the request' });
    }
    const order = this.orders.get(outTradeNo);
    if (!order) throw new WechatPayError('ORDER_NOT_EXIST', 'order does not exist');
    this.applyExpiry(order);
    if (isPaid(order)) throw new WechatPayError('ORDERPAID', 'this order has been paid and cannot be closed');
    order.tradeState = 'CLOSED';
  }

  /**
   * POST /v3/refund/domestic/refunds: accepted as PROCESSING, SUCCESS after the refund delay.
   * WeChat prefers transaction_id when both ids are given; so does the sandbox.
   */
  refund(req: RefundRequest): Refund {
    const now = this.opts.clock.now();
    let order: OrderRecord | undefined;
    if (req.transaction_id !== undefined) order = this.byTransactionId.get(req.transaction_id);
    else if (req.out_trade_no !== undefined) order = this.orders.get(req.out_trade_no);
    else throw WechatPayError.param({ field: '/out_trade_no', location: 'body', issue: 'either transaction_id or out_trade_no is required' });
    if (!order) throw new WechatPayError('ORDER_NOT_EXIST', 'order does not exist');

    const existing = this.refunds.get(req.out_refund_no);
    if (existing) {
      if (existing.order !== order || existing.amount !== req.amount.refund) {
        throw new WechatPayError('INVALID_REQUEST', 'this out_refund_no was used for a different refund');
      }
      return this.toRefund(existing);
    }

    this.applyExpiry(order);
    if (!isPaid(order) || order.successTime === null || order.transactionId === null) {
      throw new WechatPayError('TRADE_ERROR', 'the order has not been paid');
    }
    if (req.amount.total !== order.total) {
      throw WechatPayError.param({ field: '/amount/total', location: 'body', issue: 'is not the amount the order was paid with' });
    }
    if (now - order.successTime > REFUND_WINDOW_MS) throw new WechatPayError('RULE_LIMIT', 'the payment is more than a year old');
    if (order.refunds.length >= MAX_REFUNDS_PER_ORDER) {
      throw new WechatPayError('RULE_LIMIT', `an order can be refunded at most ${MAX_REFUNDS_PER_ORDER} times`);
    }
    const refunded = order.refunds.reduce((sum, r) => sum + r.amount, 0);
    if (refunded + req.amount.refund > order.total) {
      throw new WechatPayError('NOT_ENOUGH', `only ${order.total - refunded} fen of this order can still be refunded`);
    }

    const record: RefundRecord = {
      refundId: newRefundId(now),
      outRefundNo: req.out_refund_no,
      order,
      notifyUrl: req.notify_url ?? null,
      amount: req.amount.refund,
      status: 'PROCESSING',
      createTime: now,
      successTime: null,
    };
    order.refunds.push(record);
    this.refunds.set(record.outRefundNo, record);
    const timer = setTimeout(() => {
      this.refundTimers.delete(timer);
      this.completeRefund(record);
    }, this.refundDelayMs);
    this.refundTimers.add(timer);
    return this.toRefund(record);
  }

  refundByOutRefundNo(outRefundNo: string): Refund {
    const record = this.refunds.get(outRefundNo);
    if (!record) throw new WechatPayError('RESOURCE_NOT_EXISTS', 'refund does not exist');
    return this.toRefund(record);
  }

  /** The learner confirms in the cashier: the order is paid and the merchant is notified. */
  confirmPayment(prepayId: string): { out_trade_no: string; transaction_id: string } {
    const order = this.payableOrder(prepayId);
    const now = this.opts.clock.now();
    order.tradeState = 'SUCCESS';
    order.successTime = now;
    order.transactionId = newTransactionId(now);
    this.byTransactionId.set(order.transactionId, order);
    this.opts.events.transactionSucceeded(this.toTransaction(order), order.notifyUrl);
    return { out_trade_no: order.outTradeNo, transaction_id: order.transactionId };
  }

  /** The payment fails in the cashier. WeChat sends no notification for that; only a query shows it. */
  failPayment(prepayId: string): { out_trade_no: string; trade_state: TradeState } {
    const order = this.payableOrder(prepayId);
    order.tradeState = 'PAYERROR';
    return { out_trade_no: order.outTradeNo, trade_state: order.tradeState };
  }

  /** For tests: an order as a query would show it, without going through a signed request. */
  transaction(outTradeNo: string): Transaction | null {
    const order = this.orders.get(outTradeNo);
    return order ? this.toTransaction(order) : null;
  }

  /** For tests: the refunds made of an order (each out_refund_no once), as WeChat Pay's records would list them. */
  refundsOf(outTradeNo: string): Array<{ out_refund_no: string; amount: number; status: RefundStatus }> {
    return (this.orders.get(outTradeNo)?.refunds ?? []).map((r) => ({ out_refund_no: r.outRefundNo, amount: r.amount, status: r.status }));
  }

  /** Stops pending refund completions; the sandbox calls it when it closes. */
  stop(): void {
    for (const timer of this.refundTimers) clearTimeout(timer);
    this.refundTimers.clear();
  }

  private payableOrder(prepayId: string): OrderRecord {
    const order = this.byPrepayId.get(prepayId);
    if (!order) throw new NotFoundError('prepay_id');
    this.applyExpiry(order);
    if (isPaid(order)) throw new ConflictError('this order has already been paid', 'ORDER_PAID');
    if (order.tradeState === 'CLOSED') throw new ConflictError('this order is closed', 'ORDER_CLOSED');
    if (order.prepayId !== prepayId || this.opts.clock.now() >= order.prepayExpiresAt) {
      throw new ConflictError('this prepay_id has expired; the merchant must ask for a new one', 'PREPAY_ID_EXPIRED');
    }
    return order;
  }

  private completeRefund(record: RefundRecord): void {
    const now = this.opts.clock.now();
    record.status = 'SUCCESS';
    record.successTime = now;
    const { order } = record;
    order.tradeState = 'REFUND';
    const notice: RefundNotice = {
      mchid: order.mchid,
      out_trade_no: order.outTradeNo,
      transaction_id: order.transactionId ?? '',
      out_refund_no: record.outRefundNo,
      refund_id: record.refundId,
      refund_status: record.status,
      success_time: chinaRfc3339(now),
      user_received_account: USER_RECEIVED_ACCOUNT,
      amount: { total: order.total, refund: record.amount, payer_total: order.total, payer_refund: record.amount },
    };
    this.opts.events.refundSucceeded(notice, record.notifyUrl ?? order.notifyUrl);
  }

  private issuePrepayId(order: OrderRecord, now: number): void {
    order.prepayId = newPrepayId(now);
    order.prepayExpiresAt = now + PREPAY_ID_TTL_MS;
    this.byPrepayId.set(order.prepayId, order);
  }

  /** time_expire is the last moment an order can be paid; after it an unpaid order reads as closed. */
  private applyExpiry(order: OrderRecord): void {
    const unpaid = order.tradeState === 'NOTPAY' || order.tradeState === 'PAYERROR';
    if (unpaid && order.timeExpire !== null && this.opts.clock.now() > order.timeExpire) order.tradeState = 'CLOSED';
  }

  private checkQueryMchid(mchid: string | undefined): void {
    if (!mchid) throw WechatPayError.param({ field: 'mchid', location: 'query', issue: 'is required' });
    if (mchid !== this.opts.merchant.mchid) {
      throw WechatPayError.param({ field: 'mchid', location: 'query', issue: 'must be the mchid that signed the request' });
    }
  }

  private toTransaction(order: OrderRecord): Transaction {
    this.applyExpiry(order);
    const { transactionId, successTime } = order;
    const paid = transactionId !== null && successTime !== null;
    return {
      appid: order.appid,
      mchid: order.mchid,
      out_trade_no: order.outTradeNo,
      ...(paid ? { transaction_id: transactionId } : {}),
      trade_type: 'JSAPI',
      trade_state: order.tradeState,
      trade_state_desc: TRADE_STATE_DESC[order.tradeState],
      // WeChat's bank_type for a payment from the WeChat balance.
      ...(paid ? { bank_type: 'OTHERS' } : {}),
      attach: order.attach,
      ...(paid ? { success_time: chinaRfc3339(successTime) } : {}),
      payer: { openid: order.openid },
      amount: { total: order.total, ...(paid ? { payer_total: order.total } : {}), currency: 'CNY', payer_currency: 'CNY' },
    };
  }

  private toRefund(record: RefundRecord): Refund {
    const { order } = record;
    return {
      refund_id: record.refundId,
      out_refund_no: record.outRefundNo,
      transaction_id: order.transactionId ?? '',
      out_trade_no: order.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: USER_RECEIVED_ACCOUNT,
      ...(record.successTime === null ? {} : { success_time: chinaRfc3339(record.successTime) }),
      create_time: chinaRfc3339(record.createTime),
      status: record.status,
      funds_account: 'AVAILABLE',
      amount: {
        total: order.total,
        refund: record.amount,
        payer_total: order.total,
        payer_refund: record.amount,
        settlement_total: order.total,
        settlement_refund: record.amount,
        discount_refund: 0,
        currency: 'CNY',
      },
    };
  }
}

function isPaid(order: OrderRecord): boolean {
  return order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND';
}
