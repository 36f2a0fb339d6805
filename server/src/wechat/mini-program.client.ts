import { z } from 'zod';
import {
  type AppError,
  ForbiddenError,
  RateLimitedError,
  ServiceUnavailableError,
  SubscribeRefusedError,
  UnauthorizedError,
  UpstreamError,
  ValidationError,
} from '../errors';
import type { Logger } from '../logger';

export interface MiniProgramClientOptions {
  /** https://api.weixin.qq.com in production, the sandbox's URL otherwise. */
  apiBase: string;
  appid: string;
  appSecret: string;
  /** Already tagged with its module by the composition root. */
  logger: Logger;
  fetchFn?: typeof fetch;
  timeoutMs?: number;
  /** Milliseconds since the epoch; decides when a cached access token is due for renewal. */
  clock?: { now(): number };
}

export interface WechatSession {
  openid: string;
  unionid: string | null;
  sessionKey: string;
}

/** A subscribe message (wechat-reference.md §3); `data` keys are the template's, values follow their key type's rules. */
export interface SubscribeMessage {
  /** The recipient's openid for this mini-program. */
  touser: string;
  templateId: string;
  /** The mini-program page the message opens, e.g. `pages/orders/index?id=7`. */
  page?: string;
  data: Record<string, { value: string }>;
  /** Which version of the mini-program the page opens in; WeChat's default is `formal`. */
  miniprogramState?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

/** The token was refused where it was used: invalid or replaced (40001, 40014) or expired (42001). */
const TOKEN_REJECTED = new Set([40001, 40014, 42001]);

/** Renew this long before WeChat's expiry, so a token is never used in its last minutes. */
export const TOKEN_RENEW_MARGIN_MS = 5 * 60_000;
const DEFAULT_TIMEOUT_MS = 5000;

/** WeChat puts errcode on failures only, sometimes 0 on success: absent means 0. */
const errorFields = z.object({
  errcode: z.number().int().optional(),
  errmsg: z.string().optional(),
});
const sessionAnswer = z.object({
  openid: z.string().min(1),
  session_key: z.string().min(1),
  unionid: z.string().min(1).optional(),
});
const tokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

type Operation = 'code2Session' | 'stable_token' | 'subscribe_send';

/**
 * The mini-program server API: login (code2Session), the access token other calls need, and
 * subscribe messages.
 * Failures become the app's typed errors; the app secret and session keys never reach a log.
 */
export class MiniProgramClient {
  private readonly apiBase: string;
  private readonly log: Logger;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;
  private readonly clock: { now(): number };
  private cachedToken: { token: string; renewAt: number } | null = null;
  private tokenRequest: Promise<string> | null = null;

  constructor(private readonly opts: MiniProgramClientOptions) {
    this.apiBase = opts.apiBase.replace(/\/+$/, '');
    this.log = opts.logger;
    this.fetchFn = opts.fetchFn ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.clock = opts.clock ?? { now: () => Date.now() };
  }

  /** Exchanges a wx.login code for the user's identity. Codes are single-use: never retry with the same one. */
  async code2Session(code: string): Promise<WechatSession> {
    if (!code.trim()) throw ValidationError.field('code', 'is required');
    const query = new URLSearchParams({
      appid: this.opts.appid,
      secret: this.opts.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    const json = await this.call('code2Session', `/sns/jscode2session?${query}`, { method: 'GET' });
    const session = sessionAnswer.safeParse(json);
    if (!session.success) throw this.unexpectedAnswer('code2Session');
    return { openid: session.data.openid, unionid: session.data.unionid ?? null, sessionKey: session.data.session_key };
  }

  /**
   * A valid access token, from cache while it has more than five minutes left. Uses the stable
   * token endpoint, so several processes share one token instead of invalidating each other's.
   */
  async getAccessToken(): Promise<string> {
    const cached = this.cachedToken;
    if (cached && this.clock.now() < cached.renewAt) return cached.token;
    // Concurrent callers share one request rather than each fetching (and rationing) a token.
    this.tokenRequest ??= this.fetchStableToken().finally(() => {
      this.tokenRequest = null;
    });
    return this.tokenRequest;
  }

  /**
   * Sends one subscribe message. A token WeChat no longer takes (replaced by another process's
   * force_refresh, or expired early) is dropped and the send tried once more with a fresh one.
   * Throws SubscribeRefusedError (43101) when the user holds no grant for the template: the caller
   * treats that as "not subscribed"; other refusals (40003 touser, 40037 template, 47003 data) are
   * UpstreamErrors that no retry will fix.
   */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    const body = JSON.stringify({
      touser: message.touser,
      template_id: message.templateId,
      ...(message.page === undefined ? {} : { page: message.page }),
      data: message.data,
      ...(message.miniprogramState === undefined ? {} : { miniprogram_state: message.miniprogramState }),
      ...(message.lang === undefined ? {} : { lang: message.lang }),
    });
    for (let attempt = 1; ; attempt++) {
      const token = await this.getAccessToken();
      try {
        await this.call('subscribe_send', `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        return;
      } catch (err) {
        if (attempt > 1 || !(err instanceof UpstreamError) || !TOKEN_REJECTED.has(Number(err.upstreamCode))) throw err;
        this.invalidateAccessToken(token);
      }
    }
  }

  /** For callers told 40001/42001 by WeChat: the next getAccessToken() asks WeChat again. */
  invalidateAccessToken(token: string): void {
    if (this.cachedToken?.token === token) this.cachedToken = null;
  }

  private async fetchStableToken(): Promise<string> {
    const requestedAt = this.clock.now();
    const json = await this.call('stable_token', '/cgi-bin/stable_token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: this.opts.appid, secret: this.opts.appSecret, force_refresh: false }),
    });
    const answer = tokenAnswer.safeParse(json);
    if (!answer.success) throw this.unexpectedAnswer('stable_token');
    const { access_token: token, expires_in: expiresIn } = answer.data;
    // Counted from when we asked, not when the answer arrived, so a slow answer cannot stretch it.
    this.cachedToken = { token, renewAt: requestedAt + expiresIn * 1000 - TOKEN_RENEW_MARGIN_MS };
    return token;
  }

  /** One HTTP call; returns the JSON of a successful answer or throws the app's error for it. */
  private async call(op: Operation, pathAndQuery: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    let json: unknown;
    try {
      response = await this.fetchFn(`${this.apiBase}${pathAndQuery}`, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      if (response.status >= 500) throw new Error(`HTTP ${response.status}`);
      json = await response.json();
    } catch (err) {
      if (err instanceof SyntaxError) {
        this.log.error({ op }, 'WeChat answered with something that is not JSON');
        throw new UpstreamError('WeChat answered with something that is not JSON');
      }
      // Only the cause's name and code: a message could quote the URL, and the URL holds the secret.
      this.log.warn({ op, reason: describeNetworkFailure(err) }, 'WeChat is not reachable');
      throw new ServiceUnavailableError('WeChat is not reachable', 'WECHAT_UNAVAILABLE');
    }
    const fields = errorFields.safeParse(json);
    if (!fields.success || typeof json !== 'object' || json === null) throw this.unexpectedAnswer(op);
    const errcode = fields.data.errcode ?? 0;
    if (errcode !== 0) throw this.refusal(op, errcode, fields.data.errmsg ?? '');
    return json;
  }

  private refusal(op: Operation, errcode: number, errmsg: string): AppError {
    if (op === 'subscribe_send') return this.sendRefusal(errcode, errmsg);
    switch (errcode) {
      case 40029:
      case 40163:
        this.log.info({ op, errcode }, 'WeChat refused the login code');
        return new UnauthorizedError('the WeChat login code is invalid or already used', 'WECHAT_CODE_INVALID');
      case 40226:
        this.log.warn({ op, errcode }, 'WeChat blocked a high-risk user');
        return new ForbiddenError('WeChat has blocked this account from logging in', 'WECHAT_USER_BLOCKED');
      case 45011:
        this.log.warn({ op, errcode }, 'WeChat login quota reached for this user');
        return new RateLimitedError(60);
      case -1:
        this.log.warn({ op, errcode, errmsg }, 'WeChat is busy');
        return new ServiceUnavailableError('WeChat is not reachable', 'WECHAT_UNAVAILABLE');
      default:
        // Wrong appid or secret, missing parameters, quotas: nothing a user can fix, so an operator must.
        this.log.error({ op, errcode, errmsg, appid: this.opts.appid }, 'WeChat rejected the call: check the WeChat appid and app secret');
        return new UpstreamError(`WeChat ${op} failed with errcode ${errcode}`, errcode);
    }
  }

  private sendRefusal(errcode: number, errmsg: string): AppError {
    if (errcode === 43101) return new SubscribeRefusedError();
    if (TOKEN_REJECTED.has(errcode)) {
      this.log.info({ op: 'subscribe_send', errcode }, 'WeChat no longer takes the access token');
    } else if (errcode === -1) {
      this.log.warn({ op: 'subscribe_send', errcode, errmsg }, 'WeChat is busy');
      return new ServiceUnavailableError('WeChat is not reachable', 'WECHAT_UNAVAILABLE');
    } else {
      // A wrong openid, template id, page or value: a bug or a misconfigured template, not a passing fault.
      this.log.error({ op: 'subscribe_send', errcode, errmsg }, 'WeChat refused a subscribe message');
    }
    return new UpstreamError(`WeChat subscribe_send failed with errcode ${errcode}`, errcode);
  }

  private unexpectedAnswer(op: Operation): UpstreamError {
    this.log.error({ op }, 'WeChat answered in an unexpected shape');
    return new UpstreamError(`WeChat ${op} answered in an unexpected shape`);
  }
}

function describeNetworkFailure(err: unknown): { name: string; code?: string } {
  if (!(err instanceof Error)) return { name: typeof err };
  const cause = err.cause as { code?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : (err as { code?: unknown }).code;
  return { name: err.name, ...(typeof code === 'string' ? { code } : {}) };
}
