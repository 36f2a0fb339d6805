import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { createDataSource } from '../db/data-source';
import { seedDemo } from '../db/seed/seed-demo';

/** Loads the demo catalog into an empty database and prints the demo accounts (also kept in var/demo-accounts.json). */
async function main(): Promise<void> {
  const config = loadConfig();
  const ds = createDataSource({ url: config.databaseUrl, poolSize: 2 });
  await ds.initialize();
  try {
    if (await ds.showMigrations()) throw new Error('migrations are pending: run `npm run migrate` first');
    const result = await seedDemo(ds, { mediaDir: config.media.dir, log: (line) => console.log(line) });
    if (!result.seeded) {
      console.log('the catalog already has courses: nothing seeded');
      return;
    }
    const file = join(config.varDir, 'demo-accounts.json');
    mkdirSync(config.varDir, { recursive: true });
    writeFileSync(file, JSON.stringify(result.accounts, null, 2), { mode: 0o600 });
    console.log(`demo accounts (also in ${file}):`);
    for (const a of result.accounts.filter((x) => x.role !== 'learner').concat(result.accounts.filter((x) => x.role === 'learner').slice(0, 2))) {
      console.log(`  ${a.role.padEnd(8)} ${a.username.padEnd(16)} ${a.password}`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
