/** Wall-clock scheduling for people in China: times are stored in UTC, but "20:00" means 20:00 where the reader lives. */
import { wallClock, zonedTimeToUtc } from '@knowpay/server';

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

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

  const today = wallClock(now, timeZone);
  for (let days = 0; days <= 2; days++) {
    const candidate = zonedTimeToUtc(timeZone, today.year, today.month, today.day + days, hour, minute);
    if (candidate.getTime() > now.getTime()) return candidate;
  }
  // Unreachable for real time zones (offsets stay within ±14 h); kept so a broken Intl cannot loop.
  throw new Error(`no ${hhmm} found in ${timeZone} within two days of ${now.toISOString()}`);
}
