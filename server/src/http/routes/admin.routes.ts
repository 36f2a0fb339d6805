import Router from '@koa/router';
import { z } from 'zod';
import type { AppContext, AppState } from '../context';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeOwnCourse } from '../serializers/course.serializer';
import { idParam, pageQuery, text } from '../validation';

export function adminRoutes() {
  const router = new Router<AppState, AppContext>();
  const auth = ['admin' as const];

  route(router, { method: 'get', path: '/api/admin/courses/review-queue', summary: 'Courses waiting for review, oldest first', tag: 'admin', auth, query: pageQuery }, async (ctx, { query }) => {
    const page = pageRequest(query);
    const result = await ctx.container.authoring.listForReview(page);
    ctx.body = pageBody(ctx, page, result, (c) => serializeOwnCourse(c, ctx.container.mediaUrls));
  });

  route(
    router,
    { method: 'post', path: '/api/admin/courses/:id/approve', summary: 'Publish a course in review', tag: 'admin', auth, params: idParam, responses: { 200: 'Published', 404: 'No such course', 409: 'Not in review' } },
    async (ctx, { params }) => {
      ctx.body = serializeOwnCourse(await ctx.container.authoring.approve(params.id), ctx.container.mediaUrls);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/admin/courses/:id/reject',
      summary: 'Send a course in review back to its creator with a reason',
      tag: 'admin',
      auth,
      params: idParam,
      body: z.strictObject({ reason: text(1, 500) }),
      responses: { 200: 'Rejected', 404: 'No such course', 409: 'Not in review' },
    },
    async (ctx, { params, body }) => {
      ctx.body = serializeOwnCourse(await ctx.container.authoring.reject(params.id, body.reason), ctx.container.mediaUrls);
    },
  );

  return router;
}
