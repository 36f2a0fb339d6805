import Router from '@koa/router';
import { z } from 'zod';
import type { AppContext, AppState, Ctx } from '../context';
import { actor } from '../middleware/auth';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeOwnCourse, serializeReviewItem } from '../serializers/course.serializer';
import { idParam, pageQuery, text } from '../validation';

function admin(ctx: Ctx) {
  return actor(ctx);
}

export function adminRoutes() {
  const router = new Router<AppState, AppContext>();
  const auth = ['admin' as const];

  route(
    router,
    {
      method: 'get',
      path: '/api/admin/courses/review-queue',
      summary: 'Courses waiting for review (new or relisted courses, and changes to courses on sale), oldest submission first',
      tag: 'admin',
      auth,
      query: pageQuery,
    },
    async (ctx, { query }) => {
      const page = pageRequest(query);
      const result = await ctx.container.courseReview.queue(page);
      ctx.body = pageBody(ctx, page, result, (item) => serializeReviewItem(item, ctx.container.mediaUrls));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/admin/courses/:id/approve',
      summary: 'Approve what is in review: publish the course, and apply its pending changes; the creator is told',
      tag: 'admin',
      auth,
      params: idParam,
      responses: { 200: 'Approved', 404: 'No such course', 409: 'Nothing in review' },
    },
    async (ctx, { params }) => {
      ctx.body = serializeOwnCourse(await ctx.container.courseReview.approve(admin(ctx), params.id), ctx.container.mediaUrls);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/admin/courses/:id/reject',
      summary: 'Send what is in review back to its creator with a reason (a course on sale stays as approved); the creator is told',
      tag: 'admin',
      auth,
      params: idParam,
      body: z.strictObject({ reason: text(1, 500) }),
      responses: { 200: 'Rejected', 404: 'No such course', 409: 'Nothing in review' },
    },
    async (ctx, { params, body }) => {
      ctx.body = serializeOwnCourse(await ctx.container.courseReview.reject(admin(ctx), params.id, body.reason), ctx.container.mediaUrls);
    },
  );

  return router;
}
