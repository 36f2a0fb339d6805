import type { DataSource, Logger as OrmLogger, QueryRunner } from 'typeorm';

export interface CountedQuery {
  sql: string;
  /** 'master' or 'slave': where TypeORM sent it. */
  mode: string;
}

/**
 * Records every SQL statement the data source runs while `during` runs, by swapping TypeORM's logger
 * (every query passes through it, whatever the logging setting). Restored afterwards.
 */
export async function queriesDuring(ds: DataSource, during: () => Promise<unknown>): Promise<CountedQuery[]> {
  const seen: CountedQuery[] = [];
  const holder = ds as unknown as { logger: OrmLogger };
  const original = holder.logger;
  holder.logger = {
    logQuery: (sql: string, _parameters?: unknown[], runner?: QueryRunner) => {
      seen.push({ sql, mode: runner?.getReplicationMode() ?? 'master' });
    },
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  try {
    await during();
  } finally {
    holder.logger = original;
  }
  return seen;
}

/** The statements that read or write tables, leaving out transaction control. */
export function statements(queries: CountedQuery[]): CountedQuery[] {
  return queries.filter((q) => !/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION)/i.test(q.sql.trim()));
}
