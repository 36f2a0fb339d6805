import { createServer } from 'node:net';
import { connectRedis, RedisUnavailableError, withoutPassword } from '../src/index';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A port nobody listens on: bind one, then let it go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

describe('connectRedis', () => {
  it('answers PONG from the real Redis', async () => {
    const redis = await connectRedis(REDIS_URL);
    try {
      expect(await redis.ping()).toBe('PONG');
    } finally {
      await redis.quit();
    }
  });

  it('fails fast with the address and the cause when nothing listens', async () => {
    const port = await closedPort();
    const started = Date.now();
    const attempt = connectRedis(`redis://127.0.0.1:${port}`);
    await expect(attempt).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(attempt).rejects.toThrow(`Redis at redis://127.0.0.1:${port} is unreachable: connect ECONNREFUSED`);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('never puts the password into the message', async () => {
    const port = await closedPort();
    await expect(connectRedis(`redis://:hunter2@127.0.0.1:${port}`)).rejects.toThrow(/^(?!.*hunter2).*\*\*\*@127\.0\.0\.1/);
  });
});

describe('withoutPassword', () => {
  it('masks the password and keeps the rest', () => {
    expect(withoutPassword('redis://user:s3cret@redis.internal:6380/2')).toBe('redis://user:***@redis.internal:6380/2');
    expect(withoutPassword('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
