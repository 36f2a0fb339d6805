import type { KeyObject } from 'node:crypto';
import type { z } from 'zod';
import { ConfigError } from '../../config';
import type { Logger } from '../../logger';
import { type Clock, systemClock } from '../../shared/clock';
import { ResponseSignatureError, WechatPayApiError, WechatPayUnavailableError, normalizeErrorCode } from './errors';
import { loadPrivateKey, loadPublicKey, randomNonce } from './keys';
import { parseNotification } from './notification';
import { requestPaymentParams } from './pay-sign';
import { RequestSigner } from './request-signer';
import { errorBodySchema, prepaySchema, refundSchema, transactionSchema } from './schemas';
import { type PlatformCertificateStore, SignatureVerifier, wechatpayHeadersFrom } from './signature-verifier';
import type { RequestPaymentParams, WechatPayConfig, WechatPayNotification, WechatPayRefund, WechatPayTransaction } from './types';

export interface WechatPayClientOptions extends WechatPayConfig {
  /** Already tagged with its module by the composition root. */
  logger: Logger;
  clock?: Clock;
  fetchFn?: typeof fetch;
  timeoutMs?: number;
  /** Only for merchants still on platform certificates; public key mode needs none. */
  platformCertificates?: PlatformCertificateStore;
}

/** The code of a verified 2xx answer that is not what the API documents: a protocol mismatch, not a refusal. */
export const UNEXPECTED_RESPONSE = 'UNEXPECTED_RESPONSE';

const DEFAULT_TIMEOUT_MS = 10_000;
/** WeChat asks for a retry with the same parameters on SYSTEM_ERROR/BANK_ERROR; two, briefly, keep a learner waiting little. */
const RETRY_DELAYS_MS = [150, 500];
/** Refusals an operator must fix (keys, ids, permissions), as opposed to ones about a single order. */
const CONFIGURATION_CODES = new Set(['SIGN_ERROR', 'NO_AUTH', 'APPID_MCHID_NOT_MATCH', 'MCH_NOT_EXISTS', 'INVALID_REQUEST', 'PARAM_ERROR']);
const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;

type Operation = 'jsapi_prepay' | 'query' | 'close' | 'refund' | 'refund_query';

type Attempt =
  | { kind: 'answer'; status: number; headers: Headers; body: Buffer; requestId?: string }
  | { kind: 'unreachable'; retry: boolean; reason: { name: string; code?: string } };

/**
 * WeChat Pay API v3 for a direct merchant's JSAPI (mini-program) payments and refunds. Every answer
 * is checked against WeChat Pay's signature before anything in it is believed; keys and the APIv3
 * key never reach a log.
 */
export class WechatPayClient {
  private readonly apiBase: string;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;
  private readonly merchantKey: KeyObject;
  private readonly signer: RequestSigner;
  private readonly verifier: SignatureVerifier;

  constructor(private readonly opts: WechatPayClientOptions) {
    this.apiBase = opts.apiBase.replace(/\/+$/, '');
    this.log = opts.logger;
    this.clock = opts.clock ?? systemClock;
    this.fetchFn = opts.fetchFn ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (Buffer.byteLength(opts.apiv3Key, 'utf8') !== 32) throw new ConfigError('the WeChat Pay APIv3 key must be 32 characters');
    this.merchantKey = loadPrivateKey(opts.merchantPrivateKey, 'the WeChat Pay merchant private key');
    this.signer = new RequestSigner(opts.mchid, opts.merchantSerial, this.merchantKey);
    this.verifier = new SignatureVerifier({
      wechatpayPublicKeyId: opts.wechatpayPublicKeyId,
      wechatpayPublicKey: loadPublicKey(opts.wechatpayPublicKey, 'the WeChat Pay public key'),
      clock: this.clock,
      platformCertificates: opts.platformCertificates,
    });
  }

  /** Creates (or, for the same out_trade_no and parameters, finds again) the prepay order a payment needs. */
  async jsapiPrepay(input: {
    outTradeNo: string;
    description: string;
    amountFen: number;
    payerOpenid: string;
    timeExpire: Date;
    attach?: string;
  }): Promise<{ prepayId: string }> {
    assertOutTradeNo(input.outTradeNo);
    assertFen('amountFen', input.amountFen);
    if (Number.isNaN(input.timeExpire.getTime())) throw new RangeError('timeExpire is not a valid date');
    const payload = {
      appid: this.opts.appid,
      mchid: this.opts.mchid,
      description: input.description,
      out_trade_no: input.outTradeNo,
      time_expire: rfc3339Shanghai(input.timeExpire),
      ...(input.attach === undefined ? {} : { attach: input.attach }),
      notify_url: this.opts.notifyUrl,
      amount: { total: input.amountFen, currency: 'CNY' },
      payer: { openid: input.payerOpenid },
    };
    const answer = await this.call('jsapi_prepay', 'POST', '/v3/pay/transactions/jsapi', payload);
    return { prepayId: this.parse('jsapi_prepay', answer, prepaySchema).prepay_id };
  }

  /** Signed with the merchant key; timestamp and nonce are fresh each call. */
  requestPaymentParams(prepayId: string): RequestPaymentParams {
    return requestPaymentParams({
      appId: this.opts.appid,
      prepayId,
      timestamp: unixSeconds(this.clock),
      nonce: randomNonce(),
      privateKey: this.merchantKey,
    });
  }

  /** The order as WeChat Pay sees it; a 404 is WechatPayApiError(404, 'ORDER_NOT_EXIST'). */
  async queryByOutTradeNo(outTradeNo: string): Promise<WechatPayTransaction> {
    assertOutTradeNo(outTradeNo);
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(this.opts.mchid)}`;
    const answer = await this.call('query', 'GET', path);
    return this.parse('query', answer, transactionSchema);
  }

  /** Closes an unpaid order. A paid one is refused (ORDER_PAID): query before treating the order as lost. */
  async close(outTradeNo: string): Promise<void> {
    assertOutTradeNo(outTradeNo);
    await this.call('close', 'POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: this.opts.mchid });
  }

  /**
   * Asks for a refund; the answer usually says PROCESSING, and the outcome comes by notification or
   * queryRefund. Retrying with the same outRefundNo never refunds twice.
   */
  async refund(input: {
    outTradeNo: string;
    outRefundNo: string;
    refundFen: number;
    totalFen: number;
    reason?: string;
    notifyUrl?: string;
  }): Promise<WechatPayRefund> {
    assertOutTradeNo(input.outTradeNo);
    assertOutRefundNo(input.outRefundNo);
    assertFen('refundFen', input.refundFen);
    assertFen('totalFen', input.totalFen);
    const payload = {
      out_trade_no: input.outTradeNo,
      out_refund_no: input.outRefundNo,
      ...(input.reason === undefined ? {} : { reason: input.reason }),
      // Refund outcomes come to the same endpoint as payments unless the caller says otherwise.
      notify_url: input.notifyUrl ?? this.opts.notifyUrl,
      amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
    };
    const answer = await this.call('refund', 'POST', '/v3/refund/domestic/refunds', payload);
    return this.parse('refund', answer, refundSchema);
  }

  /** A 404 is WechatPayApiError(404, 'ORDER_NOT_EXIST'), as for payments. */
  async queryRefund(outRefundNo: string): Promise<WechatPayRefund> {
    assertOutRefundNo(outRefundNo);
    const answer = await this.call('refund_query', 'GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
    return this.parse('refund_query', answer, refundSchema);
  }

  /** Verifies Wechatpay-* headers over the raw body (5-minute window, key chosen by Wechatpay-Serial), decrypts the resource. */
  parseNotification(headers: Record<string, string | string[] | undefined>, rawBody: string): WechatPayNotification {
    return parseNotification({ verifier: this.verifier, apiv3Key: this.opts.apiv3Key }, headers, rawBody);
  }

  /**
   * One API call with its retries: answers a verified 2xx (status and body), throws for the rest.
   * The body is serialized once, so every retry sends the same parameters.
   */
  private async call(op: Operation, method: 'GET' | 'POST', pathAndQuery: string, payload?: object): Promise<{ status: number; body: Buffer }> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await this.attempt(method, pathAndQuery, body);
      const retryDelay = RETRY_DELAYS_MS[attempt];
      if (outcome.kind === 'unreachable') {
        if (outcome.retry && retryDelay !== undefined) {
          this.log.warn({ op, reason: outcome.reason, attempt: attempt + 1 }, 'WeChat Pay not reachable: retrying');
          await sleep(retryDelay);
          continue;
        }
        this.log.warn({ op, reason: outcome.reason }, 'WeChat Pay is not reachable');
        throw new WechatPayUnavailableError(`WeChat Pay is not reachable (${op}: ${outcome.reason.code ?? outcome.reason.name})`);
      }

      this.checkSignature(op, outcome);
      const { status, requestId } = outcome;
      if (status >= 200 && status < 300) return outcome;

      const error = errorBody(outcome.body);
      if (status >= 500) {
        if (retryDelay !== undefined) {
          this.log.warn({ op, status, code: error.code, requestId, attempt: attempt + 1 }, 'WeChat Pay failed: retrying with the same parameters');
          await sleep(retryDelay);
          continue;
        }
        this.log.error({ op, status, code: error.code, requestId }, 'WeChat Pay still failing after retries');
        throw new WechatPayUnavailableError(`WeChat Pay answered ${status}${error.code ? ` ${error.code}` : ''} to ${op}`);
      }
      throw this.refusal(op, status, error, requestId);
    }
  }

  private async attempt(method: string, pathAndQuery: string, body: string): Promise<Attempt> {
    const authorization = this.signer.authorization({ method, pathAndQuery, body, timestamp: unixSeconds(this.clock), nonce: randomNonce() });
    try {
      const response = await this.fetchFn(`${this.apiBase}${pathAndQuery}`, {
        method,
        headers: {
          Authorization: authorization,
          Accept: 'application/json',
          'User-Agent': 'knowpay-server (node)',
          'Wechatpay-Serial': this.opts.wechatpayPublicKeyId,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body ? { body } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // Bytes, not text: the signature covers the bytes, and decoding could hide a change.
      const bytes = Buffer.from(await response.arrayBuffer());
      return { kind: 'answer', status: response.status, headers: response.headers, body: bytes, requestId: response.headers.get('request-id') ?? undefined };
    } catch (err) {
      const reason = describeNetworkFailure(err);
      // A timed-out request may have arrived: repeating it would only double the learner's wait.
      return { kind: 'unreachable', retry: reason.name !== 'TimeoutError', reason };
    }
  }

  /**
   * A 2xx must verify; an error answer is checked when it is signed. WeChat's own gateways may send
   * unsigned errors, which can only make a call fail, never make it look successful.
   */
  private checkSignature(op: Operation, answer: Extract<Attempt, { kind: 'answer' }>): void {
    const headers = wechatpayHeadersFrom(answer.headers);
    const success = answer.status >= 200 && answer.status < 300;
    if (!success && headers.signature === undefined) return;
    const result = this.verifier.verify(headers, answer.body);
    if (result.ok) return;
    this.log.error(
      { op, status: answer.status, reason: result.reason, detail: result.message, requestId: answer.requestId },
      'WeChat Pay answer failed signature verification: ignored as possibly forged',
    );
    throw new ResponseSignatureError(`the WeChat Pay answer to ${op} is not validly signed (${result.message})`);
  }

  private refusal(op: Operation, status: number, error: { code?: string; message?: string; detail?: unknown }, requestId?: string): WechatPayApiError {
    // For a lookup, 404 means "no such order/refund" whatever code (RESOURCE_NOT_EXISTS, none) came with it.
    const code = status === 404 && (op === 'query' || op === 'refund_query') ? 'ORDER_NOT_EXIST' : (error.code ?? `HTTP_${status}`);
    const message = error.message ?? `WeChat Pay answered ${status}`;
    if (CONFIGURATION_CODES.has(code)) {
      this.log.error({ op, status, code, message, requestId }, 'WeChat Pay rejected the call: check the merchant configuration');
    } else {
      this.log.info({ op, status, code, requestId }, 'WeChat Pay refused');
    }
    return new WechatPayApiError(status, code, message, error.detail);
  }

  private parse<T>(op: Operation, answer: { status: number; body: Buffer }, schema: z.ZodType<T>): T {
    let json: unknown;
    try {
      json = JSON.parse(answer.body.toString('utf8'));
    } catch {
      json = undefined;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    this.log.error({ op, status: answer.status, issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'WeChat Pay answered in an unexpected shape');
    throw new WechatPayApiError(answer.status, UNEXPECTED_RESPONSE, `WeChat Pay answered ${op} in an unexpected shape`);
  }
}

/** Error bodies are read leniently: an unparseable one is still an error, with its status. */
function errorBody(bytes: Buffer): { code?: string; message?: string; detail?: unknown } {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return {};
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return {};
  return { code: normalizeErrorCode(parsed.data.code), message: parsed.data.message, detail: parsed.data.detail };
}

/** RFC 3339 in China's offset (`2018-06-08T10:34:56+08:00`), the form WeChat Pay's examples use. */
export function rfc3339Shanghai(date: Date): string {
  const shifted = new Date(Math.floor(date.getTime() / 1000) * 1000 + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

function unixSeconds(clock: Clock): number {
  return Math.floor(clock.now().getTime() / 1000);
}

// Checked here because a malformed number would otherwise reach WeChat inside a signed URL path.
function assertOutTradeNo(value: string): void {
  if (!OUT_TRADE_NO.test(value)) throw new RangeError('outTradeNo must be 6-32 characters of 0-9 A-Z a-z _ - | *');
}

function assertOutRefundNo(value: string): void {
  if (!OUT_REFUND_NO.test(value)) throw new RangeError('outRefundNo must be 1-64 characters of 0-9 A-Z a-z _ - | * @');
}

function assertFen(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${field} must be a positive integer number of fen`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Only the failure's name and code: enough to tell a timeout from a refused connection. Read by shape,
 * not instanceof, because an abort's DOMException may come from another realm than this module's Error.
 */
function describeNetworkFailure(err: unknown): { name: string; code?: string } {
  if (typeof err !== 'object' || err === null) return { name: typeof err };
  const { name, code, cause } = err as { name?: unknown; code?: unknown; cause?: { code?: unknown } };
  const causeCode = typeof cause === 'object' && cause !== null ? cause.code : undefined;
  const found = typeof causeCode === 'string' ? causeCode : code;
  return { name: typeof name === 'string' ? name : 'Error', ...(typeof found === 'string' ? { code: found } : {}) };
}
