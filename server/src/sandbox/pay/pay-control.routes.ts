import { Router } from '@koa/router';
import { z } from 'zod';
import { parseBody } from '../control.routes';
import { jsonBody } from '../middleware';
import type { Notifier } from './notifier';
import type { PayState } from './pay.state';

const prepayBody = z.object(
  { prepay_id: z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') }).min(1, 'is required') },
  { error: 'must be a JSON object' },
);

/**
 * What the learner's phone does in WeChat's cashier, and what tests and the demo want to see of
 * notifications. Unsigned, in the sandbox's own error shape, like the other /sandbox routes.
 */
export function payControlRoutes(state: PayState, notifier: Notifier): Router {
  const router = new Router({ prefix: '/sandbox/pay' });

  /** The merchant hears of the payment by notification; this answer does not wait for its delivery. */
  router.post('/confirm', jsonBody(), (ctx) => {
    const { prepay_id } = parseBody(prepayBody, ctx.request.body);
    ctx.body = { ok: true, ...state.confirmPayment(prepay_id) };
  });

  router.post('/fail', jsonBody(), (ctx) => {
    const { prepay_id } = parseBody(prepayBody, ctx.request.body);
    ctx.body = { ok: true, ...state.failPayment(prepay_id) };
  });

  router.get('/notifications', (ctx) => {
    const filter = ctx.query.out_trade_no;
    const outTradeNo = typeof filter === 'string' && filter !== '' ? filter : undefined;
    const results = notifier.history(outTradeNo);
    ctx.body = { count: results.length, results };
  });

  return router;
}
