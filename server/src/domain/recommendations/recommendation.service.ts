import type { DataSource } from 'typeorm';
import type { Logger } from '../../logger';
import type { Clock } from '../../shared/clock';
import type { CatalogService, CourseSummary } from '../catalog/catalog.service';
import type { Viewer } from '../viewer';
import { addLearner, buildModel, scoreRows, DEFAULT_ENGINE, type EngineOptions } from './engine';
import { RecommendationStore, type RankedList } from './recommendation-store';
import { LearnerScorer, type CourseTable, type Ranked } from './scoring';
import { SignalReader, type CourseFacts } from './signal-reader';
import { anonymousViewStrength } from './signals';
import { LearnerRowsBuilder, sparseRowsFrom } from './sparse-rows';

export interface RecommendationSettings {
  topN: number;
  neighbours: number;
  halfLifeDays: number;
  batchSize: number;
}

/** personal: from the learner's own signals; related: from the course's neighbours; popular: the fallback. */
export type RecommendationSource = 'personal' | 'related' | 'popular';

export interface RecommendedCourses {
  source: RecommendationSource;
  courses: CourseSummary[];
}

export type RecomputeOutcome =
  | { status: 'done'; generation: number; learners: number; courses: number; interactions: number; caughtUp: number; ms: number }
  | { status: 'busy' };

const DAY_MS = 86_400_000;
/** Anonymous views further back than this many half-lives weigh under 1/16: not worth reading. */
const ANONYMOUS_VIEW_HALF_LIVES = 4;
/** Learners enrolled during a run whose lists are redone once it has switched; more wait for the next run. */
const CATCH_UP_LIMIT = 10_000;
/** How long the popular ranking is reused by a process before it asks again (it changes once a night). */
const POPULAR_TTL_MS = 60_000;
/** The popular ranking kept: enough to fill a list after skipping what a learner owns. */
const POPULAR_DEPTH = 200;

/** What scoring one learner against the current generation needs; see RecommendationService.scoringModel. */
interface ScoringModel {
  index: CourseIndex;
  lessonCounts: Map<number, number>;
  scorer: LearnerScorer;
}

/** How long a process reuses a generation's scoring model before reloading it (new courses, changed categories). */
const MODEL_TTL_MS = 10 * 60_000;

/** The engine's view of the catalog: dense indices for course ids, categories, eligibility, popularity. */
interface CourseIndex {
  ids: Int32Array;
  indexOf: Map<number, number>;
  table: CourseTable;
}

function indexCourses(courses: CourseFacts[], popularityById?: ReadonlyMap<number, number>): CourseIndex {
  const categories = new Map<number, number>();
  const category = new Int32Array(courses.length);
  const eligible = new Uint8Array(courses.length);
  const popularity = new Float64Array(courses.length);
  const indexOf = new Map<number, number>();
  courses.forEach((c, i) => {
    indexOf.set(c.id, i);
    if (!categories.has(c.categoryId)) categories.set(c.categoryId, categories.size);
    category[i] = categories.get(c.categoryId)!;
    eligible[i] = c.published ? 1 : 0;
    popularity[i] = popularityById?.get(c.id) ?? 0;
  });
  return {
    ids: Int32Array.from(courses, (c) => c.id),
    indexOf,
    table: { size: courses.length, category, categoryCount: categories.size, eligible, popularity },
  };
}

/**
 * Recommendations: the nightly recompute (signals streamed from MySQL in learner-id batches through the
 * in-memory engine into a new generation), a learner's incremental update after a purchase, and the
 * read side the API serves (personal lists, related courses, popularity for everybody else).
 */
export class RecommendationService {
  private readonly reader: SignalReader;
  private readonly store: RecommendationStore;
  private readonly engine: EngineOptions;
  private popularCache = new Map<string, { at: number; ids: Promise<number[]> }>();
  private model?: { generation: number; at: number; value: Promise<ScoringModel> };

  constructor(
    ds: DataSource,
    private readonly catalog: CatalogService,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly settings: RecommendationSettings,
  ) {
    this.reader = new SignalReader(ds);
    this.store = new RecommendationStore(ds);
    this.engine = { ...DEFAULT_ENGINE, topN: settings.topN, neighbours: settings.neighbours, halfLifeMs: settings.halfLifeDays * DAY_MS };
  }

  /** The generation readers see, or null before the first full run. */
  currentGeneration(): Promise<number | null> {
    return this.store.currentGeneration();
  }

  /**
   * The full recompute. One at a time per database (a second caller gets 'busy'); the new generation
   * becomes visible in one statement at the end, so a run that dies leaves the previous one in place.
   */
  async recomputeAll(): Promise<RecomputeOutcome> {
    const outcome = await this.store.exclusively(() => this.recomputeLocked());
    return outcome ?? { status: 'busy' };
  }

  private async recomputeLocked(): Promise<RecomputeOutcome> {
    const started = this.clock.now();
    const t0 = performance.now();
    const current = await this.store.currentGeneration();
    await this.store.deleteGenerationsExcept(current);
    const generation = await this.store.startRun(started);
    try {
      const lastEnrollment = await this.reader.lastEnrollmentId();
      const [courses, lessonCounts, bounds] = await Promise.all([this.reader.courses(), this.reader.lessonCounts(), this.reader.learnerIdBounds()]);
      const index = indexCourses(courses);
      const now = started.getTime();

      // Pass 1: every learner's signals, a batch of ids at a time, into the sparse matrix and popularity.
      const rows = new LearnerRowsBuilder(courses.length, 4096);
      const popularity = index.table.popularity;
      for (let from = bounds?.min ?? 1; bounds && from <= bounds.max; from += this.settings.batchSize) {
        const batch = await this.reader.learners(from, from + this.settings.batchSize, lessonCounts, started);
        for (const [userId, byCourse] of batch) addLearner(rows, popularity, userId, reindex(byCourse, index.indexOf), now, this.engine.halfLifeMs);
      }
      const since = new Date(now - ANONYMOUS_VIEW_HALF_LIVES * this.engine.halfLifeMs);
      for (const v of await this.reader.anonymousViews(since)) {
        const i = index.indexOf.get(v.courseId);
        if (i !== undefined) popularity[i]! += anonymousViewStrength(v.views, now - v.day, this.engine.halfLifeMs);
      }
      const matrix = rows.build();

      // Pass 2: neighbours, then every learner's list, written a batch at a time.
      const { neighbours, scorer } = buildModel(matrix, index.table, this.engine);
      await this.store.writePopularity(
        generation,
        [...popularity].flatMap((score, i) => (score > 0 ? [[index.ids[i]!, score] as const] : [])),
      );
      const related: RankedList[] = [];
      for (let i = 0; i < neighbours.rowCount; i++) {
        const [a, b] = [neighbours.start[i]!, neighbours.start[i + 1]!];
        if (a === b) continue;
        related.push({ ownerId: index.ids[i]!, courseIds: [...neighbours.col.subarray(a, b)].map((j) => index.ids[j]!), scores: [...neighbours.value.subarray(a, b)] });
      }
      await this.store.writeRelated(generation, related);
      let learners = 0;
      for (let from = 0; from < matrix.rowCount; from += this.settings.batchSize) {
        const lists = scoreRows(matrix, scorer, from, from + this.settings.batchSize)
          .filter((r) => r.ranked.ids.length > 0)
          .map((r) => toList(r.learnerId, r.ranked, index.ids));
        learners += lists.length;
        await this.store.writeRecommendations(generation, lists);
      }

      await this.store.finishRun(generation, this.clock.now(), { learners, courses: courses.length, interactions: matrix.col.length });
      await this.store.deleteGenerationsExcept(generation);
      this.popularCache.clear();

      // Purchases made while this run was reading may be missing from its lists: redo those learners.
      const late = await this.reader.learnersEnrolledAfter(lastEnrollment, CATCH_UP_LIMIT);
      for (const userId of late) await this.refreshLearner(userId);
      const ms = Math.round(performance.now() - t0);
      this.log.info({ generation, learners, courses: courses.length, interactions: matrix.col.length, caughtUp: late.length, ms }, 'recommendations recomputed');
      return { status: 'done', generation, learners, courses: courses.length, interactions: matrix.col.length, caughtUp: late.length, ms };
    } catch (err) {
      await this.store.abandonRun(generation, this.clock.now()).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Recomputes one learner's list against the current generation's neighbours and popularity (after a
   * purchase or refund), replacing it in one transaction. Before the first full run there is nothing to
   * score against: 'no-model'.
   */
  async refreshLearner(userId: number): Promise<'refreshed' | 'cleared' | 'no-model'> {
    const generation = await this.store.currentGeneration();
    if (generation === null) return 'no-model';
    const now = this.clock.now();
    const model = await this.scoringModel(generation);
    const signals = (await this.reader.learners(userId, userId + 1, model.lessonCounts, now)).get(userId);
    const rows = new LearnerRowsBuilder(model.index.table.size);
    // Popularity comes from the generation, which already holds this learner's part of it.
    addLearner(rows, new Float64Array(model.index.table.size), userId, reindex(signals ?? new Map(), model.index.indexOf), now.getTime(), this.engine.halfLifeMs);
    const matrix = rows.build();
    const ranked = matrix.rowCount ? scoreRows(matrix, model.scorer, 0, 1)[0]!.ranked : { ids: new Int32Array(0), scores: new Float32Array(0) };
    await this.store.replaceLearner(generation, toList(userId, ranked, model.index.ids));
    return ranked.ids.length ? 'refreshed' : 'cleared';
  }

  /**
   * The current generation's neighbours and popularity with the course index, loaded once per
   * generation (and refreshed every MODEL_TTL_MS for new courses), so a learner's update after a purchase
   * is a few indexed reads and one transaction.
   */
  private scoringModel(generation: number): Promise<ScoringModel> {
    const cached = this.model;
    if (cached && cached.generation === generation && Date.now() - cached.at < MODEL_TTL_MS) return cached.value;
    const value = (async () => {
      const [courses, lessonCounts, popularity, neighbours] = await Promise.all([
        this.reader.courses(),
        this.reader.lessonCounts(),
        this.store.popularity(generation),
        this.store.neighbours(generation),
      ]);
      const index = indexCourses(courses, popularity);
      const entries = neighbours.flatMap(([course, related, score]) => {
        const [i, j] = [index.indexOf.get(course), index.indexOf.get(related)];
        return i === undefined || j === undefined ? [] : [[i, j, score] as const];
      });
      const scorer = new LearnerScorer(sparseRowsFrom(courses.length, courses.length, entries), index.table, { topN: this.engine.topN, blend: this.engine.blend });
      return { index, lessonCounts, scorer };
    })();
    this.model = { generation, at: Date.now(), value };
    value.catch(() => (this.model = undefined));
    return value;
  }

  /** A signed-in learner's recommendations: their stored list, topped up with popular courses. */
  async forLearner(userId: number, limit: number): Promise<RecommendedCourses> {
    const [owned, personal] = await Promise.all([this.store.ownedBy(userId), this.store.learnerList(userId)]);
    const mine = await this.publishedInOrder(personal.filter((id) => !owned.has(id)), limit);
    if (mine.length >= limit) return { source: 'personal', courses: mine };
    const chosen = new Set([...owned, ...mine.map((c) => c.id)]);
    const more = await this.publishedInOrder((await this.popularIds(null)).filter((id) => !chosen.has(id)), limit - mine.length);
    return { source: mine.length ? 'personal' : 'popular', courses: [...mine, ...more] };
  }

  /** Popular published courses, recency-weighted; without the viewer's own ones when signed in. */
  async popular(viewer: Viewer, limit: number): Promise<RecommendedCourses> {
    const owned = viewer ? await this.store.ownedBy(viewer.id) : new Set<number>();
    const ids = (await this.popularIds(null)).filter((id) => !owned.has(id));
    return { source: 'popular', courses: await this.publishedInOrder(ids, limit) };
  }

  /**
   * Courses related to a course the viewer may see: its stored neighbours ("learners who bought this also
   * bought"), then popular courses of its category, then popular ones overall; never the course itself
   * or one the viewer owns.
   */
  async related(courseId: number, viewer: Viewer, limit: number): Promise<RecommendedCourses> {
    const course = await this.catalog.getVisibleCourse(courseId, viewer);
    const [owned, neighbours] = await Promise.all([viewer ? this.store.ownedBy(viewer.id) : Promise.resolve(new Set<number>()), this.store.relatedList(courseId)]);
    const skip = new Set([...owned, courseId]);
    const near = await this.publishedInOrder(neighbours.filter((id) => !skip.has(id)), limit);
    const courses = [...near];
    for (const categoryId of [course.categoryId, null]) {
      if (courses.length >= limit) break;
      for (const c of courses) skip.add(c.id);
      const ids = (await this.popularIds(categoryId)).filter((id) => !skip.has(id));
      courses.push(...(await this.publishedInOrder(ids, limit - courses.length)));
    }
    return { source: near.length ? 'related' : 'popular', courses };
  }

  private popularIds(categoryId: number | null): Promise<number[]> {
    const key = String(categoryId ?? '*');
    const cached = this.popularCache.get(key);
    if (cached && Date.now() - cached.at < POPULAR_TTL_MS) return cached.ids;
    const ids = this.store.popularList(POPULAR_DEPTH, categoryId);
    this.popularCache.set(key, { at: Date.now(), ids });
    ids.catch(() => this.popularCache.delete(key));
    return ids;
  }

  /** The first `limit` of `ids` that are published, in the given order (one catalog query). */
  private async publishedInOrder(ids: number[], limit: number): Promise<CourseSummary[]> {
    if (limit <= 0 || !ids.length) return [];
    const out: CourseSummary[] = [];
    // Usually the first `limit` are all published; ask for a few more in case some are not.
    for (let at = 0; at < ids.length && out.length < limit; at += limit * 2) {
      const page = await this.catalog.summariesOf(ids.slice(at, at + limit * 2));
      out.push(...page.filter((c) => c.status === 'PUBLISHED').slice(0, limit - out.length));
    }
    return out;
  }
}

/** Course ids → engine indices; courses created after the index was built are left out. */
function reindex<T>(byCourse: ReadonlyMap<number, T>, indexOf: ReadonlyMap<number, number>): Map<number, T> {
  const out = new Map<number, T>();
  for (const [courseId, value] of byCourse) {
    const i = indexOf.get(courseId);
    if (i !== undefined) out.set(i, value);
  }
  return out;
}

function toList(ownerId: number, ranked: Ranked, ids: Int32Array): RankedList {
  return { ownerId, courseIds: [...ranked.ids].map((i) => ids[i]!), scores: [...ranked.scores] };
}
