import { tmpdir } from 'node:os';
import Router from '@koa/router';
import type { File } from 'formidable';
import { koaBody } from 'koa-body';
import { z } from 'zod';
import { ValidationError } from '../../errors';
import { FEATURE_STATUSES } from '../../domain/works/learner-work.entity';
import { WORK_MAX_IMAGES, WORK_TEXT_MAX, type WorkImage } from '../../domain/works/learner-works.service';
import type { Role } from '../../domain/users/user.entity';
import { viewerOf, type AppContext, type AppState, type Ctx } from '../context';
import { actor } from '../middleware/auth';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeAssignment, serializePublicWork, serializeWork } from '../serializers/learner-work.serializer';
import { idParam, pageQuery, parseOrThrow, text } from '../validation';

const idRef = z.number({ error: 'must be an id' }).int('must be an id').positive('must be an id');
const assignmentBody = z.strictObject({ title: text(1, 100), prompt: text(1, 5000), lesson: idRef.optional() });
const workFields = z.strictObject({ text: text(1, WORK_TEXT_MAX) });
const commentBody = z.strictObject({ comment: text(1, 2000) });
const rejectBody = z.strictObject({ reason: text(1, 500) });
const reviewQuery = pageQuery.extend({ status: z.enum(FEATURE_STATUSES, { error: `must be one of ${FEATURE_STATUSES.join(', ')}` }).default('IN_REVIEW') });

/** The multipart form of a work: field `text`, files `images` (repeated). */
function workForm(ctx: Ctx): { text: string; images: WorkImage[] } {
  const fields = parseOrThrow(workFields, ctx.request.body ?? {}, 'body');
  const files = ctx.request.files?.images;
  const list: File[] = files === undefined ? [] : Array.isArray(files) ? files : [files];
  return { text: fields.text, images: list.map((f) => ({ path: f.filepath, mimeType: f.mimetype ?? '', size: f.size, originalName: f.originalFilename ?? '' })) };
}

export function learnerWorkRoutes(uploadMaxBytes: number) {
  const router = new Router<AppState, AppContext>();
  const manager: Role[] = ['creator', 'admin'];
  const admin: Role[] = ['admin'];
  const upload = koaBody({
    multipart: true,
    json: false,
    urlencoded: false,
    text: false,
    formidable: { uploadDir: tmpdir(), maxFiles: WORK_MAX_IMAGES + 1, maxFileSize: uploadMaxBytes, maxFields: 5, allowEmptyFiles: false },
  });

  route(
    router,
    {
      method: 'post',
      path: '/api/creator/courses/:id/assignments',
      summary: 'Set an assignment for the learners of my course (or of one lesson)',
      tag: 'works',
      auth: manager,
      params: idParam,
      body: assignmentBody,
      responses: { 201: 'The assignment', 404: 'No such course of yours' },
    },
    async (ctx, { params, body }) => {
      const assignment = await ctx.container.works.createAssignment(actor(ctx), params.id, { title: body.title, prompt: body.prompt, lessonId: body.lesson });
      ctx.status = 201;
      ctx.body = serializeAssignment({ assignment, works: 0 });
    },
  );

  route(
    router,
    { method: 'get', path: '/api/creator/courses/:id/assignments', summary: 'The assignments of my course, with how many works each has', tag: 'works', auth: manager, params: idParam },
    async (ctx, { params }) => {
      ctx.body = (await ctx.container.works.ownAssignments(actor(ctx), params.id)).map(serializeAssignment);
    },
  );

  route(
    router,
    { method: 'delete', path: '/api/creator/assignments/:id', summary: 'Delete an assignment of my course and its works', tag: 'works', auth: manager, params: idParam, responses: { 204: 'Deleted' } },
    async (ctx, { params }) => {
      await ctx.container.works.deleteAssignment(actor(ctx), params.id);
      ctx.status = 204;
    },
  );

  route(
    router,
    { method: 'get', path: '/api/creator/assignments/:id/works', summary: 'Works learners submitted for an assignment of my course, newest first', tag: 'works', auth: manager, params: idParam, query: pageQuery },
    async (ctx, { params, query }) => {
      const page = pageRequest(query);
      const result = await ctx.container.works.submissions(actor(ctx), params.id, page);
      ctx.body = pageBody(ctx, page, result, (v) => serializeWork(v, ctx.container.mediaUrls));
    },
  );

  route(
    router,
    { method: 'post', path: '/api/creator/works/:id/comment', summary: "Comment on a learner's work (again to replace the comment)", tag: 'works', auth: manager, params: idParam, body: commentBody },
    async (ctx, { params, body }) => {
      ctx.body = serializeWork(await ctx.container.works.comment(actor(ctx), params.id, body.comment), ctx.container.mediaUrls);
    },
  );

  route(
    router,
    { method: 'put', path: '/api/creator/works/:id/feature', summary: 'Feature a work: it goes to review and shows on the course page once an admin approves it', tag: 'works', auth: manager, params: idParam },
    async (ctx, { params }) => {
      ctx.body = serializeWork(await ctx.container.works.feature(actor(ctx), params.id), ctx.container.mediaUrls);
    },
  );

  route(
    router,
    { method: 'delete', path: '/api/creator/works/:id/feature', summary: 'Stop featuring a work: it leaves the course page at once', tag: 'works', auth: manager, params: idParam },
    async (ctx, { params }) => {
      ctx.body = serializeWork(await ctx.container.works.unfeature(actor(ctx), params.id), ctx.container.mediaUrls);
    },
  );

  route(
    router,
    { method: 'get', path: '/api/admin/works', summary: 'Featured works by review state (IN_REVIEW by default), oldest feature first', tag: 'works', auth: admin, query: reviewQuery },
    async (ctx, { query }) => {
      const page = pageRequest(query);
      const result = await ctx.container.works.reviewQueue(query.status, page);
      ctx.body = pageBody(ctx, page, result, (v) => serializeWork(v, ctx.container.mediaUrls));
    },
  );

  route(
    router,
    { method: 'post', path: '/api/admin/works/:id/approve', summary: 'Approve a featured work: it shows on the course page', tag: 'works', auth: admin, params: idParam, responses: { 409: 'Not in review' } },
    async (ctx, { params }) => {
      ctx.body = serializeWork(await ctx.container.works.decide(actor(ctx), params.id, 'APPROVED', null), ctx.container.mediaUrls);
    },
  );

  route(
    router,
    { method: 'post', path: '/api/admin/works/:id/reject', summary: 'Reject a featured work, with the reason the creator sees', tag: 'works', auth: admin, params: idParam, body: rejectBody, responses: { 409: 'Not in review' } },
    async (ctx, { params, body }) => {
      ctx.body = serializeWork(await ctx.container.works.decide(actor(ctx), params.id, 'REJECTED', body.reason), ctx.container.mediaUrls);
    },
  );

  route(
    router,
    { method: 'get', path: '/api/courses/:id/assignments', summary: "A course's assignments", tag: 'works', params: idParam },
    async (ctx, { params }) => {
      ctx.body = (await ctx.container.works.assignmentsOf(params.id, viewerOf(ctx))).map(serializeAssignment);
    },
  );

  route(
    router,
    { method: 'get', path: '/api/courses/:id/works', summary: "Learners' works the creator featured and an admin approved, newest first", tag: 'works', params: idParam, query: pageQuery },
    async (ctx, { params, query }) => {
      const page = pageRequest(query);
      const result = await ctx.container.works.featured(params.id, viewerOf(ctx), page);
      ctx.body = pageBody(ctx, page, result, (v) => serializePublicWork(v, ctx.container.mediaUrls));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/assignments/:id/works',
      summary: `Submit my work for an assignment: JSON {text}, or multipart with text and up to ${WORK_MAX_IMAGES} images as "images" (jpeg, png or webp up to 5 MB each); one per assignment`,
      tag: 'works',
      auth: true,
      params: idParam,
      upload: true,
      before: [upload],
      responses: { 201: 'The work', 403: 'Not enrolled', 409: 'Already submitted' },
    },
    async (ctx, { params }) => {
      const view = await ctx.container.works.submit(actor(ctx), params.id, () => workForm(ctx));
      ctx.status = 201;
      ctx.body = serializeWork(view, ctx.container.mediaUrls);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/me/works/:id/images',
      summary: 'Add one image to my work (multipart "file") while it is not featured',
      tag: 'works',
      auth: true,
      params: idParam,
      upload: true,
      before: [upload],
      responses: { 200: 'The work', 404: 'No such work of mine', 409: 'Featured: it cannot change' },
    },
    async (ctx, { params }) => {
      const files = ctx.request.files?.file;
      const file: File | undefined = Array.isArray(files) ? files[0] : files;
      if (!file) throw ValidationError.field('file', 'send the image as multipart/form-data field "file"', 'FILE_REQUIRED');
      const image = { path: file.filepath, mimeType: file.mimetype ?? '', size: file.size, originalName: file.originalFilename ?? '' };
      ctx.body = serializeWork(await ctx.container.works.addImage(actor(ctx), params.id, image), ctx.container.mediaUrls);
    },
  );

  route(
    router,
    { method: 'get', path: '/api/me/works', summary: 'My works, newest first, with comments and feature state', tag: 'works', auth: true, query: pageQuery },
    async (ctx, { query }) => {
      const page = pageRequest(query);
      const result = await ctx.container.works.mine(actor(ctx), page);
      ctx.body = pageBody(ctx, page, result, (v) => serializeWork(v, ctx.container.mediaUrls));
    },
  );

  return router;
}
