import type { Middleware } from 'koa';
import { QueryFailedError } from 'typeorm';
import { AppError, RateLimitedError } from '../../errors';
import type { AppContext, AppState } from '../context';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const CONNECTION_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'POOL_CLOSED',
]);

function isConnectionFailure(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return (code !== undefined && CONNECTION_FAILURES.has(code)) || (err instanceof Error && /Connection is closed|Stream isn't writeable/.test(err.message));
}

/** Maps what the body parser throws (it sets `status` and `expose`) onto the contract's codes. */
function parserError(err: { status?: number; type?: string; message?: string }): ErrorBody['error'] & { status: number } {
  if (err.status === 413) return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' };
  if (err.status === 415) return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: err.message ?? 'unsupported content type' };
  return { status: 400, code: 'MALFORMED_BODY', message: 'the request body is not valid JSON or form data' };
}

/**
 * The one place errors become responses: AppErrors show their message and code; body-parser and
 * database-outage errors get their own codes; anything else is logged and answered as a bare 500.
 */
export function errorHandler(): Middleware<AppState, AppContext> {
  return async function errorHandlerMiddleware(ctx, next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { error: { code: 'NOT_FOUND', message: `no route for ${ctx.method} ${ctx.path}` } } satisfies ErrorBody;
      } else if (ctx.status === 405 && ctx.body === undefined) {
        // The router's allowedMethods sets 405 and Allow but no body.
        ctx.status = 405;
        ctx.body = { error: { code: 'METHOD_NOT_ALLOWED', message: `${ctx.method} is not allowed here; see the Allow header` } } satisfies ErrorBody;
      }
    } catch (err) {
      if (err instanceof AppError) {
        ctx.status = err.status;
        ctx.body = { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
        if (err instanceof RateLimitedError) ctx.set('Retry-After', String(err.retryAfterSeconds));
        return;
      }
      // co-body sets `status`; formidable (multipart uploads) sets `httpCode` instead.
      const e = err as { status?: number; httpCode?: number; message?: string };
      const clientStatus = e?.status ?? e?.httpCode;
      if (typeof clientStatus === 'number' && clientStatus >= 400 && clientStatus < 500) {
        const { status, ...error } = parserError({ status: clientStatus, message: e.message });
        ctx.status = status;
        ctx.body = { error } satisfies ErrorBody;
        return;
      }
      if (isConnectionFailure(err)) {
        ctx.state.log?.error({ err }, 'a backing service is unavailable');
        ctx.status = 503;
        ctx.set('Retry-After', '5');
        ctx.body = { error: { code: 'SERVICE_UNAVAILABLE', message: 'the service is temporarily unavailable; try again shortly' } } satisfies ErrorBody;
        return;
      }
      ctx.state.log?.error({ err, query: err instanceof QueryFailedError ? err.query : undefined }, 'unhandled error');
      ctx.status = 500;
      ctx.body = { error: { code: 'INTERNAL_ERROR', message: 'something went wrong on our side', details: { request_id: ctx.state.requestId } } } satisfies ErrorBody;
    }
  };
}
