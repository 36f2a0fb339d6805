import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../shared/clock';

/** Signed, expiring media links: `/media/<key>?exp=<unix s>&sig=<hmac>`; anyone holding one may fetch it until exp. */
export class MediaUrlSigner {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly publicUrl: string,
    private readonly clock: Clock,
  ) {}

  private signature(key: string, exp: number): string {
    return createHmac('sha256', this.secret).update(`${key}\n${exp}`).digest('base64url');
  }

  /** A link valid for MEDIA_URL_TTL_S, or for `ttlSeconds` (a link that waits in a chat message lives longer). */
  sign(key: string, ttlSeconds = this.ttlSeconds): string {
    const exp = Math.floor(this.clock.now().getTime() / 1000) + ttlSeconds;
    return `${this.publicUrl}/media/${key}?exp=${exp}&sig=${this.signature(key, exp)}`;
  }

  /** Covers are public: plain URLs without a signature. */
  publicUrlOf(key: string): string {
    return `${this.publicUrl}/media/${key}`;
  }

  verify(key: string, exp: string | undefined, sig: string | undefined): 'ok' | 'expired' | 'invalid' {
    if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return 'invalid';
    const expected = Buffer.from(this.signature(key, Number(exp)));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
    return Number(exp) * 1000 < this.clock.now().getTime() ? 'expired' : 'ok';
  }
}
