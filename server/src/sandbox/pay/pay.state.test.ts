import { ConflictError, NotFoundError } from '../../errors';
import { ManualClock } from '../clock';
import { MAX_REFUNDS_PER_ORDER, PREPAY_ID_TTL_MS, PayState, REFUND_WINDOW_MS, type RefundNotice, type Transaction } from './pay.state';
import { WechatPayError } from './pay-error';
import type { PrepayRequest } from './pay-requests';

const merchant = { appid: 'wx0123456789abcdef', mchid: '1900000001' };

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof WechatPayError || err instanceof ConflictError || err instanceof NotFoundError) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('PayState', () => {
  let clock: ManualClock;
  let state: PayState;
  let paidEvents: Transaction[];
  let refundEvents: RefundNotice[];
  let seq = 0;

  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2025, 5, 1, 2));
    paidEvents = [];
    refundEvents = [];
    state = new PayState({
      merchant,
      clock,
      payers: { hasIssuedOpenid: (openid) => openid === 'o_known' },
      events: { transactionSucceeded: (t) => paidEvents.push(t), refundSucceeded: (r) => refundEvents.push(r) },
      // Long enough that no refund completes during a test.
      refundDelayMs: 60_000,
    });
  });
  afterEach(() => state.stop());

  function order(extra: Partial<PrepayRequest> = {}): PrepayRequest {
    seq += 1;
    return {
      ...merchant,
      description: 'course',
      out_trade_no: `ORDER_${seq.toString().padStart(4, '0')}`,
      notify_url: 'https://merchant.example.com/notify',
      amount: { total: 100 },
      payer: { openid: 'o_known' },
      ...extra,
    };
  }

  it('renews the prepay_id of a repeated order after two hours; the old one can no longer pay', () => {
    const req = order();
    const first = state.prepay(req).prepay_id;
    clock.advance(PREPAY_ID_TTL_MS - 1);
    expect(state.prepay(req).prepay_id).toBe(first);
    clock.advance(1);
    const second = state.prepay(req).prepay_id;
    expect(second).not.toBe(first);
    expect(codeOf(() => state.confirmPayment(first))).toBe('PREPAY_ID_EXPIRED');
    expect(state.confirmPayment(second).out_trade_no).toBe(req.out_trade_no);
    expect(paidEvents).toHaveLength(1);
  });

  it('keeps an order payable until the second of time_expire, closed after it', () => {
    const expire = clock.now() + 60_000;
    const req = order({ time_expire: new Date(expire).toISOString().replace('.000Z', 'Z') });
    const { prepay_id } = state.prepay(req);
    clock.advance(60_000);
    expect(state.transaction(req.out_trade_no)?.trade_state).toBe('NOTPAY');
    clock.advance(1);
    expect(state.transaction(req.out_trade_no)?.trade_state).toBe('CLOSED');
    expect(codeOf(() => state.confirmPayment(prepay_id))).toBe('ORDER_CLOSED');
    expect(codeOf(() => state.prepay(req))).toBe('ORDER_CLOSED');
  });

  it('refuses to fail or confirm a prepay_id it never issued', () => {
    expect(codeOf(() => state.failPayment('wx_unknown'))).toBe('NOT_FOUND');
  });

  it(`allows ${MAX_REFUNDS_PER_ORDER} refunds of an order, then RULE_LIMIT`, () => {
    const req = order({ amount: { total: 1000 } });
    state.confirmPayment(state.prepay(req).prepay_id);
    const refund = (n: number) => state.refund({ out_trade_no: req.out_trade_no, out_refund_no: `R${n}`, amount: { refund: 1, total: 1000, currency: 'CNY' } });
    for (let n = 1; n <= MAX_REFUNDS_PER_ORDER; n += 1) expect(refund(n).status).toBe('PROCESSING');
    expect(codeOf(() => refund(MAX_REFUNDS_PER_ORDER + 1))).toBe('RULE_LIMIT');
    // Repeating one already made is still answered: it is not a new refund.
    expect(refund(1).out_refund_no).toBe('R1');
    expect(refundEvents).toEqual([]);
  });

  it('refuses refunds more than a year after the payment, and reuse of an out_refund_no for another amount', () => {
    const req = order();
    state.confirmPayment(state.prepay(req).prepay_id);
    const body = { out_trade_no: req.out_trade_no, out_refund_no: 'R_ONCE', amount: { refund: 10, total: 100, currency: 'CNY' as const } };
    state.refund(body);
    expect(codeOf(() => state.refund({ ...body, amount: { ...body.amount, refund: 20 } }))).toBe('INVALID_REQUEST');
    clock.advance(REFUND_WINDOW_MS + 1);
    expect(codeOf(() => state.refund({ ...body, out_refund_no: 'R_LATE' }))).toBe('RULE_LIMIT');
  });
});
