import Router from '@koa/router';
import { z } from 'zod';
import { ValidationError } from '../../errors';
import { ATTEMPT_STATUSES } from '../../domain/quizzes/quiz-attempt.entity';
import type { QuestionInput } from '../../domain/quizzes/quiz.service';
import type { Role } from '../../domain/users/user.entity';
import { viewerOf, type AppContext, type AppState } from '../context';
import { actor } from '../middleware/auth';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeAttempt, serializeOwnQuiz, serializeQuizListing, serializeQuizToTake } from '../serializers/quiz.serializer';
import { idParam, pageQuery, text } from '../validation';

const optionIndex = z.number({ error: 'must be an option index' }).int('must be an option index').min(0, 'must be an option index');
const common = {
  prompt: text(1, 2000),
  explanation: text(1, 2000).optional(),
  points: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(1),
};
const options = z.array(text(1, 200), { error: 'must be a list of option texts' }).min(2, 'must have at least 2 options').max(10, 'must have at most 10 options');

const questionBody = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('single'), options, answer: optionIndex, ...common }),
      z.strictObject({ kind: z.literal('multiple'), options, answer: z.array(optionIndex).min(1, 'must name at least one option'), ...common }),
      z.strictObject({ kind: z.literal('true_false'), answer: z.boolean({ error: 'must be true or false' }), ...common }),
      z.strictObject({
        kind: z.literal('fill_in'),
        answer: z.array(text(1, 100), { error: 'must be a list of accepted answers' }).min(1, 'must accept at least one answer').max(10, 'must accept at most 10 answers'),
        ...common,
      }),
      z.strictObject({ kind: z.literal('short_answer'), ...common }),
    ],
    { error: 'kind must be one of single, multiple, true_false, fill_in, short_answer' },
  )
  .superRefine((q, ctx) => {
    if (q.kind === 'single' && q.answer >= q.options.length) ctx.addIssue({ code: 'custom', path: ['answer'], message: 'must be the index of one of the options' });
    if (q.kind === 'multiple') {
      if (q.answer.some((i) => i >= q.options.length)) ctx.addIssue({ code: 'custom', path: ['answer'], message: 'must be indexes of the options' });
      if (new Set(q.answer).size !== q.answer.length) ctx.addIssue({ code: 'custom', path: ['answer'], message: 'must not repeat an option' });
    }
  });

type QuestionBody = z.infer<typeof questionBody>;

function questionInput(q: QuestionBody): QuestionInput {
  const base = { kind: q.kind, prompt: q.prompt, explanation: q.explanation ?? null, points: q.points };
  switch (q.kind) {
    case 'single':
      return { ...base, options: q.options, answerKey: { kind: 'single', choice: q.answer } };
    case 'multiple':
      return { ...base, options: q.options, answerKey: { kind: 'multiple', choices: [...q.answer].sort((a, b) => a - b) } };
    case 'true_false':
      return { ...base, options: [], answerKey: { kind: 'true_false', value: q.answer } };
    case 'fill_in':
      return { ...base, options: [], answerKey: { kind: 'fill_in', accepted: q.answer } };
    case 'short_answer':
      return { ...base, options: [], answerKey: { kind: 'short_answer' } };
  }
}

const idRef = z.number({ error: 'must be an id' }).int('must be an id').positive('must be an id');
const quizBody = z.strictObject({
  title: text(1, 100),
  lesson: idRef.optional(),
  chapter: idRef.optional(),
  pass_percent: z.number().int('must be a whole percent').min(0, 'must be 0 to 100').max(100, 'must be 0 to 100').default(60),
  required: z.boolean({ error: 'must be true or false' }).default(false),
  questions: z.array(questionBody, { error: 'must be a list of questions' }).min(1, 'must have at least one question').max(100, 'must have at most 100 questions'),
});

/** An edit replaces the title, pass mark and questions; the quiz stays on its lesson or chapter. */
const quizEditBody = quizBody.omit({ lesson: true, chapter: true });

/** The client's id for an attempt, to make a retried submit return the first attempt. */
const clientAttemptId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 characters of A-Z, a-z, 0-9, _ or -');

const questionKey = z.string().regex(/^[1-9]\d{0,9}$/, 'must be a question id');
const attemptBody = z.strictObject({
  client_attempt_id: clientAttemptId.optional(),
  answers: z.record(
    questionKey,
    z.union([z.number().int(), z.array(z.number().int()).max(10), z.boolean(), z.string().max(2000, 'must be at most 2000 characters')], {
      error: 'must be an option index, a list of them, true/false or text',
    }),
    { error: 'must map question ids to answers' },
  ),
});
const gradeBody = z.strictObject({
  points: z.record(questionKey, z.number({ error: 'must be a number of points' }).int('must be whole points').min(0, 'must not be negative'), { error: 'must map question ids to points' }),
});
const attemptsQuery = pageQuery.extend({ status: z.enum(ATTEMPT_STATUSES, { error: `must be one of ${ATTEMPT_STATUSES.join(', ')}` }).optional() });

export function quizRoutes() {
  const router = new Router<AppState, AppContext>();
  const creator: Role[] = ['creator'];

  route(
    router,
    {
      method: 'post',
      path: '/api/creator/courses/:id/quizzes',
      summary: 'Add a quiz to my course (on a lesson, a chapter, or the course)',
      tag: 'quizzes',
      auth: creator,
      params: idParam,
      body: quizBody,
      responses: { 201: 'The quiz with its answer key', 404: 'No such course of yours' },
    },
    async (ctx, { params, body }) => {
      const created = await ctx.container.quizzes.create(actor(ctx), params.id, {
        title: body.title,
        lessonId: body.lesson,
        chapterId: body.chapter,
        passPercent: body.pass_percent,
        required: body.required,
        questions: body.questions.map(questionInput),
      });
      ctx.status = 201;
      ctx.body = serializeOwnQuiz(created);
    },
  );

  route(
    router,
    { method: 'get', path: '/api/creator/quizzes/:id', summary: 'One of my quizzes, with answers and explanations', tag: 'quizzes', auth: creator, params: idParam },
    async (ctx, { params }) => {
      ctx.body = serializeOwnQuiz(await ctx.container.quizzes.getOwn(actor(ctx), params.id));
    },
  );

  route(
    router,
    {
      method: 'put',
      path: '/api/creator/quizzes/:id',
      summary: 'Replace the title, pass mark and questions of my quiz; once learners have attempted it, only the title, prompts and explanations may change',
      tag: 'quizzes',
      auth: creator,
      params: idParam,
      body: quizEditBody,
      responses: { 200: 'The quiz with its answer key', 404: 'No such quiz of yours', 409: 'QUIZ_HAS_ATTEMPTS: the edit would change how attempts were graded' },
    },
    async (ctx, { params, body }) => {
      const replaced = await ctx.container.quizzes.replace(actor(ctx), params.id, {
        title: body.title,
        passPercent: body.pass_percent,
        required: body.required,
        questions: body.questions.map(questionInput),
      });
      ctx.body = serializeOwnQuiz(replaced);
    },
  );

  route(
    router,
    { method: 'delete', path: '/api/creator/quizzes/:id', summary: 'Delete one of my quizzes and its attempts', tag: 'quizzes', auth: creator, params: idParam, responses: { 204: 'Deleted' } },
    async (ctx, { params }) => {
      await ctx.container.quizzes.delete(actor(ctx), params.id);
      ctx.status = 204;
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/creator/quizzes/:id/attempts',
      summary: "Learners' attempts at my quiz, oldest first; status=AWAITING_REVIEW for those with short answers to grade",
      tag: 'quizzes',
      auth: creator,
      params: idParam,
      query: attemptsQuery,
    },
    async (ctx, { params, query }) => {
      const page = pageRequest(query);
      const result = await ctx.container.quizzes.attemptsOf(actor(ctx), params.id, query.status, page);
      ctx.body = pageBody(ctx, page, result, serializeAttempt);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/creator/quiz-attempts/:id/grade',
      summary: 'Give points to the short answers of an attempt (every short answer; again to correct)',
      tag: 'quizzes',
      auth: creator,
      params: idParam,
      body: gradeBody,
      responses: { 200: 'The graded attempt', 404: 'No such attempt at a quiz of yours' },
    },
    async (ctx, { params, body }) => {
      ctx.body = serializeAttempt(await ctx.container.quizzes.gradeAttempt(actor(ctx), params.id, body.points));
    },
  );

  route(
    router,
    { method: 'get', path: '/api/courses/:id/quizzes', summary: "A course's quizzes, with the signed-in learner's best attempt", tag: 'quizzes', params: idParam },
    async (ctx, { params }) => {
      const listings = await ctx.container.quizzes.listForCourse(params.id, viewerOf(ctx));
      ctx.body = listings.map(serializeQuizListing);
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/quizzes/:id',
      summary: 'A quiz to take: its questions, never their answers or explanations',
      tag: 'quizzes',
      auth: true,
      params: idParam,
      responses: { 200: 'The quiz', 403: 'Not enrolled, or its lesson not open yet', 404: 'No such quiz' },
    },
    async (ctx, { params }) => {
      ctx.body = serializeQuizToTake(await ctx.container.quizzes.open(params.id, viewerOf(ctx)));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/quizzes/:id/attempts',
      summary:
        'Submit answers ({question id: option index | [indexes] | true/false | text}); the answer is graded with explanations. ' +
        'An Idempotency-Key header (or client_attempt_id) makes a retry return the first attempt',
      tag: 'quizzes',
      auth: true,
      params: idParam,
      body: attemptBody,
      responses: {
        201: 'The graded attempt (AWAITING_REVIEW while short answers wait for the creator)',
        200: 'A repeat of a submit with the same Idempotency-Key: the first attempt',
        403: 'Not enrolled, or its lesson not open yet',
      },
    },
    async (ctx, { params, body }) => {
      const header = ctx.get('Idempotency-Key').trim();
      if (header && !clientAttemptId.safeParse(header).success) throw ValidationError.field('Idempotency-Key', 'must be 8 to 64 characters of A-Z, a-z, 0-9, _ or -');
      if (header && body.client_attempt_id && header !== body.client_attempt_id) throw ValidationError.field('client_attempt_id', 'differs from the Idempotency-Key header');
      const submitted = await ctx.container.quizzes.submit(actor(ctx), params.id, body.answers, header || body.client_attempt_id || null);
      ctx.status = submitted.replayed ? 200 : 201;
      ctx.body = serializeAttempt(submitted);
    },
  );

  route(
    router,
    { method: 'get', path: '/api/quizzes/:id/attempts', summary: 'My attempts at a quiz, newest first, with answers and explanations', tag: 'quizzes', auth: true, params: idParam },
    async (ctx, { params }) => {
      const attempts = await ctx.container.quizzes.myAttempts(actor(ctx), params.id);
      ctx.body = attempts.map(serializeAttempt);
    },
  );

  return router;
}
