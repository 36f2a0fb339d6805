import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock';
import type { SandboxCredentials } from './credentials';
import { WechatApiError, WechatErrcode } from './wechat-api-error';

/** Unverified upstream; five minutes is what the reference gives and what clients must cope with. */
export const LOGIN_CODE_TTL_MS = 5 * 60_000;
export const ACCESS_TOKEN_TTL_S = 7200;
/** How long a /cgi-bin/token token keeps working after the next one is issued. */
export const TOKEN_OVERLAP_MS = 5 * 60_000;
export const FORCE_REFRESH_PER_DAY = 20;
export const FORCE_REFRESH_SPACING_MS = 30_000;

/** Dead tokens are remembered a while so a late caller hears "expired" (42001) rather than "invalid" (40001). */
const RETAIN_DEAD_TOKENS_MS = 24 * 3600_000;
const SWEEP_EVERY_MS = 60_000;
/** WeChat's daily quotas reset at midnight in China. */
const CHINA_UTC_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

export interface SandboxUser {
  openid: string;
  unionid: string | null;
  nickname: string | null;
}

interface LoginCode {
  openid: string;
  unionid: string | null;
  expiresAt: number;
  used: boolean;
}

interface TokenRecord {
  expiresAt: number;
  /** Set when a newer token replaced this one; from then on it answers 40001, not 42001. */
  revokedAt: number | null;
}

export interface Code2SessionParams {
  appid?: string;
  secret?: string;
  js_code?: string;
  grant_type?: string;
}

export interface TokenParams {
  grant_type?: string;
  appid?: string;
  secret?: string;
}

export interface Code2SessionAnswer {
  openid: string;
  session_key: string;
  unionid?: string;
}

export interface AccessTokenAnswer {
  access_token: string;
  expires_in: number;
}

/**
 * The mini-program half of WeChat as one in-memory object per sandbox: the login codes phones
 * were given and the access tokens the app was issued. Refusals are thrown as WechatApiError.
 */
export class MiniProgramState {
  private readonly codes = new Map<string, LoginCode>();
  private readonly users = new Map<string, SandboxUser>();
  private readonly tokens = new Map<string, TokenRecord>();
  private latestToken: string | null = null;
  private stableToken: string | null = null;
  private forceRefreshes: { day: number; count: number; lastAt: number | null } = { day: -1, count: 0, lastAt: null };
  private nextSweepAt = 0;

  constructor(
    private readonly app: Pick<SandboxCredentials, 'appid' | 'app_secret'>,
    private readonly clock: Clock,
  ) {}

  /** What wx.login does on a phone: a fresh single-use code standing for this user. */
  issueLoginCode(user: { openid: string; unionid?: string; nickname?: string }): string {
    const now = this.clock.now();
    this.sweep(now);
    const known = this.users.get(user.openid);
    const unionid = user.unionid ?? known?.unionid ?? null;
    this.users.set(user.openid, { openid: user.openid, unionid, nickname: user.nickname ?? known?.nickname ?? null });
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { openid: user.openid, unionid, expiresAt: now + LOGIN_CODE_TTL_MS, used: false });
    return code;
  }

  code2Session(params: Code2SessionParams): Code2SessionAnswer {
    if (!params.appid) throw new WechatApiError(WechatErrcode.APPID_MISSING, 'appid missing');
    if (!params.secret) throw new WechatApiError(WechatErrcode.APPSECRET_MISSING, 'appsecret missing');
    if (!params.js_code) throw new WechatApiError(WechatErrcode.CODE_MISSING, 'missing code');
    if (params.appid !== this.app.appid) throw new WechatApiError(WechatErrcode.INVALID_APPID, 'invalid appid');
    // jscode2session says 40125 for any wrong secret; the token endpoints tell malformed from wrong.
    if (!sameSecret(params.secret, this.app.app_secret)) throw new WechatApiError(WechatErrcode.INVALID_APPSECRET, 'invalid appsecret');
    if (params.grant_type !== 'authorization_code') throw new WechatApiError(WechatErrcode.INVALID_GRANT_TYPE, 'invalid grant_type');

    const now = this.clock.now();
    const code = this.codes.get(params.js_code);
    if (!code || now >= code.expiresAt) throw new WechatApiError(WechatErrcode.INVALID_CODE, 'invalid code');
    if (code.used) throw new WechatApiError(WechatErrcode.CODE_BEEN_USED, 'code been used');
    code.used = true;
    const answer: Code2SessionAnswer = { openid: code.openid, session_key: randomBytes(16).toString('base64') };
    if (code.unionid) answer.unionid = code.unionid;
    return answer;
  }

  /** GET /cgi-bin/token: always a new token; the previous one keeps working for a five-minute overlap. */
  issueAccessToken(params: TokenParams): AccessTokenAnswer {
    this.checkTokenRequest(params);
    const now = this.clock.now();
    this.sweep(now);
    if (this.latestToken) this.revoke(this.latestToken, now + TOKEN_OVERLAP_MS);
    this.latestToken = this.mintToken(now);
    return { access_token: this.latestToken, expires_in: ACCESS_TOKEN_TTL_S };
  }

  /**
   * POST /cgi-bin/stable_token: one token shared by every caller until it expires, independent of
   * /cgi-bin/token. force_refresh replaces it at once and is rationed (20 a day, 30 s apart).
   */
  stableAccessToken(params: TokenParams & { force_refresh?: boolean }): AccessTokenAnswer {
    this.checkTokenRequest(params);
    const now = this.clock.now();
    this.sweep(now);
    const current = this.stableToken ? this.tokens.get(this.stableToken) : undefined;
    if (!params.force_refresh && this.stableToken && current && this.tokenProblem(current, now) === null) {
      return { access_token: this.stableToken, expires_in: Math.ceil((current.expiresAt - now) / 1000) };
    }
    if (params.force_refresh) {
      this.takeForceRefresh(now);
      if (this.stableToken) this.revoke(this.stableToken, now);
    }
    this.stableToken = this.mintToken(now);
    return { access_token: this.stableToken, expires_in: ACCESS_TOKEN_TTL_S };
  }

  /** For endpoints called with ?access_token=: throws 41001 (missing), 40001 (unknown or replaced) or 42001 (expired). */
  checkAccessToken(token: string | undefined): void {
    if (!token) throw new WechatApiError(WechatErrcode.ACCESS_TOKEN_MISSING, 'access_token missing');
    const record = this.tokens.get(token);
    const problem = record ? this.tokenProblem(record, this.clock.now()) : 'invalid';
    if (problem === 'invalid') {
      throw new WechatApiError(WechatErrcode.INVALID_CREDENTIAL, 'invalid credential, access_token is invalid or not latest');
    }
    if (problem === 'expired') throw new WechatApiError(WechatErrcode.ACCESS_TOKEN_EXPIRED, 'access_token expired');
  }

  isValidAccessToken(token: string): boolean {
    const record = this.tokens.get(token);
    return record !== undefined && this.tokenProblem(record, this.clock.now()) === null;
  }

  /** WeChat Pay only accepts payers the sandbox has seen log in to this app. */
  hasIssuedOpenid(openid: string): boolean {
    return this.users.has(openid);
  }

  user(openid: string): SandboxUser | null {
    return this.users.get(openid) ?? null;
  }

  private checkTokenRequest(params: TokenParams): void {
    if (params.grant_type !== 'client_credential') throw new WechatApiError(WechatErrcode.INVALID_GRANT_TYPE, 'invalid grant_type');
    if (!params.appid) throw new WechatApiError(WechatErrcode.APPID_MISSING, 'appid missing');
    if (!params.secret) throw new WechatApiError(WechatErrcode.APPSECRET_MISSING, 'appsecret missing');
    if (params.appid !== this.app.appid) throw new WechatApiError(WechatErrcode.INVALID_APPID, 'invalid appid');
    // As WeChat does here: a secret that cannot be one is 40125, a well-formed wrong one is 40001.
    if (!/^[0-9a-f]{32}$/.test(params.secret)) throw new WechatApiError(WechatErrcode.INVALID_APPSECRET, 'invalid appsecret');
    if (!sameSecret(params.secret, this.app.app_secret)) {
      throw new WechatApiError(WechatErrcode.INVALID_CREDENTIAL, 'invalid credential, appsecret is wrong or does not belong to this appid');
    }
  }

  private takeForceRefresh(now: number): void {
    const day = Math.floor((now + CHINA_UTC_OFFSET_MS) / DAY_MS);
    if (day !== this.forceRefreshes.day) this.forceRefreshes = { day, count: 0, lastAt: this.forceRefreshes.lastAt };
    if (this.forceRefreshes.count >= FORCE_REFRESH_PER_DAY) {
      throw new WechatApiError(WechatErrcode.API_QUOTA_EXCEEDED, 'reach max api daily quota limit');
    }
    const { lastAt } = this.forceRefreshes;
    if (lastAt !== null && now - lastAt < FORCE_REFRESH_SPACING_MS) {
      throw new WechatApiError(WechatErrcode.API_QUOTA_EXCEEDED, 'force_refresh is allowed once every 30 seconds');
    }
    this.forceRefreshes.count += 1;
    this.forceRefreshes.lastAt = now;
  }

  private mintToken(now: number): string {
    // Real tokens run to 150-odd characters; a long one keeps clients from assuming short columns.
    const token = randomBytes(96).toString('base64url');
    this.tokens.set(token, { expiresAt: now + ACCESS_TOKEN_TTL_S * 1000, revokedAt: null });
    return token;
  }

  /** Cuts a token's life short; a token that would expire sooner anyway keeps its natural end. */
  private revoke(token: string, at: number): void {
    const record = this.tokens.get(token);
    if (!record || at >= record.expiresAt) return;
    record.revokedAt = Math.min(record.revokedAt ?? at, at);
  }

  private tokenProblem(record: TokenRecord, now: number): 'invalid' | 'expired' | null {
    if (record.revokedAt !== null && now >= record.revokedAt) return 'invalid';
    if (now >= record.expiresAt) return 'expired';
    return null;
  }

  /** Keeps memory bounded in a long-running sandbox without a timer to clean up. */
  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + SWEEP_EVERY_MS;
    for (const [code, entry] of this.codes) if (now >= entry.expiresAt) this.codes.delete(code);
    for (const [token, record] of this.tokens) {
      const end = Math.min(record.expiresAt, record.revokedAt ?? Infinity);
      if (now >= end + RETAIN_DEAD_TOKENS_MS) this.tokens.delete(token);
    }
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
