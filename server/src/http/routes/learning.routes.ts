import Router from '@koa/router';
import { z } from 'zod';
import { viewerOf, type AppContext, type AppState } from '../context';
import { actor, currentUser } from '../middleware/auth';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeCourseProgress, serializeLessonProgress, serializeLibraryCourse, serializePlayerLesson } from '../serializers/learning.serializer';
import { idParam, pageQuery } from '../validation';

/** A day: no lesson is longer, and a position beyond it is a broken player. */
const MAX_POSITION_S = 24 * 3600;

const progressBody = z.strictObject({
  position_s: z
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(0, 'must not be negative')
    .max(MAX_POSITION_S, `must be at most ${MAX_POSITION_S}`),
  completed: z.boolean({ error: 'must be true or false' }),
});

export function learningRoutes() {
  const router = new Router<AppState, AppContext>();

  route(
    router,
    {
      method: 'get',
      path: '/api/learning/lessons/:id',
      summary: 'Open a lesson in the player: a signed media URL, the position to resume at, previous and next lessons',
      tag: 'learning',
      params: idParam,
      responses: { 200: 'The lesson', 403: 'Not enrolled (and not a free preview)', 404: 'No such lesson' },
    },
    async (ctx, { params }) => {
      const lesson = await ctx.container.progress.openLesson(params.id, viewerOf(ctx));
      ctx.body = serializePlayerLesson(lesson, ctx.container.mediaUrls);
    },
  );

  route(
    router,
    {
      method: 'put',
      path: '/api/learning/lessons/:id/progress',
      summary: 'Report the player position and whether the lesson is finished (idempotent; completion is never undone)',
      tag: 'learning',
      auth: true,
      params: idParam,
      body: progressBody,
      responses: { 200: 'The lesson progress and the course percent done', 403: 'Not enrolled', 404: 'No such lesson' },
    },
    async (ctx, { params, body }) => {
      const result = await ctx.container.progress.report(actor(ctx), params.id, { positionS: body.position_s, completed: body.completed });
      ctx.body = { ...serializeLessonProgress(result.progress), course_progress: serializeCourseProgress(result.course) };
    },
  );

  route(
    router,
    { method: 'get', path: '/api/learning/courses', summary: 'My courses, most recently studied first, with percent done', tag: 'learning', auth: true, query: pageQuery },
    async (ctx, { query }) => {
      const page = pageRequest(query);
      const result = await ctx.container.progress.library(currentUser(ctx).id, page);
      ctx.body = pageBody(ctx, page, result, (c) => serializeLibraryCourse(c, ctx.container.mediaUrls));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/learning/courses/:id/progress',
      summary: "The signed-in learner's progress in one course: percent done and each lesson opened",
      tag: 'learning',
      auth: true,
      params: idParam,
    },
    async (ctx, { params }) => {
      const result = await ctx.container.progress.progressOfCourse(currentUser(ctx).id, params.id);
      ctx.body = { course_id: params.id, ...serializeCourseProgress(result.course), lessons: result.lessons.map(serializeLessonProgress) };
    },
  );

  return router;
}
