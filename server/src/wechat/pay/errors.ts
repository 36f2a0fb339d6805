/**
 * WeChat Pay's failures, kept apart from the app's AppErrors: the order service decides what each
 * means for a learner (a refused refund is a 409 there, an outage a 503).
 */

/** WeChat Pay answered and refused; `code` is WeChat's, in its current spelling (see normalizeErrorCode). */
export class WechatPayApiError extends Error {
  override name = 'WechatPayApiError';
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

/** No usable answer: network failure, timeout, or 5xx still after the retries. Safe to try again later. */
export class WechatPayUnavailableError extends Error {
  override name = 'WechatPayUnavailableError';
}

export type NotificationRejection = 'headers' | 'signature' | 'timestamp' | 'decrypt' | 'format';

/** A notification that must change nothing; the notify endpoint answers it 4xx so WeChat retries a real one. */
export class NotificationRejectedError extends Error {
  override name = 'NotificationRejectedError';
  constructor(
    readonly reason: NotificationRejection,
    message: string,
  ) {
    super(message);
  }
}

/** An answer that does not carry WeChat Pay's valid signature: possibly forged, so its content is ignored. */
export class ResponseSignatureError extends Error {
  override name = 'ResponseSignatureError';
}

/** The codes of the v3 documentation; older spellings map onto these. */
const CURRENT_CODES = [
  'PARAM_ERROR',
  'INVALID_REQUEST',
  'APPID_MCHID_NOT_MATCH',
  'MCH_NOT_EXISTS',
  'ORDER_CLOSED',
  // WeChat spells this one without underscores in v3 too; it is the only spelling, so it is the one kept.
  'ORDERPAID',
  'SIGN_ERROR',
  'NO_AUTH',
  'NOT_ENOUGH',
  'OUT_TRADE_NO_USED',
  'RULE_LIMIT',
  'TRADE_ERROR',
  'ACCOUNT_ERROR',
  'USER_ACCOUNT_ABNORMAL',
  'ORDER_NOT_EXIST',
  'RESOURCE_NOT_EXISTS',
  'FREQUENCY_LIMITED',
  'SYSTEM_ERROR',
  'BANK_ERROR',
  'REQUEST_BLOCKED',
] as const;

const BY_SQUASHED = new Map<string, string>(CURRENT_CODES.map((code) => [code.replace(/_/g, ''), code]));
/** Renamed, not just re-spelled: one code per meaning, so callers compare against one value. */
const RENAMED = new Map<string, string>([
  ['RATELIMITEXCEEDED', 'FREQUENCY_LIMITED'],
  ['MCHIDNOTEXIST', 'MCH_NOT_EXISTS'],
  ['ORDERNOTEXISTS', 'ORDER_NOT_EXIST'],
]);

/**
 * WeChat Pay still answers some calls with the v2 spellings (NOTENOUGH, ORDERNOTEXIST, SYSTEMERROR):
 * comparing without underscores maps them onto the v3 codes. Unknown codes pass through upper-cased.
 */
export function normalizeErrorCode(code: string): string {
  const squashed = code.trim().toUpperCase().replace(/_/g, '');
  return BY_SQUASHED.get(squashed) ?? RENAMED.get(squashed) ?? code.trim().toUpperCase();
}
