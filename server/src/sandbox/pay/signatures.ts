import { type KeyObject, randomUUID, sign, verify } from 'node:crypto';
import { randomNonce } from './ids';

export const SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048';
/** Both sides refuse a signature whose timestamp is this far from their own clock, or further. */
export const SIGNATURE_WINDOW_MS = 300_000;

export interface MerchantAuthorization {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

const AUTH_FIELDS = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'] as const;
const PAIR = /^\s*([a-z_]+)="([^"]*)"\s*$/;

/**
 * Reads `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",…`. SDKs put the pairs in different
 * orders, so only the set matters; a repeated, unknown-shaped or missing pair makes the header
 * unreadable (null). Values never contain commas: base64, digits and hex only.
 */
export function parseAuthorization(header: string | undefined): MerchantAuthorization | null {
  if (!header) return null;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space) !== SIGNATURE_TYPE) return null;
  const pairs = new Map<string, string>();
  for (const part of header.slice(space + 1).split(',')) {
    const match = PAIR.exec(part);
    if (!match || pairs.has(match[1]!)) return null;
    pairs.set(match[1]!, match[2]!);
  }
  const auth: Partial<MerchantAuthorization> = {};
  for (const field of AUTH_FIELDS) {
    const value = pairs.get(field);
    if (!value) return null;
    auth[field] = value;
  }
  return auth as MerchantAuthorization;
}

/** What the merchant signs: `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`, over the body's exact bytes. */
export function merchantMessage(method: string, urlAsSent: string, auth: MerchantAuthorization, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${method}\n${urlAsSent}\n${auth.timestamp}\n${auth.nonce_str}\n`, 'utf8'), body, Buffer.from('\n')]);
}

export function verifySignature(publicKey: KeyObject, message: Buffer, signatureBase64: string): boolean {
  try {
    return verify('sha256', message, publicKey, Buffer.from(signatureBase64, 'base64'));
  } catch {
    // A signature of the wrong length makes verify throw; for the caller it is simply wrong.
    return false;
  }
}

/**
 * The headers WeChat Pay puts on every answer and notification: an RSA-SHA256 signature over
 * `TIMESTAMP\nNONCE\nBODY\n` (an empty body still has its trailing newline), and the id of the
 * public key that checks it.
 */
export function wechatpayHeaders(privateKey: KeyObject, publicKeyId: string, nowMs: number, body: Buffer): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000).toString();
  const nonce = randomNonce(32);
  const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`, 'utf8'), body, Buffer.from('\n')]);
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': sign('sha256', message, privateKey).toString('base64'),
    'Wechatpay-Serial': publicKeyId,
    'Wechatpay-Signature-Type': SIGNATURE_TYPE,
    'Request-ID': randomUUID(),
  };
}
