/** The name of the unique index a MySQL duplicate-key error hit, or null for any other error. */
export function duplicateKeyIndex(err: unknown): string | null {
  const e = err as { code?: string; driverError?: { code?: string; sqlMessage?: string }; sqlMessage?: string };
  const code = e?.driverError?.code ?? e?.code;
  if (code !== 'ER_DUP_ENTRY') return null;
  const message = e.driverError?.sqlMessage ?? e.sqlMessage ?? '';
  return /for key '(?:[^'.]*\.)?([^']+)'/.exec(message)?.[1] ?? '';
}

/** InnoDB gave up one of two transactions that waited on each other; running it again is the cure. */
export function isDeadlock(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  return (e?.driverError?.code ?? e?.code) === 'ER_LOCK_DEADLOCK';
}

/** Runs a transaction again (up to `tries` times in all) when InnoDB picks it as a deadlock victim. */
export async function retryOnDeadlock<T>(run: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!isDeadlock(err) || attempt >= tries) throw err;
    }
  }
}
