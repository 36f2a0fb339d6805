import { Router } from '@koa/router';
import { z } from 'zod';
import { ValidationError } from '../errors';
import { jsonBody } from './middleware';
import type { MiniProgramState } from './mini-program.state';
import { MAX_TEMPLATES_PER_REQUEST, type SubscribeMessages, TEMPLATE_ID } from './subscribe-messages.state';

const wechatId = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 characters of A-Z, a-z, 0-9, _ or -');

const wxLoginBody = z.object(
  {
    openid: wechatId,
    unionid: wechatId.optional(),
    nickname: z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters').optional(),
  },
  { error: 'must be a JSON object' },
);

const subscribeBody = z.object(
  {
    openid: wechatId,
    template_ids: z
      .array(z.string().regex(TEMPLATE_ID, 'must be 10-64 characters of A-Z, a-z, 0-9, _ or -'), {
        error: (issue) => (issue.input === undefined ? 'is required' : 'must be an array of template ids'),
      })
      .min(1, 'must name at least one template')
      .max(MAX_TEMPLATES_PER_REQUEST, `takes at most ${MAX_TEMPLATES_PER_REQUEST} templates, as wx.requestSubscribeMessage does`),
  },
  { error: 'must be a JSON object' },
);

/** The sandbox's own endpoints: what a phone would do, for tests and the H5 demo. */
export function controlRoutes(state: MiniProgramState, subscriptions: SubscribeMessages): Router {
  const router = new Router({ prefix: '/sandbox' });

  router.get('/healthz', (ctx) => {
    ctx.body = { ok: true };
  });

  /** wx.login on a phone: the learner is whoever the caller says, which is the point of a sandbox. */
  router.post('/wx-login', jsonBody(), (ctx) => {
    const body = parseBody(wxLoginBody, ctx.request.body);
    ctx.body = { code: state.issueLoginCode(body) };
  });

  /**
   * The user accepts wx.requestSubscribeMessage for these templates: one more message of each may
   * be sent to them. Answers as the phone API does ({id: 'accept'}), plus the grants now held.
   */
  router.post('/subscribe', jsonBody(), (ctx) => {
    const body = parseBody(subscribeBody, ctx.request.body);
    if (!state.hasIssuedOpenid(body.openid)) {
      throw ValidationError.field('openid', 'the sandbox has not issued this openid; sign in through /sandbox/wx-login first', 'UNKNOWN_OPENID');
    }
    const grants = subscriptions.accept(body.openid, body.template_ids);
    ctx.body = { results: Object.fromEntries(Object.keys(grants).map((id) => [id, 'accept'])), grants };
  });

  /** Subscribe messages delivered so far, oldest first (all, or one user's with ?touser=). */
  router.get('/messages', (ctx) => {
    const filter = ctx.query.touser;
    const results = subscriptions.messages(typeof filter === 'string' && filter !== '' ? filter : undefined);
    ctx.body = { count: results.length, grant_all: subscriptions.grantAll, results };
  });

  return router;
}

/** Validates a /sandbox body; the first bad field names the 400, all of them are in details. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : 'body',
    message: issue.message,
  }));
  const first = fields[0]!;
  throw new ValidationError(`${first.field}: ${first.message}`, { fields });
}
