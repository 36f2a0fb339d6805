import { z } from 'zod';
import type { WechatPayRefund, WechatPayRefundNotice, WechatPayTransaction } from './types';

/** Optional fields: WeChat leaves them out, but an explicit null must not turn a valid answer into an error. */
const optString = z.string().nullish().transform((v) => v ?? undefined);
const optInt = z.number().int().nullish().transform((v) => v ?? undefined);
const fen = z.number().int().nonnegative();

export const transactionSchema: z.ZodType<WechatPayTransaction> = z.object({
  appid: z.string(),
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: optString,
  trade_type: optString,
  trade_state: z.enum(['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR']),
  trade_state_desc: optString,
  bank_type: optString,
  attach: optString,
  success_time: optString,
  // Unpaid orders may carry an empty payer object: no openid means no payer yet.
  payer: z
    .object({ openid: z.string().optional() })
    .nullish()
    .transform((p) => (p?.openid ? { openid: p.openid } : undefined)),
  amount: z.object({ total: fen, payer_total: optInt, currency: optString, payer_currency: optString }),
});

export const refundSchema: z.ZodType<WechatPayRefund> = z.object({
  refund_id: z.string(),
  out_refund_no: z.string(),
  transaction_id: z.string(),
  out_trade_no: z.string(),
  channel: optString,
  user_received_account: optString,
  success_time: optString,
  create_time: optString,
  status: z.enum(['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL']),
  amount: z.object({ total: fen, refund: fen, payer_total: optInt, payer_refund: optInt, currency: optString }),
});

export const refundNoticeSchema: z.ZodType<WechatPayRefundNotice> = z.object({
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string(),
  out_refund_no: z.string(),
  refund_id: z.string(),
  refund_status: z.enum(['SUCCESS', 'CLOSED', 'ABNORMAL']),
  success_time: optString,
  user_received_account: optString,
  amount: z.object({ total: fen, refund: fen, payer_total: optInt, payer_refund: optInt }),
});

export const prepaySchema = z.object({ prepay_id: z.string().min(1) });

/** WeChat Pay's error body; everything but code may be missing when a gateway answers. */
export const errorBodySchema = z.object({ code: z.string().min(1), message: z.string().optional(), detail: z.unknown().optional() });

export const notificationEnvelopeSchema = z.object({
  id: z.string().min(1),
  create_time: z.string(),
  event_type: z.string(),
  resource_type: z.string().optional(),
  summary: z.string().optional(),
  resource: z.object({
    algorithm: z.string(),
    ciphertext: z.string(),
    nonce: z.string(),
    associated_data: z.string().optional(),
    original_type: z.string().optional(),
  }),
});
