import { splitUnlock } from './unlock-split';

describe('splitUnlock', () => {
  it('shares an even price in half', () => {
    expect(splitUnlock(200, 50)).toEqual({ askerFen: 100, creatorFen: 100 });
  });

  it('gives the odd fen to the creator, and the shares always sum to the price', () => {
    expect(splitUnlock(99, 50)).toEqual({ askerFen: 49, creatorFen: 50 });
    expect(splitUnlock(1, 50)).toEqual({ askerFen: 0, creatorFen: 1 });
    for (const price of [1, 7, 33, 99, 101, 1999]) {
      for (const percent of [0, 1, 33, 50, 67, 100]) {
        const { askerFen, creatorFen } = splitUnlock(price, percent);
        expect(askerFen + creatorFen).toBe(price);
        expect(askerFen).toBeGreaterThanOrEqual(0);
        expect(creatorFen).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('refuses fractions of a fen and percentages outside 0..100', () => {
    expect(() => splitUnlock(1.5, 50)).toThrow(RangeError);
    expect(() => splitUnlock(100, 101)).toThrow(RangeError);
  });
});
