import Router from '@koa/router';
import type Redis from 'ioredis';
import { z } from 'zod';
import { MAX_CODES_PER_BATCH } from '../../domain/redemption/redemption.service';
import { NotFoundError } from '../../errors';
import { fenToYuan } from '../../shared/money';
import { RateLimiter } from '../../shared/rate-limiter';
import type { AppContext, AppState } from '../context';
import { actor, currentUser } from '../middleware/auth';
import { route } from '../route';
import { serializeOrder } from '../serializers/order.serializer';
import { idParam } from '../validation';

const batchBody = z.strictObject({
  count: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_CODES_PER_BATCH, `at most ${MAX_CODES_PER_BATCH}`),
});
const giftBody = z.strictObject({
  course: z.number({ error: 'must be a course id' }).int('must be a course id').positive('must be a course id'),
});
const batchQuery = z.object({
  /** A batch's id: its `batch` timestamp as listed. */
  batch: z.string({ error: 'must be given once' }).datetime({ offset: true, error: 'must be a batch timestamp (ISO 8601)' }).transform((v) => new Date(v)).optional(),
});
const redeemBody = z.strictObject({
  code: z.string().trim().min(4, 'must be a redemption code').max(32, 'must be a redemption code'),
});

export function redemptionRoutes(limits: { redis: Redis; prefix: string; perMinute: number }) {
  const router = new Router<AppState, AppContext>();
  // Guessing codes is slow: redemptions share the per-learner order limit.
  const attempts = new RateLimiter(limits.redis, `${limits.prefix}:rl:redeem`, limits.perMinute, 60);
  const orders = new RateLimiter(limits.redis, `${limits.prefix}:rl:orders`, limits.perMinute, 60);

  route(
    router,
    {
      method: 'post',
      path: '/api/creator/courses/:id/redemption-codes',
      summary: 'Generate single-use redemption codes for my course (offline sales)',
      tag: 'redemption',
      auth: ['creator'],
      params: idParam,
      body: batchBody,
      responses: { 201: 'The new codes', 404: 'Not my course' },
    },
    async (ctx, { params, body }) => {
      const codes = await ctx.container.redemption.generate(actor(ctx), params.id, body.count);
      ctx.status = 201;
      ctx.body = { course: params.id, codes: codes.map((c) => c.code) };
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/creator/courses/:id/redemption-codes',
      summary: 'My codes for a course in batches (codes generated together), newest first, with whether each was redeemed',
      tag: 'redemption',
      auth: ['creator'],
      params: idParam,
      responses: { 200: 'The batches', 404: 'Not my course' },
    },
    async (ctx, { params }) => {
      const batches = await ctx.container.redemption.batches(actor(ctx), params.id);
      ctx.body = {
        course: params.id,
        results: batches.map((b) => ({
          batch: b.createdAt.toISOString(),
          count: b.codes.length,
          redeemed: b.codes.filter((c) => c.redeemedAt !== null).length,
          codes: b.codes.map((c) => ({ code: c.code, redeemed: c.redeemedAt !== null, redeemed_at: c.redeemedAt?.toISOString() ?? null })),
        })),
      };
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/creator/courses/:id/redemption-codes.csv',
      summary: 'A batch of my codes (or all of them) as CSV: code, redeemed, redeemed_at',
      tag: 'redemption',
      auth: ['creator'],
      params: idParam,
      query: batchQuery,
      responses: { 200: 'text/csv', 404: 'Not my course, or no such batch' },
    },
    async (ctx, { params, query }) => {
      const batches = (await ctx.container.redemption.batches(actor(ctx), params.id)).filter((b) => query.batch === undefined || b.createdAt.getTime() === query.batch.getTime());
      if (batches.length === 0) throw new NotFoundError('batch');
      const lines = ['code,redeemed,redeemed_at', ...batches.flatMap((b) => b.codes.map((c) => `${c.code},${c.redeemedAt ? 'yes' : 'no'},${c.redeemedAt?.toISOString() ?? ''}`))];
      ctx.type = 'text/csv; charset=utf-8';
      ctx.attachment(`redemption-codes-${params.id}.csv`);
      ctx.body = `${lines.join('\n')}\n`;
    },
  );

  route(
    router,
    { method: 'get', path: '/api/me/gifts', summary: 'Gifts I bought (paid gift orders), newest first, with their codes and whether each was redeemed', tag: 'redemption', auth: true },
    async (ctx) => {
      ctx.body = {
        results: (await ctx.container.redemption.myGifts(actor(ctx))).map((g) => ({
          order: g.orderId,
          course: g.courseId,
          course_name: g.courseName,
          amount: fenToYuan(g.amountFen),
          paid_at: g.paidAt?.toISOString() ?? null,
          code: g.code,
          redeemed: g.redeemedAt !== null,
          redeemed_at: g.redeemedAt?.toISOString() ?? null,
        })),
      };
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/redemption-codes/redeem',
      summary: 'Redeem a code: enrolls me in its course; each code works once',
      tag: 'redemption',
      auth: true,
      body: redeemBody,
      responses: { 200: 'Enrolled', 404: 'No such code', 409: 'Code already used, or already enrolled' },
    },
    async (ctx, { body }) => {
      await attempts.consume(String(currentUser(ctx).id));
      ctx.body = { course: (await ctx.container.redemption.redeem(actor(ctx), body.code)).courseId };
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/gift-orders',
      summary: 'Open an order for a course as a gift (a second call returns the open order); once paid, the order has a code to pass on',
      tag: 'redemption',
      auth: true,
      body: giftBody,
      responses: { 201: 'The new order', 200: 'The already open order', 403: 'Your own course', 404: 'No such published course', 409: 'A free course' },
    },
    async (ctx, { body }) => {
      await orders.consume(String(currentUser(ctx).id));
      const { order, created } = await ctx.container.orders.createGift(actor(ctx), { courseId: body.course });
      ctx.status = created ? 201 : 200;
      ctx.body = serializeOrder(await ctx.container.orders.own(actor(ctx), order.id));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/orders/:id/gift',
      summary: 'The code a paid gift order bought, and whether it has been redeemed',
      tag: 'redemption',
      auth: true,
      params: idParam,
      responses: { 200: 'The code', 404: 'Not my gift order, or not paid yet' },
    },
    async (ctx, { params }) => {
      const code = await ctx.container.redemption.giftCode(actor(ctx), params.id);
      if (!code) throw new NotFoundError('gift');
      ctx.body = { order: params.id, course: code.courseId, code: code.code, redeemed: code.redeemedBy !== null };
    },
  );

  return router;
}
