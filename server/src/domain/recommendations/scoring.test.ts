import { LearnerScorer, popularLists, type CourseTable } from './scoring';
import { sparseRowsFrom } from './sparse-rows';

// Six courses: 0-2 and 5 in category 0, 3-4 in category 1; course 4 is not published.
const courses: CourseTable = {
  size: 6,
  category: Int32Array.from([0, 0, 0, 1, 1, 0]),
  categoryCount: 2,
  eligible: Uint8Array.from([1, 1, 1, 1, 0, 1]),
  popularity: Float64Array.from([1, 2, 3, 10, 20, 0.5]),
};
const neighbours = sparseRowsFrom(6, 6, [
  [0, 1, 0.9],
  [0, 2, 0.1],
  [0, 4, 0.9],
  [1, 3, 0.8],
]);

const scorer = (blend = { similarity: 1, category: 0.5, popularity: 0.25 }) => new LearnerScorer(neighbours, courses, { topN: 10, blend });

describe('LearnerScorer', () => {
  it('blends Σ A·C (scaled to the best candidate), category affinity and popularity, never returning owned or unpublished courses', () => {
    const { ids, scores } = scorer().score([0], [4], [1]);
    expect([...ids]).toEqual([1, 2, 5, 3]);
    // 1: 3.6/3.6 + 0.5·1 + 0.25·2/10; 2: 0.4/3.6 + 0.5 + 0.25·3/10; 5: 0.5 + 0.25·0.05; 3: 0.25·10/10.
    expect(scores[0]).toBeCloseTo(1.55, 5);
    expect(scores[1]).toBeCloseTo(0.4 / 3.6 + 0.5 + 0.075, 5);
    expect(scores[2]).toBeCloseTo(0.5125, 5);
    expect(scores[3]).toBeCloseTo(0.25, 5);
  });

  it('sums over all the learner\'s courses weighted by strength, and may bring back a course only looked at', () => {
    // Course 0 bought (owned), course 1 only viewed twice as strongly: 3 gets 2·0.8, 1 gets 1·0.9, 2 gets 1·0.1.
    const { ids, scores } = scorer({ similarity: 1, category: 0, popularity: 0 }).score([0, 1], [1, 2], [1, 0]);
    expect([...ids.slice(0, 3)]).toEqual([3, 1, 2]);
    expect(scores[1]).toBeCloseTo(0.9 / 1.6, 5);
    expect(scores[2]).toBeCloseTo(0.1 / 1.6, 5);
  });

  it('gives a learner whose category is known but who has no neighbours that category\'s popular courses first', () => {
    // Course 5 has no neighbours; the learner leans to category 0, so its popular courses lead.
    const { ids } = scorer().score([5], [1], [1]);
    expect([...ids.slice(0, 3)]).toEqual([2, 1, 0]);
  });

  it('returns nothing for a learner with no interest yet (the caller serves popularity), and forgets each learner', () => {
    const s = scorer();
    expect(s.score([3], [0], [1]).ids.length).toBe(0);
    const first = s.score([0], [4], [1]);
    s.score([1, 2], [3, 3], [1, 1]);
    const again = s.score([0], [4], [1]);
    expect([...again.ids]).toEqual([...first.ids]);
    expect([...again.scores]).toEqual([...first.scores]);
  });

  it('keeps at most topN', () => {
    const small = new LearnerScorer(neighbours, courses, { topN: 2 });
    expect(small.score([0], [4], [1]).ids.length).toBe(2);
  });
});

describe('popularity', () => {
  it('lists published courses by popularity, overall and per category', () => {
    const lists = popularLists(courses, 3);
    expect([...lists.overall]).toEqual([3, 2, 1]);
    expect(lists.byCategory.map((l) => [...l])).toEqual([[2, 1, 0], [3]]);
  });

  it('is what a learner without history gets, without their own courses', () => {
    expect([...scorer().popularFor([3], 10)]).toEqual([2, 1, 0, 5]);
    expect([...scorer().popularFor([], 2)]).toEqual([3, 2]);
  });
});
