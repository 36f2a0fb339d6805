import type { DataSource } from 'typeorm';
import type { CatalogService } from '../catalog/catalog.service';
import { Lesson } from '../catalog/lesson.entity';
import { findOwnedByCreator } from '../catalog/owned-by-creator';
import { PLAN_COVERS_COURSE } from '../memberships/membership-terms';
import type { LessonOpenedFacts } from '../notifications/notices';
import type { Viewer } from '../viewer';
import type { ReleaseRule } from './lesson-release';
import { LessonRelease } from './lesson-release.entity';

/** A lesson opened for a learner by its release rule, not yet announced to them. */
export type OpenedLesson = LessonOpenedFacts;

/**
 * Creators set when lessons open (days after enrollment, or a date); the catalog's outline applies the
 * rules. The sweep finds the lessons that opened for enrolled learners and were not announced yet.
 */
export class ReleaseScheduleService {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: Pick<CatalogService, 'invalidate'>,
  ) {}

  /** Sets (or with null, removes) the rule of the creator's lesson. Another creator's lesson is missing. */
  async set(author: NonNullable<Viewer>, lessonId: number, rule: ReleaseRule | null): Promise<{ lessonId: number; courseId: number; release: ReleaseRule | null }> {
    const set = await this.ds.transaction(async (m) => {
      const lesson = await findOwnedByCreator(m, Lesson, 'lesson', lessonId, author.id);
      const repo = m.getRepository(LessonRelease);
      if (rule === null) await repo.delete({ lessonId });
      else await repo.save(repo.create({ lessonId, courseId: lesson.courseId, afterDays: rule.at ? null : rule.afterDays, opensAt: rule.at }));
      return { lessonId, courseId: lesson.courseId, release: rule };
    });
    // The rules travel with the cached syllabus: every process forgets this course's copy.
    await this.catalog.invalidate(set.courseId);
    return set;
  }

  /**
   * Lessons that opened in (since, until] for learners who could study the course before they opened (a
   * learner who enrolls after a dated lesson opened, or a day-0 lesson, never saw it locked), in a
   * published course, and not announced yet (notifications_sent). Free previews were never locked.
   * Learners are the enrolled ones, counted from their enrollment, and members of a plan covering the
   * course still running at `until` who are not enrolled, counted from their earliest running membership's
   * start (as the outline counts their drip).
   */
  async opened(since: Date, until: Date, limit: number): Promise<OpenedLesson[]> {
    const rows: Array<{ user_id: number; lesson_id: number; course_id: number; course_name: string; lesson_title: string; opens_at: Date }> = await this.ds.query(
      `SELECT d.* FROM (
         SELECT e.user_id, l.id AS lesson_id, l.course_id, c.name AS course_name, l.title AS lesson_title, e.enrolled_at,
                COALESCE(r.opens_at, DATE_ADD(e.enrolled_at, INTERVAL r.after_days DAY)) AS opens_at
           FROM lesson_releases r
           JOIN lessons l ON l.id = r.lesson_id AND l.free_preview = 0
           JOIN courses c ON c.id = r.course_id AND c.status = 'PUBLISHED'
           JOIN enrollments e ON e.course_id = r.course_id AND e.status = 'ACTIVE'
         UNION ALL
         SELECT ms.user_id, l.id AS lesson_id, l.course_id, c.name AS course_name, l.title AS lesson_title, MIN(ms.starts_at) AS enrolled_at,
                COALESCE(r.opens_at, DATE_ADD(MIN(ms.starts_at), INTERVAL r.after_days DAY)) AS opens_at
           FROM lesson_releases r
           JOIN lessons l ON l.id = r.lesson_id AND l.free_preview = 0
           JOIN courses c ON c.id = r.course_id AND c.status = 'PUBLISHED'
           JOIN membership_plans p
           JOIN memberships ms ON ms.plan_id = p.id AND ms.status = 'ACTIVE' AND ms.starts_at <= ? AND (ms.ends_at IS NULL OR ms.ends_at > ?)
          WHERE ${PLAN_COVERS_COURSE}
            AND NOT EXISTS (SELECT 1 FROM enrollments e2 WHERE e2.user_id = ms.user_id AND e2.course_id = c.id AND e2.status = 'ACTIVE')
          GROUP BY ms.user_id, l.id, l.course_id, c.name, l.title, r.opens_at, r.after_days
       ) d
       WHERE d.opens_at > d.enrolled_at AND d.opens_at > ? AND d.opens_at <= ?
         AND NOT EXISTS (SELECT 1 FROM notifications_sent n WHERE n.kind = 'lesson-opened' AND n.event_key = CAST(d.lesson_id AS CHAR) AND n.user_id = d.user_id)
       ORDER BY d.opens_at, d.user_id, d.lesson_id
       LIMIT ?`,
      [until, until, since, until, limit],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      lessonId: r.lesson_id,
      courseId: r.course_id,
      courseName: r.course_name,
      lessonTitle: r.lesson_title,
      opensAt: r.opens_at,
    }));
  }
}
