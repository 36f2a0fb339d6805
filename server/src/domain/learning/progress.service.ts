import type { DataSource, EntityManager } from 'typeorm';
import { ForbiddenError, LessonLockedError, NotFoundError } from '../../errors';
import type { Clock } from '../../shared/clock';
import { retryOnDeadlock } from '../../shared/db-errors';
import type { Page, PageRequest } from '../../shared/pagination';
import { offsetOf } from '../../shared/pagination';
import type { CatalogService, CourseOutline, CourseSummary, LessonView } from '../catalog/catalog.service';
import type { CertificateTriggers } from '../certificates/certificate-triggers';
import { memberSinceSql } from '../memberships/membership-terms';
import type { Viewer } from '../viewer';
import { LessonProgress } from './lesson-progress.entity';

/** Reports closer together than this belong to one study session. */
export const STUDY_SESSION_GAP_MS = 30 * 60_000;
/** A little slack for a player whose reports arrive slightly faster than the wall clock says. */
const CLOCK_SLACK_S = 2;

export interface ProgressReport {
  positionS: number;
  completed: boolean;
}

export interface CourseProgress {
  completedLessons: number;
  totalLessons: number;
  /** Whole percent of lessons completed, 0..100. */
  percent: number;
}

export interface LessonProgressView {
  lessonId: number;
  courseId: number;
  positionS: number;
  completed: boolean;
  completedAt: Date | null;
  studiedS: number;
  updatedAt: Date;
}

/** A lesson as the player opens it: where the learner left off, and the lessons before and after. */
export interface PlayerLesson {
  lesson: LessonView;
  course: CourseSummary;
  playable: boolean;
  progress: LessonProgressView | null;
  previousLessonId: number | null;
  nextLessonId: number | null;
}

export interface LibraryCourse {
  course: CourseSummary;
  enrolledAt: Date;
  progress: CourseProgress;
  lastLessonId: number | null;
  lastStudiedAt: Date | null;
}

/**
 * Learning progress: the player reports where the learner is; the server keeps one row per learner and
 * lesson (positions only move where the player says, completion never goes back), counts study time no
 * faster than the wall clock, and groups reports into study sessions.
 */
export class ProgressService {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: CatalogService,
    private readonly clock: Clock,
    private readonly certificates?: CertificateTriggers,
  ) {}

  /** The lesson the player opens, with the viewer's progress; 403 when the viewer may not play it. */
  async openLesson(lessonId: number, viewer: Viewer): Promise<PlayerLesson> {
    const outline = await this.outlineOfLesson(lessonId, viewer);
    const lessons = outline.chapters.flatMap((c) => c.lessons);
    const index = lessons.findIndex((l) => l.lesson.id === lessonId);
    const entry = lessons[index]!;
    if (entry.opensAt) throw new LessonLockedError(entry.opensAt);
    if (!entry.playable) throw new ForbiddenError('buy the course to study this lesson', 'NOT_ENROLLED');
    const progress = viewer ? await this.lessonProgress(viewer.id, lessonId) : null;
    return {
      lesson: entry.lesson,
      course: outline.course,
      playable: entry.playable,
      progress,
      previousLessonId: lessons[index - 1]?.lesson.id ?? null,
      nextLessonId: lessons[index + 1]?.lesson.id ?? null,
    };
  }

  /**
   * Records a report. Repeating a report changes nothing; a position past the end is taken as the end;
   * study time grows by how far the position moved, but never by more than the time since the last report.
   */
  async report(viewer: NonNullable<Viewer>, lessonId: number, input: ProgressReport): Promise<{ progress: LessonProgressView; course: CourseProgress }> {
    const outline = await this.outlineOfLesson(lessonId, viewer);
    const entry = outline.chapters.flatMap((c) => c.lessons).find((l) => l.lesson.id === lessonId)!;
    if (!outline.enrolled && !entry.lesson.freePreview) {
      throw new ForbiddenError('progress is kept for learners enrolled in the course', 'NOT_ENROLLED');
    }
    if (entry.opensAt) throw new LessonLockedError(entry.opensAt);
    const courseId = outline.course.id;
    const duration = entry.lesson.durationS;
    const position = duration > 0 ? Math.min(input.positionS, duration) : input.positionS;
    const now = this.clock.now();

    // One learner's reports take turns: each first locks the learner's row, so two reports (a player and
    // a page being left, two tabs) never meet half-way on a new progress row or the study session.
    const progress = await retryOnDeadlock(() => this.ds.transaction(async (m) => {
      await m.query('SELECT id FROM users WHERE id = ? FOR UPDATE', [viewer.id]);
      const repo = m.getRepository(LessonProgress);
      const where = { userId: viewer.id, lessonId };
      let row = await repo.findOne({ where, lock: { mode: 'pessimistic_write' } });
      const fresh = !row;
      if (!row) {
        await m.query('INSERT INTO lesson_progress (user_id, lesson_id, course_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)', [viewer.id, lessonId, courseId, now, now]);
        row = await repo.findOneOrFail({ where, lock: { mode: 'pessimistic_write' } });
      }
      // The first report has no earlier one to measure wall time against: it counts no study time.
      const elapsedS = fresh ? 0 : Math.max(0, Math.floor((now.getTime() - row.updatedAt.getTime()) / 1000)) + CLOCK_SLACK_S;
      const studied = Math.min(Math.max(0, position - row.positionS), elapsedS);
      const completed = row.completed || input.completed;
      const completedAt = row.completedAt ?? (input.completed ? now : null);
      const changed = position !== row.positionS || completed !== row.completed || studied > 0;
      if (changed) {
        await repo.update({ id: row.id }, { positionS: position, completed, completedAt, studiedS: row.studiedS + studied, updatedAt: now });
        await this.extendSession(m, viewer.id, courseId, studied, now);
      }
      const justCompleted = completed && !row.completed;
      return { ...row, positionS: position, completed, completedAt, studiedS: row.studiedS + studied, updatedAt: changed ? now : row.updatedAt, justCompleted };
    }));
    const course = await this.courseProgress(viewer.id, courseId);
    // Committed: the last lesson done may finish the course (the certificate worker checks the rest).
    if (progress.justCompleted && course.percent === 100 && outline.enrolled) {
      await this.certificates?.mayHaveFinished({ userId: viewer.id, courseId, reason: `lessons-${course.totalLessons}` });
    }
    return { progress: toView(progress), course };
  }

  /** Percent done of one course, and where the learner is in each lesson they opened. */
  async progressOfCourse(userId: number, courseId: number): Promise<{ course: CourseProgress; lessons: LessonProgressView[] }> {
    const rows = await this.ds.getRepository(LessonProgress).find({ where: { userId, courseId }, order: { lessonId: 'ASC' } });
    return { course: await this.courseProgress(userId, courseId), lessons: rows.map(toView) };
  }

  /**
   * "My courses": what the learner may study, most recently studied (or bought) first, with percent done.
   * Courses they are enrolled in, and courses a running membership covers that they have started (a
   * member is not listed every course of the plan, only those opened; "since" is the first lesson opened).
   */
  async library(userId: number, page: PageRequest): Promise<Page<LibraryCourse>> {
    const now = this.clock.now();
    const mine = `SELECT e.course_id, e.enrolled_at, e.id AS tie FROM enrollments e WHERE e.user_id = ? AND e.status = 'ACTIVE'
      UNION ALL
      SELECT p.course_id, MIN(p.created_at), 0 FROM lesson_progress p
       WHERE p.user_id = ?
         AND NOT EXISTS (SELECT 1 FROM enrollments e2 WHERE e2.user_id = p.user_id AND e2.course_id = p.course_id AND e2.status = 'ACTIVE')
         AND ${memberSinceSql('p.course_id', 'p.user_id')} IS NOT NULL
       GROUP BY p.course_id`;
    const mineParams = [userId, userId, now, now];
    const [rows, counted] = await Promise.all([
      this.ds.query(
        `SELECT x.course_id, x.enrolled_at,
                (SELECT COUNT(*) FROM lessons l WHERE l.course_id = x.course_id) AS total,
                (SELECT COUNT(*) FROM lesson_progress p WHERE p.user_id = ? AND p.course_id = x.course_id AND p.completed = 1) AS done,
                last.lesson_id AS last_lesson_id, last.updated_at AS last_studied_at
           FROM (${mine}) x
           LEFT JOIN lesson_progress last ON last.id = (
             SELECT p2.id FROM lesson_progress p2 WHERE p2.user_id = ? AND p2.course_id = x.course_id ORDER BY p2.updated_at DESC, p2.id DESC LIMIT 1)
          ORDER BY GREATEST(x.enrolled_at, COALESCE(last.updated_at, x.enrolled_at)) DESC, x.tie DESC, x.course_id DESC
          LIMIT ? OFFSET ?`,
        [userId, ...mineParams, userId, page.pageSize, offsetOf(page)],
      ) as Promise<Array<{ course_id: number; enrolled_at: Date; total: string | number; done: string | number; last_lesson_id: number | null; last_studied_at: Date | null }>>,
      this.ds.query(`SELECT COUNT(*) AS n FROM (${mine}) x`, mineParams) as Promise<Array<{ n: string | number }>>,
    ]);
    const summaries = new Map((await this.catalog.summariesOf(rows.map((r) => r.course_id))).map((c) => [c.id, c]));
    return {
      count: Number(counted[0]?.n ?? 0),
      results: rows.flatMap((r) => {
        const course = summaries.get(r.course_id);
        if (!course) return [];
        return [{ course, enrolledAt: r.enrolled_at, progress: percentOf(Number(r.done), Number(r.total)), lastLessonId: r.last_lesson_id, lastStudiedAt: r.last_studied_at }];
      }),
    };
  }

  private async outlineOfLesson(lessonId: number, viewer: Viewer): Promise<CourseOutline> {
    const rows: Array<{ course_id: number }> = await this.ds.query('SELECT course_id FROM lessons WHERE id = ?', [lessonId]);
    if (!rows[0]) throw new NotFoundError('lesson');
    try {
      return await this.catalog.getOutline(rows[0].course_id, viewer);
    } catch (err) {
      // A lesson of a course the viewer cannot see does not exist for them.
      if (err instanceof NotFoundError) throw new NotFoundError('lesson');
      throw err;
    }
  }

  private async lessonProgress(userId: number, lessonId: number): Promise<LessonProgressView | null> {
    const row = await this.ds.getRepository(LessonProgress).findOneBy({ userId, lessonId });
    return row ? toView(row) : null;
  }

  private async courseProgress(userId: number, courseId: number): Promise<CourseProgress> {
    const [row]: Array<{ total: string | number; done: string | number }> = await this.ds.query(
      `SELECT (SELECT COUNT(*) FROM lessons WHERE course_id = ?) AS total,
              (SELECT COUNT(*) FROM lesson_progress WHERE user_id = ? AND course_id = ? AND completed = 1) AS done`,
      [courseId, userId, courseId],
    );
    return percentOf(Number(row?.done ?? 0), Number(row?.total ?? 0));
  }

  /** The learner's current session on this course grows; after a pause of STUDY_SESSION_GAP_MS a new one starts. */
  private async extendSession(m: EntityManager, userId: number, courseId: number, studiedS: number, now: Date): Promise<void> {
    const since = new Date(now.getTime() - STUDY_SESSION_GAP_MS);
    const [current]: Array<{ id: string }> = await m.query(
      'SELECT id FROM study_sessions WHERE user_id = ? AND course_id = ? AND last_seen_at >= ? ORDER BY last_seen_at DESC LIMIT 1 FOR UPDATE',
      [userId, courseId, since],
    );
    if (current) {
      await m.query('UPDATE study_sessions SET last_seen_at = ?, studied_s = studied_s + ? WHERE id = ?', [now, studiedS, current.id]);
    } else {
      await m.query('INSERT INTO study_sessions (user_id, course_id, started_at, last_seen_at, studied_s) VALUES (?, ?, ?, ?, ?)', [userId, courseId, now, now, studiedS]);
    }
  }
}

export function percentOf(done: number, total: number): CourseProgress {
  return { completedLessons: done, totalLessons: total, percent: total === 0 ? 0 : Math.floor((100 * Math.min(done, total)) / total) };
}

function toView(row: Pick<LessonProgress, 'lessonId' | 'courseId' | 'positionS' | 'completed' | 'completedAt' | 'studiedS' | 'updatedAt'>): LessonProgressView {
  return {
    lessonId: row.lessonId,
    courseId: row.courseId,
    positionS: row.positionS,
    completed: !!row.completed,
    completedAt: row.completedAt,
    studiedS: row.studiedS,
    updatedAt: row.updatedAt,
  };
}
