/** Reading a JWT's expiry on the device (the signature is the server's business). */

/** A JWT's `exp` (seconds) has passed; a token that cannot be read counts as expired. */
export function tokenExpired(token: string, nowMs: number): boolean {
  const payload = token.split('.')[1];
  if (!payload) return true;
  try {
    const json = JSON.parse(decodeBase64Url(payload)) as { exp?: unknown };
    return typeof json.exp !== 'number' || json.exp * 1000 <= nowMs;
  } catch {
    return true;
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url → UTF-8 text without atob/Buffer (neither exists in every mini-program runtime). */
export function decodeBase64Url(input: string): string {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of input.replace(/=+$/, '')) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) throw new Error('not base64url');
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return decodeURIComponent(bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
}
