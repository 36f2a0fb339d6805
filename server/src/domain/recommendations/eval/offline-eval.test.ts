import { DEFAULT_ENGINE } from '../engine';
import { evaluate, hitAndGain, lastPurchases } from './offline-eval';
import { DEFAULT_SYNTHETIC, EVENT, generateLog, seededRandom } from './synthetic';

const now = Date.UTC(2025, 0, 1);
const small = { ...DEFAULT_SYNTHETIC, learners: 3000, courses: 300, interactions: 60_000, now };

describe('the synthetic log', () => {
  it('is the same for the same seed and different for another', () => {
    const a = generateLog(small);
    const b = generateLog(small);
    const c = generateLog({ ...small, seed: small.seed + 1 });
    expect(Buffer.from(a.course.buffer).equals(Buffer.from(b.course.buffer))).toBe(true);
    expect(Buffer.from(a.course.buffer).equals(Buffer.from(c.course.buffer))).toBe(false);
    expect(seededRandom(1)()).toBe(seededRandom(1)());
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });

  it('has exactly the interactions asked for, each learner starting with a purchase and in time order', () => {
    const log = generateLog(small);
    expect(log.course.length).toBe(small.interactions);
    expect(log.learnerStart[small.learners]).toBe(small.interactions);
    for (let u = 0; u < small.learners; u += 97) {
      const [from, to] = [log.learnerStart[u]!, log.learnerStart[u + 1]!];
      expect(to).toBeGreaterThan(from);
      const firstPurchase = [...log.kind.subarray(from, to)].findIndex((k) => k === EVENT.purchase);
      expect(firstPurchase).toBeGreaterThanOrEqual(0);
      for (let e = from + 1; e < to; e++) expect(log.at[e]).toBeGreaterThanOrEqual(log.at[e - 1]!);
    }
  });
});

describe('the offline evaluation', () => {
  it('scores a hit by its rank', () => {
    expect(hitAndGain([5, 7, 9], 5, 10)).toEqual({ hit: 1, gain: 1 });
    expect(hitAndGain([5, 7, 9], 9, 10)).toEqual({ hit: 1, gain: 0.5 });
    expect(hitAndGain([5, 7, 9], 9, 2)).toEqual({ hit: 0, gain: 0 });
    expect(hitAndGain([5, 7, 9], 4, 10)).toEqual({ hit: 0, gain: 0 });
  });

  it('holds out each learner\'s last purchase', () => {
    const log = generateLog({ ...small, learners: 50, interactions: 1000 });
    const held = lastPurchases(log);
    for (let u = 0; u < 50; u++) {
      expect(log.kind[held[u]!]).toBe(EVENT.purchase);
      for (let e = held[u]! + 1; e < log.learnerStart[u + 1]!; e++) expect(log.kind[e]).not.toBe(EVENT.purchase);
    }
  });

  it('finds the planted tastes: the recommender beats popularity by far on held-out purchases', () => {
    const log = generateLog(small);
    const result = evaluate(log, { ...DEFAULT_ENGINE, topN: 20, neighbours: 30, halfLifeMs: 30 * 86_400_000 }, now);
    expect(result.evaluated).toBe(small.learners);
    expect(result.ours.hr).toBeGreaterThan(1.5 * result.popular.hr);
    expect(result.ours.ndcg).toBeGreaterThan(1.5 * result.popular.ndcg);
    expect(result.popular.hr).toBeGreaterThan(0);
  });
});
