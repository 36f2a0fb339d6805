import { transpose, type SparseRows } from './sparse-rows';
import { TopN } from './top-n';

export interface NeighbourOptions {
  /** Neighbours kept per course: bounds both memory (courses × k) and the work of scoring a learner. */
  k: number;
  /**
   * Damps pairs that few learners share: similarity × n / (n + shrink), n being the number of learners
   * with both courses. Two courses bought together by one learner are not yet evidence; 0 turns it off.
   */
  shrink?: number;
}

/**
 * Course-to-course similarity from co-occurrence, cosine-normalized, keeping the top k per course:
 *
 *   C[i][j] = Σ_u A[u][i]·A[u][j] / (‖A[·][i]‖ · ‖A[·][j]‖)
 *
 * A is the learner × course strength matrix. Cosine keeps a best-seller from being everybody's nearest
 * neighbour, which raw co-occurrence counts would make it. One course's row is accumulated at a time
 * (from the learners of course i, their other courses) into a dense scratch row of length #courses,
 * so memory is O(non-zeros + courses × k) and time O(Σ_u |row u|²); the courses × courses matrix
 * never exists. The result has the courses as rows, neighbours best first.
 */
export function cosineNeighbours(byLearner: SparseRows, options: NeighbourOptions): SparseRows {
  const { k, shrink = 0 } = options;
  const m = byLearner.colCount;
  const byCourse = transpose(byLearner);
  const norm = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sum = 0;
    for (let e = byCourse.start[i]!; e < byCourse.start[i + 1]!; e++) sum += byCourse.value[e]! * byCourse.value[e]!;
    norm[i] = Math.sqrt(sum);
  }

  const dot = new Float64Array(m);
  const together = new Int32Array(m);
  const touched = new Int32Array(m);
  const best = new TopN(k);
  const start = new Int32Array(m + 1);
  let col = new Int32Array(Math.min(m * k, 1 << 20));
  let value = new Float32Array(col.length);
  let size = 0;

  for (let i = 0; i < m; i++) {
    let touchedCount = 0;
    if (norm[i]! > 0) {
      for (let e = byCourse.start[i]!; e < byCourse.start[i + 1]!; e++) {
        const a = byCourse.value[e]!;
        if (a === 0) continue;
        const u = byCourse.col[e]!;
        for (let f = byLearner.start[u]!; f < byLearner.start[u + 1]!; f++) {
          const j = byLearner.col[f]!;
          const b = byLearner.value[f]!;
          if (j === i || b === 0) continue;
          if (together[j] === 0) touched[touchedCount++] = j;
          dot[j]! += a * b;
          together[j]!++;
        }
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      const j = touched[t]!;
      const n = together[j]!;
      let similarity = dot[j]! / (norm[i]! * norm[j]!);
      if (shrink > 0) similarity *= n / (n + shrink);
      best.offer(j, similarity);
      dot[j] = 0;
      together[j] = 0;
    }
    const kept = best.drain();
    if (size + kept.ids.length > col.length) {
      const grown = Math.min(m * k, Math.max(col.length * 2, size + kept.ids.length));
      const c = new Int32Array(grown);
      c.set(col.subarray(0, size));
      const v = new Float32Array(grown);
      v.set(value.subarray(0, size));
      [col, value] = [c, v];
    }
    col.set(kept.ids, size);
    value.set(kept.scores, size);
    size += kept.ids.length;
    start[i + 1] = size;
  }
  return { rowCount: m, colCount: m, start, col: col.slice(0, size), value: value.slice(0, size) };
}
