import Router from '@koa/router';
import type Redis from 'ioredis';
import { z } from 'zod';
import { PLAN_PERIODS } from '../../domain/memberships/membership-plan.entity';
import { RateLimiter } from '../../shared/rate-limiter';
import { viewerOf, type AppContext, type AppState } from '../context';
import { actor, currentUser } from '../middleware/auth';
import { route } from '../route';
import { serializeMembership, serializeOffers, serializeOwnPlan, serializePlan } from '../serializers/membership.serializer';
import { serializeOrder } from '../serializers/order.serializer';
import { idParam, text } from '../validation';

const planPrice = z.number().int('must be a whole number of fen').min(1, 'must be at least 1').max(100_000_000, 'is too high');

const planBody = z.strictObject({
  name: text(1, 60),
  period: z.enum(PLAN_PERIODS, { error: `must be one of ${PLAN_PERIODS.join(', ')}` }),
  price_fen: planPrice,
  /** Every course of mine (now and later); otherwise the listed `courses`. */
  all_courses: z.boolean().default(false),
  courses: z.array(z.number().int().positive('must be a course id')).max(200, 'at most 200 courses').default([]),
  trial_days: z.number().int('must be a whole number').min(0, 'must be at least 0').max(90, 'at most 90').default(0),
}).refine((b) => b.all_courses || b.courses.length > 0, { message: 'name the courses or set all_courses', path: ['courses'] });

const planPatchBody = z
  .strictObject({ name: text(1, 60).optional(), price_fen: planPrice.optional() })
  .refine((b) => b.name !== undefined || b.price_fen !== undefined, { message: 'give a name or a price_fen', path: ['name'] });

const planOrderBody = z.strictObject({
  plan: z.number({ error: 'must be a plan id' }).int('must be a plan id').positive('must be a plan id'),
});

export function membershipRoutes(limits: { redis: Redis; prefix: string; perMinute: number }) {
  const router = new Router<AppState, AppContext>();
  // Plan orders count against the same per-learner limit as course orders.
  const creations = new RateLimiter(limits.redis, `${limits.prefix}:rl:orders`, limits.perMinute, 60);

  route(
    router,
    { method: 'post', path: '/api/creator/plans', summary: 'Offer a membership plan (all my courses, or a list of them)', tag: 'memberships', auth: ['creator'], body: planBody, responses: { 201: 'The plan', 404: 'A listed course that is not mine' } },
    async (ctx, { body }) => {
      const plan = await ctx.container.memberships.createPlan(actor(ctx), {
        name: body.name,
        period: body.period,
        priceFen: body.price_fen,
        allCourses: body.all_courses,
        courseIds: body.courses,
        trialDays: body.trial_days,
      });
      ctx.status = 201;
      ctx.body = serializePlan(plan);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/membership-orders',
      summary: 'Open an order for a term of a membership plan (a second call returns the open order); paying it grants or renews the membership',
      tag: 'memberships',
      auth: true,
      body: planOrderBody,
      responses: { 201: 'The new order', 200: 'The already open order', 403: 'Your own plan', 404: 'No such plan', 409: 'PLAN_RETIRED: the plan is off sale' },
    },
    async (ctx, { body }) => {
      await creations.consume(String(currentUser(ctx).id));
      const { order, created } = await ctx.container.orders.createForPlan(actor(ctx), { planId: body.plan });
      ctx.status = created ? 201 : 200;
      ctx.body = serializeOrder(await ctx.container.orders.own(actor(ctx), order.id));
    },
  );

  route(
    router,
    { method: 'get', path: '/api/creator/plans', summary: 'My plans (retired ones too), newest first, with their courses, running members and sales', tag: 'memberships', auth: ['creator'] },
    async (ctx) => {
      ctx.body = { results: (await ctx.container.memberships.ownPlans(actor(ctx))).map(serializeOwnPlan) };
    },
  );

  route(
    router,
    {
      method: 'patch',
      path: '/api/creator/plans/:id',
      summary: 'Rename or reprice my plan (a new price applies to orders opened from now on)',
      tag: 'memberships',
      auth: ['creator'],
      params: idParam,
      body: planPatchBody,
      responses: { 200: 'The plan', 404: 'Not my plan' },
    },
    async (ctx, { params, body }) => {
      ctx.body = serializePlan(await ctx.container.memberships.updatePlan(actor(ctx), params.id, { name: body.name, priceFen: body.price_fen }));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/creator/plans/:id/retire',
      summary: 'Take my plan off sale: no new orders, renewals or trials (409 PLAN_RETIRED); members keep access to the end of their term',
      tag: 'memberships',
      auth: ['creator'],
      params: idParam,
      responses: { 200: 'The retired plan', 404: 'Not my plan' },
    },
    async (ctx, { params }) => {
      ctx.body = serializePlan(await ctx.container.memberships.retirePlan(actor(ctx), params.id));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/courses/:id/plans',
      summary: 'Plans on offer that cover a published course, cheapest first; with a signed-in viewer, whether they are a member and until when, and whether a trial is open to them',
      tag: 'memberships',
      params: idParam,
      responses: { 200: 'The plans', 404: 'No such published course' },
    },
    async (ctx, { params }) => {
      ctx.body = serializeOffers(await ctx.container.memberships.offersForCourse(params.id, viewerOf(ctx)?.id ?? null));
    },
  );

  route(
    router,
    { method: 'get', path: '/api/creators/:id/plans', summary: "A creator's plans on offer, cheapest first, with the viewer's membership of each", tag: 'memberships', params: idParam },
    async (ctx, { params }) => {
      ctx.body = serializeOffers(await ctx.container.memberships.offersOfCreator(params.id, viewerOf(ctx)?.id ?? null));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/memberships/trial',
      summary: "Start a plan's free trial (once per learner and plan, only if never held): a free order that opens the plan's courses for its trial days",
      tag: 'memberships',
      auth: true,
      body: planOrderBody,
      responses: { 201: 'The free order', 403: 'Your own plan', 404: 'No such plan', 409: 'TRIAL_USED, NO_TRIAL or PLAN_RETIRED' },
    },
    async (ctx, { body }) => {
      await creations.consume(String(currentUser(ctx).id));
      const order = await ctx.container.orders.startTrial(actor(ctx), { planId: body.plan });
      ctx.status = 201;
      ctx.body = serializeOrder(order);
    },
  );

  route(router, { method: 'get', path: '/api/me/memberships', summary: 'My running memberships, soonest end first', tag: 'memberships', auth: true }, async (ctx) => {
    ctx.body = { results: (await ctx.container.memberships.current(currentUser(ctx).id)).map(serializeMembership) };
  });

  return router;
}
