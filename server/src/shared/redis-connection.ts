import Redis from 'ioredis';
/** Redis could not be reached when a worker process started; its message says where, without the password. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

export interface ConnectRedisOptions {
  connectTimeoutMs?: number;
}

/**
 * Connects and pings once, so a worker (jobs, bot) that cannot reach Redis fails at start with the reason instead of
 * retrying silently forever. After that first success the client reconnects on its own, riding out a Redis
 * restart. The caller must attach its own 'error' listener to the returned client.
 */
export async function connectRedis(url: string, options: ConnectRedisOptions = {}): Promise<Redis> {
  let started = false;
  let lastError: Error | undefined;
  const redis = new Redis(url, {
    lazyConnect: true,
    // BullMQ workers block on Redis; they must wait for a reconnect rather than fail the command.
    maxRetriesPerRequest: null,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    retryStrategy: (times) => (started ? Math.min(times * 200, 5000) : null),
  });
  const remember = (err: Error): void => {
    lastError = err;
  };
  redis.on('error', remember);
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    // ioredis rejects with a bare "Connection is closed."; the error event carries the real cause.
    const cause = lastError ?? (err instanceof Error ? err : new Error(String(err)));
    throw new RedisUnavailableError(`Redis at ${withoutPassword(url)} is unreachable: ${cause.message}`, { cause });
  } finally {
    redis.off('error', remember);
  }
  started = true;
  return redis;
}

/** Redis URLs may carry a password; messages and logs must not. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(unparsable REDIS_URL)';
  }
}
