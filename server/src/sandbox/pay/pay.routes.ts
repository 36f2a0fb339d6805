import { Router } from '@koa/router';
import type { Context } from 'koa';
import type { PayState } from './pay.state';
import { closeRequest, parsePayBody, prepayRequest, refundRequest } from './pay-requests';

/**
 * WeChat Pay API v3 at its own paths. Handlers only validate and call the state: signatures,
 * body reading and error bodies are the protocol middleware's job (pay-protocol.middleware.ts).
 */
export function wechatPayRoutes(state: PayState): Router {
  const router = new Router();

  router.post('/v3/pay/transactions/jsapi', (ctx) => {
    ctx.body = state.prepay(parsePayBody(prepayRequest, ctx.request.body));
  });

  router.get('/v3/pay/transactions/out-trade-no/:out_trade_no', (ctx) => {
    ctx.body = state.transactionByOutTradeNo(ctx.params.out_trade_no!, queryParam(ctx, 'mchid'));
  });

  router.get('/v3/pay/transactions/id/:transaction_id', (ctx) => {
    ctx.body = state.transactionById(ctx.params.transaction_id!, queryParam(ctx, 'mchid'));
  });

  router.post('/v3/pay/transactions/out-trade-no/:out_trade_no/close', (ctx) => {
    state.closeOrder(ctx.params.out_trade_no!, parsePayBody(closeRequest, ctx.request.body).mchid);
    ctx.status = 204;
  });

  router.post('/v3/refund/domestic/refunds', (ctx) => {
    ctx.body = state.refund(parsePayBody(refundRequest, ctx.request.body));
  });

  router.get('/v3/refund/domestic/refunds/:out_refund_no', (ctx) => {
    ctx.body = state.refundByOutRefundNo(ctx.params.out_refund_no!);
  });

  return router;
}

function queryParam(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === '' ? undefined : first;
}
