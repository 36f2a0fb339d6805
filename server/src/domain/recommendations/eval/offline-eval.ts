import { performance } from 'node:perf_hooks';
import { addLearner, buildModel, type EngineOptions } from '../engine';
import type { CourseTable } from '../scoring';
import { noSignals, type CourseSignals } from '../signals';
import { LearnerRowsBuilder, type LearnerRows } from '../sparse-rows';
import { EVENT, type SyntheticLog } from './synthetic';

/**
 * Leave-last-purchase-out evaluation: each learner's last purchase is hidden together with everything
 * the learner did from then on; the recommender trains on the rest and is scored on whether the hidden
 * course is in its top k. Popularity (recency-weighted, owned courses skipped) is the baseline, fed the
 * same training data.
 */

/** The event index of each learner's last purchase, or -1 for a learner who bought nothing. */
export function lastPurchases(log: SyntheticLog): Int32Array {
  const held = new Int32Array(log.learners).fill(-1);
  for (let u = 0; u < log.learners; u++) {
    for (let e = log.learnerStart[u + 1]! - 1; e >= log.learnerStart[u]!; e--) {
      if (log.kind[e] === EVENT.purchase) {
        held[u] = e;
        break;
      }
    }
  }
  return held;
}

/** One learner's events [from, to) folded into per-course signals, as the service folds its tables. */
export function signalsOf(log: SyntheticLog, from: number, to: number): Map<number, CourseSignals> {
  const byCourse = new Map<number, CourseSignals>();
  for (let e = from; e < to; e++) {
    const c = log.course[e]!;
    let s = byCourse.get(c);
    if (!s) byCourse.set(c, (s = noSignals()));
    const at = log.at[e]!;
    switch (log.kind[e]) {
      case EVENT.purchase:
        s.purchasedAt = at;
        s.owned = true;
        break;
      case EVENT.enrollment:
        s.enrolledAt = at;
        s.owned = true;
        break;
      case EVENT.progress:
        s.completedShare = Math.max(s.completedShare, log.value[e]!);
        s.progressAt = at;
        break;
      case EVENT.review:
        s.rating = log.value[e]!;
        s.reviewedAt = at;
        break;
      default:
        s.views++;
        s.viewedAt = at;
    }
  }
  return byCourse;
}

/** The training matrix (events before each learner's held-out purchase) and the course table with popularity. */
export function trainingSet(log: SyntheticLog, heldOut: Int32Array, now: number, halfLifeMs: number): { rows: LearnerRows; courses: CourseTable } {
  const builder = new LearnerRowsBuilder(log.courses, log.course.length);
  const popularity = new Float64Array(log.courses);
  for (let u = 0; u < log.learners; u++) {
    const end = heldOut[u]! >= 0 ? heldOut[u]! : log.learnerStart[u + 1]!;
    addLearner(builder, popularity, u, signalsOf(log, log.learnerStart[u]!, end), now, halfLifeMs);
  }
  return {
    rows: builder.build(),
    courses: {
      size: log.courses,
      category: log.courseCategory,
      categoryCount: log.categories,
      eligible: new Uint8Array(log.courses).fill(1),
      popularity,
    },
  };
}

/** Hit (0/1) and discounted gain 1/log2(rank + 2) of `target` within the first k of `list`. */
export function hitAndGain(list: ArrayLike<number>, target: number, k: number): { hit: number; gain: number } {
  for (let r = 0; r < Math.min(k, list.length); r++) if (list[r] === target) return { hit: 1, gain: 1 / Math.log2(r + 2) };
  return { hit: 0, gain: 0 };
}

export interface Accuracy {
  hr: number;
  ndcg: number;
}

export interface EvalResult {
  evaluated: number;
  k: number;
  ours: Accuracy;
  popular: Accuracy;
  /** Learners who had no training signal left and got popularity from both. */
  coldStart: number;
  /** From the training log to every learner's top-N: folding signals, neighbours, scoring. */
  recomputeMs: number;
  trainingEntries: number;
}

export function evaluate(log: SyntheticLog, engine: EngineOptions, now: number, k = 10): EvalResult {
  const heldOut = lastPurchases(log);
  const started = performance.now();
  const { rows, courses } = trainingSet(log, heldOut, now, engine.halfLifeMs);
  const { scorer } = buildModel(rows, courses, engine);

  // Every learner is scored (as the nightly run does); each one's first k are kept for the metrics after the clock stops.
  const rowOf = new Int32Array(log.learners).fill(-1);
  for (let r = 0; r < rows.rowCount; r++) rowOf[rows.learnerId[r]!] = r;
  const top = new Int32Array(log.learners * k).fill(-1);
  for (let u = 0; u < log.learners; u++) {
    const r = rowOf[u]!;
    if (r < 0) continue;
    const [a, b] = [rows.start[r]!, rows.start[r + 1]!];
    const ranked = scorer.score(rows.col.subarray(a, b), rows.value.subarray(a, b), rows.owned.subarray(a, b));
    top.set(ranked.ids.subarray(0, k), u * k);
  }
  const recomputeMs = performance.now() - started;

  const ours = { hit: 0, gain: 0 };
  const popular = { hit: 0, gain: 0 };
  let evaluated = 0;
  let coldStart = 0;
  for (let u = 0; u < log.learners; u++) {
    if (heldOut[u]! < 0) continue;
    const r = rowOf[u]!;
    const owned: number[] = [];
    if (r >= 0) for (let e = rows.start[r]!; e < rows.start[r + 1]!; e++) if (rows.owned[e]) owned.push(rows.col[e]!);
    const baseline = scorer.popularFor(owned, k);
    const personal = top.subarray(u * k, (u + 1) * k);
    const cold = personal[0] === -1;
    if (cold) coldStart++;
    const target = log.course[heldOut[u]!]!;
    const mine = hitAndGain(cold ? baseline : personal, target, k);
    const theirs = hitAndGain(baseline, target, k);
    ours.hit += mine.hit;
    ours.gain += mine.gain;
    popular.hit += theirs.hit;
    popular.gain += theirs.gain;
    evaluated++;
  }
  const rate = (x: number) => (evaluated ? x / evaluated : 0);
  return {
    evaluated,
    k,
    ours: { hr: rate(ours.hit), ndcg: rate(ours.gain) },
    popular: { hr: rate(popular.hit), ndcg: rate(popular.gain) },
    coldStart,
    recomputeMs,
    trainingEntries: rows.col.length,
  };
}
