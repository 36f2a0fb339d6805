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

  async issue(claims: TokenClaims): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(String(claims.userId))
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  async verify(token: string): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: this.clock.now(),
      });
      const userId = Number(payload.sub);
      const role = payload.role as Role;
      if (!Number.isSafeInteger(userId) || userId <= 0 || !ROLES.includes(role)) throw new Error('bad claims');
      return { userId, role };
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new UnauthorizedError('the token has expired; sign in again', 'TOKEN_EXPIRED');
      throw new UnauthorizedError('the token is invalid', 'TOKEN_INVALID');
    }
  }
}
