import type { DataSource } from 'typeorm';
import { noSignals, type CourseSignals } from './signals';

export interface CourseFacts {
  id: number;
  categoryId: number;
  published: boolean;
}

/** Signed-in views older than this say nothing about today's taste, and reading them costs. */
const VIEW_HORIZON_DAYS = 180;
const DAY_MS = 86_400_000;

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v);
const time = (v: unknown) => (v instanceof Date ? v.getTime() : v === null || v === undefined ? null : new Date(String(v)).getTime());

/**
 * Reads the learning signals from MySQL, a range of learner ids at a time (each query walks an index
 * that starts with user_id), so a recompute holds one batch of raw rows at a time, never a table.
 */
export class SignalReader {
  constructor(private readonly ds: DataSource) {}

  /** Every course, published or not: signals on courses taken off sale still say what goes together. */
  async courses(): Promise<CourseFacts[]> {
    const rows: Row[] = await this.ds.query('SELECT id, category_id, status FROM courses ORDER BY id');
    return rows.map((r) => ({ id: num(r.id), categoryId: num(r.category_id), published: r.status === 'PUBLISHED' }));
  }

  async lessonCounts(): Promise<Map<number, number>> {
    const rows: Row[] = await this.ds.query('SELECT course_id, COUNT(*) AS n FROM lessons GROUP BY course_id');
    return new Map(rows.map((r) => [num(r.course_id), num(r.n)]));
  }

  /** The lowest and highest user id, or null with no users. */
  async learnerIdBounds(): Promise<{ min: number; max: number } | null> {
    const [row]: Row[] = await this.ds.query('SELECT MIN(id) AS lo, MAX(id) AS hi FROM users');
    return row && row.lo !== null ? { min: num(row.lo), max: num(row.hi) } : null;
  }

  /** The signals of learners with from ≤ id < to: user id → course id → signals. */
  async learners(from: number, to: number, lessonCounts: ReadonlyMap<number, number>, now: Date): Promise<Map<number, Map<number, CourseSignals>>> {
    const range = [from, to];
    const [paid, enrolled, progress, reviews, views, created] = (await Promise.all([
      this.ds.query(
        "SELECT user_id, course_id, MAX(paid_at) AS at FROM orders WHERE user_id >= ? AND user_id < ? AND status = 'PAID' AND item_type = 'course' GROUP BY user_id, course_id",
        range,
      ),
      this.ds.query('SELECT user_id, course_id, source, status, enrolled_at FROM enrollments WHERE user_id >= ? AND user_id < ?', range),
      this.ds.query(
        'SELECT user_id, course_id, SUM(completed) AS done, MAX(updated_at) AS at FROM lesson_progress WHERE user_id >= ? AND user_id < ? GROUP BY user_id, course_id',
        range,
      ),
      this.ds.query('SELECT user_id, course_id, rating, updated_at FROM reviews WHERE user_id >= ? AND user_id < ?', range),
      this.ds.query(
        'SELECT user_id, course_id, COUNT(*) AS n, MAX(viewed_at) AS at FROM course_views WHERE user_id >= ? AND user_id < ? AND viewed_at >= ? GROUP BY user_id, course_id',
        [...range, new Date(now.getTime() - VIEW_HORIZON_DAYS * DAY_MS)],
      ),
      this.ds.query('SELECT creator_id AS user_id, id AS course_id FROM courses WHERE creator_id >= ? AND creator_id < ?', range),
    ])) as [Row[], Row[], Row[], Row[], Row[], Row[]];

    const byLearner = new Map<number, Map<number, CourseSignals>>();
    const signals = (r: Row): CourseSignals => {
      const userId = num(r.user_id);
      const courseId = num(r.course_id);
      let courses = byLearner.get(userId);
      if (!courses) byLearner.set(userId, (courses = new Map()));
      let s = courses.get(courseId);
      if (!s) courses.set(courseId, (s = noSignals()));
      return s;
    };
    for (const r of paid) signals(r).purchasedAt = time(r.at);
    for (const r of enrolled) {
      const s = signals(r);
      // Refunded (revoked) courses are not recommended back either: the learner has seen them and said no.
      s.owned = true;
      if (r.status === 'ACTIVE' && r.source !== 'purchase') s.enrolledAt = time(r.enrolled_at);
    }
    for (const r of progress) {
      const s = signals(r);
      const lessons = lessonCounts.get(num(r.course_id)) ?? 0;
      s.completedShare = lessons > 0 ? Math.min(1, num(r.done) / lessons) : 0;
      s.progressAt = time(r.at);
    }
    for (const r of reviews) {
      const s = signals(r);
      s.rating = num(r.rating);
      s.reviewedAt = time(r.updated_at);
    }
    for (const r of views) {
      const s = signals(r);
      s.views = num(r.n);
      s.viewedAt = time(r.at);
    }
    for (const r of created) signals(r).owned = true;
    return byLearner;
  }

  /** Anonymous views per course and day since `since`: popularity only (there is nobody to recommend to). */
  async anonymousViews(since: Date): Promise<Array<{ courseId: number; day: number; views: number }>> {
    const rows: Row[] = await this.ds.query(
      'SELECT course_id, DATE(viewed_at) AS day, COUNT(*) AS n FROM course_views WHERE user_id IS NULL AND viewed_at >= ? GROUP BY course_id, DATE(viewed_at)',
      [since],
    );
    return rows.map((r) => ({ courseId: num(r.course_id), day: time(r.day) ?? since.getTime(), views: num(r.n) }));
  }

  /** The newest enrollment id now: learners enrolled after it are caught up once a run has switched. */
  async lastEnrollmentId(): Promise<number> {
    const [row]: Row[] = await this.ds.query('SELECT COALESCE(MAX(id), 0) AS id FROM enrollments');
    return num(row?.id ?? 0);
  }

  /** Learners who bought or enrolled after enrollment `afterId` (at most `limit`). */
  async learnersEnrolledAfter(afterId: number, limit: number): Promise<number[]> {
    const rows: Row[] = await this.ds.query('SELECT DISTINCT user_id FROM enrollments WHERE id > ? LIMIT ?', [afterId, limit]);
    return rows.map((r) => num(r.user_id));
  }
}
