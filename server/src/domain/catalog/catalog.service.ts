import type { DataSource, Repository } from 'typeorm';
import { NotFoundError } from '../../errors';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import type { EnrollmentService } from '../learning/enrollment.service';
import { opensAt, type ReleaseRule } from '../learning/lesson-release';
import { systemClock, type Clock } from '../../shared/clock';
import type { Viewer } from '../viewer';
import { CatalogCache } from './catalog-cache';
import { Category } from './category.entity';
import type { Course, CourseStatus } from './course.entity';
import type { LessonKind } from './lesson.entity';
import { queryTerms } from './search-terms';

export const COURSE_SORTS = ['newest', 'price', '-price', 'rating', 'popular'] as const;
export type CourseSort = (typeof COURSE_SORTS)[number];

export interface CourseFilter {
  /** A category id, slug or name. */
  category?: string;
  q?: string;
  sort?: CourseSort;
  minPriceFen?: number;
  maxPriceFen?: number;
}

/** A course as lists and detail pages show it, with its category's and creator's names. */
export interface CourseSummary {
  id: number;
  name: string;
  description: string;
  priceFen: number;
  status: CourseStatus;
  categoryId: number;
  categoryName: string | null;
  creatorId: number;
  creatorName: string | null;
  ratingAvg: number;
  ratingCount: number;
  salesCount: number;
  coverKey: string | null;
  publishedAt: Date | null;
}

export interface LessonView {
  id: number;
  title: string;
  kind: LessonKind;
  durationS: number;
  freePreview: boolean;
  mediaKey: string | null;
  position: number;
  /** Drip release: when the lesson opens relative to enrollment, or on a date; null: with the course. */
  release: ReleaseRule | null;
}

export interface CourseOutline {
  course: CourseSummary;
  /**
   * `opensAt`: set while a drip-released lesson is still locked for the viewer (then it is not playable);
   * null for lessons open to them.
   */
  chapters: Array<{ id: number; title: string; lessons: Array<{ lesson: LessonView; playable: boolean; opensAt: Date | null }> }>;
  enrolled: boolean;
}

const CATEGORY_TTL_MS = 30_000;

/**
 * The catalog's read side. It is the hottest path of the API, so it speaks SQL directly (one query per
 * page, one for its count; three for a detail page, run together) instead of going through the ORM's
 * query builder, which cost more than the queries themselves. Writes go through entities elsewhere.
 * Its queries go to the read replicas when there are any (DATABASE_REPLICA_URLS), and their results are
 * kept in the process's CatalogCache until a change calls invalidate().
 */
const SUMMARY_SELECT = `SELECT STRAIGHT_JOIN c.id, c.name, c.description, c.price_fen, c.status, c.category_id,
  cat.name AS category_name, c.creator_id, u.display_name AS creator_name, c.rating_avg, c.rating_count,
  c.sales_count, c.cover_key, c.published_at
  FROM courses c JOIN users u ON u.id = c.creator_id JOIN categories cat ON cat.id = c.category_id`;

interface SummaryRow {
  id: number;
  name: string;
  description: string;
  price_fen: number;
  status: CourseStatus;
  category_id: number;
  category_name: string | null;
  creator_id: number;
  creator_name: string | null;
  rating_avg: string | number;
  rating_count: number;
  sales_count: number;
  cover_key: string | null;
  published_at: Date | null;
}

function toSummary(row: SummaryRow): CourseSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    priceFen: row.price_fen,
    status: row.status,
    categoryId: row.category_id,
    categoryName: row.category_name,
    creatorId: row.creator_id,
    creatorName: row.creator_name,
    ratingAvg: Number(row.rating_avg),
    ratingCount: row.rating_count,
    salesCount: row.sales_count,
    coverKey: row.cover_key,
    publishedAt: row.published_at,
  };
}

/** The same view of an entity loaded for writing (its category and creator relations, when loaded, give the names). */
export function summaryOf(course: Course): CourseSummary {
  return {
    id: course.id,
    name: course.name,
    description: course.description,
    priceFen: course.priceFen,
    status: course.status,
    categoryId: course.categoryId,
    categoryName: course.category?.name ?? null,
    creatorId: course.creatorId,
    creatorName: course.creator?.displayName ?? null,
    ratingAvg: course.ratingAvg,
    ratingCount: course.ratingCount,
    salesCount: course.salesCount,
    coverKey: course.coverKey,
    publishedAt: course.publishedAt,
  };
}

const ORDER_BY: Record<CourseSort, string> = {
  newest: 'c.published_at DESC, c.id DESC',
  price: 'c.price_fen ASC, c.id ASC',
  '-price': 'c.price_fen DESC, c.id DESC',
  rating: 'c.rating_avg DESC, c.rating_count DESC, c.id DESC',
  popular: 'c.sales_count DESC, c.id DESC',
};

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface CourseRows {
  course: CourseSummary | null;
  syllabus: SyllabusRow[];
}

export class CatalogService {
  private readonly categories: Repository<Category>;
  private categoryCache?: { at: number; value: Promise<Category[]> };

  constructor(
    private readonly ds: DataSource,
    private readonly enrollments: EnrollmentService,
    /** Off (every read goes to MySQL) unless given one connected to the other processes. */
    readonly cache: CatalogCache = new CatalogCache({ ttlMs: 0 }),
    private readonly clock: Clock = systemClock,
  ) {
    this.categories = ds.getRepository(Category);
  }

  /**
   * The one entry point for "the catalog changed": call it after the change is committed. With a course
   * id, that course's detail and every list page are dropped; without, everything. Every process hears
   * of it. Sales counts are the exception: they may lag by the cache's TTL (see CatalogCache).
   */
  async invalidate(courseId?: number): Promise<void> {
    await this.cache.invalidate(courseId);
  }

  /** Reads go to a replica when there are replicas; the primary otherwise. */
  private async read<T>(sql: string, params: unknown[]): Promise<T> {
    const runner = this.ds.createQueryRunner('slave');
    try {
      return (await runner.query(sql, params)) as T;
    } finally {
      await runner.release();
    }
  }

  /**
   * Categories change a few times a year and are read on every filtered list, so each process keeps
   * them for CATEGORY_TTL_MS; a new category shows up within that time.
   */
  listCategories(): Promise<Category[]> {
    const now = Date.now();
    if (!this.categoryCache || now - this.categoryCache.at > CATEGORY_TTL_MS) {
      const value = this.categories.find({ order: { sortOrder: 'ASC', id: 'ASC' } });
      this.categoryCache = { at: now, value };
      value.catch(() => (this.categoryCache = undefined));
    }
    return this.categoryCache.value;
  }

  /** Forgets the cached categories of this process, after a change to them. */
  invalidateCategories(): void {
    this.categoryCache = undefined;
  }

  /**
   * Published courses only. A query matches when every term occurs in name, description, category or
   * creator (the course's search text); without an explicit sort, matches are ranked by how many terms
   * hit the name.
   */
  listCourses(filter: CourseFilter, page: PageRequest): Promise<Page<CourseSummary>> {
    const key = JSON.stringify([filter.category ?? null, filter.q ?? null, filter.sort ?? null, filter.minPriceFen ?? null, filter.maxPriceFen ?? null, page.page, page.pageSize]);
    return this.cache.list(key, () => this.queryCourses(filter, page));
  }

  private async queryCourses(filter: CourseFilter, page: PageRequest): Promise<Page<CourseSummary>> {
    const where = ["c.status = 'PUBLISHED'"];
    const params: unknown[] = [];
    if (filter.category !== undefined) {
      const category = await this.findCategory(filter.category);
      if (!category) return { count: 0, results: [] };
      where.push('c.category_id = ?');
      params.push(category.id);
    }
    if (filter.minPriceFen !== undefined) {
      where.push('c.price_fen >= ?');
      params.push(filter.minPriceFen);
    }
    if (filter.maxPriceFen !== undefined) {
      where.push('c.price_fen <= ?');
      params.push(filter.maxPriceFen);
    }
    const patterns = (filter.q ? queryTerms(filter.q) : []).map(likePattern);
    for (const pattern of patterns) {
      where.push('c.search_text LIKE ?');
      params.push(pattern);
    }
    const whereSql = where.join(' AND ');

    let order = ORDER_BY[filter.sort ?? 'newest'];
    const orderParams: unknown[] = [];
    if (patterns.length && !filter.sort) {
      order = `${patterns.map(() => '(c.name LIKE ?)').join(' + ')} DESC, c.sales_count DESC, c.id DESC`;
      orderParams.push(...patterns);
    }
    const [rows, counted] = await Promise.all([
      this.read<SummaryRow[]>(`${SUMMARY_SELECT} WHERE ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`, [...params, ...orderParams, page.pageSize, offsetOf(page)]),
      this.read<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM courses c WHERE ${whereSql}`, params),
    ]);
    return { count: Number(counted[0]?.n ?? 0), results: rows.map(toSummary) };
  }

  /** Summaries of the given courses, in the order of `ids` (missing ones left out); visibility is the caller's business. */
  async summariesOf(ids: readonly number[]): Promise<CourseSummary[]> {
    if (ids.length === 0) return [];
    const rows = await this.read<SummaryRow[]>(`${SUMMARY_SELECT} WHERE c.id IN (?)`, [ids]);
    const byId = new Map(rows.map((r) => [r.id, toSummary(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** A category by id, slug or name. */
  private async findCategory(key: string): Promise<Category | undefined> {
    const categories = await this.listCategories();
    return /^\d+$/.test(key) ? categories.find((c) => c.id === Number(key)) : categories.find((c) => c.slug === key || c.name === key);
  }

  /**
   * A course as the viewer may see it: published ones for everybody; others for their creator, admins
   * and learners already enrolled (a course taken off sale stays open to those who bought it).
   */
  async getVisibleCourse(id: number, viewer: Viewer): Promise<CourseSummary> {
    const [{ course }, enrolled] = await Promise.all([this.courseRows(id), this.viewerEnrolled(id, viewer)]);
    if (!course || !canSeeCourse(course, viewer, enrolled)) throw new NotFoundError('course');
    return course;
  }

  /**
   * The syllabus with, per lesson, whether the viewer may play it: the one place lesson access is
   * decided (detail URLs, the player, progress reports and quizzes all ask here). Enrolled learners and
   * members whose plan covers the course play every lesson but those a drip-release rule still holds
   * back for them (counted from the enrollment or the membership's start, EnrollmentService.accessSince); free previews are open
   * to all; the creator and admins see everything.
   */
  async getOutline(id: number, viewer: Viewer): Promise<CourseOutline> {
    const [{ course, syllabus: rows }, enrolledAt] = await Promise.all([
      this.courseRows(id),
      viewer ? this.enrollments.accessSince(viewer.id, id) : Promise.resolve(null),
    ]);
    const enrolled = enrolledAt !== null;
    if (!course || !canSeeCourse(course, viewer, enrolled)) throw new NotFoundError('course');
    const ownerOrAdmin = isOwnerOrAdmin(course, viewer);
    const now = this.clock.now();
    const chapters: CourseOutline['chapters'] = [];
    for (const row of rows) {
      let chapter = chapters[chapters.length - 1];
      if (!chapter || chapter.id !== row.chapter_id) {
        chapter = { id: row.chapter_id, title: row.chapter_title, lessons: [] };
        chapters.push(chapter);
      }
      if (row.id === null) continue;
      const release: ReleaseRule | null =
        row.release_after_days !== null || row.release_at !== null ? { afterDays: row.release_after_days, at: row.release_at === null ? null : new Date(row.release_at) } : null;
      const lesson: LessonView = {
        id: row.id,
        title: row.title!,
        kind: row.kind!,
        durationS: row.duration_s!,
        freePreview: row.free_preview === 1,
        mediaKey: row.media_key,
        position: row.position!,
        release,
      };
      // A free preview is open to everybody, so no rule holds it back; the creator and admins are never held back.
      const opens = lesson.freePreview || ownerOrAdmin ? null : opensAt(release, enrolledAt);
      const locked = opens !== null && opens.getTime() > now.getTime();
      chapter.lessons.push({ lesson, playable: lesson.freePreview || ownerOrAdmin || (enrolled && !locked), opensAt: locked ? opens : null });
    }
    return { course, enrolled, chapters };
  }

  /** What every viewer sees of a course (the summary and the syllabus), cached per course. */
  private courseRows(id: number): Promise<CourseRows> {
    return this.cache.detail(id, async () => {
      const [rows, syllabus] = await Promise.all([
        this.read<SummaryRow[]>(`${SUMMARY_SELECT} WHERE c.id = ?`, [id]),
        this.read<SyllabusRow[]>(
          `SELECT ch.id AS chapter_id, ch.title AS chapter_title, l.id, l.title, l.kind, l.duration_s, l.free_preview, l.media_key, l.position,
                  r.after_days AS release_after_days, r.opens_at AS release_at
             FROM chapters ch LEFT JOIN lessons l ON l.chapter_id = ch.id LEFT JOIN lesson_releases r ON r.lesson_id = l.id
            WHERE ch.course_id = ? ORDER BY ch.position, ch.id, l.position, l.id`,
          [id],
        ),
      ]);
      return { course: rows[0] ? toSummary(rows[0]) : null, syllabus };
    });
  }

  /** Enrolled, or a member whose plan covers the course: the one access decision (EnrollmentService.hasAccess). */
  private viewerEnrolled(courseId: number, viewer: Viewer): Promise<boolean> {
    return viewer ? this.enrollments.hasAccess(viewer.id, courseId) : Promise.resolve(false);
  }
}

interface SyllabusRow {
  chapter_id: number;
  chapter_title: string;
  id: number | null;
  title: string | null;
  kind: LessonKind | null;
  duration_s: number | null;
  free_preview: number | null;
  media_key: string | null;
  position: number | null;
  release_after_days: number | null;
  release_at: Date | null;
}

export function isOwnerOrAdmin(course: Pick<CourseSummary, 'creatorId'>, viewer: Viewer): boolean {
  return !!viewer && (viewer.role === 'admin' || viewer.id === course.creatorId);
}

export function canSeeCourse(course: Pick<CourseSummary, 'creatorId' | 'status'>, viewer: Viewer, enrolled = false): boolean {
  return course.status === 'PUBLISHED' || enrolled || isOwnerOrAdmin(course, viewer);
}
