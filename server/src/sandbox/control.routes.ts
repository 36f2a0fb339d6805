import { Router } from '@koa/router';
import { z } from 'zod';
import { ValidationError } from '../errors';
import { jsonBody } from './middleware';
import type { MiniProgramState } from './mini-program.state';

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

/** The sandbox's own endpoints: what a phone would do, for tests and the H5 demo. */
export function controlRoutes(state: MiniProgramState): Router {
  const router = new Router({ prefix: '/sandbox' });

  router.get('/healthz', (ctx) => {
    ctx.body = { ok: true };
  });

  /** wx.login on a phone: the learner is whoever the caller says, which is the point of a sandbox. */
  router.post('/wx-login', jsonBody(), (ctx) => {
    const body = parseBody(wxLoginBody, ctx.request.body);
    ctx.body = { code: state.issueLoginCode(body) };
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
