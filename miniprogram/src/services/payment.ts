import { zhCN } from '../i18n/zh-CN';
import { platform } from '../platform';
import { api } from './api';
import { toastInfo, toastOk } from './feedback';
import { orderDescription } from './order-item';
import type { Order } from './types';

export type PaymentResult = 'paid' | 'pending' | 'cancelled' | 'failed';

const CONFIRM_TRIES = 12;
const CONFIRM_EVERY_MS = 800;

/**
 * Pays an open order: gets the prepay parameters, shows the cashier, and then waits for the server to say
 * PAID (the cashier's word alone is not proof of payment). 'pending' means the cashier said paid but the
 * server has not heard from WeChat Pay yet: the order page keeps checking.
 */
export async function payOrder(order: Order, description: string, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<PaymentResult> {
  const params = await api.payParams(order.id);
  const outcome = await platform.pay(params, { amountFen: order.amount_fen, description });
  if (outcome !== 'paid') return outcome;
  for (let i = 0; i < CONFIRM_TRIES; i++) {
    const current = await api.order(order.id);
    if (current.status === 'PAID') return 'paid';
    if (current.status !== 'PENDING') return 'failed';
    await sleep(CONFIRM_EVERY_MS);
  }
  return 'pending';
}

/** Tells the learner how paying went (`paidText` for what a paid order now gives them). */
export function tellPaymentResult(result: PaymentResult, paidText: string = zhCN.checkout.paid): void {
  const t = zhCN.checkout;
  if (result === 'paid') toastOk(paidText);
  else if (result === 'pending') toastInfo(t.confirming);
  else toastInfo(result === 'cancelled' ? t.cancelled : t.failed);
}

/** Pays an open order of any kind and tells the learner how it went; the result decides what the page shows next. */
export async function payAndTell(order: Order): Promise<PaymentResult> {
  const result = await payOrder(order, orderDescription(order));
  tellPaymentResult(result);
  return result;
}

/**
 * Opens an order (the server answers a second call with the order already open, so a retry never makes
 * two) and pays it; an order the server made PAID at once (nothing to pay) is 'paid' without the cashier.
 */
export async function openAndPay(open: () => Promise<Order>, description: string): Promise<{ order: Order; result: PaymentResult }> {
  const order = await open();
  if (order.status === 'PAID') return { order, result: 'paid' };
  return { order, result: await payOrder(order, description) };
}
