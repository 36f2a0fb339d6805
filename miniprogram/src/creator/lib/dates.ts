const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The calendar day in China (where reports cut their days), YYYY-MM-DD. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The `days` days ending with `to` (both ends included). */
export function lastDays(to: string, days: number): { from: string; to: string } {
  const end = Date.parse(`${to}T00:00:00Z`);
  return { from: new Date(end - (days - 1) * DAY_MS).toISOString().slice(0, 10), to };
}

/** A range the API takes: from ≤ to (swapped when picked the other way round). */
export function orderedRange(from: string, to: string): { from: string; to: string } {
  return from <= to ? { from, to } : { from: to, to: from };
}

/** 2026-01-15 10:05 in China time, for "updated at" lines. */
export function chinaMinute(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** A date picked as YYYY-MM-DD, as the start (00:00) or the end (23:59:59) of that day in China, ISO with offset. */
export function chinaDateTime(day: string, end = false): string {
  return `${day}T${end ? '23:59:59' : '00:00:00'}+08:00`;
}
