import { DataSource } from 'typeorm';
import { serverUrl } from '../../src/db/data-source';
import { deleteRedisKeys } from './cleanup';
import { testEnv } from './test-env';

/** Drops whatever a crashed test file left behind: databases and Redis keys of this run. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.KNOWPAY_TEST_RUN;
  if (!run) return;
  const { databaseUrl, redisUrl } = testEnv();
  const admin = new DataSource({ type: 'mysql', url: serverUrl(databaseUrl) });
  await admin.initialize();
  try {
    const rows: Array<{ name: string }> = await admin.query(
      'SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?',
      [`${run}%`],
    );
    for (const { name } of rows) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await admin.destroy();
  }
  await deleteRedisKeys(redisUrl, run);
}
