import Router from '@koa/router';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { KoaAdapter } from '@bull-board/koa';
import type { Middleware } from 'koa';
import { ForbiddenError, UnauthorizedError } from '../../errors';
import { QUEUES } from '../../queues';
import type { AppContext, AppState, Ctx } from '../context';
import { currentUser } from '../middleware/auth';
import { route } from '../route';

export const DASHBOARD_PATH = '/admin/queues';
const LOGIN_PATH = `${DASHBOARD_PATH}/login`;
const COOKIE = 'kp_queues';
/** A ticket only carries the admin from the API call to the browser: one minute, one use. */
const TICKET = { audience: 'knowpay-queues-ticket', ttlSeconds: 60 };
const SESSION = { audience: 'knowpay-queues', ttlSeconds: 15 * 60 };

/**
 * Why not the bearer token: a browser does not send one when it opens a page. The admin asks the API
 * (with the bearer token) for a ticket, opens the ticket's URL, and gets a short session cookie that is
 * HttpOnly, SameSite=Strict (no other site can make the browser use it) and sent to the dashboard only.
 */
export function queueDashboardRoutes() {
  const router = new Router<AppState, AppContext>();
  route(
    router,
    {
      method: 'post',
      path: '/api/admin/queue-dashboard/ticket',
      summary: `A one-minute, single-use link that opens the queue dashboard (${DASHBOARD_PATH}) in a browser`,
      tag: 'admin',
      auth: ['admin'],
      responses: { 201: '{url, expires_at}: open url in a browser' },
    },
    async (ctx) => {
      const user = currentUser(ctx);
      const { token, expiresAt } = await ctx.container.tokens.issue({ userId: user.id, role: user.role }, TICKET);
      ctx.status = 201;
      ctx.body = { url: `${ctx.container.config.publicUrl}${LOGIN_PATH}?ticket=${token}`, expires_at: expiresAt.toISOString() };
    },
  );
  return router;
}

/** The admin behind a dashboard ticket or session token, still an admin now (a demoted one is refused at once). */
async function adminBehind(ctx: Ctx, token: string, audience: string): Promise<{ userId: number; id: string }> {
  const claims = await ctx.container.tokens.verify(token, audience);
  const user = await ctx.container.users.findById(claims.userId);
  if (!user) throw new UnauthorizedError('the account behind this dashboard session no longer exists', 'TOKEN_INVALID');
  if (user.role !== 'admin') throw new ForbiddenError('the queue dashboard is for admins', 'ROLE_REQUIRED');
  return { userId: user.id, id: claims.id };
}

/**
 * bull-board (the BullMQ dashboard) at /admin/queues, behind admin auth: `/login?ticket=` trades a
 * ticket for the session cookie and redirects to the dashboard; every other path needs the cookie.
 * The board and its queues are made on the first admin request, so the API opens nothing for it before.
 */
export function queueDashboard(): Middleware<AppState, AppContext> {
  let board: Middleware | undefined;
  const boardFor = (ctx: Ctx): Middleware => {
    if (!board) {
      const adapter = new KoaAdapter();
      adapter.setBasePath(DASHBOARD_PATH);
      const queues = Object.values(QUEUES).map((name) => new BullMQAdapter(ctx.container.producers.queue(name)));
      createBullBoard({ queues, serverAdapter: adapter, options: { uiConfig: { boardTitle: 'knowpay queues' } } });
      board = adapter.registerPlugin();
    }
    return board;
  };

  return async function queueDashboardMiddleware(ctx, next) {
    if (ctx.path !== DASHBOARD_PATH && !ctx.path.startsWith(`${DASHBOARD_PATH}/`)) return next();
    if (ctx.path === LOGIN_PATH) {
      const ticket = typeof ctx.query.ticket === 'string' ? ctx.query.ticket : '';
      if (!ticket) throw new UnauthorizedError('open the url from POST /api/admin/queue-dashboard/ticket', 'TICKET_REQUIRED');
      const { userId, id } = await adminBehind(ctx, ticket, TICKET.audience);
      const { redis, config, tokens } = ctx.container;
      const fresh = await redis.set(`${config.redisPrefix}:queue-dashboard:ticket:${id}`, '1', 'EX', TICKET.ttlSeconds * 2, 'NX');
      if (fresh !== 'OK') throw new UnauthorizedError('this ticket was used already; ask for a new one', 'TICKET_USED');
      const session = await tokens.issue({ userId, role: 'admin' }, SESSION);
      ctx.cookies.set(COOKIE, session.token, { httpOnly: true, sameSite: 'strict', path: DASHBOARD_PATH, secure: ctx.secure, maxAge: SESSION.ttlSeconds * 1000, overwrite: true });
      ctx.state.log.info({ userId }, 'queue dashboard opened');
      ctx.redirect(DASHBOARD_PATH);
      return;
    }
    const session = ctx.cookies.get(COOKIE);
    if (!session) throw new UnauthorizedError('the queue dashboard needs a session: open the url from POST /api/admin/queue-dashboard/ticket', 'DASHBOARD_SESSION_REQUIRED');
    await adminBehind(ctx, session, SESSION.audience);
    await boardFor(ctx)(ctx, next);
  };
}
