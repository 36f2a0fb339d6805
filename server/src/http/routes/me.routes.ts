import Router from '@koa/router';
import type { AppContext, AppState } from '../context';
import { currentUser } from '../middleware/auth';
import { route } from '../route';
import { serializeMe } from '../serializers/user.serializer';

export function meRoutes() {
  const router = new Router<AppState, AppContext>();

  route(router, { method: 'get', path: '/api/me', summary: 'The signed-in user', tag: 'me', auth: true }, (ctx) => {
    ctx.body = serializeMe(currentUser(ctx));
  });

  route(
    router,
    { method: 'post', path: '/api/me/become-creator', summary: 'Open a shop: the learner becomes a creator', tag: 'me', auth: true },
    async (ctx) => {
      const user = await ctx.container.users.becomeCreator(currentUser(ctx).id);
      const { token, expiresAt } = await ctx.container.tokens.issue({ userId: user.id, role: user.role });
      ctx.body = { token, expires_at: expiresAt.toISOString(), user: serializeMe(user) };
    },
  );

  return router;
}
