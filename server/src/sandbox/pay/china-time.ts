/** WeChat Pay writes every time in Beijing time with an explicit offset, e.g. 2018-06-08T10:34:56+08:00. */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** RFC 3339 with the +08:00 offset WeChat Pay uses, to the second. */
export function chinaRfc3339(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000 + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** yyyyMMddHHmmss in Beijing time: the date part of WeChat's ids. */
export function chinaCompact(ms: number): string {
  return chinaRfc3339(ms).slice(0, 19).replace(/[-T:]/g, '');
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch, or null when the text is not an RFC 3339 date-time with an offset. */
export function parseRfc3339(text: string): number | null {
  if (!RFC3339.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}
