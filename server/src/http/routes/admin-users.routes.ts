import Router from '@koa/router';
import { z } from 'zod';
import { ROLES } from '../../domain/users/user.entity';
import type { AppContext, AppState } from '../context';
import { actor } from '../middleware/auth';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeMe } from '../serializers/user.serializer';
import { idParam, pageQuery } from '../validation';

const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

/** Users and their roles, for admins. */
export function adminUserRoutes() {
  const router = new Router<AppState, AppContext>();
  const auth = ['admin' as const];

  route(
    router,
    {
      method: 'get',
      path: '/api/admin/users',
      summary: 'Users, newest first; q matches username, name, email or phone',
      tag: 'admin',
      auth,
      query: pageQuery.extend({ q: z.string({ error: 'must be given once' }).trim().max(64, 'must be at most 64 characters').optional(), role: role.optional() }),
    },
    async (ctx, { query }) => {
      const page = pageRequest(query);
      ctx.body = pageBody(ctx, page, await ctx.container.users.list({ q: query.q || undefined, role: query.role }, page), serializeMe);
    },
  );

  route(
    router,
    {
      method: 'patch',
      path: '/api/admin/users/:id',
      summary: "Change a user's role (audited; not your own)",
      tag: 'admin',
      auth,
      params: idParam,
      body: z.strictObject({ role }),
      responses: { 200: 'The user', 404: 'No such user', 409: 'Your own role' },
    },
    async (ctx, { params, body }) => {
      ctx.body = serializeMe(await ctx.container.users.changeRole(actor(ctx), params.id, body.role));
    },
  );

  return router;
}
