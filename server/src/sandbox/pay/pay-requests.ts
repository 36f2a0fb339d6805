import { z } from 'zod';
import { parseRfc3339 } from './china-time';
import { WechatPayError } from './pay-error';

/**
 * The bodies WeChat Pay accepts, checked field by field. Fields WeChat knows but the sandbox has no
 * use for (detail, scene_info, settle_info, goods_tag, …) are accepted and ignored, as a client
 * sending them to the real API would expect.
 */

const required = { error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : 'must be a string') };

export const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * WeChat only calls https URLs without a query string. Plain http is let through for loopback
 * hosts alone, so a merchant server on the same machine can receive notifications.
 */
export function isNotifyUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (text.includes('?') || text.includes('#')) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}

const notifyUrl = z
  .string(required)
  .max(256, 'must be at most 256 characters')
  .refine(isNotifyUrl, 'must be an https URL (http only on 127.0.0.1 or localhost) without a query string');

const fen = z.number({ error: 'must be an integer number of fen' }).int('must be an integer number of fen').min(1, 'must be at least 1 fen');

export const prepayRequest = z.object(
  {
    appid: z.string(required).min(1, 'is required').max(32, 'must be at most 32 characters'),
    mchid: z.string(required).min(1, 'is required').max(32, 'must be at most 32 characters'),
    description: z.string(required).min(1, 'is required').max(127, 'must be at most 127 characters'),
    out_trade_no: z.string(required).regex(OUT_TRADE_NO, 'must be 6-32 characters of 0-9, A-Z, a-z, _, -, | or *'),
    time_expire: z
      .string({ error: 'must be a string' })
      .refine((text) => parseRfc3339(text) !== null, 'must be an RFC 3339 date-time such as 2018-06-08T10:34:56+08:00')
      .optional(),
    attach: z.string({ error: 'must be a string' }).max(128, 'must be at most 128 characters').optional(),
    notify_url: notifyUrl,
    amount: z.object(
      {
        total: fen,
        currency: z.literal('CNY', { error: 'must be CNY' }).optional(),
      },
      { error: 'must be an object' },
    ),
    payer: z.object({ openid: z.string(required).min(1, 'is required').max(128, 'must be at most 128 characters') }, { error: 'must be an object' }),
  },
  { error: 'must be a JSON object' },
);
export type PrepayRequest = z.infer<typeof prepayRequest>;

export const closeRequest = z.object({ mchid: z.string(required).min(1, 'is required') }, { error: 'must be a JSON object' });

export const refundRequest = z.object(
  {
    transaction_id: z.string({ error: 'must be a string' }).regex(/^\d{1,32}$/, 'must be up to 32 digits').optional(),
    out_trade_no: z.string({ error: 'must be a string' }).regex(OUT_TRADE_NO, 'must be 6-32 characters of 0-9, A-Z, a-z, _, -, | or *').optional(),
    out_refund_no: z.string(required).regex(OUT_REFUND_NO, 'must be 1-64 characters of 0-9, A-Z, a-z, _, -, |, * or @'),
    reason: z.string({ error: 'must be a string' }).max(80, 'must be at most 80 characters').optional(),
    notify_url: notifyUrl.optional(),
    amount: z.object(
      {
        refund: fen,
        total: fen,
        currency: z.literal('CNY', { error: 'must be CNY' }),
      },
      { error: 'must be an object' },
    ),
  },
  { error: 'must be a JSON object' },
);
export type RefundRequest = z.infer<typeof refundRequest>;

/** Validates a request body; the first problem becomes PARAM_ERROR with a JSON-pointer detail, as WeChat reports it. */
export function parsePayBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map((key) => `/${String(key)}`).join('');
  throw WechatPayError.param({ field, location: 'body', issue: issue.message });
}
