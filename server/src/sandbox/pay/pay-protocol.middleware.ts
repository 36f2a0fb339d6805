import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Router, RouterContext } from '@koa/router';
import type { Context, Middleware, Next } from 'koa';
import type { Logger } from '../../logger';
import type { Clock } from '../clock';
import type { SandboxCredentials } from '../credentials';
import { WechatPayError } from './pay-error';
import { SIGNATURE_WINDOW_MS, merchantMessage, parseAuthorization, verifySignature, wechatpayHeaders } from './signatures';

/** Nothing WeChat Pay accepts comes near this; it bounds what an unauthenticated caller can make us buffer. */
export const PAY_BODY_LIMIT_BYTES = 64 * 1024;

export interface WechatPayProtocolOptions {
  credentials: Pick<SandboxCredentials, 'mchid' | 'merchant_serial' | 'merchant_public_key' | 'wechatpay_private_key' | 'wechatpay_public_key_id'>;
  clock: Clock;
  logger: Logger;
  routes: Router;
}

/**
 * Everything under /v3/ speaks WeChat Pay's protocol around the routes: the merchant's signature is
 * checked over the exact bytes received before anything else, refusals are `{code, message, detail?}`
 * with WeChat's statuses, and every answer, refusals and 204s included, is signed with the WeChat Pay
 * key so a client can (and must) verify it.
 *
 * An Authorization naming another mchid is refused with 400 MCH_NOT_EXISTS (the reference's code for
 * an unknown merchant) rather than 401: there is no key to check it with. Everything else wrong with
 * the header is 401 SIGN_ERROR.
 */
export function wechatPayProtocol(opts: WechatPayProtocolOptions): Middleware {
  const { credentials, clock, logger } = opts;
  const merchantKey = createPublicKey(credentials.merchant_public_key);
  const wechatpayKey = createPrivateKey(credentials.wechatpay_private_key);
  const dispatch = opts.routes.routes();

  function checkMerchantSignature(ctx: Context, body: Buffer): void {
    const auth = parseAuthorization(ctx.get('Authorization') || undefined);
    if (!auth) {
      throw new WechatPayError(
        'SIGN_ERROR',
        'Authorization must be WECHATPAY2-SHA256-RSA2048 with mchid, nonce_str, signature, timestamp and serial_no',
      );
    }
    if (auth.mchid !== credentials.mchid) throw new WechatPayError('MCH_NOT_EXISTS', 'the mchid in Authorization does not exist');
    if (auth.serial_no !== credentials.merchant_serial) {
      throw new WechatPayError('SIGN_ERROR', 'serial_no is not the serial number of the merchant API certificate');
    }
    const seconds = /^\d{1,12}$/.test(auth.timestamp) ? Number(auth.timestamp) : NaN;
    if (!(Math.abs(clock.now() - seconds * 1000) < SIGNATURE_WINDOW_MS)) {
      throw new WechatPayError('SIGN_ERROR', 'timestamp must be the current Unix time in seconds, within 5 minutes');
    }
    // originalUrl is the request target exactly as sent: the merchant signed it undecoded, query included.
    if (!verifySignature(merchantKey, merchantMessage(ctx.method, ctx.originalUrl, auth, body), auth.signature)) {
      throw new WechatPayError('SIGN_ERROR', 'signature does not verify over METHOD, URL, timestamp, nonce_str and body');
    }
  }

  function sign(ctx: Context): void {
    let bytes = Buffer.alloc(0);
    if (ctx.status !== 204 && ctx.body !== null && ctx.body !== undefined) {
      bytes = Buffer.from(JSON.stringify(ctx.body), 'utf8');
      // Sent as the very bytes that were signed.
      ctx.body = bytes;
      ctx.type = 'application/json; charset=utf-8';
    }
    ctx.set(wechatpayHeaders(wechatpayKey, credentials.wechatpay_public_key_id, clock.now(), bytes));
  }

  return async function wechatPayProtocol(ctx: Context, next: Next) {
    if (!ctx.path.startsWith('/v3/')) return next();
    try {
      const raw = await readBody(ctx.req);
      checkMerchantSignature(ctx, raw);
      ctx.request.body = parseJson(raw);
      // The router fills in params and router itself; the context only lacks them in type.
      await dispatch(ctx as RouterContext, async () => {
        throw new WechatPayError('RESOURCE_NOT_EXISTS', `the sandbox has no WeChat Pay API ${ctx.method} ${ctx.path}`);
      });
    } catch (err) {
      if (err instanceof WechatPayError) {
        ctx.status = err.status;
        ctx.body = err.toBody();
      } else {
        logger.error({ err, method: ctx.method, path: ctx.path }, 'WeChat Pay request failed');
        ctx.status = 500;
        ctx.body = { code: 'SYSTEM_ERROR', message: 'system error' };
      }
    }
    sign(ctx);
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > PAY_BODY_LIMIT_BYTES) throw new WechatPayError('INVALID_REQUEST', `the body exceeds ${PAY_BODY_LIMIT_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function parseJson(raw: Buffer): Context['request']['body'] {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as Context['request']['body'];
  } catch {
    throw WechatPayError.param({ field: '', location: 'body', issue: 'is not valid JSON' });
  }
}
