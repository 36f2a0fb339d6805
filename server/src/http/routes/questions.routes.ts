import Router from '@koa/router';
import { z } from 'zod';
import { QUESTION_STATUSES } from '../../domain/qa/course-question.entity';
import { ANSWER_MAX_CHARS, QUESTION_MAX_CHARS } from '../../domain/qa/question.service';
import { viewerOf, type AppContext, type AppState } from '../context';
import { actor, currentUser } from '../middleware/auth';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeQuestion } from '../serializers/qa.serializer';
import { idParam, pageQuery, text } from '../validation';

const listQuery = pageQuery.extend({
  status: z.enum(QUESTION_STATUSES, { error: `must be one of ${QUESTION_STATUSES.join(', ')}` }).optional(),
  mine: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
});

const askBody = z.strictObject({
  text: text(1, QUESTION_MAX_CHARS),
  is_public: z.boolean({ error: 'must be true or false' }).optional(),
});

/** A course's Q&A: learners ask, the creator answers. */
export function questionRoutes() {
  const router = new Router<AppState, AppContext>();

  route(
    router,
    {
      method: 'get',
      path: '/api/courses/:id/questions',
      summary: "A course's questions, newest first: public ones and your own (the creator sees all)",
      tag: 'questions',
      params: idParam,
      query: listQuery,
      responses: { 200: 'A page of questions', 401: 'mine=true without signing in', 404: 'No such course visible to you' },
    },
    async (ctx, { params, query }) => {
      const page = pageRequest(query);
      const result = await ctx.container.questions.list(params.id, viewerOf(ctx), page, { status: query.status, mine: query.mine });
      ctx.body = pageBody(ctx, page, result, serializeQuestion);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/courses/:id/questions',
      summary: 'Ask the creator a question about a course you are enrolled in',
      tag: 'questions',
      auth: true,
      params: idParam,
      body: askBody,
      responses: { 201: 'The question', 403: 'Not enrolled, or your own course', 404: 'No such course visible to you' },
    },
    async (ctx, { params, body }) => {
      const question = await ctx.container.questions.ask(actor(ctx), params.id, body.text, 'app', { isPublic: body.is_public });
      ctx.status = 201;
      ctx.body = serializeQuestion(question);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/questions/:id/answer',
      summary: "Answer a question on your course (admins: any); answering again replaces the answer",
      tag: 'questions',
      auth: true,
      params: idParam,
      body: z.strictObject({ answer: text(1, ANSWER_MAX_CHARS) }),
      responses: { 200: 'The answered question', 404: 'Not a question on your course, or missing' },
    },
    async (ctx, { params, body }) => {
      ctx.body = serializeQuestion(await ctx.container.questions.answer(actor(ctx), params.id, body.answer));
    },
  );

  route(
    router,
    { method: 'get', path: '/api/creator/questions', summary: 'Open questions on my courses, oldest first', tag: 'creator', auth: ['creator'], query: pageQuery },
    async (ctx, { query }) => {
      const page = pageRequest(query);
      ctx.body = pageBody(ctx, page, await ctx.container.questions.openForCreator(currentUser(ctx).id, page), serializeQuestion);
    },
  );

  return router;
}
