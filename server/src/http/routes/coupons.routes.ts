import Router from '@koa/router';
import { z } from 'zod';
import { COUPON_KINDS } from '../../domain/orders/coupon.entity';
import type { AppContext, AppState, Ctx } from '../context';
import { actor } from '../middleware/auth';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeCoupon } from '../serializers/order.serializer';
import { idParam, pageQuery } from '../validation';

const couponBody = z.strictObject({
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{3,32}$/, 'must be 3–32 letters, digits, _ or -'),
  kind: z.enum(COUPON_KINDS, { error: `must be one of ${COUPON_KINDS.join(', ')}` }),
  /** PERCENT: percent off (1–100); FIXED: fen off. */
  value: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000_000, 'is too high'),
  course: z.number().int().positive().nullable().default(null),
  starts_at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }),
  ends_at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }),
  total_limit: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'is too high'),
  per_user_limit: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'is too high').default(1),
});

function author(ctx: Ctx) {
  return actor(ctx);
}

export function couponRoutes() {
  const router = new Router<AppState, AppContext>();
  const auth = ['creator' as const];

  route(
    router,
    { method: 'post', path: '/api/creator/coupons', summary: 'Create a coupon for my courses', tag: 'coupons', auth, body: couponBody, responses: { 201: 'The coupon', 409: 'Code taken' } },
    async (ctx, { body }) => {
      const coupon = await ctx.container.coupons.create(author(ctx), {
        code: body.code,
        kind: body.kind,
        value: body.value,
        courseId: body.course,
        startsAt: new Date(body.starts_at),
        endsAt: new Date(body.ends_at),
        totalLimit: body.total_limit,
        perUserLimit: body.per_user_limit,
      });
      ctx.status = 201;
      ctx.body = serializeCoupon(coupon);
    },
  );

  route(router, { method: 'get', path: '/api/creator/coupons', summary: 'My coupons with their usage', tag: 'coupons', auth, query: pageQuery }, async (ctx, { query }) => {
    const page = pageRequest(query);
    ctx.body = pageBody(ctx, page, await ctx.container.coupons.listOwn(author(ctx), page), serializeCoupon);
  });

  route(
    router,
    { method: 'post', path: '/api/creator/coupons/:id/disable', summary: 'Stop a coupon from being used', tag: 'coupons', auth, params: idParam },
    async (ctx, { params }) => {
      ctx.body = serializeCoupon(await ctx.container.coupons.disable(author(ctx), params.id));
    },
  );

  return router;
}
