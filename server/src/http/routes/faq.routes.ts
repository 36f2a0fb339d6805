import Router from '@koa/router';
import { z } from 'zod';
import { viewerOf, type AppContext, type AppState, type Ctx } from '../context';
import { actor } from '../middleware/auth';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeFaq } from '../serializers/qa.serializer';
import { idParam, pageQuery, text } from '../validation';

const faqFields = {
  question: text(1, 200),
  answer: text(1, 5000),
  position: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must not be negative').max(10_000, 'must be at most 10000'),
};
const createBody = z.strictObject({ question: faqFields.question, answer: faqFields.answer, position: faqFields.position.optional() });
const patchBody = createBody.partial();

function author(ctx: Ctx) {
  return actor(ctx);
}

/** Course FAQ: read by everyone who may see the course, written by its creator. */
export function faqRoutes() {
  const router = new Router<AppState, AppContext>();
  const auth = ['creator' as const];

  route(
    router,
    { method: 'get', path: '/api/courses/:id/faq', summary: "A course's FAQ, in the creator's order", tag: 'faq', params: idParam, query: pageQuery, responses: { 200: 'A page of FAQ entries', 404: 'No such course visible to you' } },
    async (ctx, { params, query }) => {
      const page = pageRequest(query);
      ctx.body = pageBody(ctx, page, await ctx.container.faq.list(params.id, viewerOf(ctx), page), serializeFaq);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/creator/courses/:id/faq',
      summary: 'Add an FAQ entry to my course (at the end unless a position is given)',
      tag: 'faq',
      auth,
      params: idParam,
      body: createBody,
      responses: { 201: 'The entry', 404: 'Not my course', 409: 'The course has the most entries allowed' },
    },
    async (ctx, { params, body }) => {
      ctx.status = 201;
      ctx.body = serializeFaq(await ctx.container.faq.create(author(ctx), params.id, body));
    },
  );

  route(
    router,
    { method: 'patch', path: '/api/creator/faq/:id', summary: 'Edit an FAQ entry of my course', tag: 'faq', auth, params: idParam, body: patchBody, responses: { 200: 'The entry', 404: 'Not mine or missing' } },
    async (ctx, { params, body }) => {
      ctx.body = serializeFaq(await ctx.container.faq.update(author(ctx), params.id, body));
    },
  );

  route(
    router,
    { method: 'delete', path: '/api/creator/faq/:id', summary: 'Delete an FAQ entry of my course', tag: 'faq', auth, params: idParam, responses: { 204: 'Deleted', 404: 'Not mine or missing' } },
    async (ctx, { params }) => {
      await ctx.container.faq.remove(author(ctx), params.id);
      ctx.status = 204;
    },
  );

  return router;
}
