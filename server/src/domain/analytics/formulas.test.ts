import { activityScore, interestFactor, median, priceFactor, purchasePropensity, qualityFactor, ratio } from './formulas';

describe('activityScore (N × T / t)', () => {
  it("gives the seed's example: 10 visits of 2 hours in 30 days score 0.67", () => {
    expect(activityScore(10, 10 * 2 * 3600, 30)).toBeCloseTo(0.667, 3);
  });

  it('is 0 without sessions, and grows with study time, not with splitting it into more sessions', () => {
    expect(activityScore(0, 0, 30)).toBe(0);
    expect(activityScore(4, 4 * 3600, 30)).toBeCloseTo(activityScore(1, 4 * 3600, 30));
    expect(activityScore(2, 7200, 7)).toBeGreaterThan(activityScore(2, 3600, 7));
  });
});

describe('purchase propensity', () => {
  it("corrects the seed's example: with the price normalized the score is a probability", () => {
    // The seed: quality 0.9, interest 0.8, price 99 yuan, weights 0.5 / 0.3 / 0.2, and 30.21 from the raw price.
    // At the category's median price the price factor is 0.5: 0.45 + 0.15 + 0.16.
    const score = purchasePropensity({ quality: 0.9, price: priceFactor(9900, 9900), interest: 0.8 });
    expect(score).toBeCloseTo(0.76, 6);
    // The same course in a category where the usual price is 199 yuan is relatively cheap and scores higher.
    expect(purchasePropensity({ quality: 0.9, price: priceFactor(9900, 19900), interest: 0.8 })).toBeCloseTo(0.45 + 0.3 * (199 / 298) + 0.16, 6);
  });

  it('keeps every factor and the score in [0, 1] whatever the price', () => {
    for (const priceFen of [0, 1, 990, 9900, 99_900, 100_000_000]) {
      for (const medianFen of [0, 990, 9900, 1_000_000]) {
        const price = priceFactor(priceFen, medianFen);
        expect(price).toBeGreaterThanOrEqual(0);
        expect(price).toBeLessThanOrEqual(1);
        const score = purchasePropensity({ quality: qualityFactor(5, 3), price, interest: 1 });
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }
    }
  });

  it('scores cheaper courses higher within a category, free ones 1', () => {
    expect(priceFactor(0, 9900)).toBe(1);
    expect(priceFactor(4900, 9900)).toBeGreaterThan(priceFactor(9900, 9900));
    expect(priceFactor(29_700, 9900)).toBeCloseTo(0.25);
  });

  it('maps ratings 1..5 onto 0..1 and takes an unrated course as neutral', () => {
    expect(qualityFactor(5, 10)).toBe(1);
    expect(qualityFactor(1, 10)).toBe(0);
    expect(qualityFactor(4.6, 10)).toBeCloseTo(0.9);
    expect(qualityFactor(0, 0)).toBe(0.5);
  });

  it('measures interest against the learner’s favourite category', () => {
    expect(interestFactor(4, 8)).toBe(0.5);
    expect(interestFactor(8, 8)).toBe(1);
    expect(interestFactor(0, 0)).toBe(0);
  });
});

describe('median and ratio', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('says null, not 0%, when there is nothing to divide by', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 0)).toBeNull();
  });
});
