import type { Middleware } from 'koa';
import type { Metrics } from '../../metrics';
import type { AppContext, AppState } from '../context';

/** Times every request under its route pattern (/api/courses/:id), so ids do not explode the label set. */
export function requestMetrics(metrics: Metrics): Middleware<AppState, AppContext> {
  return async function requestMetricsMiddleware(ctx, next) {
    const end = metrics.httpDuration.startTimer();
    try {
      await next();
    } finally {
      const route = (ctx as { _matchedRoute?: string })._matchedRoute ?? (ctx.path.startsWith('/media/') ? '/media' : 'unmatched');
      end({ method: ctx.method, route: String(route), status: String(ctx.status) });
    }
  };
}
