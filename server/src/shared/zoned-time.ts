/**
 * Calendar days and wall-clock times in a time zone. Times are stored in UTC, but "today" and "20:00"
 * mean what the reader's clock says (Asia/Shanghai for our users), so reports cut days here.
 */

const MINUTE_MS = 60_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    // Intl throws RangeError for an unknown zone, which is the error callers should see.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** Whether Intl knows the zone (for configuration checks). */
export function isTimeZone(timeZone: string): boolean {
  try {
    wallClockFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** What a clock in `timeZone` reads at `at`. */
export function wallClock(at: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of wallClockFormat(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** How far the zone's clock is ahead of UTC at `at`, in ms. */
function offsetAt(timeZone: string, at: number): number {
  const c = wallClock(new Date(at), timeZone);
  const truncated = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute) - truncated;
}

/**
 * The instant at which the clock in `timeZone` reads the given time. Day 32 rolls into the next month
 * (Date.UTC normalizes), so callers may step days without calendar code. A time inside a daylight-saving
 * gap does not exist: it is shifted forward by the gap's length.
 */
export function zonedTimeToUtc(timeZone: string, year: number, month: number, day: number, hour: number, minute: number): Date {
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The offset depends on the instant we are looking for; a second pass settles it across a DST change.
  let guess = asIfUtc - offsetAt(timeZone, asIfUtc);
  const settled = asIfUtc - offsetAt(timeZone, guess);
  if (settled !== guess) guess = Math.max(guess, settled);
  return new Date(guess);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day ("2026-01-15") in `timeZone` at `at`. */
export function localDay(at: Date, timeZone: string): string {
  const c = wallClock(at, timeZone);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
}

/** "20:00": the wall-clock time in `timeZone` at `at`. */
export function localTime(at: Date, timeZone: string): string {
  const c = wallClock(at, timeZone);
  return `${pad(c.hour)}:${pad(c.minute)}`;
}

export function isDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function parseDay(day: string): [number, number, number] {
  const m = DAY.exec(day);
  if (!m || !isDay(day)) throw new RangeError(`a day must be YYYY-MM-DD, got "${day}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The calendar day `days` after (or before, when negative) `day`. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = parseDay(day);
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** Whole days from `from` to `to` (0 for the same day). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parseDay(from);
  const [y2, m2, d2] = parseDay(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / (24 * 3600 * 1000));
}

/** The instant the day begins in `timeZone` (midnight, or the first minute after a gap). */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const [y, m, d] = parseDay(day);
  return zonedTimeToUtc(timeZone, y, m, d, 0, 0);
}

/** [start, end) of a calendar day in `timeZone`: 23 or 25 hours long on a daylight-saving change. */
export function localDayRange(day: string, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(day, timeZone), end: startOfLocalDay(addDays(day, 1), timeZone) };
}
