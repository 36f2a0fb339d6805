/**
 * What the order flow needs from a payment provider. The production WeChat Pay v3 client satisfies it;
 * the domain knows only these shapes (WeChat Pay's field names, since they are the contract).
 */
export interface GatewayTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: string;
  success_time?: string;
  amount: { total: number };
}

export interface GatewayRefund {
  refund_id: string;
  out_refund_no: string;
  status: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';
  success_time?: string;
}

export interface GatewayRefundNotice {
  mchid: string;
  out_trade_no: string;
  out_refund_no: string;
  refund_id: string;
  refund_status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL';
  success_time?: string;
  amount: { total: number; refund: number };
}

/** What wx.requestPayment takes, signed by the merchant. */
export interface PaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface PaymentGateway {
  jsapiPrepay(input: {
    outTradeNo: string;
    description: string;
    amountFen: number;
    payerOpenid: string;
    timeExpire: Date;
    attach?: string;
  }): Promise<{ prepayId: string }>;
  requestPaymentParams(prepayId: string): PaymentParams;
  queryByOutTradeNo(outTradeNo: string): Promise<GatewayTransaction>;
  close(outTradeNo: string): Promise<void>;
  refund(input: { outTradeNo: string; outRefundNo: string; refundFen: number; totalFen: number; reason?: string }): Promise<GatewayRefund>;
  queryRefund(outRefundNo: string): Promise<GatewayRefund>;
}

/** Who we are at WeChat Pay: a notification or query for anyone else is not ours. */
export interface MerchantIdentity {
  appid: string;
  mchid: string;
}

/** The provider's error code (ORDER_NOT_EXIST, ORDERPAID, NOT_ENOUGH …) when the provider refused a call. */
export function gatewayErrorCode(err: unknown): string | undefined {
  if (err instanceof Error && err.name === 'WechatPayApiError') {
    const code = (err as Error & { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
