/**
 * A seeded synthetic interaction log with planted taste structure, for the offline evaluation.
 *
 * Courses belong to tastes (small clusters, e.g. "SQL for analysts") and tastes to categories. Each
 * learner has one or two tastes; most of what they buy comes from their tastes, the rest from overall
 * best-sellers; within a taste and overall, popularity is Zipf-skewed. A recommender that finds the
 * tastes from co-purchases should beat plain popularity; one that does not, will not.
 */

export const EVENT = { purchase: 0, enrollment: 1, progress: 2, review: 3, view: 4 } as const;
export type EventKind = (typeof EVENT)[keyof typeof EVENT];

export interface SyntheticOptions {
  learners: number;
  courses: number;
  /** Total events (purchases, enrollments, progress reports, reviews, views). */
  interactions: number;
  categories: number;
  /** Courses per taste cluster. */
  coursesPerTaste: number;
  seed: number;
  /** The log ends here (epoch ms) and spans `days` before it. */
  now: number;
  days: number;
}

export const DEFAULT_SYNTHETIC: Omit<SyntheticOptions, 'now'> = {
  learners: 100_000,
  courses: 5_000,
  interactions: 2_000_000,
  categories: 25,
  coursesPerTaste: 20,
  seed: 20_251_126,
  days: 180,
};

/** Events grouped by learner, in time order within a learner. */
export interface SyntheticLog {
  learners: number;
  courses: number;
  categories: number;
  /** Category index per course. */
  courseCategory: Int32Array;
  /** Where each learner's events start: learnerStart[u] .. learnerStart[u + 1]. */
  learnerStart: Int32Array;
  course: Int32Array;
  kind: Uint8Array;
  at: Float64Array;
  /** Rating (1..5) for reviews, completed share (0..1) for progress, else 0. */
  value: Float32Array;
}

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cumulative Zipf weights 1/rank^s over n ranks, for sampling by binary search. */
function zipfCdf(n: number, s: number): Float64Array {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) cdf[r] = sum += 1 / Math.pow(r + 1, s);
  for (let r = 0; r < n; r++) cdf[r]! /= sum;
  return cdf;
}

function sample(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function shuffled(n: number, random: () => number): Int32Array {
  const a = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** How a learner's events split, on average: views are most of the log, purchases a fifth. */
const SHARE = { purchase: 0.22, enrollment: 0.05, progress: 0.16, review: 0.05 } as const;
/** Probability that a purchase (or view) follows the learner's taste rather than the best-seller list. */
const TASTE_PURCHASE = 0.75;
const TASTE_VIEW = 0.55;
/** Probability that a purchase is preceded by a view of the same course. */
const VIEW_BEFORE_PURCHASE = 0.4;
const DAY_MS = 86_400_000;

export function generateLog(options: SyntheticOptions): SyntheticLog {
  const random = seededRandom(options.seed);
  const { learners, courses, interactions, categories, coursesPerTaste } = options;
  const tastes = Math.max(1, Math.floor(courses / coursesPerTaste));

  // Courses: a random taste each (so a taste's courses are scattered over the id space), a category per taste.
  const tasteOfCourse = new Int32Array(courses);
  const order = shuffled(courses, random);
  for (let k = 0; k < courses; k++) tasteOfCourse[order[k]!] = k % tastes;
  const tasteCategory = Int32Array.from({ length: tastes }, (_, t) => t % categories);
  const courseCategory = Int32Array.from(tasteOfCourse, (t) => tasteCategory[t]!);
  const tasteCourses: number[][] = Array.from({ length: tastes }, () => []);
  for (const c of order) tasteCourses[tasteOfCourse[c]!]!.push(c);
  const overall = shuffled(courses, random);
  const overallCdf = zipfCdf(courses, 0.9);
  const tasteCdfs = tasteCourses.map((list) => zipfCdf(list.length, 1.1));
  const tasteChoiceCdf = zipfCdf(tastes, 0.6);
  const tasteOrder = shuffled(tastes, random);

  // Events per learner: log-normal activity, scaled so the total is exactly `interactions`.
  const activity = Float64Array.from({ length: learners }, () => Math.exp(0.8 * gaussian(random)));
  const total = activity.reduce((a, b) => a + b, 0);
  const counts = Int32Array.from(activity, (w) => Math.max(1, Math.floor((interactions * w) / total)));
  let assigned = counts.reduce((a, b) => a + b, 0);
  for (let u = 0; assigned !== interactions; u = (u + 1) % learners) {
    if (assigned < interactions) {
      counts[u]!++;
      assigned++;
    } else if (counts[u]! > 1) {
      counts[u]!--;
      assigned--;
    }
  }

  const learnerStart = new Int32Array(learners + 1);
  const course = new Int32Array(interactions);
  const kind = new Uint8Array(interactions);
  const at = new Float64Array(interactions);
  const value = new Float32Array(interactions);
  const begin = options.now - options.days * DAY_MS;
  let e = 0;

  for (let u = 0; u < learners; u++) {
    learnerStart[u] = e;
    const n = counts[u]!;
    const own = [tasteOrder[sample(tasteChoiceCdf, random())]!];
    if (random() < 0.4) own.push(tasteOrder[sample(tasteChoiceCdf, random())]!);
    const pick = (tasteShare: number): number => {
      if (random() < tasteShare) {
        const t = own[Math.floor(random() * own.length)]!;
        return tasteCourses[t]![sample(tasteCdfs[t]!, random())]!;
      }
      return overall[sample(overallCdf, random())]!;
    };
    const owned = new Set<number>();
    const bought: number[] = [];
    let time = begin + random() * (options.days - 10) * DAY_MS;
    const gap = (options.now - time) / (n + 1);
    const push = (c: number, k: EventKind, v = 0) => {
      time += random() * 2 * gap;
      course[e] = c;
      kind[e] = k;
      at[e] = Math.min(time, options.now);
      value[e] = v;
      e++;
    };
    // The first event is a purchase, so every learner has something to hold out.
    let remaining = n;
    while (remaining > 0) {
      const r = owned.size === 0 ? 0 : random();
      if (r < SHARE.purchase + SHARE.enrollment) {
        let c = pick(TASTE_PURCHASE);
        for (let tries = 0; owned.has(c) && tries < 20; tries++) c = pick(TASTE_PURCHASE);
        if (owned.has(c)) {
          push(c, EVENT.view);
          remaining--;
          continue;
        }
        if (remaining >= 2 && random() < VIEW_BEFORE_PURCHASE) {
          push(c, EVENT.view);
          remaining--;
        }
        owned.add(c);
        bought.push(c);
        push(c, r < SHARE.purchase || owned.size === 1 ? EVENT.purchase : EVENT.enrollment);
      } else if (r < SHARE.purchase + SHARE.enrollment + SHARE.progress) {
        push(bought[Math.floor(random() * bought.length)]!, EVENT.progress, random());
      } else if (r < SHARE.purchase + SHARE.enrollment + SHARE.progress + SHARE.review) {
        const c = bought[Math.floor(random() * bought.length)]!;
        const liked = own.includes(tasteOfCourse[c]!);
        push(c, EVENT.review, liked ? 4 + Math.round(random()) : 2 + Math.round(random() * 2));
      } else {
        push(pick(TASTE_VIEW), EVENT.view);
      }
      remaining--;
    }
  }
  learnerStart[learners] = e;
  return { learners, courses, categories, courseCategory, learnerStart, course, kind, at, value };
}

/** Box–Muller from the seeded source. */
function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
