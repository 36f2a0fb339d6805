import { dropOffPoints, scoreBuckets } from './learning-funnel';

describe('learning analytics figures', () => {
  it('puts best scores into ten buckets, a full score in the last', () => {
    expect(scoreBuckets([0, 9, 10, 55, 99, 100])).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(scoreBuckets([])).toEqual(Array(10).fill(0));
  });

  it('counts each idle learner at the first lesson they have not completed; finishers nowhere', () => {
    const learners = new Map<number, Set<number>>([
      [1, new Set()],
      [2, new Set([10])],
      [3, new Set([10, 30])],
      [4, new Set([10, 20, 30])],
    ]);
    expect([...dropOffPoints([10, 20, 30], learners)]).toEqual([
      [10, 1],
      [20, 2],
      [30, 0],
    ]);
  });
});
