import { randomBytes } from 'node:crypto';

/**
 * A refusal in the mini-program API's own terms. WeChat answers these with HTTP 200 and
 * `{errcode, errmsg}`, so clients must read the body, not the status; the sandbox does the same.
 */
export class WechatApiError extends Error {
  override name = 'WechatApiError';
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${errcode} ${errmsg}`);
  }

  /** The body WeChat sends, with the request id it appends to every errmsg. */
  toBody(): { errcode: number; errmsg: string } {
    const rid = [4, 4, 4].map((n) => randomBytes(n).toString('hex')).join('-');
    return { errcode: this.errcode, errmsg: `${this.errmsg}, rid: ${rid}` };
  }
}

/** The codes the sandbox answers with, named as WeChat's documentation describes them. */
export const WechatErrcode = {
  SYSTEM_BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_GRANT_TYPE: 40002,
  INVALID_OPENID: 40003,
  INVALID_APPID: 40013,
  INVALID_CODE: 40029,
  INVALID_TEMPLATE_ID: 40037,
  INVALID_APPSECRET: 40125,
  CODE_BEEN_USED: 40163,
  ACCESS_TOKEN_MISSING: 41001,
  APPID_MISSING: 41002,
  APPSECRET_MISSING: 41004,
  CODE_MISSING: 41008,
  ACCESS_TOKEN_EXPIRED: 42001,
  SUBSCRIBE_REFUSED: 43101,
  API_QUOTA_EXCEEDED: 45009,
  DATA_FORMAT_ERROR: 47001,
  ARGUMENT_INVALID: 47003,
} as const;
