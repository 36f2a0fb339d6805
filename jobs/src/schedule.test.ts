import { nextDailyRun } from './schedule';

const at = (iso: string) => new Date(iso);

describe('nextDailyRun', () => {
  it('returns 20:00 Shanghai (12:00 UTC) later the same day', () => {
    expect(nextDailyRun(at('2025-03-14T03:00:00Z'), '20:00').toISOString()).toBe('2025-03-14T12:00:00.000Z');
  });

  it('rolls over to tomorrow once 20:00 Shanghai has passed', () => {
    expect(nextDailyRun(at('2025-03-14T12:00:01Z'), '20:00').toISOString()).toBe('2025-03-15T12:00:00.000Z');
  });

  it('schedules tomorrow when called exactly on time, so a run never repeats', () => {
    expect(nextDailyRun(at('2025-03-14T12:00:00Z'), '20:00').toISOString()).toBe('2025-03-15T12:00:00.000Z');
  });

  it('uses the Shanghai date, not the UTC date, to decide what "today" is', () => {
    // 17:30 UTC on the 14th is already 01:30 on the 15th in Shanghai.
    expect(nextDailyRun(at('2025-03-14T17:30:00Z'), '08:00').toISOString()).toBe('2025-03-15T00:00:00.000Z');
    expect(nextDailyRun(at('2025-03-14T17:30:00Z'), '20:00').toISOString()).toBe('2025-03-15T12:00:00.000Z');
  });

  it('crosses month and year ends', () => {
    expect(nextDailyRun(at('2024-02-29T13:00:00Z'), '20:00').toISOString()).toBe('2024-03-01T12:00:00.000Z');
    expect(nextDailyRun(at('2025-12-31T12:30:00Z'), '20:00').toISOString()).toBe('2026-01-01T12:00:00.000Z');
  });

  it('handles midnight', () => {
    expect(nextDailyRun(at('2025-03-14T15:59:00Z'), '00:00').toISOString()).toBe('2025-03-14T16:00:00.000Z');
  });

  it('honours other time zones, across daylight-saving changes', () => {
    expect(nextDailyRun(at('2025-07-01T00:00:00Z'), '20:00', 'UTC').toISOString()).toBe('2025-07-01T20:00:00.000Z');
    // New York springs forward on 2024-03-10: 20:00 is EST the day before and EDT that day.
    expect(nextDailyRun(at('2024-03-09T12:00:00Z'), '20:00', 'America/New_York').toISOString()).toBe('2024-03-10T01:00:00.000Z');
    expect(nextDailyRun(at('2024-03-10T12:00:00Z'), '20:00', 'America/New_York').toISOString()).toBe('2024-03-11T00:00:00.000Z');
    // 02:30 does not exist that morning; it moves forward by the hour skipped.
    expect(nextDailyRun(at('2024-03-10T05:00:00Z'), '02:30', 'America/New_York').toISOString()).toBe('2024-03-10T07:30:00.000Z');
  });

  it.each(['8:00', '24:00', '20:60', '2000', '', ' 20:00', '20:00:00'])('rejects the time %p', (hhmm) => {
    expect(() => nextDailyRun(at('2025-03-14T03:00:00Z'), hhmm)).toThrow(RangeError);
  });

  it('rejects an invalid date and an unknown time zone', () => {
    expect(() => nextDailyRun(new Date('not a date'), '20:00')).toThrow(RangeError);
    expect(() => nextDailyRun(at('2025-03-14T03:00:00Z'), '20:00', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
