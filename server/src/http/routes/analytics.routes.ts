import Router from '@koa/router';
import { z } from 'zod';
import { MAX_REPORT_DAYS } from '../../domain/analytics/analytics.service';
import { ValidationError } from '../../errors';
import { daysBetween, isDay } from '../../shared/zoned-time';
import type { AppContext, AppState, Ctx } from '../context';
import { currentUser } from '../middleware/auth';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeDigest, serializeReport } from '../serializers/analytics.serializer';
import { pageQuery } from '../validation';

const day = z.string({ error: 'must be given once' }).refine(isDay, 'must be a date as YYYY-MM-DD');
const rangeQuery = z.object({ from: day.optional(), to: day.optional() });

/** from/to as given, or the last 30 days; from after to, or a range over a year, is a 400 naming `from`. */
function rangeOf(ctx: Ctx, query: z.infer<typeof rangeQuery>): { from: string; to: string } {
  const fallback = ctx.container.analytics.defaultRange();
  const to = query.to ?? fallback.to;
  const from = query.from ?? (query.to ? to : fallback.from);
  const span = daysBetween(from, to);
  if (span < 0) throw ValidationError.field('from', 'must not be after to');
  if (span >= MAX_REPORT_DAYS) throw ValidationError.field('from', `the range must be at most ${MAX_REPORT_DAYS} days`);
  return { from, to };
}

const reportResponses = { 200: 'Totals, revenue by day, per-course conversion and purchase propensity, learner activity' };

export function analyticsRoutes() {
  const router = new Router<AppState, AppContext>();

  route(
    router,
    { method: 'get', path: '/api/creator/digests', summary: 'My daily sales digests, newest first', tag: 'analytics', auth: ['creator'], query: pageQuery },
    async (ctx, { query }) => {
      const page = pageRequest(query);
      const result = await ctx.container.salesDigests.list(currentUser(ctx).id, page);
      ctx.body = pageBody(ctx, page, result, (d) => serializeDigest(d, ctx.container.mediaUrls));
    },
  );

  route(
    router,
    { method: 'get', path: '/api/creator/analytics', summary: 'Analytics of my courses over [from, to] (days in DIGEST_TZ)', tag: 'analytics', auth: ['creator'], query: rangeQuery, responses: reportResponses },
    async (ctx, { query }) => {
      ctx.body = serializeReport(await ctx.container.analytics.report({ creatorId: currentUser(ctx).id }, rangeOf(ctx, query)));
    },
  );

  route(
    router,
    { method: 'get', path: '/api/admin/analytics', summary: 'Platform-wide analytics over [from, to]', tag: 'analytics', auth: ['admin'], query: rangeQuery, responses: reportResponses },
    async (ctx, { query }) => {
      ctx.body = serializeReport(await ctx.container.analytics.report({}, rangeOf(ctx, query)));
    },
  );

  return router;
}
