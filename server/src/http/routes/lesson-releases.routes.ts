import Router from '@koa/router';
import { z } from 'zod';
import { ValidationError } from '../../errors';
import type { AppContext, AppState } from '../context';
import { actor } from '../middleware/auth';
import { route } from '../route';
import { serializeRelease } from '../serializers/course.serializer';
import { idParam } from '../validation';

const releaseBody = z.strictObject({
  after_days: z.number({ error: 'must be a whole number of days' }).int('must be a whole number of days').min(0, 'must not be negative').max(3650, 'must be at most 3650').optional(),
  at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
});

export function lessonReleaseRoutes() {
  const router = new Router<AppState, AppContext>();

  route(
    router,
    {
      method: 'put',
      path: '/api/creator/lessons/:id/release',
      summary: 'Drip release: open my lesson a number of days after each enrollment ({after_days}) or on a date ({at})',
      tag: 'creator',
      auth: ['creator'],
      params: idParam,
      body: releaseBody,
      responses: { 200: 'The rule', 404: 'No such lesson of yours' },
    },
    async (ctx, { params, body }) => {
      if ((body.after_days === undefined) === (body.at === undefined)) throw ValidationError.field('after_days', 'give either after_days or at');
      const rule = body.at !== undefined ? { afterDays: null, at: new Date(body.at) } : { afterDays: body.after_days!, at: null };
      const set = await ctx.container.releases.set(actor(ctx), params.id, rule);
      ctx.body = { lesson_id: set.lessonId, ...serializeRelease(set.release) };
    },
  );

  route(
    router,
    { method: 'delete', path: '/api/creator/lessons/:id/release', summary: 'Open my lesson with the course again (no drip rule)', tag: 'creator', auth: ['creator'], params: idParam, responses: { 204: 'Removed' } },
    async (ctx, { params }) => {
      await ctx.container.releases.set(actor(ctx), params.id, null);
      ctx.status = 204;
    },
  );

  return router;
}
