import 'reflect-metadata';
import { loadConfig } from '../config';
import { createDatabaseIfMissing, createDataSource } from '../db/data-source';

/** `migrate up` creates the database if needed and applies pending migrations; `migrate down` reverts the last one. */
async function main(direction: string | undefined): Promise<void> {
  if (direction !== 'up' && direction !== 'down') throw new Error('usage: migrate up|down');
  const config = loadConfig();
  await createDatabaseIfMissing(config.databaseUrl);
  const ds = createDataSource({ url: config.databaseUrl, poolSize: 1 });
  await ds.initialize();
  try {
    if (direction === 'up') {
      const applied = await ds.runMigrations({ transaction: 'each' });
      console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'database is up to date');
    } else {
      await ds.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    }
  } finally {
    await ds.destroy();
  }
}

main(process.argv[2]).catch((err: unknown) => {
  console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
