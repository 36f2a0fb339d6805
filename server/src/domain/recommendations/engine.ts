import { interactionStrength, recentStrength, type CourseSignals } from './signals';
import { cosineNeighbours } from './similarity';
import { LearnerScorer, type BlendWeights, type CourseTable, type Ranked } from './scoring';
import type { LearnerRows, LearnerRowsBuilder, SparseRows } from './sparse-rows';

/**
 * The whole recompute in memory, the same for the jobs worker (rows streamed from MySQL) and the
 * offline evaluation (rows from the synthetic generator): signals → strengths → neighbours → top-N.
 */
export interface EngineOptions {
  /** Recommendations kept per learner (and related courses per course). */
  topN: number;
  /** Neighbours kept per course. */
  neighbours: number;
  /** See NeighbourOptions.shrink. */
  shrink: number;
  /** Half-life of popularity, in ms. */
  halfLifeMs: number;
  blend?: BlendWeights;
}

export const DEFAULT_ENGINE: Omit<EngineOptions, 'topN' | 'neighbours' | 'halfLifeMs'> = { shrink: 5 };

/**
 * Adds one learner's signals (by course index) as a row and their recency-weighted activity to
 * `popularity`. Courses the learner owns without any interest (their own courses) stay in the row with
 * strength 0, so they are excluded from the learner's recommendations but weigh nothing in similarity.
 */
export function addLearner(
  rows: LearnerRowsBuilder,
  popularity: Float64Array,
  learnerId: number,
  signals: ReadonlyMap<number, CourseSignals>,
  now: number,
  halfLifeMs: number,
): void {
  const cols: number[] = [];
  const strengths: number[] = [];
  const owned: number[] = [];
  for (const [course, s] of signals) {
    const strength = interactionStrength(s);
    if (strength === 0 && !s.owned) continue;
    cols.push(course);
    strengths.push(strength);
    owned.push(s.owned ? 1 : 0);
    popularity[course]! += recentStrength(s, now, halfLifeMs);
  }
  if (cols.length) rows.addRow(learnerId, cols, strengths, owned);
}

export interface Model {
  neighbours: SparseRows;
  scorer: LearnerScorer;
}

export function buildModel(rows: LearnerRows, courses: CourseTable, options: EngineOptions): Model {
  const neighbours = cosineNeighbours(rows, { k: options.neighbours, shrink: options.shrink });
  return { neighbours, scorer: new LearnerScorer(neighbours, courses, { topN: options.topN, blend: options.blend }) };
}

/** The recommendations of rows [from, to): scored one learner at a time, so a batch is all that is held. */
export function scoreRows(rows: LearnerRows, scorer: LearnerScorer, from: number, to: number): Array<{ learnerId: number; ranked: Ranked }> {
  const out: Array<{ learnerId: number; ranked: Ranked }> = [];
  for (let r = from; r < Math.min(to, rows.rowCount); r++) {
    const a = rows.start[r]!;
    const b = rows.start[r + 1]!;
    out.push({ learnerId: rows.learnerId[r]!, ranked: scorer.score(rows.col.subarray(a, b), rows.value.subarray(a, b), rows.owned.subarray(a, b)) });
  }
  return out;
}
