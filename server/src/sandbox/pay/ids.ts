import { randomInt } from 'node:crypto';
import { chinaCompact } from './china-time';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

function pick(alphabet: string, count: number): string {
  return Array.from({ length: count }, () => alphabet[randomInt(alphabet.length)]).join('');
}

export function randomDigits(count: number): string {
  return pick('0123456789', count);
}

/** Nonces for signatures and for AES-GCM: WeChat's are letters and digits. */
export function randomNonce(length: number): string {
  return pick(ALPHANUMERIC, length);
}

/** Shaped like WeChat's: "wx", the time of issue, then 20 more characters (36 in all). */
export function newPrepayId(now: number): string {
  return `wx${chinaCompact(now)}${pick(HEX, 20)}`;
}

/** 28 digits, 4200 + 6 digits + the Beijing date + 10 digits, as WeChat Pay's look. */
export function newTransactionId(now: number): string {
  return `4200${randomDigits(6)}${chinaCompact(now).slice(0, 8)}${randomDigits(10)}`;
}

/** 29 digits starting with 50, as WeChat Pay's refund ids look. */
export function newRefundId(now: number): string {
  return `50${randomDigits(4)}${chinaCompact(now).slice(0, 8)}${randomDigits(15)}`;
}
