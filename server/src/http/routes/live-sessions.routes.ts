import Router from '@koa/router';
import { z } from 'zod';
import { viewerOf, type AppContext, type AppState } from '../context';
import { actor } from '../middleware/auth';
import { route } from '../route';
import { serializeLiveSession, serializeRoomQuestion } from '../serializers/live.serializer';
import { idParam, text } from '../validation';

/** The room id of WeChat's mini-program live plugin: a number, sent as digits or as a JSON number. */
const wechatLiveRoomId = z
  .union([z.string().trim(), z.number().int().positive().transform(String)], { error: "must be the live room's id (digits)" })
  .pipe(z.string().regex(/^[1-9]\d{0,19}$/, "must be the live room's id (digits)"));
/**
 * An HLS playlist (.m3u8) over https: the mini-program plays https media only, a browser page on https
 * blocks http, and the H5 video player picks hls.js by the .m3u8 ending.
 */
const hlsUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'must be an https URL of an HLS playlist (.m3u8)' })
  .max(500, 'must be at most 500 characters')
  .refine((u) => URL.canParse(u) && new URL(u).pathname.toLowerCase().endsWith('.m3u8'), 'must be an https URL of an HLS playlist (.m3u8)');

const sessionFields = {
  title: text(1, 100),
  starts_at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }),
  duration_min: z.number({ error: 'must be whole minutes' }).int('must be whole minutes').min(5, 'must be at least 5').max(600, 'must be at most 600'),
};
const sessionBody = z.strictObject({ ...sessionFields, wechat_live_room_id: wechatLiveRoomId.optional(), hls_url: hlsUrl.optional() });
const sessionPatch = z
  .strictObject({
    title: sessionFields.title.optional(),
    starts_at: sessionFields.starts_at.optional(),
    duration_min: sessionFields.duration_min.optional(),
    wechat_live_room_id: wechatLiveRoomId.nullable().optional(),
    hls_url: hlsUrl.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one of title, starts_at, duration_min, wechat_live_room_id, hls_url');

export function liveSessionRoutes() {
  const router = new Router<AppState, AppContext>();

  route(
    router,
    {
      method: 'post',
      path: '/api/creator/courses/:id/live-sessions',
      summary: 'Schedule a live session of my course; the stream (optional, per platform): the WeChat live plugin room and/or an https HLS URL',
      tag: 'live',
      auth: ['creator'],
      params: idParam,
      body: sessionBody,
      responses: { 201: 'The session', 404: 'No such course of yours' },
    },
    async (ctx, { params, body }) => {
      const session = await ctx.container.live.schedule(actor(ctx), params.id, {
        title: body.title,
        startsAt: new Date(body.starts_at),
        durationMin: body.duration_min,
        wechatLiveRoomId: body.wechat_live_room_id ?? null,
        hlsUrl: body.hls_url ?? null,
      });
      ctx.status = 201;
      ctx.body = serializeLiveSession(session);
    },
  );

  route(
    router,
    {
      method: 'patch',
      path: '/api/creator/live-sessions/:id',
      summary: 'Change a live session of my course: title, time, length, or its stream settings (null removes wechat_live_room_id or hls_url)',
      tag: 'live',
      auth: ['creator'],
      params: idParam,
      body: sessionPatch,
      responses: { 200: 'The session', 404: 'No such session of yours' },
    },
    async (ctx, { params, body }) => {
      const session = await ctx.container.live.update(actor(ctx), params.id, {
        title: body.title,
        startsAt: body.starts_at === undefined ? undefined : new Date(body.starts_at),
        durationMin: body.duration_min,
        wechatLiveRoomId: body.wechat_live_room_id,
        hlsUrl: body.hls_url,
      });
      ctx.body = serializeLiveSession(session);
    },
  );

  route(
    router,
    {
      method: 'put',
      path: '/api/creator/live-sessions/:id/recording',
      summary: "After the session: the lesson of the course that holds its recording ({lesson: null} detaches it); the Q&A stays at /api/live-sessions/{id}/questions",
      tag: 'live',
      auth: ['creator'],
      params: idParam,
      body: z.strictObject({ lesson: z.number({ error: 'must be a lesson id or null' }).int('must be a lesson id').positive('must be a lesson id').nullable() }),
      responses: { 200: 'The session', 404: 'No such session of yours' },
    },
    async (ctx, { params, body }) => {
      ctx.body = serializeLiveSession(await ctx.container.live.attachRecording(actor(ctx), params.id, body.lesson));
    },
  );

  route(
    router,
    { method: 'get', path: '/api/courses/:id/live-sessions', summary: "A course's live sessions, soonest first", tag: 'live', params: idParam },
    async (ctx, { params }) => {
      ctx.body = (await ctx.container.live.listForCourse(params.id, viewerOf(ctx))).map(serializeLiveSession);
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/live-sessions/:id/questions',
      summary: "A session's Q&A (also after it ended): the room's questions, oldest first; live at WebSocket /api/live-sessions/{id}/room",
      tag: 'live',
      auth: true,
      params: idParam,
      responses: { 200: 'The questions', 403: 'Not enrolled', 404: 'No such session' },
    },
    async (ctx, { params }) => {
      const { session } = await ctx.container.live.enter(params.id, actor(ctx));
      const questions = await ctx.container.live.questions(session.id);
      ctx.body = questions.map(serializeRoomQuestion);
    },
  );

  return router;
}
