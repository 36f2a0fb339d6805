import { type KeyObject, verify } from 'node:crypto';
import type { Clock } from '../../shared/clock';

/** The Wechatpay-* headers of an answer or a notification; absent ones are undefined. */
export interface WechatpaySignatureHeaders {
  timestamp?: string;
  nonce?: string;
  signature?: string;
  serial?: string;
  signatureType?: string;
}

/**
 * Where keys for serials other than `PUB_KEY_ID_…` come from: merchants that still use platform
 * certificates fill one from GET /v3/certificates (the certificates decrypt with aead.ts,
 * associated_data "certificate"). Without one, such serials are unknown and rejected.
 */
export interface PlatformCertificateStore {
  keyFor(serial: string): KeyObject | undefined;
}

export type VerificationResult = { ok: true } | { ok: false; reason: 'headers' | 'timestamp' | 'signature'; message: string };

/** WeChat's window; a message outside it may be a replay. */
export const MAX_CLOCK_SKEW_SECONDS = 300;
const SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048';
/** WeChat's probes of whether merchants really verify: they must fail. */
const SIGN_TEST_PREFIX = 'WECHATPAY/SIGNTEST/';
const PUBLIC_KEY_SERIAL_PREFIX = 'PUB_KEY_ID_';

export interface SignatureVerifierOptions {
  wechatpayPublicKeyId: string;
  wechatpayPublicKey: KeyObject;
  clock: Clock;
  platformCertificates?: PlatformCertificateStore;
}

/**
 * Checks `TIMESTAMP\nNONCE\nBODY\n` against Wechatpay-Signature with the key Wechatpay-Serial names.
 * Answers with a reason instead of throwing, so answers and notifications can raise their own errors.
 */
export class SignatureVerifier {
  constructor(private readonly opts: SignatureVerifierOptions) {}

  verify(headers: WechatpaySignatureHeaders, body: string | Uint8Array): VerificationResult {
    const { timestamp, nonce, signature, serial, signatureType } = headers;
    if (!timestamp || !nonce || !signature || !serial) {
      return { ok: false, reason: 'headers', message: 'Wechatpay-Timestamp, -Nonce, -Signature and -Serial are required' };
    }
    if (signatureType !== undefined && signatureType !== SIGNATURE_TYPE) {
      return { ok: false, reason: 'headers', message: `unsupported Wechatpay-Signature-Type ${signatureType}` };
    }
    if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'headers', message: 'Wechatpay-Timestamp is not unix seconds' };
    if (signature.startsWith(SIGN_TEST_PREFIX)) return { ok: false, reason: 'signature', message: 'a WeChat Pay signature probe' };

    const skew = Math.abs(Math.floor(this.opts.clock.now().getTime() / 1000) - Number(timestamp));
    if (skew >= MAX_CLOCK_SKEW_SECONDS) {
      return { ok: false, reason: 'timestamp', message: `Wechatpay-Timestamp is ${skew} s away from now` };
    }

    const key = this.keyFor(serial);
    if (!key) return { ok: false, reason: 'signature', message: `no verification key for Wechatpay-Serial ${serial}` };

    const bodyBytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`, 'utf8'), bodyBytes, Buffer.from('\n', 'utf8')]);
    let valid: boolean;
    try {
      valid = verify('sha256', message, key, Buffer.from(signature, 'base64'));
    } catch {
      valid = false;
    }
    return valid ? { ok: true } : { ok: false, reason: 'signature', message: 'Wechatpay-Signature does not verify' };
  }

  private keyFor(serial: string): KeyObject | undefined {
    // A PUB_KEY_ID_ serial names the public key mode: only the configured key may answer to it.
    if (serial.startsWith(PUBLIC_KEY_SERIAL_PREFIX)) {
      return serial === this.opts.wechatpayPublicKeyId ? this.opts.wechatpayPublicKey : undefined;
    }
    return this.opts.platformCertificates?.keyFor(serial);
  }
}

/**
 * Picks the Wechatpay-* headers out of Node's incoming headers (lower-cased names) or any record.
 * A header sent twice is treated as absent: which copy was signed cannot be known.
 */
export function wechatpayHeadersFrom(headers: Record<string, string | string[] | undefined> | Headers): WechatpaySignatureHeaders {
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
    const value = key === undefined ? undefined : headers[key];
    if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
    return value;
  };
  return {
    timestamp: get('wechatpay-timestamp'),
    nonce: get('wechatpay-nonce'),
    signature: get('wechatpay-signature'),
    serial: get('wechatpay-serial'),
    signatureType: get('wechatpay-signature-type'),
  };
}
