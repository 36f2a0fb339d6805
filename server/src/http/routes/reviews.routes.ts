import Router from '@koa/router';
import { z } from 'zod';
import { viewerOf, type AppContext, type AppState } from '../context';
import { actor } from '../middleware/auth';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeReview } from '../serializers/course.serializer';
import { idParam, pageQuery, text } from '../validation';

const reviewBody = z.strictObject({
  rating: z.number({ error: 'must be a whole number from 1 to 5' }).int('must be a whole number from 1 to 5').min(1, 'must be at least 1').max(5, 'must be at most 5'),
  content: text(1, 2000),
});

export function reviewRoutes() {
  const router = new Router<AppState, AppContext>();

  route(
    router,
    { method: 'get', path: '/api/courses/:id/reviews', summary: 'Reviews of a course, newest first', tag: 'reviews', params: idParam, query: pageQuery },
    async (ctx, { params, query }) => {
      const page = pageRequest(query);
      const result = await ctx.container.reviews.list(params.id, viewerOf(ctx), page);
      ctx.body = pageBody(ctx, page, result, serializeReview);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/courses/:id/reviews',
      summary: 'Review a course you are enrolled in (once)',
      tag: 'reviews',
      auth: true,
      params: idParam,
      body: reviewBody,
      responses: { 201: 'The review', 403: 'Not enrolled, or your own course', 409: 'Already reviewed' },
    },
    async (ctx, { params, body }) => {
      const review = await ctx.container.reviews.create(actor(ctx), params.id, body);
      ctx.status = 201;
      ctx.body = serializeReview(review);
    },
  );

  return router;
}
