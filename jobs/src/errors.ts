/** Errors the worker process raises on purpose; main.ts turns them into a readable exit. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}
