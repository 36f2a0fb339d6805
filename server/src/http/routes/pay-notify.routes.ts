import Router from '@koa/router';
import { PaymentMismatchError } from '../../domain/orders/order-errors';
import type { AppContext, AppState, Ctx } from '../context';

/** WeChat Pay's notifications are small; anything larger is not one. */
const NOTIFY_BODY_LIMIT = 64 * 1024;

async function readRawBody(ctx: Ctx): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > NOTIFY_BODY_LIMIT) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function fail(ctx: Ctx, status: number, message: string): void {
  ctx.status = status;
  ctx.body = { code: 'FAIL', message };
}

/**
 * POST /api/pay/wechat/notify, answered WeChat's way: 204 when handled (also for a replay), 4xx with
 * {code: FAIL} for a notification that is forged, stale or not about our order (logged as an anomaly,
 * nothing changed), 5xx when we could not process it, so WeChat Pay retries.
 * It reads the raw body itself: the signature covers the exact bytes.
 */
export function payNotifyRoutes() {
  const router = new Router<AppState, AppContext>();
  router.post('/api/pay/wechat/notify', async (ctx) => {
    const log = ctx.state.log.child({ module: 'pay-notify' });
    const raw = await readRawBody(ctx);
    if (raw === null) return fail(ctx, 413, 'body too large');

    let notification;
    try {
      notification = ctx.container.wechatPay.parseNotification(ctx.headers, raw);
    } catch (err) {
      const reason = (err as { reason?: string }).reason ?? 'format';
      log.warn({ anomaly: 'notification-rejected', reason, err: (err as Error).message, ip: ctx.ip }, 'payment notification rejected');
      ctx.container.metrics.payNotifications.inc({ event: 'unknown', outcome: 'rejected' });
      return fail(ctx, reason === 'signature' || reason === 'timestamp' || reason === 'headers' ? 401 : 400, `notification rejected: ${reason}`);
    }

    try {
      if (notification.eventType === 'TRANSACTION.SUCCESS') {
        const outcome = await ctx.container.orders.applyPaidTransaction(notification.transaction, 'notify');
        ctx.container.metrics.payNotifications.inc({ event: notification.eventType, outcome });
        log.info({ notification: notification.id, outTradeNo: notification.transaction.out_trade_no, outcome }, 'payment notification handled');
      } else {
        await ctx.container.refunds.applyNotice(notification.refund);
        ctx.container.metrics.payNotifications.inc({ event: notification.eventType, outcome: 'refund' });
        log.info({ notification: notification.id, outRefundNo: notification.refund.out_refund_no, event: notification.eventType }, 'refund notification handled');
      }
      ctx.status = 204;
    } catch (err) {
      const outcome = err instanceof PaymentMismatchError ? 'mismatch' : 'error';
      ctx.container.metrics.payNotifications.inc({ event: notification.eventType, outcome });
      if (err instanceof PaymentMismatchError) {
        log.warn({ anomaly: 'notification-mismatch', notification: notification.id, err: err.message }, 'payment notification does not match our records');
        return fail(ctx, 400, err.message);
      }
      log.error({ err, notification: notification.id }, 'payment notification could not be processed; WeChat Pay will retry');
      return fail(ctx, 500, 'temporarily unable to process');
    }
  });
  return router;
}
