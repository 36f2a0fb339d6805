/**
 * Compressed sparse rows over typed arrays: the learner × course matrix is 2,000,000 non-zeros at the
 * scale we plan for, which is 16 MB here and would be hundreds of MB as Maps (or 2 GB dense).
 * Row r holds columns col[start[r] .. start[r + 1]) with their values.
 */
export interface SparseRows {
  rowCount: number;
  colCount: number;
  start: Int32Array;
  col: Int32Array;
  value: Float32Array;
}

/** The learner × course matrix: one row per learner, plus whether the learner owns each course in the row. */
export interface LearnerRows extends SparseRows {
  /** The learner's user id per row. */
  learnerId: Int32Array;
  /** 1 where the learner owns the course (enrolled, bought or created it): never recommended back. */
  owned: Uint8Array;
}

/** Appends rows one at a time (as batches stream in from the database), growing its arrays by doubling. */
export class LearnerRowsBuilder {
  private start: number[] = [0];
  private learnerIds: number[] = [];
  private col: Int32Array;
  private value: Float32Array;
  private owned: Uint8Array;
  private size = 0;

  constructor(
    private readonly colCount: number,
    initialCapacity = 1024,
  ) {
    const capacity = Math.max(16, initialCapacity);
    this.col = new Int32Array(capacity);
    this.value = new Float32Array(capacity);
    this.owned = new Uint8Array(capacity);
  }

  get rowCount(): number {
    return this.learnerIds.length;
  }

  get entryCount(): number {
    return this.size;
  }

  /** One learner's courses (column indices, each at most once), their strengths and ownership flags. */
  addRow(learnerId: number, cols: ArrayLike<number>, values: ArrayLike<number>, owned: ArrayLike<number>): void {
    const n = cols.length;
    if (values.length !== n || owned.length !== n) throw new RangeError('cols, values and owned must have the same length');
    this.reserve(this.size + n);
    for (let k = 0; k < n; k++) {
      const c = cols[k]!;
      if (c < 0 || c >= this.colCount) throw new RangeError(`column ${c} outside 0..${this.colCount - 1}`);
      this.col[this.size] = c;
      this.value[this.size] = values[k]!;
      this.owned[this.size] = owned[k] ? 1 : 0;
      this.size++;
    }
    this.learnerIds.push(learnerId);
    this.start.push(this.size);
  }

  build(): LearnerRows {
    return {
      rowCount: this.learnerIds.length,
      colCount: this.colCount,
      start: Int32Array.from(this.start),
      learnerId: Int32Array.from(this.learnerIds),
      col: this.col.slice(0, this.size),
      value: this.value.slice(0, this.size),
      owned: this.owned.slice(0, this.size),
    };
  }

  private reserve(needed: number): void {
    if (needed <= this.col.length) return;
    let capacity = this.col.length;
    while (capacity < needed) capacity *= 2;
    const col = new Int32Array(capacity);
    col.set(this.col.subarray(0, this.size));
    const value = new Float32Array(capacity);
    value.set(this.value.subarray(0, this.size));
    const owned = new Uint8Array(capacity);
    owned.set(this.owned.subarray(0, this.size));
    [this.col, this.value, this.owned] = [col, value, owned];
  }
}

/** The same matrix by column: for a learner × course matrix, the learners of each course. */
export function transpose(m: SparseRows): SparseRows {
  const start = new Int32Array(m.colCount + 1);
  for (let k = 0; k < m.col.length; k++) start[m.col[k]! + 1]!++;
  for (let c = 0; c < m.colCount; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, m.colCount);
  const col = new Int32Array(m.col.length);
  const value = new Float32Array(m.col.length);
  for (let r = 0; r < m.rowCount; r++) {
    for (let k = m.start[r]!; k < m.start[r + 1]!; k++) {
      const at = fill[m.col[k]!]!++;
      col[at] = r;
      value[at] = m.value[k]!;
    }
  }
  return { rowCount: m.colCount, colCount: m.rowCount, start, col, value };
}

/** Builds sparse rows from (row, col, value) triples, for small matrices (the neighbours of a few courses). */
export function sparseRowsFrom(rowCount: number, colCount: number, entries: Iterable<readonly [number, number, number]>): SparseRows {
  const byRow: Array<Array<readonly [number, number]>> = Array.from({ length: rowCount }, () => []);
  for (const [r, c, v] of entries) {
    if (r < 0 || r >= rowCount || c < 0 || c >= colCount) throw new RangeError(`entry (${r}, ${c}) outside ${rowCount} × ${colCount}`);
    byRow[r]!.push([c, v]);
  }
  const start = new Int32Array(rowCount + 1);
  const total = byRow.reduce((n, row) => n + row.length, 0);
  const col = new Int32Array(total);
  const value = new Float32Array(total);
  let at = 0;
  for (let r = 0; r < rowCount; r++) {
    for (const [c, v] of byRow[r]!) {
      col[at] = c;
      value[at] = v;
      at++;
    }
    start[r + 1] = at;
  }
  return { rowCount, colCount, start, col, value };
}
