import type { Middleware, Next } from 'koa';
import { ForbiddenError, UnauthorizedError } from '../../errors';
import type { Role } from '../../domain/users/user.entity';
import type { AppContext, AppState, Ctx } from '../context';

/**
 * Reads `Authorization: Bearer <jwt>` when present and loads the user, so a demoted or deleted account
 * loses its powers at once. No header: anonymous. A bad or expired token: 401, never silently anonymous.
 */
export function authenticate(): Middleware<AppState, AppContext> {
  return async function authenticateMiddleware(ctx, next) {
    ctx.state.user = null;
    const header = ctx.get('authorization');
    if (header) {
      const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
      if (!match) throw new UnauthorizedError('the Authorization header must be "Bearer <token>"', 'TOKEN_INVALID');
      const claims = await ctx.container.tokens.verify(match[1]!);
      const user = await ctx.container.users.findById(claims.userId);
      if (!user) throw new UnauthorizedError('the account behind this token no longer exists', 'TOKEN_INVALID');
      ctx.state.user = user;
    }
    await next();
  };
}

/** Route guard: signed in, and (when roles are given) holding one of them. */
export function requireUser(...roles: Role[]) {
  return async function requireUserMiddleware(ctx: Ctx, next: Next) {
    const user = ctx.state.user;
    if (!user) throw new UnauthorizedError();
    if (roles.length && !roles.includes(user.role)) {
      throw new ForbiddenError(`this needs the ${roles.join(' or ')} role`, 'ROLE_REQUIRED');
    }
    await next();
  };
}

export function currentUser(ctx: Ctx): NonNullable<AppState['user']> {
  const user = ctx.state.user;
  if (!user) throw new UnauthorizedError();
  return user;
}

/** The signed-in user as the domain's services take them: who, and in which role. */
export function actor(ctx: Ctx): { id: number; role: NonNullable<AppState['user']>['role'] } {
  const { id, role } = currentUser(ctx);
  return { id, role };
}
