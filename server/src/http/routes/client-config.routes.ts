import Router from '@koa/router';
import type { AppContext, AppState } from '../context';
import { route } from '../route';

/** What the browser build of the app needs to know at run time: whether it plays the phone against the sandbox, and where it is. */
export function clientConfigRoutes() {
  const router = new Router<AppState, AppContext>();
  route(router, { method: 'get', path: '/api/client-config', summary: 'Settings for the H5 app: WeChat mode and the sandbox URL', tag: 'app' }, (ctx) => {
    const { wechat, sandbox } = ctx.container.config;
    ctx.body = { wechat_mode: wechat.mode, sandbox_url: wechat.mode === 'sandbox' ? sandbox.publicUrl : null };
  });
  return router;
}
