import Router from '@koa/router';
import { z } from 'zod';
import { ValidationError } from '../../errors';
import { viewerOf, type AppContext, type AppState } from '../context';
import { currentUser } from '../middleware/auth';
import { route } from '../route';
import { serializeLiveSession, serializeRoomQuestion } from '../serializers/live.serializer';
import { idParam, text } from '../validation';

const sessionBody = z.strictObject({
  title: text(1, 100),
  starts_at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }),
  duration_min: z.number({ error: 'must be whole minutes' }).int('must be whole minutes').min(5, 'must be at least 5').max(600, 'must be at most 600'),
  weapp_room_id: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be the live plugin's room id").optional(),
  hls_url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(500, 'must be at most 500 characters').optional(),
});

export function liveSessionRoutes() {
  const router = new Router<AppState, AppContext>();

  route(
    router,
    {
      method: 'post',
      path: '/api/creator/courses/:id/live-sessions',
      summary: 'Schedule a live session of my course; the stream is the WeChat live plugin room and/or an HLS URL',
      tag: 'live',
      auth: ['creator'],
      params: idParam,
      body: sessionBody,
      responses: { 201: 'The session', 404: 'No such course of yours' },
    },
    async (ctx, { params, body }) => {
      if (!body.weapp_room_id && !body.hls_url) throw ValidationError.field('hls_url', 'give hls_url or weapp_room_id (or both)');
      const user = currentUser(ctx);
      const session = await ctx.container.live.schedule({ id: user.id, role: user.role }, params.id, {
        title: body.title,
        startsAt: new Date(body.starts_at),
        durationMin: body.duration_min,
        weappRoomId: body.weapp_room_id ?? null,
        hlsUrl: body.hls_url ?? null,
      });
      ctx.status = 201;
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
      const user = currentUser(ctx);
      ctx.body = serializeLiveSession(await ctx.container.live.attachRecording({ id: user.id, role: user.role }, params.id, body.lesson));
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
      const user = currentUser(ctx);
      const { session } = await ctx.container.live.enter(params.id, { id: user.id, role: user.role });
      const questions = await ctx.container.live.questions(session.id);
      ctx.body = questions.map(serializeRoomQuestion);
    },
  );

  return router;
}
