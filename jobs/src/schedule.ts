/** Wall-clock scheduling for people in China: times are stored in UTC, but "20:00" means 20:00 where the reader lives. */

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;

/**
 * The first instant strictly after `now` at which the clock in `timeZone` reads `hhmm` ("20:00").
 * Strictly after, so a run that fires exactly on time schedules tomorrow's and never runs twice.
 * On a daylight-saving gap the time that does not exist is shifted forward by the gap's length.
 */
export function nextDailyRun(now: Date, hhmm: string, timeZone = 'Asia/Shanghai'): Date {
  if (Number.isNaN(now.getTime())) throw new RangeError('now is an invalid date');
  const match = HHMM.exec(hhmm);
  if (!match) throw new RangeError(`time must be HH:MM on a 24-hour clock, got "${hhmm}"`);
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const format = wallClockFormat(timeZone);

  const today = wallClock(format, now);
  for (let days = 0; days <= 2; days++) {
    // Date.UTC normalizes day 32 into the next month, so stepping days needs no calendar code.
    const candidate = zonedToUtc(format, today.year, today.month, today.day + days, hour, minute);
    if (candidate.getTime() > now.getTime()) return candidate;
  }
  // Unreachable for real time zones (offsets stay within ±14 h); kept so a broken Intl cannot loop.
  throw new Error(`no ${hhmm} found in ${timeZone} within two days of ${now.toISOString()}`);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  // Intl throws RangeError for an unknown zone, which is the error callers should see.
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
}

function wallClock(format: Intl.DateTimeFormat, at: Date): WallClock {
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** How far the zone's clock is ahead of UTC at `at`, in ms. */
function offsetAt(format: Intl.DateTimeFormat, at: number): number {
  const c = wallClock(format, new Date(at));
  const truncated = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute) - truncated;
}

function zonedToUtc(format: Intl.DateTimeFormat, year: number, month: number, day: number, hour: number, minute: number): Date {
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The offset depends on the instant we are looking for; a second pass settles it across a DST change.
  let guess = asIfUtc - offsetAt(format, asIfUtc);
  const settled = asIfUtc - offsetAt(format, guess);
  if (settled !== guess) guess = Math.max(guess, settled);
  return new Date(guess);
}
