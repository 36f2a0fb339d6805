/** Where tests find MySQL and Redis: the same variables as the app, pointing at a server, not a database. */
export function testEnv(): { databaseUrl: string; redisUrl: string } {
  return {
    databaseUrl: process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/mysql',
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}
