import { tmpdir } from 'node:os';
import Router from '@koa/router';
import { koaBody } from 'koa-body';
import type { File } from 'formidable';
import { z } from 'zod';
import type { UploadedFile } from '../../domain/catalog/course-authoring.service';
import { LESSON_KINDS } from '../../domain/catalog/lesson.entity';
import { ValidationError } from '../../errors';
import type { AppContext, AppState, Ctx } from '../context';
import { actor } from '../middleware/auth';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeChapter, serializeOwnCourse, serializeOwnCourseDetail, serializeOwnLesson } from '../serializers/course.serializer';
import { idParam, pageQuery, priceFenField, priceYuanField, text } from '../validation';

const courseFields = {
  name: text(1, 100),
  description: text(1, 5000),
  category: z.number({ error: 'must be a category id' }).int('must be a category id').positive('must be a category id'),
  price: priceYuanField,
  price_fen: priceFenField,
};

/** Exactly one of price (yuan) or price_fen; returns fen. */
function priceOf(body: { price?: number; price_fen?: number }, required: boolean): number | undefined {
  if (body.price !== undefined && body.price_fen !== undefined) {
    throw ValidationError.field('price', 'give either price or price_fen, not both');
  }
  if (body.price_fen !== undefined) return body.price_fen;
  if (body.price !== undefined) return Math.round(body.price * 100);
  if (required) throw ValidationError.field('price', 'is required (yuan, or price_fen in fen)');
  return undefined;
}

const createCourseBody = z.strictObject({
  name: courseFields.name,
  description: courseFields.description,
  category: courseFields.category,
  price: courseFields.price.optional(),
  price_fen: courseFields.price_fen.optional(),
});
const updateCourseBody = createCourseBody.partial();

const chapterBody = z.strictObject({ title: text(1, 100), position: z.number().int().min(0).max(10_000).optional() });
const lessonBody = z.strictObject({
  title: text(1, 100),
  kind: z.enum(LESSON_KINDS, { error: `must be one of ${LESSON_KINDS.join(', ')}` }),
  duration_s: z.number().int('must be whole seconds').min(0, 'must not be negative').max(24 * 3600, 'must be at most 86400').default(0),
  free_preview: z.boolean({ error: 'must be true or false' }).default(false),
  position: z.number().int().min(0).max(10_000).optional(),
});
const lessonPatch = z.strictObject({
  title: lessonBody.shape.title.optional(),
  kind: lessonBody.shape.kind.optional(),
  duration_s: z.number().int('must be whole seconds').min(0, 'must not be negative').max(24 * 3600, 'must be at most 86400').optional(),
  free_preview: z.boolean({ error: 'must be true or false' }).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});

function uploadedFile(ctx: Ctx): UploadedFile {
  const files = ctx.request.files?.file;
  const file: File | undefined = Array.isArray(files) ? files[0] : files;
  if (!file) throw ValidationError.field('file', 'send the file as multipart/form-data field "file"', 'FILE_REQUIRED');
  return { path: file.filepath, mimeType: file.mimetype ?? '', size: file.size, originalName: file.originalFilename ?? '' };
}

function author(ctx: Ctx) {
  return actor(ctx);
}

export function creatorRoutes(uploadMaxBytes: number) {
  const router = new Router<AppState, AppContext>();
  const creator = ['creator'] as const;
  const auth = [...creator];
  const upload = koaBody({
    multipart: true,
    json: false,
    urlencoded: false,
    text: false,
    formidable: { uploadDir: tmpdir(), maxFiles: 1, maxFileSize: uploadMaxBytes, maxFields: 5, allowEmptyFiles: false },
  });

  route(router, { method: 'get', path: '/api/creator/courses', summary: 'My courses, every status', tag: 'creator', auth, query: pageQuery }, async (ctx, { query }) => {
    const page = pageRequest(query);
    const result = await ctx.container.authoring.listOwn(author(ctx), page);
    ctx.body = pageBody(ctx, page, result, (c) => serializeOwnCourse(c, ctx.container.mediaUrls));
  });

  route(
    router,
    { method: 'post', path: '/api/creator/courses', summary: 'Create a draft course', tag: 'creator', auth, body: createCourseBody, responses: { 201: 'The draft course' } },
    async (ctx, { body }) => {
      const course = await ctx.container.authoring.create(author(ctx), {
        name: body.name,
        description: body.description,
        categoryId: body.category,
        priceFen: priceOf(body, true)!,
      });
      ctx.status = 201;
      ctx.body = serializeOwnCourse(course, ctx.container.mediaUrls);
    },
  );

  /** What the editor shows after any change: the course, its syllabus, and the changes waiting for review. */
  const detail = async (ctx: Ctx, courseId: number) => serializeOwnCourseDetail(await ctx.container.authoring.getOwnDetail(author(ctx), courseId), ctx.container.mediaUrls);

  route(
    router,
    { method: 'get', path: '/api/creator/courses/:id', summary: 'One of my courses with its syllabus and the changes waiting for review', tag: 'creator', auth, params: idParam },
    async (ctx, { params }) => {
      ctx.body = await detail(ctx, params.id);
    },
  );

  route(
    router,
    {
      method: 'patch',
      path: '/api/creator/courses/:id',
      summary: "Edit my course (on a course on sale, name and description changes wait for review)",
      tag: 'creator',
      auth,
      params: idParam,
      body: updateCourseBody,
      responses: { 200: 'The course, with pending changes in `revision`', 409: 'In review' },
    },
    async (ctx, { params, body }) => {
      const priceFen = priceOf(body, false);
      await ctx.container.authoring.update(author(ctx), params.id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.category !== undefined ? { categoryId: body.category } : {}),
        ...(priceFen !== undefined ? { priceFen } : {}),
      });
      ctx.body = await detail(ctx, params.id);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/creator/courses/:id/cover',
      summary: 'Upload the cover image (jpeg, png, webp); on a course on sale it waits for review',
      tag: 'creator',
      auth,
      params: idParam,
      upload: true,
      before: [upload],
    },
    async (ctx, { params }) => {
      await ctx.container.authoring.setCover(author(ctx), params.id, uploadedFile(ctx));
      ctx.body = await detail(ctx, params.id);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/creator/courses/:id/submit',
      summary: 'Submit for review: the course (draft, rejected or unlisted), or the pending changes of a course on sale',
      tag: 'creator',
      auth,
      params: idParam,
      responses: { 200: 'In review', 409: 'Not submittable, no lessons, or nothing changed' },
    },
    async (ctx, { params }) => {
      await ctx.container.courseReview.submit(author(ctx), params.id);
      ctx.body = await detail(ctx, params.id);
    },
  );

  route(
    router,
    { method: 'post', path: '/api/creator/courses/:id/unlist', summary: 'Take a published course off sale', tag: 'creator', auth, params: idParam },
    async (ctx, { params }) => {
      await ctx.container.courseReview.unlist(author(ctx), params.id);
      ctx.body = await detail(ctx, params.id);
    },
  );

  route(
    router,
    {
      method: 'delete',
      path: '/api/creator/courses/:id/revision',
      summary: 'Discard the pending changes of a course on sale (not while in review)',
      tag: 'creator',
      auth,
      params: idParam,
      responses: { 200: 'The course as approved', 404: 'No pending changes', 409: 'In review' },
    },
    async (ctx, { params }) => {
      await ctx.container.courseReview.discard(author(ctx), params.id);
      ctx.body = await detail(ctx, params.id);
    },
  );

  route(
    router,
    { method: 'post', path: '/api/creator/courses/:id/chapters', summary: 'Add a chapter', tag: 'creator', auth, params: idParam, body: chapterBody, responses: { 201: 'The chapter' } },
    async (ctx, { params, body }) => {
      ctx.status = 201;
      ctx.body = serializeChapter(await ctx.container.authoring.addChapter(author(ctx), params.id, body));
    },
  );

  route(
    router,
    { method: 'patch', path: '/api/creator/chapters/:id', summary: 'Rename or move a chapter', tag: 'creator', auth, params: idParam, body: chapterBody.partial() },
    async (ctx, { params, body }) => {
      ctx.body = serializeChapter(await ctx.container.authoring.updateChapter(author(ctx), params.id, body));
    },
  );

  route(router, { method: 'delete', path: '/api/creator/chapters/:id', summary: 'Delete a chapter and its lessons', tag: 'creator', auth, params: idParam, responses: { 204: 'Deleted' } }, async (ctx, { params }) => {
    await ctx.container.authoring.deleteChapter(author(ctx), params.id);
    ctx.status = 204;
  });

  route(
    router,
    { method: 'post', path: '/api/creator/chapters/:id/lessons', summary: 'Add a lesson to a chapter', tag: 'creator', auth, params: idParam, body: lessonBody, responses: { 201: 'The lesson' } },
    async (ctx, { params, body }) => {
      const lesson = await ctx.container.authoring.addLesson(author(ctx), params.id, {
        title: body.title,
        kind: body.kind,
        durationS: body.duration_s,
        freePreview: body.free_preview,
        position: body.position,
      });
      ctx.status = 201;
      ctx.body = serializeOwnLesson(lesson);
    },
  );

  route(
    router,
    { method: 'patch', path: '/api/creator/lessons/:id', summary: 'Edit a lesson', tag: 'creator', auth, params: idParam, body: lessonPatch },
    async (ctx, { params, body }) => {
      const lesson = await ctx.container.authoring.updateLesson(author(ctx), params.id, {
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.kind !== undefined ? { kind: body.kind } : {}),
        ...(body.duration_s !== undefined ? { durationS: body.duration_s } : {}),
        ...(body.free_preview !== undefined ? { freePreview: body.free_preview } : {}),
        ...(body.position !== undefined ? { position: body.position } : {}),
      });
      ctx.body = serializeOwnLesson(lesson);
    },
  );

  route(router, { method: 'delete', path: '/api/creator/lessons/:id', summary: 'Delete a lesson', tag: 'creator', auth, params: idParam, responses: { 204: 'Deleted' } }, async (ctx, { params }) => {
    await ctx.container.authoring.deleteLesson(author(ctx), params.id);
    ctx.status = 204;
  });

  route(
    router,
    {
      method: 'post',
      path: '/api/creator/lessons/:id/media',
      summary: "Upload the lesson's media (type must fit its kind); on a course on sale it waits for review",
      tag: 'creator',
      auth,
      params: idParam,
      upload: true,
      before: [upload],
    },
    async (ctx, { params }) => {
      const lesson = await ctx.container.authoring.attachLessonMedia(author(ctx), params.id, uploadedFile(ctx));
      ctx.body = { ...serializeOwnLesson(lesson), pending_media: lesson.pendingMedia };
    },
  );

  return router;
}
