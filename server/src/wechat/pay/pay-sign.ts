import { type KeyObject, sign } from 'node:crypto';
import type { RequestPaymentParams } from './types';

/** `appId\ntimeStamp\nnonceStr\npackage\n`: what WeChat checks paySign against when the phone opens the cashier. */
export function paySignMessage(p: Pick<RequestPaymentParams, 'appId' | 'timeStamp' | 'nonceStr' | 'package'>): string {
  return `${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`;
}

/**
 * The wx.requestPayment parameters for a prepay id, signed with the merchant key. They only open the
 * cashier: the phone's success callback proves nothing, a notification or a query does.
 */
export function requestPaymentParams(input: { appId: string; prepayId: string; timestamp: number; nonce: string; privateKey: KeyObject }): RequestPaymentParams {
  const unsigned = { appId: input.appId, timeStamp: String(input.timestamp), nonceStr: input.nonce, package: `prepay_id=${input.prepayId}` };
  const paySign = sign('sha256', Buffer.from(paySignMessage(unsigned), 'utf8'), input.privateKey).toString('base64');
  return { ...unsigned, signType: 'RSA', paySign };
}
