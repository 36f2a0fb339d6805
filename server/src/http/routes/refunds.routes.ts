import Router from '@koa/router';
import { z } from 'zod';
import { REFUND_STATUSES } from '../../domain/orders/refund.entity';
import type { AppContext, AppState } from '../context';
import { actor } from '../middleware/auth';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeRefund } from '../serializers/order.serializer';
import { idParam, pageQuery, text } from '../validation';

/** Deciding on refunds: the course's creator, or an admin. */
export function refundRoutes() {
  const router = new Router<AppState, AppContext>();
  const auth = ['creator' as const, 'admin' as const];

  route(
    router,
    {
      method: 'get',
      path: '/api/refunds',
      summary: 'Refund requests of my courses (admins: all)',
      tag: 'refunds',
      auth,
      query: pageQuery.extend({ status: z.enum(REFUND_STATUSES, { error: `must be one of ${REFUND_STATUSES.join(', ')}` }).optional() }),
    },
    async (ctx, { query }) => {
      const page = pageRequest(query);
      ctx.body = pageBody(ctx, page, await ctx.container.refunds.listForDecider(actor(ctx), query.status, page), serializeRefund);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/refunds/:id/approve',
      summary: 'Approve: WeChat Pay refunds the learner; access ends when it confirms',
      tag: 'refunds',
      auth,
      params: idParam,
      body: z.strictObject({ note: text(1, 200).optional() }),
      responses: { 200: 'PROCESSING (or SUCCEEDED)', 404: 'Not yours or missing', 409: 'Already decided', 502: 'WeChat Pay refused' },
    },
    async (ctx, { params, body }) => {
      ctx.body = serializeRefund(await ctx.container.refunds.approve(actor(ctx), params.id, body.note ?? null));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/refunds/:id/reject',
      summary: 'Reject with a note the learner sees',
      tag: 'refunds',
      auth,
      params: idParam,
      body: z.strictObject({ note: text(1, 200) }),
      responses: { 200: 'REJECTED', 404: 'Not yours or missing', 409: 'Already decided' },
    },
    async (ctx, { params, body }) => {
      ctx.body = serializeRefund(await ctx.container.refunds.reject(actor(ctx), params.id, body.note));
    },
  );

  return router;
}
