import type { Context, Middleware, Next } from 'koa';
import { koaBody } from 'koa-body';
import { AppError } from '../errors';
import type { Logger } from '../logger';

/** Nothing the sandbox emulates takes more than a few kilobytes of JSON. */
export const SANDBOX_JSON_LIMIT = '64kb';

/**
 * Parses JSON bodies only, per route, so each API family can answer parse failures in its own
 * format. The raw text is kept (ctx.request.rawBody) for endpoints whose signatures cover it.
 */
export function jsonBody(): Middleware {
  return koaBody({
    json: true,
    jsonStrict: true,
    jsonLimit: SANDBOX_JSON_LIMIT,
    includeUnparsed: true,
    urlencoded: false,
    text: false,
    multipart: false,
  });
}

/** An error raised while reading the request (bad JSON, too large): the client's fault, with a 4xx status. */
export function isRequestReadError(err: unknown): err is Error & { status: number } {
  if (!(err instanceof Error) || err instanceof AppError) return false;
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** One line per request at debug level. Only the path: query strings carry secrets and login codes. */
export function requestLog(logger: Logger): Middleware {
  return async function requestLog(ctx: Context, next: Next) {
    const started = performance.now();
    try {
      await next();
    } finally {
      logger.debug({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(performance.now() - started) }, 'sandbox request');
    }
  };
}

/**
 * The sandbox's own endpoints (/sandbox/...) answer in the API's error shape; routes that emulate
 * WeChat catch their protocol errors themselves, so anything reaching here is ours or a bug.
 */
export function errorBodies(logger: Logger): Middleware {
  return async function errorBodies(ctx: Context, next: Next) {
    try {
      await next();
    } catch (err) {
      if (err instanceof AppError) {
        ctx.status = err.status;
        ctx.body = { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
        return;
      }
      if (isRequestReadError(err)) {
        ctx.status = err.status;
        ctx.body = { error: { code: err.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_ERROR', message: err.message } };
        return;
      }
      logger.error({ err, method: ctx.method, path: ctx.path }, 'sandbox request failed');
      ctx.status = 500;
      ctx.body = { error: { code: 'INTERNAL_ERROR', message: 'the sandbox failed to handle this request' } };
    }
  };
}

/** Gives unmatched routes and wrong methods a JSON body instead of Koa's plain text. */
export function jsonFallback(): Middleware {
  return async function jsonFallback(ctx: Context, next: Next) {
    await next();
    if (ctx.body !== undefined && ctx.body !== null) return;
    if (ctx.status === 404) {
      ctx.body = { error: { code: 'NOT_FOUND', message: `no sandbox endpoint ${ctx.method} ${ctx.path}` } };
      ctx.status = 404;
    } else if (ctx.status === 405) {
      ctx.body = { error: { code: 'METHOD_NOT_ALLOWED', message: `${ctx.method} is not allowed on ${ctx.path}` } };
      ctx.status = 405;
    }
  };
}
