import type { Clock } from './clock';
import { firstInvalidKey } from './subscribe-values';
import { WechatApiError, WechatErrcode } from './wechat-api-error';

/**
 * The sandbox knows no template library, so any id shaped like WeChat's (43 characters of base64url
 * there) is taken as a template of this app; configure whatever ids you like within this shape.
 */
export const TEMPLATE_ID = /^[A-Za-z0-9_-]{10,64}$/;
/** wx.requestSubscribeMessage takes at most three template ids per call. */
export const MAX_TEMPLATES_PER_REQUEST = 3;
/** The delivered-message log keeps this many, oldest dropped first, so a long demo stays bounded. */
export const MESSAGE_LOG_LIMIT = 2000;

const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'] as const;
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'] as const;

export interface SubscribeSendRequest {
  touser?: string;
  template_id?: string;
  page?: string;
  data?: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
}

/** A message as the sandbox delivered it, for GET /sandbox/messages. */
export interface DeliveredMessage {
  touser: string;
  template_id: string;
  page: string | null;
  data: Record<string, { value: string }>;
  miniprogram_state: string;
  lang: string;
  sent_at: string;
}

export interface SubscribeMessagesOptions {
  /** Which openids exist: the ones the sandbox issued through wx-login. */
  users: { hasIssuedOpenid(openid: string): boolean };
  clock: Clock;
  /**
   * Real WeChat delivers a message only against a one-time grant the user gave in
   * wx.requestSubscribeMessage (43101 otherwise), and so does the sandbox by default. `true` lets
   * every message through without a grant, for a demo whose front end never asks for one.
   */
  grantAll?: boolean;
}

/**
 * Subscribe messages: the one-time grants users gave (what accepting wx.requestSubscribeMessage
 * does on the phone) and the messages delivered against them. 41030 (page not in the published
 * app) is not emulated: the sandbox knows no published app, so any page is taken.
 */
export class SubscribeMessages {
  /** openid → template id → unused one-time grants. */
  private readonly grants = new Map<string, Map<string, number>>();
  private readonly delivered: DeliveredMessage[] = [];

  constructor(private readonly opts: SubscribeMessagesOptions) {}

  get grantAll(): boolean {
    return this.opts.grantAll === true;
  }

  /** The user accepted these templates on the phone: one more send allowed for each. Returns the grants now held. */
  accept(openid: string, templateIds: string[]): Record<string, number> {
    const held = this.grants.get(openid) ?? new Map<string, number>();
    this.grants.set(openid, held);
    const result: Record<string, number> = {};
    for (const id of new Set(templateIds)) {
      held.set(id, (held.get(id) ?? 0) + 1);
      result[id] = held.get(id)!;
    }
    return result;
  }

  /**
   * POST /cgi-bin/message/subscribe/send, after the access token was checked. Refusals are thrown
   * as WechatApiError; the grant is only used up by a message that is delivered.
   */
  send(req: SubscribeSendRequest): void {
    if (!req.touser || !this.opts.users.hasIssuedOpenid(req.touser)) throw new WechatApiError(WechatErrcode.INVALID_OPENID, 'invalid openid');
    if (!req.template_id || !TEMPLATE_ID.test(req.template_id)) throw new WechatApiError(WechatErrcode.INVALID_TEMPLATE_ID, 'invalid template_id');
    const data = req.data ?? {};
    if (Object.keys(data).length === 0) throw new WechatApiError(WechatErrcode.ARGUMENT_INVALID, 'argument invalid! data is empty');
    const bad = firstInvalidKey(data);
    if (bad !== null) throw new WechatApiError(WechatErrcode.ARGUMENT_INVALID, `argument invalid! data.${bad}.value invalid`);
    const state = req.miniprogram_state ?? 'formal';
    if (!(MINIPROGRAM_STATES as readonly string[]).includes(state)) {
      throw new WechatApiError(WechatErrcode.ARGUMENT_INVALID, 'argument invalid! miniprogram_state invalid');
    }
    const lang = req.lang ?? 'zh_CN';
    if (!(LANGS as readonly string[]).includes(lang)) throw new WechatApiError(WechatErrcode.ARGUMENT_INVALID, 'argument invalid! lang invalid');

    if (!this.grantAll) {
      const held = this.grants.get(req.touser);
      const left = held?.get(req.template_id) ?? 0;
      if (left <= 0) throw new WechatApiError(WechatErrcode.SUBSCRIBE_REFUSED, 'user refuse to accept the msg');
      held!.set(req.template_id, left - 1);
    }
    this.delivered.push({
      touser: req.touser,
      template_id: req.template_id,
      page: req.page ?? null,
      data,
      miniprogram_state: state,
      lang,
      sent_at: new Date(this.opts.clock.now()).toISOString(),
    });
    if (this.delivered.length > MESSAGE_LOG_LIMIT) this.delivered.splice(0, this.delivered.length - MESSAGE_LOG_LIMIT);
  }

  /** Delivered messages, oldest first; only one user's when `touser` is given. */
  messages(touser?: string): DeliveredMessage[] {
    return touser === undefined ? [...this.delivered] : this.delivered.filter((m) => m.touser === touser);
  }
}
