import { decodeBase64Url, tokenExpired } from './jwt';

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const token = (payload: object) => `${b64url('{"alg":"HS256"}')}.${b64url(JSON.stringify(payload))}.sig`;

describe('token expiry on the device', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');

  it('reads exp from the payload', () => {
    expect(tokenExpired(token({ sub: '1', exp: now / 1000 + 60 }), now)).toBe(false);
    expect(tokenExpired(token({ sub: '1', exp: now / 1000 }), now)).toBe(true);
  });

  it('counts tokens without exp, or unreadable ones, as expired', () => {
    expect(tokenExpired(token({ sub: '1' }), now)).toBe(true);
    expect(tokenExpired('garbage', now)).toBe(true);
    expect(tokenExpired('a.%%%.c', now)).toBe(true);
  });

  it('decodes UTF-8 base64url without atob', () => {
    expect(decodeBase64Url(b64url('学员 👋'))).toBe('学员 👋');
  });
});
