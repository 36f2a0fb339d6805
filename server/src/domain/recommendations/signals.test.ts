import { decay, interactionStrength, noSignals, recentStrength, type CourseSignals } from './signals';

const s = (over: Partial<CourseSignals>): CourseSignals => ({ ...noSignals(), ...over });

describe('interactionStrength', () => {
  it('ranks the signals purchase > enrollment > completed progress > a good review > views', () => {
    const purchase = interactionStrength(s({ purchasedAt: 1 }));
    const enrollment = interactionStrength(s({ enrolledAt: 1 }));
    const progress = interactionStrength(s({ completedShare: 1, progressAt: 1 }));
    const review = interactionStrength(s({ rating: 5, reviewedAt: 1 }));
    const views = interactionStrength(s({ views: 10, viewedAt: 1 }));
    expect(purchase).toBeGreaterThan(enrollment);
    expect(enrollment).toBeGreaterThan(progress);
    expect(progress).toBeGreaterThan(review);
    expect(review).toBeGreaterThan(views);
    expect(views).toBeGreaterThan(0);
  });

  it('adds the signals up, lets a bad review lower the strength, and never goes below zero', () => {
    const bought = interactionStrength(s({ purchasedAt: 1 }));
    expect(interactionStrength(s({ purchasedAt: 1, completedShare: 0.5 }))).toBeGreaterThan(bought);
    expect(interactionStrength(s({ purchasedAt: 1, rating: 1 }))).toBeLessThan(bought);
    expect(interactionStrength(s({ purchasedAt: 1, rating: 3 }))).toBe(bought);
    expect(interactionStrength(s({ views: 1, rating: 1 }))).toBe(0);
  });

  it('gives more views more weight up to a cap, and ownership alone none', () => {
    expect(interactionStrength(s({ views: 2 }))).toBeGreaterThan(interactionStrength(s({ views: 1 })));
    expect(interactionStrength(s({ views: 50 }))).toBe(interactionStrength(s({ views: 3 })));
    expect(interactionStrength(s({ owned: true }))).toBe(0);
  });
});

describe('recency', () => {
  const day = 86_400_000;

  it('halves a signal every half-life', () => {
    expect(decay(0, day)).toBe(1);
    expect(decay(day, day)).toBeCloseTo(0.5);
    expect(decay(3 * day, day)).toBeCloseTo(0.125);
    expect(decay(-day, day)).toBe(1);
  });

  it('makes last week\'s purchase count more towards popularity than last year\'s', () => {
    const now = 400 * day;
    const recent = recentStrength(s({ purchasedAt: now - 7 * day }), now, 30 * day);
    const old = recentStrength(s({ purchasedAt: now - 365 * day }), now, 30 * day);
    expect(recent).toBeGreaterThan(10 * old);
    expect(recentStrength(s({ owned: true }), now, 30 * day)).toBe(0);
  });
});
