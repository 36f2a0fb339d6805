import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DataSourceOptions {
  url: string;
  /** Read replicas: queries that ask for a 'slave' query runner go there (the catalog's reads); the rest to `url`. */
  replicaUrls?: string[];
  poolSize?: number;
}

/** MySQL/MariaDB through mysql2. Schema changes only through migrations; times are UTC. */
export function createDataSource({ url, replicaUrls = [], poolSize = 10 }: DataSourceOptions): DataSource {
  const connection = replicaUrls.length
    ? {
        replication: {
          master: { url },
          slaves: replicaUrls.map((replica) => ({ url: replica })),
          // Only reads that ask for a replica go to one: everything else (auth, orders, writes' own reads) sees its writes.
          defaultMode: 'master' as const,
          selector: 'RR' as const,
          // A replica that failed (restarted) comes back after 5 s instead of being dropped for good.
          restoreNodeTimeout: 5000,
        },
      }
    : { url };
  return new DataSource({
    type: 'mysql',
    ...connection,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    poolSize,
    extra: { connectionLimit: poolSize },
  });
}

/** The database name in a mysql:// URL. */
export function databaseName(url: string): string {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`database name must be [A-Za-z0-9_]+, got "${name}"`);
  return name;
}

/** The same server without a database selected, for CREATE/DROP DATABASE. */
export function serverUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/';
  return u.toString();
}

export async function createDatabaseIfMissing(url: string): Promise<void> {
  const admin = new DataSource({ type: 'mysql', url: serverUrl(url) });
  await admin.initialize();
  try {
    await admin.query(
      `CREATE DATABASE IF NOT EXISTS \`${databaseName(url)}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await admin.destroy();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const admin = new DataSource({ type: 'mysql', url: serverUrl(url) });
  await admin.initialize();
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${databaseName(url)}\``);
  } finally {
    await admin.destroy();
  }
}
