import { Router } from '@koa/router';
import type { Context, Next } from 'koa';
import { z } from 'zod';
import { isRequestReadError, jsonBody } from './middleware';
import type { MiniProgramState } from './mini-program.state';
import type { SubscribeMessages } from './subscribe-messages.state';
import { WechatApiError, WechatErrcode } from './wechat-api-error';

const stableTokenBody = z.object({
  grant_type: z.string().optional(),
  appid: z.string().optional(),
  secret: z.string().optional(),
  force_refresh: z.boolean().optional(),
});

// Only the shape is read here (wrong types are 47001, as WeChat answers unreadable bodies); the
// values are WeChat's business and checked by the state (40003, 40037, 47003, 43101).
const subscribeSendBody = z.object({
  touser: z.string().optional(),
  template_id: z.string().optional(),
  page: z.string().optional(),
  data: z.record(z.string(), z.object({ value: z.string() })).optional(),
  miniprogram_state: z.string().optional(),
  lang: z.string().optional(),
});

/** The mini-program server API at WeChat's paths, answering as api.weixin.qq.com does. */
export function miniProgramRoutes(state: MiniProgramState, subscriptions: SubscribeMessages): Router {
  const router = new Router();
  router.use(wechatErrorBodies);

  router.get('/sns/jscode2session', (ctx) => {
    ctx.body = state.code2Session({
      appid: queryParam(ctx, 'appid'),
      secret: queryParam(ctx, 'secret'),
      js_code: queryParam(ctx, 'js_code'),
      grant_type: queryParam(ctx, 'grant_type'),
    });
  });

  router.get('/cgi-bin/token', (ctx) => {
    ctx.body = state.issueAccessToken({
      grant_type: queryParam(ctx, 'grant_type'),
      appid: queryParam(ctx, 'appid'),
      secret: queryParam(ctx, 'secret'),
    });
  });

  router.post('/cgi-bin/stable_token', jsonBody(), (ctx) => {
    const body = stableTokenBody.safeParse(ctx.request.body ?? {});
    if (!body.success) throw new WechatApiError(WechatErrcode.DATA_FORMAT_ERROR, 'data format error');
    ctx.body = state.stableAccessToken(body.data);
  });

  router.post('/cgi-bin/message/subscribe/send', jsonBody(), (ctx) => {
    state.checkAccessToken(queryParam(ctx, 'access_token'));
    const body = subscribeSendBody.safeParse(ctx.request.body ?? {});
    if (!body.success) throw new WechatApiError(WechatErrcode.DATA_FORMAT_ERROR, 'data format error');
    subscriptions.send(body.data);
    ctx.body = { errcode: 0, errmsg: 'ok' };
  });

  // A real endpoint whose only job is to accept a valid token: the simplest way to ask over HTTP
  // whether a token still works.
  router.get('/cgi-bin/get_api_domain_ip', (ctx) => {
    state.checkAccessToken(queryParam(ctx, 'access_token'));
    ctx.body = { ip_list: ['127.0.0.1'] };
  });

  return router;
}

/** WeChat refuses with HTTP 200 and {errcode, errmsg}, unreadable bodies included (47001). */
async function wechatErrorBodies(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } catch (err) {
    if (err instanceof WechatApiError) {
      ctx.status = 200;
      ctx.body = err.toBody();
    } else if (isRequestReadError(err)) {
      ctx.status = 200;
      ctx.body = new WechatApiError(WechatErrcode.DATA_FORMAT_ERROR, 'data format error').toBody();
    } else {
      throw err;
    }
  }
}

/** An empty or repeated parameter counts as given once, or not at all, as WeChat reads it. */
function queryParam(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === '' ? undefined : first;
}
