import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** KP-XXXXX-XXXXX: 50 random bits, not guessable, short enough to type from a printed certificate. */
export function newCertificateCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return `KP-${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** A code as people type it (lower case, spaces, O for 0, I/L for 1) in its stored form; null when it cannot be one. */
export function normalizeCertificateCode(input: string): string | null {
  const raw = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const body = raw.startsWith('KP') ? raw.slice(2) : raw;
  if (!/^[0-9A-HJKMNP-TV-Z]{10}$/.test(body)) return null;
  return `KP-${body.slice(0, 5)}-${body.slice(5)}`;
}
