import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { UnauthorizedError } from '../../errors';
import type { Clock } from '../../shared/clock';
import { ROLES, type Role } from './user.entity';

const ISSUER = 'knowpay';
const AUDIENCE = 'knowpay-api';
const ALGORITHM = 'HS256';

export interface TokenClaims {
  userId: number;
  role: Role;
}

/** Signs and checks the API's bearer tokens (HS256 only: a token naming another algorithm is refused). */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /**
   * An API token; with `scope`, a token for one other purpose (its own audience, e.g. the queue
   * dashboard's session) that the API never accepts, and whose id lets it be used up once.
   */
  async issue(claims: TokenClaims, scope?: { audience: string; ttlSeconds: number }): Promise<{ token: string; expiresAt: Date; id: string }> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + (scope?.ttlSeconds ?? this.ttlSeconds);
    const id = randomUUID();
    const token = await new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(String(claims.userId))
      .setIssuer(ISSUER)
      .setAudience(scope?.audience ?? AUDIENCE)
      .setJti(id)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000), id };
  }

  /** Checks an API token, or (with `audience`) a token issued for that purpose. */
  async verify(token: string, audience = AUDIENCE): Promise<TokenClaims & { id: string }> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience,
        currentDate: this.clock.now(),
      });
      const userId = Number(payload.sub);
      const role = payload.role as Role;
      if (!Number.isSafeInteger(userId) || userId <= 0 || !ROLES.includes(role)) throw new Error('bad claims');
      return { userId, role, id: payload.jti ?? '' };
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new UnauthorizedError('the token has expired; sign in again', 'TOKEN_EXPIRED');
      throw new UnauthorizedError('the token is invalid', 'TOKEN_INVALID');
    }
  }
}
