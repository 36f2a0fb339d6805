import Router from '@koa/router';
import type { AppContext, AppState } from '../context';

/** /healthz: the process answers. /readyz: MySQL and Redis answer and no migration is pending. */
export function healthRoutes() {
  const router = new Router<AppState, AppContext>();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const { dataSource, redis } = ctx.container;
    const checks: Record<string, string> = {};
    await Promise.all([
      dataSource
        .query('SELECT 1')
        .then(async () => {
          checks.mysql = 'ok';
          checks.migrations = (await dataSource.showMigrations()) ? 'pending' : 'ok';
        })
        .catch(() => {
          checks.mysql = 'unreachable';
        }),
      redis
        .ping()
        .then(() => {
          checks.redis = 'ok';
        })
        .catch(() => {
          checks.redis = 'unreachable';
        }),
    ]);
    const ready = Object.values(checks).every((v) => v === 'ok');
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'not ready', checks };
  });
  return router;
}
