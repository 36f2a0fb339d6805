import Router from '@koa/router';
import type Redis from 'ioredis';
import type { AppContext, AppState } from '../context';
import { currentUser } from '../middleware/auth';
import { RateLimiter } from '../../shared/rate-limiter';
import { route } from '../route';

/** Linking the signed-in user to a chat contact: the code shown here is sent to the bot ("绑定 123456"). */
export function chatBindingRoutes(limits: { redis: Redis; prefix: string; perMinute: number }) {
  const router = new Router<AppState, AppContext>();
  // Each code replaces the last, so a steady stream of them only helps someone trying to guess one.
  const issuing = new RateLimiter(limits.redis, `${limits.prefix}:rl:chat-binding-codes`, limits.perMinute, 60);

  route(
    router,
    {
      method: 'post',
      path: '/api/me/chat-binding-code',
      summary: 'A six-digit, single-use code to send to the chat bot as "绑定 <code>"; earlier unused codes stop working',
      tag: 'me',
      auth: true,
      responses: { 201: '{code, expires_at}', 429: 'Too many codes asked for' },
    },
    async (ctx) => {
      const user = currentUser(ctx);
      await issuing.consume(String(user.id));
      const { code, expiresAt } = await ctx.container.chatBindings.issueCode(user.id);
      ctx.status = 201;
      ctx.body = { code, expires_at: expiresAt.toISOString() };
    },
  );

  route(
    router,
    { method: 'get', path: '/api/me/chat-binding', summary: 'Whether a chat contact is bound to me, and which', tag: 'me', auth: true, responses: { 200: '{bound, contact_name?, bound_at?}' } },
    async (ctx) => {
      const contact = await ctx.container.chatBindings.contactForUser(currentUser(ctx).id);
      // The contact id is the chat system's internal handle: the name is what the user recognizes.
      ctx.body = contact ? { bound: true, contact_name: contact.contactName, bound_at: contact.boundAt.toISOString() } : { bound: false };
    },
  );

  route(
    router,
    { method: 'delete', path: '/api/me/chat-binding', summary: 'Unbind my chat contact (nothing happens when none is bound)', tag: 'me', auth: true, responses: { 204: 'Unbound' } },
    async (ctx) => {
      await ctx.container.chatBindings.unbind(currentUser(ctx).id);
      ctx.status = 204;
    },
  );

  return router;
}
