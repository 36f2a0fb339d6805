import { LearnerRowsBuilder, sparseRowsFrom, transpose } from './sparse-rows';

describe('LearnerRowsBuilder', () => {
  it('keeps rows in order with their learner ids, strengths and ownership, growing past its first capacity', () => {
    const builder = new LearnerRowsBuilder(5, 1);
    builder.addRow(42, [0, 3], [4, 1], [1, 0]);
    builder.addRow(7, [], [], []);
    builder.addRow(9, [4, 1, 2], [3, 0.5, 2], [0, 0, 1]);
    const rows = builder.build();
    expect([...rows.learnerId]).toEqual([42, 7, 9]);
    expect([...rows.start]).toEqual([0, 2, 2, 5]);
    expect([...rows.col]).toEqual([0, 3, 4, 1, 2]);
    expect([...rows.value]).toEqual([4, 1, 3, 0.5, 2]);
    expect([...rows.owned]).toEqual([1, 0, 0, 0, 1]);
  });

  it('refuses a column outside the matrix and rows whose arrays disagree', () => {
    const builder = new LearnerRowsBuilder(3);
    expect(() => builder.addRow(1, [3], [1], [0])).toThrow(RangeError);
    expect(() => builder.addRow(1, [0, 1], [1], [0, 0])).toThrow(RangeError);
  });
});

describe('transpose', () => {
  it('turns learner rows into course rows listing their learners', () => {
    const m = sparseRowsFrom(3, 4, [
      [0, 1, 2],
      [0, 3, 1],
      [2, 1, 5],
    ]);
    const t = transpose(m);
    expect(t.rowCount).toBe(4);
    expect(t.colCount).toBe(3);
    const row = (r: number) => [...t.col.subarray(t.start[r], t.start[r + 1])].map((c, k) => [c, t.value[t.start[r]! + k]]);
    expect(row(0)).toEqual([]);
    expect(row(1)).toEqual([
      [0, 2],
      [2, 5],
    ]);
    expect(row(3)).toEqual([[0, 1]]);
  });
});
