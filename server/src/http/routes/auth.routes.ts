import Router from '@koa/router';
import type Redis from 'ioredis';
import { z } from 'zod';
import type { User } from '../../domain/users/user.entity';
import type { AppContext, AppState, Ctx } from '../context';
import { RateLimiter } from '../../shared/rate-limiter';
import { route } from '../route';
import { serializeMe } from '../serializers/user.serializer';
import { text } from '../validation';

const username = z
  .string()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(32, 'must be at most 32 characters')
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and hold only letters, digits and _')
  .refine((v) => !/^wx_/i.test(v), 'must not start with wx_ (reserved for WeChat accounts)');

const registerBody = z.strictObject({
  username,
  password: z.string().min(1, 'is required').max(128, 'must be at most 128 characters'),
  email: z.email('must be a valid email address').max(254, 'must be at most 254 characters').nullish(),
  phone: z
    .string()
    .regex(/^(1[3-9]\d{9}|\+[1-9]\d{7,14})$/, 'must be a mainland mobile number (11 digits) or +country number')
    .nullish(),
  display_name: text(1, 64).nullish(),
});

const loginBody = z.strictObject({
  username: z.string().min(1, 'is required').max(64, 'must be at most 64 characters'),
  password: z.string().min(1, 'is required').max(128, 'must be at most 128 characters'),
});

const wechatBody = z.strictObject({
  code: z.string().min(1, 'is required').max(128, 'must be at most 128 characters').regex(/^[A-Za-z0-9_-]+$/, 'is not a wx.login code'),
});

async function tokenBody(ctx: Ctx, user: User) {
  const { token, expiresAt } = await ctx.container.tokens.issue({ userId: user.id, role: user.role });
  return { token, expires_at: expiresAt.toISOString(), user: serializeMe(user) };
}

export function authRoutes(limits: { loginPerMinute: number; registerPerHour: number; redis: Redis; prefix: string }) {
  const router = new Router<AppState, AppContext>();
  // Per account and address against guessing one password; per address against spraying many accounts.
  const perAccount = new RateLimiter(limits.redis, `${limits.prefix}:rl:login`, limits.loginPerMinute, 60);
  const perAddress = new RateLimiter(limits.redis, `${limits.prefix}:rl:login-ip`, limits.loginPerMinute * 5, 60);
  const registrations = new RateLimiter(limits.redis, `${limits.prefix}:rl:register`, limits.registerPerHour, 3600);

  route(
    router,
    {
      method: 'post',
      path: '/api/auth/register',
      summary: 'Create a learner account with username and password',
      tag: 'auth',
      body: registerBody,
      responses: { 201: 'Registered: {token, user}', 409: 'Username, email or phone already registered' },
    },
    async (ctx, { body }) => {
      await registrations.consume(ctx.ip);
      const user = await ctx.container.users.register({
        username: body.username,
        password: body.password,
        email: body.email,
        phone: body.phone,
        displayName: body.display_name,
      });
      ctx.status = 201;
      ctx.body = await tokenBody(ctx, user);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in with username and password',
      tag: 'auth',
      body: loginBody,
      responses: { 200: '{token, user}', 401: 'Wrong username or password', 429: 'Too many attempts' },
    },
    async (ctx, { body }) => {
      await perAddress.consume(ctx.ip);
      await perAccount.consume(`${ctx.ip}:${body.username.toLowerCase()}`);
      const user = await ctx.container.users.login(body.username, body.password);
      ctx.body = await tokenBody(ctx, user);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/auth/wechat',
      summary: 'Sign in with a wx.login code (creates the account on first use)',
      tag: 'auth',
      body: wechatBody,
      responses: { 200: 'Signed in: {token, user}', 201: 'Account created: {token, user}', 401: 'Invalid or used code' },
    },
    async (ctx, { body }) => {
      await perAddress.consume(ctx.ip);
      const { user, created } = await ctx.container.users.signInWithWechat(body.code);
      ctx.status = created ? 201 : 200;
      ctx.body = await tokenBody(ctx, user);
    },
  );

  return router;
}
