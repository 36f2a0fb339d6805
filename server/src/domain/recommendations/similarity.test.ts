import { cosineNeighbours } from './similarity';
import { sparseRowsFrom, type SparseRows } from './sparse-rows';

function neighboursOf(n: SparseRows, course: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let e = n.start[course]!; e < n.start[course + 1]!; e++) out.push([n.col[e]!, n.value[e]!]);
  return out;
}

// Learners × courses 0..3. Course 0 and 1 are bought together by everyone who has 0; 2 rides along once.
const matrix = sparseRowsFrom(4, 4, [
  [0, 0, 1],
  [0, 1, 1],
  [1, 0, 1],
  [1, 1, 1],
  [2, 1, 1],
  [2, 2, 1],
  [3, 3, 2],
]);

describe('cosineNeighbours', () => {
  it('is co-occurrence divided by the norms of both courses', () => {
    const n = cosineNeighbours(matrix, { k: 10 });
    // 0 and 1 share two learners: 2 / (√2 · √3); 1 and 2 share one: 1 / (√3 · 1).
    expect(neighboursOf(n, 0)).toEqual([[1, expect.closeTo(2 / Math.sqrt(6), 6)]]);
    expect(neighboursOf(n, 1)).toEqual([
      [0, expect.closeTo(2 / Math.sqrt(6), 6)],
      [2, expect.closeTo(1 / Math.sqrt(3), 6)],
    ]);
    // A course nobody else's learners touched has no neighbours, and a course is never its own.
    expect(neighboursOf(n, 3)).toEqual([]);
  });

  it('weighs by strength: a learner who cares more about both pulls them closer', () => {
    const strong = sparseRowsFrom(2, 3, [
      [0, 0, 4],
      [0, 1, 4],
      [1, 0, 1],
      [1, 2, 1],
    ]);
    const [first, second] = neighboursOf(cosineNeighbours(strong, { k: 2 }), 0);
    expect(first![0]).toBe(1);
    expect(first![1]).toBeGreaterThan(second![1]);
  });

  it('keeps only the k most similar per course', () => {
    const n = cosineNeighbours(matrix, { k: 1 });
    expect(neighboursOf(n, 1).map(([c]) => c)).toEqual([0]);
  });

  it('damps pairs few learners share when asked to', () => {
    const plain = neighboursOf(cosineNeighbours(matrix, { k: 10 }), 1);
    const shrunk = neighboursOf(cosineNeighbours(matrix, { k: 10, shrink: 1 }), 1);
    // Two shared learners keep 2/3 of their similarity, one keeps 1/2.
    expect(shrunk[0]![1]).toBeCloseTo((plain[0]![1] * 2) / 3, 6);
    expect(shrunk[1]![1]).toBeCloseTo(plain[1]![1] / 2, 6);
  });

  it('ignores zero-strength entries (courses a learner owns without interest)', () => {
    const withOwn = sparseRowsFrom(1, 2, [
      [0, 0, 1],
      [0, 1, 0],
    ]);
    expect(neighboursOf(cosineNeighbours(withOwn, { k: 5 }), 0)).toEqual([]);
  });
});
