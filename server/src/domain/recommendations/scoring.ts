import type { SparseRows } from './sparse-rows';
import { TopN } from './top-n';

/** The courses as the engine sees them, by dense index 0..size-1. */
export interface CourseTable {
  size: number;
  /** Dense category index per course (0..categoryCount-1). */
  category: Int32Array;
  categoryCount: number;
  /** 1 when the course may be recommended (published). */
  eligible: Uint8Array;
  /** Recency-weighted popularity, ≥ 0. */
  popularity: Float64Array;
}

/** How the three evidences mix into one score; each evidence is scaled to 0..1 first. */
export interface BlendWeights {
  /** Σ_i A[u][i]·C[i][j] over the learner's courses i, divided by the learner's best candidate's. */
  similarity: number;
  /** The share of the learner's strength spent in the candidate's category. */
  category: number;
  /** The candidate's popularity relative to the most popular course. */
  popularity: number;
}

/**
 * Similarity does the work: on the synthetic log of `npm run eval:recs` these two move HR@10 by less
 * than 0.003 either way. They order what similarity leaves tied and carry learners with thin histories.
 */
export const DEFAULT_BLEND: BlendWeights = { similarity: 1, category: 0.2, popularity: 0.1 };

export interface ScorerOptions {
  /** Recommendations kept per learner. */
  topN: number;
  blend?: BlendWeights;
  /** Popular courses considered per category and overall, besides the similar ones. */
  popularCandidates?: number;
  /** How many of the learner's strongest categories contribute popular candidates. */
  topCategories?: number;
}

export interface Ranked {
  /** Course indices, best first. */
  ids: Int32Array;
  scores: Float32Array;
}

/** The eligible courses by popularity, most popular first: overall and per category. */
export interface PopularLists {
  overall: Int32Array;
  byCategory: Int32Array[];
}

export function popularLists(courses: CourseTable, size: number): PopularLists {
  const order = Array.from({ length: courses.size }, (_, i) => i)
    .filter((i) => courses.eligible[i] === 1)
    .sort((a, b) => courses.popularity[b]! - courses.popularity[a]! || a - b);
  const byCategory: number[][] = Array.from({ length: courses.categoryCount }, () => []);
  for (const i of order) {
    const list = byCategory[courses.category[i]!];
    if (list && list.length < size) list.push(i);
  }
  return { overall: Int32Array.from(order.slice(0, size)), byCategory: byCategory.map((l) => Int32Array.from(l)) };
}

/**
 * Scores one learner at a time against course neighbours:
 *
 *   score(u, j) = w_s · Σ_i A[u][i]·C[i][j] / max_j' (…)  +  w_c · affinity(u, category(j))  +  w_p · pop(j) / max pop
 *
 * Candidates are the neighbours of the learner's courses plus the popular courses of the learner's
 * strongest categories and overall, so a learner with little history still gets a full list (the cold
 * start leans on category and popularity). Owned and ineligible courses never come back. Work per
 * learner is O(|row| · k + candidates · log topN) with scratch arrays reused between learners: no
 * learners × courses matrix, no per-learner allocation but the result.
 */
export class LearnerScorer {
  private readonly blend: BlendWeights;
  private readonly popular: PopularLists;
  private readonly topCategories: number;
  private readonly maxPopularity: number;
  private readonly similar: Float64Array;
  private readonly candidate: Uint8Array;
  private readonly excluded: Uint8Array;
  private readonly candidates: Int32Array;
  private readonly affinity: Float64Array;
  private readonly heap: TopN;
  private candidateCount = 0;

  constructor(
    private readonly neighbours: SparseRows,
    private readonly courses: CourseTable,
    options: ScorerOptions,
  ) {
    if (neighbours.rowCount !== courses.size) throw new RangeError('neighbours and courses disagree on the number of courses');
    this.blend = options.blend ?? DEFAULT_BLEND;
    this.popular = popularLists(courses, options.popularCandidates ?? Math.max(50, options.topN * 3));
    this.topCategories = options.topCategories ?? 2;
    let max = 0;
    for (let i = 0; i < courses.size; i++) if (courses.eligible[i] && courses.popularity[i]! > max) max = courses.popularity[i]!;
    this.maxPopularity = max;
    this.similar = new Float64Array(courses.size);
    this.candidate = new Uint8Array(courses.size);
    this.excluded = new Uint8Array(courses.size);
    this.candidates = new Int32Array(courses.size);
    this.affinity = new Float64Array(courses.categoryCount);
    this.heap = new TopN(options.topN);
  }

  /** The popular courses the learner does not own: what a learner without history gets. */
  popularFor(owned: ArrayLike<number>, limit: number): Int32Array {
    for (let k = 0; k < owned.length; k++) this.excluded[owned[k]!] = 1;
    const out: number[] = [];
    for (const j of this.popular.overall) {
      if (out.length >= limit) break;
      if (!this.excluded[j]) out.push(j);
    }
    for (let k = 0; k < owned.length; k++) this.excluded[owned[k]!] = 0;
    return Int32Array.from(out);
  }

  /**
   * One learner: courses (indices) with their strengths A[u][i] and owned flags. An empty result means
   * the learner has shown no interest yet (serve popularity).
   */
  score(cols: ArrayLike<number>, strengths: ArrayLike<number>, owned: ArrayLike<number>): Ranked {
    const n = cols.length;
    let total = 0;
    for (let k = 0; k < n; k++) {
      const i = cols[k]!;
      if (owned[k]) this.excluded[i] = 1;
      const a = strengths[k]!;
      if (a > 0) {
        total += a;
        this.affinity[this.courses.category[i]!]! += a;
      }
    }
    if (total === 0) {
      this.reset(cols);
      return { ids: new Int32Array(0), scores: new Float32Array(0) };
    }

    let maxSimilar = 0;
    for (let k = 0; k < n; k++) {
      const a = strengths[k]!;
      if (a <= 0) continue;
      const i = cols[k]!;
      for (let e = this.neighbours.start[i]!; e < this.neighbours.start[i + 1]!; e++) {
        const j = this.neighbours.col[e]!;
        if (!this.admit(j)) continue;
        const s = (this.similar[j]! += a * this.neighbours.value[e]!);
        if (s > maxSimilar) maxSimilar = s;
      }
    }
    for (const c of this.strongestCategories(cols)) for (const j of this.popular.byCategory[c]!) this.admit(j);
    for (const j of this.popular.overall) this.admit(j);

    const { similarity, category, popularity } = this.blend;
    for (let t = 0; t < this.candidateCount; t++) {
      const j = this.candidates[t]!;
      const score =
        (maxSimilar > 0 ? (similarity * this.similar[j]!) / maxSimilar : 0) +
        (category * this.affinity[this.courses.category[j]!]!) / total +
        (this.maxPopularity > 0 ? (popularity * this.courses.popularity[j]!) / this.maxPopularity : 0);
      this.heap.offer(j, score);
    }
    this.reset(cols);
    return this.heap.drain();
  }

  /** Makes j a candidate unless excluded; false when it may not be recommended. */
  private admit(j: number): boolean {
    if (this.excluded[j] || !this.courses.eligible[j]) return false;
    if (!this.candidate[j]) {
      this.candidate[j] = 1;
      this.candidates[this.candidateCount++] = j;
    }
    return true;
  }

  private strongestCategories(cols: ArrayLike<number>): number[] {
    const seen = new Set<number>();
    for (let k = 0; k < cols.length; k++) seen.add(this.courses.category[cols[k]!]!);
    return [...seen]
      .filter((c) => this.affinity[c]! > 0)
      .sort((a, b) => this.affinity[b]! - this.affinity[a]! || a - b)
      .slice(0, this.topCategories);
  }

  private reset(cols: ArrayLike<number>): void {
    for (let t = 0; t < this.candidateCount; t++) {
      const j = this.candidates[t]!;
      this.candidate[j] = 0;
      this.similar[j] = 0;
    }
    this.candidateCount = 0;
    for (let k = 0; k < cols.length; k++) {
      const i = cols[k]!;
      this.excluded[i] = 0;
      this.affinity[this.courses.category[i]!] = 0;
    }
  }
}
