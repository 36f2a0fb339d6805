import Router from '@koa/router';
import { z } from 'zod';
import { viewerOf, type AppContext, type AppState } from '../context';
import { route } from '../route';
import { serializeRecommended } from '../serializers/recommendation.serializer';
import { idParam } from '../validation';

const MAX_LIMIT = 20;

const limitQuery = z.object({
  limit: z
    .string({ error: 'must be given once' })
    .regex(/^\d+$/, 'must be a positive integer')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`))
    .default(10),
});

export function recommendationRoutes() {
  const router = new Router<AppState, AppContext>();

  route(
    router,
    {
      method: 'get',
      path: '/api/me/recommendations',
      summary: 'Courses for the signed-in learner (source "personal"), never ones they own; popular courses for anonymous visitors and learners without history (source "popular")',
      tag: 'recommendations',
      query: limitQuery,
      responses: { 200: '{source, results: [course list items]}' },
    },
    async (ctx, { query }) => {
      const viewer = viewerOf(ctx);
      const recommended = viewer
        ? await ctx.container.recommendations.forLearner(viewer.id, query.limit)
        : await ctx.container.recommendations.popular(null, query.limit);
      ctx.body = serializeRecommended(recommended, ctx.container.mediaUrls);
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/courses/:id/related',
      summary: 'Courses learners of this one also bought (source "related"), else popular ones of its category (source "popular")',
      tag: 'recommendations',
      params: idParam,
      query: limitQuery,
      responses: { 200: '{source, results: [course list items]}', 404: 'No such course (or not published)' },
    },
    async (ctx, { params, query }) => {
      const related = await ctx.container.recommendations.related(params.id, viewerOf(ctx), query.limit);
      ctx.body = serializeRecommended(related, ctx.container.mediaUrls);
    },
  );

  return router;
}
