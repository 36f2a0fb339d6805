import Router from '@koa/router';
import { z } from 'zod';
import { ORDER_STATUSES } from '../../domain/orders/order.entity';
import type { AppContext, AppState } from '../context';
import { actor } from '../middleware/auth';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeFoundOrder, serializeRefund } from '../serializers/order.serializer';
import { idParam, pageQuery, text } from '../validation';

const single = z.string({ error: 'must be given once' });
const positiveId = single.regex(/^[1-9]\d{0,9}$/, 'must be a positive integer id').transform(Number);
const isoDate = single.pipe(z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' })).transform((v) => new Date(v));

/** Admins' order look-up and refunds on the platform's decision. */
export function adminOrderRoutes() {
  const router = new Router<AppState, AppContext>();
  const auth = ['admin' as const];

  route(
    router,
    {
      method: 'get',
      path: '/api/admin/orders',
      summary: "Search orders: q is an order id, out_trade_no, buyer or course name (part of); newest first, with each order's refund",
      tag: 'admin',
      auth,
      query: pageQuery.extend({
        q: single.trim().max(64, 'must be at most 64 characters').optional(),
        status: z.enum(ORDER_STATUSES, { error: `must be one of ${ORDER_STATUSES.join(', ')}` }).optional(),
        course: positiveId.optional(),
        user: positiveId.optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
      }),
    },
    async (ctx, { query }) => {
      const page = pageRequest(query);
      const result = await ctx.container.orderSearch.search(
        { q: query.q || undefined, status: query.status, courseId: query.course, userId: query.user, from: query.from, to: query.to },
        page,
      );
      ctx.body = pageBody(ctx, page, result, serializeFoundOrder);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/admin/orders/:id/refund',
      summary: 'Refund a paid order in full on the platform\'s decision (any time after payment; approves a pending or rejected request)',
      tag: 'admin',
      auth,
      params: idParam,
      body: z.strictObject({ reason: text(1, 200) }),
      responses: { 200: 'The refund, PROCESSING or SUCCEEDED', 404: 'No such order', 409: 'Not paid, nothing paid, or already refunding', 502: 'WeChat Pay refused' },
    },
    async (ctx, { params, body }) => {
      ctx.body = serializeRefund(await ctx.container.refunds.refundAsAdmin(actor(ctx), params.id, body.reason));
    },
  );

  return router;
}
