import { isLocked, opensAt } from './lesson-release';

const enrolled = new Date('2026-03-01T10:00:00Z');

describe('lesson release', () => {
  it('opens a relative lesson whole days after the enrollment', () => {
    expect(opensAt({ afterDays: 3, at: null }, enrolled)?.toISOString()).toBe('2026-03-04T10:00:00.000Z');
    expect(isLocked({ afterDays: 3, at: null }, enrolled, new Date('2026-03-04T09:59:59Z'))).toBe(true);
    expect(isLocked({ afterDays: 3, at: null }, enrolled, new Date('2026-03-04T10:00:00Z'))).toBe(false);
    expect(isLocked({ afterDays: 0, at: null }, enrolled, enrolled)).toBe(false);
  });

  it('opens a dated lesson for everybody at that moment, whenever they enrolled', () => {
    const at = new Date('2026-04-01T00:00:00Z');
    expect(opensAt({ afterDays: null, at }, enrolled)).toEqual(at);
    expect(isLocked({ afterDays: null, at }, new Date('2026-05-01T00:00:00Z'), new Date('2026-05-01T00:00:00Z'))).toBe(false);
  });

  it('never locks a lesson without a rule', () => {
    expect(isLocked(null, enrolled, enrolled)).toBe(false);
    expect(opensAt({ afterDays: 7, at: null }, null)).toBeNull();
  });
});
