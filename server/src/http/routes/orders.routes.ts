import Router from '@koa/router';
import type Redis from 'ioredis';
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../errors';
import type { AppContext, AppState, Ctx } from '../context';
import { actor, currentUser } from '../middleware/auth';
import { RateLimiter } from '../../shared/rate-limiter';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeOrder, serializeRefund } from '../serializers/order.serializer';
import { idParam, pageQuery, text } from '../validation';

const createOrderBody = z.strictObject({
  course: z.number({ error: 'must be a course id' }).int('must be a course id').positive('must be a course id'),
  coupon: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{3,32}$/, 'must be 3–32 letters, digits, _ or -')
    .optional(),
});

function buyer(ctx: Ctx) {
  return actor(ctx);
}

export function orderRoutes(limits: { redis: Redis; prefix: string; perMinute: number }) {
  const router = new Router<AppState, AppContext>();
  const creations = new RateLimiter(limits.redis, `${limits.prefix}:rl:orders`, limits.perMinute, 60);

  route(
    router,
    {
      method: 'post',
      path: '/api/orders',
      summary: 'Open an order for a course at the server price (a second call returns the open order; free courses enroll at once)',
      tag: 'orders',
      auth: true,
      body: createOrderBody,
      responses: { 201: 'The new order', 200: 'The already open order', 403: 'Your own course', 404: 'No such published course', 409: 'Already enrolled, or a coupon that cannot be used' },
    },
    async (ctx, { body }) => {
      await creations.consume(String(currentUser(ctx).id));
      const { order, created } = await ctx.container.orders.create(buyer(ctx), { courseId: body.course, couponCode: body.coupon });
      ctx.status = created ? 201 : 200;
      ctx.body = serializeOrder(await ctx.container.orders.own(buyer(ctx), order.id));
    },
  );

  route(router, { method: 'get', path: '/api/orders', summary: 'My orders, newest first', tag: 'orders', auth: true, query: pageQuery }, async (ctx, { query }) => {
    const page = pageRequest(query);
    ctx.body = pageBody(ctx, page, await ctx.container.orders.list(buyer(ctx), page), serializeOrder);
  });

  route(
    router,
    { method: 'get', path: '/api/orders/:id', summary: 'One of my orders', tag: 'orders', auth: true, params: idParam, responses: { 200: 'The order', 404: 'Not yours or missing' } },
    async (ctx, { params }) => {
      ctx.body = serializeOrder(await ctx.container.orders.own(buyer(ctx), params.id));
    },
  );

  route(
    router,
    {
      method: 'patch',
      path: '/api/orders/:id',
      summary: 'Refused: an order changes only through payment, expiry and refunds',
      tag: 'orders',
      auth: true,
      params: idParam,
      responses: { 403: 'Orders are not editable', 404: 'Not yours or missing' },
    },
    async (ctx, { params }) => {
      await ctx.container.orders.own(buyer(ctx), params.id);
      throw new ForbiddenError('an order cannot be edited: it is paid only through WeChat Pay', 'ORDER_READ_ONLY');
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/orders/:id/pay',
      summary: 'The parameters for wx.requestPayment (JSAPI prepay with time_expire = the order expiry)',
      tag: 'orders',
      auth: true,
      params: idParam,
      responses: { 200: '{appId, timeStamp, nonceStr, package, signType, paySign}', 409: 'Not payable (paid, expired) or no WeChat account bound' },
    },
    async (ctx, { params }) => {
      ctx.body = await ctx.container.orders.pay(buyer(ctx), params.id);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/orders/:id/refund',
      summary: 'Ask for a refund of a paid order (within the refund window)',
      tag: 'refunds',
      auth: true,
      params: idParam,
      body: z.strictObject({ reason: text(1, 200) }),
      responses: { 201: 'The refund request', 409: 'Not refundable, window closed, or already requested' },
    },
    async (ctx, { params, body }) => {
      ctx.status = 201;
      ctx.body = serializeRefund(await ctx.container.refunds.request(buyer(ctx), params.id, body.reason));
    },
  );

  route(
    router,
    { method: 'get', path: '/api/orders/:id/refund', summary: "The refund of one of my orders", tag: 'refunds', auth: true, params: idParam, responses: { 200: 'The refund', 404: 'None' } },
    async (ctx, { params }) => {
      await ctx.container.orders.own(buyer(ctx), params.id);
      const refund = await ctx.container.refunds.ofOrder(buyer(ctx), params.id);
      if (!refund) throw new NotFoundError('refund');
      ctx.body = serializeRefund(refund);
    },
  );

  return router;
}
