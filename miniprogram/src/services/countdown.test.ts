import { formatCountdown, secondsLeft } from './countdown';

describe('order countdown', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');

  it('counts whole seconds up to the expiry, rounding a started second up', () => {
    expect(secondsLeft('2026-11-26T12:15:00Z', now)).toBe(900);
    expect(secondsLeft('2026-11-26T12:00:00.400Z', now)).toBe(1);
  });

  it('never goes below zero, and treats an unreadable time as expired', () => {
    expect(secondsLeft('2026-11-26T11:59:00Z', now)).toBe(0);
    expect(secondsLeft('not a date', now)).toBe(0);
  });

  it('reads as mm:ss, and h:mm:ss past an hour', () => {
    expect(formatCountdown(900)).toBe('15:00');
    expect(formatCountdown(65)).toBe('01:05');
    expect(formatCountdown(0)).toBe('00:00');
    expect(formatCountdown(3723)).toBe('1:02:03');
    expect(formatCountdown(-5)).toBe('00:00');
  });
});
