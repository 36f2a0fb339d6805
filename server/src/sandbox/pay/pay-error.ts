/**
 * WeChat Pay v3's error codes and the HTTP status each comes with. ORDERPAID is not in the v3
 * reference table; it keeps its v2 spelling as WeChat still uses it, and goes with 403 like the
 * other "this order cannot do that" refusals.
 */
const STATUS_OF = {
  PARAM_ERROR: 400,
  INVALID_REQUEST: 400,
  APPID_MCHID_NOT_MATCH: 400,
  MCH_NOT_EXISTS: 400,
  ORDER_CLOSED: 400,
  SIGN_ERROR: 401,
  NOT_ENOUGH: 403,
  OUT_TRADE_NO_USED: 403,
  ORDERPAID: 403,
  RULE_LIMIT: 403,
  TRADE_ERROR: 403,
  ORDER_NOT_EXIST: 404,
  RESOURCE_NOT_EXISTS: 404,
  SYSTEM_ERROR: 500,
} as const;

export type WechatPayCode = keyof typeof STATUS_OF;

/** Where a bad parameter is, in WeChat's terms: a JSON pointer into the body, or a path/query name. */
export interface WechatPayErrorDetail {
  field: string;
  location: 'body' | 'path' | 'query';
  issue: string;
}

/** A refusal as api.mch.weixin.qq.com words it: an HTTP status plus `{code, message, detail?}`. */
export class WechatPayError extends Error {
  override name = 'WechatPayError';
  readonly status: number;
  constructor(
    readonly code: WechatPayCode,
    readonly description: string,
    readonly detail?: WechatPayErrorDetail,
  ) {
    super(`${code}: ${description}`);
    this.status = STATUS_OF[code];
  }

  static param(detail: WechatPayErrorDetail): WechatPayError {
    return new WechatPayError('PARAM_ERROR', `${detail.field || 'body'}: ${detail.issue}`, detail);
  }

  toBody(): { code: WechatPayCode; message: string; detail?: WechatPayErrorDetail } {
    return { code: this.code, message: this.description, ...(this.detail ? { detail: this.detail } : {}) };
  }
}
