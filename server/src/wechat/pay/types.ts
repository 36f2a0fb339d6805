/**
 * WeChat Pay API v3 objects in WeChat's own field names (snake_case), as the client returns them.
 * Amounts are integer fen.
 */

export type WechatPayTradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

export interface WechatPayTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type?: string;
  trade_state: WechatPayTradeState;
  trade_state_desc?: string;
  bank_type?: string;
  attach?: string;
  success_time?: string;
  payer?: { openid: string };
  amount: { total: number; payer_total?: number; currency?: string; payer_currency?: string };
}

export type WechatPayRefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

export interface WechatPayRefund {
  refund_id: string;
  out_refund_no: string;
  transaction_id: string;
  out_trade_no: string;
  channel?: string;
  user_received_account?: string;
  success_time?: string;
  create_time?: string;
  status: WechatPayRefundStatus;
  amount: { total: number; refund: number; payer_total?: number; payer_refund?: number; currency?: string };
}

export interface WechatPayRefundNotice {
  mchid: string;
  out_trade_no: string;
  transaction_id: string;
  out_refund_no: string;
  refund_id: string;
  refund_status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL';
  success_time?: string;
  user_received_account?: string;
  amount: { total: number; refund: number; payer_total?: number; payer_refund?: number };
}

/** A notification whose signature verified and whose resource decrypted: safe to act on. */
export type WechatPayNotification =
  | { id: string; eventType: 'TRANSACTION.SUCCESS'; createTime: string; transaction: WechatPayTransaction }
  | { id: string; eventType: 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED'; createTime: string; refund: WechatPayRefundNotice };

/** What the mini-program passes to wx.requestPayment. A type, not an interface, so it also fits Record<string, string>. */
export type RequestPaymentParams = {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
};

export interface WechatPayConfig {
  /** https://api.mch.weixin.qq.com in production, the sandbox's URL otherwise. */
  apiBase: string;
  appid: string;
  mchid: string;
  /** Serial number of the merchant API certificate, sent as serial_no in every Authorization header. */
  merchantSerial: string;
  /** PEM (PKCS#8 or PKCS#1). */
  merchantPrivateKey: string;
  /** `PUB_KEY_ID_…`: the Wechatpay-Serial that answers and notifications signed with wechatpayPublicKey carry. */
  wechatpayPublicKeyId: string;
  /** PEM (SPKI). */
  wechatpayPublicKey: string;
  /** 32 characters; its ASCII bytes are the AES-256-GCM key of notification resources. */
  apiv3Key: string;
  /** Where payment and refund notifications go. */
  notifyUrl: string;
}
