import type Router from '@koa/router';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Middleware, Next } from 'koa';
import type { z } from 'zod';
import type { Role } from '../domain/users/user.entity';
import type { AppContext, AppState, Ctx } from './context';
import { requireUser } from './middleware/auth';
import { parseOrThrow } from './validation';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Schema = z.ZodType<unknown, unknown>;
type ObjectSchema = z.ZodObject;

export interface RouteDef<Q extends ObjectSchema, B extends Schema, P extends ObjectSchema> {
  method: Method;
  /** Koa style: /api/courses/:id */
  path: string;
  summary: string;
  tag: string;
  query?: Q;
  body?: B;
  params?: P;
  /** true: any signed-in user; roles: one of them; absent: public. */
  auth?: true | Role[];
  /** A multipart upload instead of a JSON body (documented, parsed by the route's own middleware). */
  upload?: boolean;
  responses?: Record<number, string>;
  /** Middleware that runs after the auth guard and before validation (e.g. a multipart parser). */
  before?: Middleware[];
}

type Infer<S> = S extends Schema ? z.infer<S> : undefined;

export interface RouteInput<Q, B, P> {
  query: Q;
  body: B;
  params: P;
}

/** The document every route adds itself to; served at /api/openapi.json. */
export const openApiRegistry = new OpenAPIRegistry();

openApiRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });

/**
 * Declares a route once: the same zod schemas validate the request and describe it in OpenAPI.
 * The handler gets parsed input and returns nothing (it sets ctx.status/body).
 */
export function route<Q extends ObjectSchema, B extends Schema, P extends ObjectSchema>(
  router: Router<AppState, AppContext>,
  def: RouteDef<Q, B, P>,
  handler: (ctx: Ctx, input: RouteInput<Infer<Q>, Infer<B>, Infer<P>>) => unknown,
): void {
  register(def);
  const guards = def.auth ? [requireUser(...(def.auth === true ? [] : def.auth))] : [];
  async function validatedHandler(ctx: Ctx) {
    const input = {
      params: (def.params ? parseOrThrow(def.params, ctx.params, 'path') : undefined) as Infer<P>,
      query: (def.query ? parseOrThrow(def.query, ctx.query, 'query') : undefined) as Infer<Q>,
      body: (def.body ? parseOrThrow(def.body, ctx.request.body ?? {}, 'body') : undefined) as Infer<B>,
    };
    await handler(ctx, input);
  }
  router[def.method](def.path, ...guards, ...((def.before ?? []) as Array<(ctx: Ctx, next: Next) => unknown>), validatedHandler);
}

function register<Q extends ObjectSchema, B extends Schema, P extends ObjectSchema>(def: RouteDef<Q, B, P>): void {
  const responses: Record<string, { description: string }> = {};
  for (const [status, description] of Object.entries(def.responses ?? { 200: 'OK' })) responses[status] = { description };
  responses['400'] ??= { description: 'Bad input: the error names the field' };
  if (def.auth) responses['401'] ??= { description: 'Not signed in, or the token is invalid or expired' };
  openApiRegistry.registerPath({
    method: def.method,
    path: def.path.replace(/:(\w+)/g, '{$1}'),
    summary: def.summary,
    tags: [def.tag],
    ...(def.auth ? { security: [{ bearer: [] }] } : {}),
    request: {
      ...(def.query ? { query: def.query } : {}),
      ...(def.params ? { params: def.params } : {}),
      ...(def.body
        ? { body: { content: { 'application/json': { schema: def.body } } } }
        : def.upload
          ? { body: { content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } } } }
          : {}),
    },
    responses,
  });
}
