/**
 * Every error a service may throw on purpose. The HTTP layer maps them (http/middleware/errors.ts);
 * jobs and the bot read `code`. Only AppErrors are exposed to clients; anything else is a 500.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  override name = 'ValidationError';
  readonly status = 400;
  readonly code: string;
  constructor(message: string, details?: unknown, code = 'VALIDATION_ERROR') {
    super(message, details);
    this.code = code;
  }
  /** A bad value of one named field. */
  static field(field: string, message: string, code = 'VALIDATION_ERROR'): ValidationError {
    return new ValidationError(`${field}: ${message}`, { fields: [{ field, message }] }, code);
  }
}

export class UnauthorizedError extends AppError {
  override name = 'UnauthorizedError';
  readonly status = 401;
  constructor(
    message = 'authentication required',
    readonly code = 'UNAUTHORIZED',
  ) {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  readonly status = 403;
  constructor(
    message = 'not allowed',
    readonly code = 'FORBIDDEN',
  ) {
    super(message);
  }
}

/** A drip-released lesson (or what hangs on it) that has not opened yet for this learner; details say when it opens. */
export class LessonLockedError extends AppError {
  override name = 'LessonLockedError';
  readonly status = 403;
  readonly code = 'LESSON_LOCKED';
  constructor(readonly opensAt: Date) {
    super(`this lesson opens at ${opensAt.toISOString()}`, { opens_at: opensAt.toISOString() });
  }
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  readonly status = 404;
  readonly code = 'NOT_FOUND';
  constructor(what: string) {
    super(`${what} not found`);
  }
}

export class ConflictError extends AppError {
  override name = 'ConflictError';
  readonly status = 409;
  constructor(
    message: string,
    readonly code = 'CONFLICT',
    details?: unknown,
  ) {
    super(message, details);
  }
}

export class UnprocessableError extends AppError {
  override name = 'UnprocessableError';
  readonly status = 422;
  constructor(
    message: string,
    readonly code = 'UNPROCESSABLE',
  ) {
    super(message);
  }
}

export class RateLimitedError extends AppError {
  override name = 'RateLimitedError';
  readonly status = 429;
  readonly code = 'RATE_LIMITED';
  constructor(readonly retryAfterSeconds: number) {
    super(`too many attempts; try again in ${retryAfterSeconds} s`);
  }
}

export class ServiceUnavailableError extends AppError {
  override name = 'ServiceUnavailableError';
  readonly status = 503;
  constructor(
    message: string,
    readonly code = 'SERVICE_UNAVAILABLE',
  ) {
    super(message);
  }
}

/** An outside system (WeChat, WeChat Pay) answered with an error; `upstreamCode` is theirs. */
export class UpstreamError extends AppError {
  override name = 'UpstreamError';
  readonly status = 502;
  readonly code = 'UPSTREAM_ERROR';
  constructor(
    message: string,
    readonly upstreamCode?: string | number,
  ) {
    super(message, upstreamCode === undefined ? undefined : { upstream_code: upstreamCode });
  }
}

/**
 * WeChat refused a subscribe message because the user holds no one-time grant for its template
 * (errcode 43101): not a failure to retry or alarm about, only a message the user did not ask for.
 */
export class SubscribeRefusedError extends UpstreamError {
  override name = 'SubscribeRefusedError';
  constructor() {
    super('the user has not accepted this subscribe message', 43101);
  }
}
