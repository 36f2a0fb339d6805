import Router from '@koa/router';
import type Redis from 'ioredis';
import { z } from 'zod';
import { PAID_QUESTION_STATUSES } from '../../domain/paid-questions/paid-question.entity';
import {
  ANSWER_DAYS_MAX,
  ANSWER_DAYS_MIN,
  PAID_ANSWER_MAX_CHARS,
  PAID_QUESTION_MAX_CHARS,
  PAID_QUESTION_MAX_PRICE_FEN,
  PAID_QUESTION_MIN_PRICE_FEN,
} from '../../domain/paid-questions/paid-question.service';
import { RateLimiter } from '../../shared/rate-limiter';
import { viewerOf, type AppContext, type AppState } from '../context';
import { actor, currentUser } from '../middleware/auth';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeOrder } from '../serializers/order.serializer';
import { serializePaidQuestion, serializePaidQuestionSettings, serializeUnlockSplit } from '../serializers/paid-question.serializer';
import { idParam, pageQuery, text } from '../validation';

const fen = (min: number, max: number) =>
  z
    .number({ error: 'must be a number of fen' })
    .int('must be a whole number of fen')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const settingsBody = z.strictObject({
  enabled: z.boolean({ error: 'must be true or false' }),
  price_fen: fen(PAID_QUESTION_MIN_PRICE_FEN, PAID_QUESTION_MAX_PRICE_FEN),
  unlock_price_fen: fen(1, PAID_QUESTION_MAX_PRICE_FEN),
  answer_days: z.number({ error: 'must be a number of days' }).int('must be a whole number of days').min(ANSWER_DAYS_MIN, `must be at least ${ANSWER_DAYS_MIN}`).max(ANSWER_DAYS_MAX, `must be at most ${ANSWER_DAYS_MAX}`).optional(),
});

const askBody = z.strictObject({
  text: text(1, PAID_QUESTION_MAX_CHARS),
  /** The asker agrees that the creator may make the answered question public. */
  allow_public: z.boolean({ error: 'must be true or false' }).default(false),
});

const creatorQuery = pageQuery.extend({
  status: z.enum(PAID_QUESTION_STATUSES, { error: `must be one of ${PAID_QUESTION_STATUSES.join(', ')}` }).optional(),
  course: z.string().regex(/^[1-9]\d{0,9}$/, 'must be a course id').transform(Number).optional(),
});

/** Paid questions: creators' settings, asking (an order), answering, public answers and unlocking them (an order). */
export function paidQuestionRoutes(limits: { redis: Redis; prefix: string; perMinute: number }) {
  const router = new Router<AppState, AppContext>();
  // Question and unlock orders count against the same per-learner limit as course orders.
  const creations = new RateLimiter(limits.redis, `${limits.prefix}:rl:orders`, limits.perMinute, 60);

  route(
    router,
    { method: 'get', path: '/api/courses/:id/paid-questions/settings', summary: "Whether a course takes paid questions, at what price, unlock price and days to answer", tag: 'paid-questions', params: idParam, responses: { 200: 'The settings (enabled false when never set)', 404: 'No such course visible to you' } },
    async (ctx, { params }) => {
      ctx.body = serializePaidQuestionSettings(await ctx.container.paidQuestions.settings(params.id, viewerOf(ctx)));
    },
  );

  route(
    router,
    { method: 'get', path: '/api/creator/courses/:id/paid-questions/settings', summary: 'My course’s paid question settings', tag: 'paid-questions', auth: ['creator', 'admin'], params: idParam, responses: { 200: 'The settings', 404: 'Not your course' } },
    async (ctx, { params }) => {
      ctx.body = serializePaidQuestionSettings(await ctx.container.paidQuestions.settingsForCreator(actor(ctx), params.id));
    },
  );

  route(
    router,
    {
      method: 'put',
      path: '/api/creator/courses/:id/paid-questions/settings',
      summary: 'Turn paid questions on or off for my course and set the price (fen), the unlock price (at most the price) and the days to answer (1..14, default PAID_QUESTION_ANSWER_DAYS)',
      tag: 'paid-questions',
      auth: ['creator', 'admin'],
      params: idParam,
      body: settingsBody,
      responses: { 200: 'The saved settings', 404: 'Not your course' },
    },
    async (ctx, { params, body }) => {
      const saved = await ctx.container.paidQuestions.saveSettings(actor(ctx), params.id, {
        enabled: body.enabled,
        priceFen: body.price_fen,
        unlockPriceFen: body.unlock_price_fen,
        answerDays: body.answer_days,
      });
      ctx.body = serializePaidQuestionSettings(saved);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/courses/:id/paid-questions',
      summary: 'Ask the course’s creator a paid question: returns the question (AWAITING_PAYMENT) and its order to pay; paying opens it',
      tag: 'paid-questions',
      auth: true,
      params: idParam,
      body: askBody,
      responses: { 201: '{ question, order }', 403: 'Your own course', 404: 'No such course visible to you', 409: 'The course takes no paid questions (PAID_QUESTIONS_OFF)' },
    },
    async (ctx, { params, body }) => {
      await creations.consume(String(currentUser(ctx).id));
      const { question, order } = await ctx.container.paidQuestions.ask(actor(ctx), params.id, { text: body.text, allowPublic: body.allow_public });
      ctx.status = 201;
      const view = await ctx.container.paidQuestions.get(question.id, actor(ctx));
      ctx.body = { question: serializePaidQuestion(view), order: serializeOrder(await ctx.container.orders.own(actor(ctx), order.id)) };
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/courses/:id/paid-questions',
      summary: "A course's public answered paid questions, newest first: the answer only for those who may read it (asker, creator, admins, unlockers), others see `locked` and the unlock price",
      tag: 'paid-questions',
      params: idParam,
      query: pageQuery,
      responses: { 200: 'A page of questions', 404: 'No such course visible to you' },
    },
    async (ctx, { params, query }) => {
      const page = pageRequest(query);
      ctx.body = pageBody(ctx, page, await ctx.container.paidQuestions.publicOf(params.id, viewerOf(ctx), page), serializePaidQuestion);
    },
  );

  route(router, { method: 'get', path: '/api/me/paid-questions', summary: 'My paid questions, newest first, with their orders', tag: 'paid-questions', auth: true, query: pageQuery }, async (ctx, { query }) => {
    const page = pageRequest(query);
    ctx.body = pageBody(ctx, page, await ctx.container.paidQuestions.mine(actor(ctx), page), serializePaidQuestion);
  });

  route(
    router,
    {
      method: 'get',
      path: '/api/creator/paid-questions',
      summary: 'Paid questions on my courses (admins: all): open ones first, soonest deadline first, then the rest newest first',
      tag: 'paid-questions',
      auth: ['creator', 'admin'],
      query: creatorQuery,
    },
    async (ctx, { query }) => {
      const page = pageRequest(query);
      const result = await ctx.container.paidQuestions.forCreator(actor(ctx), page, { status: query.status, courseId: query.course });
      ctx.body = pageBody(ctx, page, result, serializePaidQuestion);
    },
  );

  route(
    router,
    { method: 'get', path: '/api/paid-questions/:id', summary: 'One paid question (the answer only for those who may read it)', tag: 'paid-questions', params: idParam, responses: { 200: 'The question', 404: 'Missing, or not public and not yours' } },
    async (ctx, { params }) => {
      ctx.body = serializePaidQuestion(await ctx.container.paidQuestions.get(params.id, viewerOf(ctx)));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/paid-questions/:id/answer',
      summary: 'Answer an open paid question on my course before its deadline (once)',
      tag: 'paid-questions',
      auth: true,
      params: idParam,
      body: z.strictObject({ answer: text(1, PAID_ANSWER_MAX_CHARS) }),
      responses: {
        200: 'The answered question',
        404: 'Not a question on your course',
        409: 'Already answered (ALREADY_ANSWERED), past its deadline (ANSWER_DEADLINE_PASSED), refunded (QUESTION_EXPIRED, QUESTION_REFUNDED) or unpaid (QUESTION_NOT_PAID)',
      },
    },
    async (ctx, { params, body }) => {
      ctx.body = serializePaidQuestion(await ctx.container.paidQuestions.answer(actor(ctx), params.id, body.answer));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/paid-questions/:id/publish',
      summary: 'Make an answered paid question public for others to unlock: its asker, or the creator when the asker allowed it',
      tag: 'paid-questions',
      auth: true,
      params: idParam,
      responses: { 200: 'The question', 403: 'The asker did not allow it (NOT_ALLOWED_PUBLIC)', 404: 'Not yours', 409: 'Not answered (QUESTION_NOT_ANSWERED)' },
    },
    async (ctx, { params }) => {
      ctx.body = serializePaidQuestion(await ctx.container.paidQuestions.publish(actor(ctx), params.id));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/paid-questions/:id/unlock-orders',
      summary: 'Open an order to unlock a public answer at the course’s unlock price (a second call returns the open order); paying it shows the answer',
      tag: 'paid-questions',
      auth: true,
      params: idParam,
      responses: {
        201: 'The new order',
        200: 'The already open order',
        404: 'No such question, or not public (only answered questions are)',
        409: 'Your own question or course (OWN_QUESTION, OWN_COURSE), already unlocked (ALREADY_UNLOCKED), paid questions off',
      },
    },
    async (ctx, { params }) => {
      await creations.consume(String(currentUser(ctx).id));
      const { order, created } = await ctx.container.paidQuestions.unlock(actor(ctx), params.id);
      ctx.status = created ? 201 : 200;
      ctx.body = serializeOrder(await ctx.container.orders.own(actor(ctx), order.id));
    },
  );

  route(
    router,
    { method: 'get', path: '/api/paid-questions/:id/unlock-splits', summary: 'How each paid unlock of the question was split between the creator and the asker', tag: 'paid-questions', auth: true, params: idParam, responses: { 200: '{ results }', 404: 'Not your question' } },
    async (ctx, { params }) => {
      ctx.body = { results: (await ctx.container.paidQuestions.splits(actor(ctx), params.id)).map(serializeUnlockSplit) };
    },
  );

  return router;
}
