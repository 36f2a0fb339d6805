/** The name of the unique index a MySQL duplicate-key error hit, or null for any other error. */
export function duplicateKeyIndex(err: unknown): string | null {
  const e = err as { code?: string; driverError?: { code?: string; sqlMessage?: string }; sqlMessage?: string };
  const code = e?.driverError?.code ?? e?.code;
  if (code !== 'ER_DUP_ENTRY') return null;
  const message = e.driverError?.sqlMessage ?? e.sqlMessage ?? '';
  return /for key '(?:[^'.]*\.)?([^']+)'/.exec(message)?.[1] ?? '';
}
