import type { DataSource } from 'typeorm';
import { NotFoundError } from '../../errors';
import type { Clock } from '../../shared/clock';
import { dropOffPoints, scoreBuckets } from './learning-funnel';

/** A learner without progress for this long, and not finished, counts as having stopped. */
export const IDLE_DAYS = 7;

export interface LessonFunnelStep {
  lessonId: number;
  title: string;
  started: number;
  completed: number;
  /** Of the enrolled learners, 0..1; null without learners. */
  completionRate: number | null;
  /** Idle learners whose first unfinished lesson this is. */
  stoppedHere: number;
}

export interface QuizScores {
  quizId: number;
  title: string;
  required: boolean;
  /** Learners with a graded attempt; their best percent makes the distribution. */
  learners: number;
  passRate: number | null;
  buckets: number[];
}

export interface LearningAnalytics {
  courseId: number;
  learners: number;
  finished: number;
  idleDays: number;
  funnel: LessonFunnelStep[];
  quizzes: QuizScores[];
  /** The seed's activity score (hours of study per day over the analytics period) of this course's learners. */
  activity: { learners: number; averageScore: number | null };
}

/** How a creator's learners move through one course: the funnel per lesson, where they stop, quiz scores, activity. */
export class LearningAnalyticsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async forCourse(creatorId: number, courseId: number): Promise<LearningAnalytics> {
    const owned: unknown[] = await this.ds.query('SELECT 1 FROM courses WHERE id = ? AND creator_id = ?', [courseId, creatorId]);
    if (!owned.length) throw new NotFoundError('course');
    const idleSince = new Date(this.clock.now().getTime() - IDLE_DAYS * 24 * 3600_000);
    const [lessons, learnerRows, progress, quizzes, best, activity] = await Promise.all([
      this.ds.query(
        `SELECT l.id, l.title FROM lessons l JOIN chapters ch ON ch.id = l.chapter_id WHERE l.course_id = ? ORDER BY ch.position, ch.id, l.position, l.id`,
        [courseId],
      ) as Promise<Array<{ id: number; title: string }>>,
      this.ds.query(
        `SELECT e.user_id, GREATEST(e.enrolled_at, COALESCE(MAX(p.updated_at), e.enrolled_at)) AS last_seen
           FROM enrollments e LEFT JOIN lesson_progress p ON p.user_id = e.user_id AND p.course_id = e.course_id
          WHERE e.course_id = ? AND e.status = 'ACTIVE' GROUP BY e.user_id, e.enrolled_at`,
        [courseId],
      ) as Promise<Array<{ user_id: number; last_seen: Date }>>,
      this.ds.query(
        `SELECT p.user_id, p.lesson_id, p.completed FROM lesson_progress p
           JOIN enrollments e ON e.user_id = p.user_id AND e.course_id = p.course_id AND e.status = 'ACTIVE'
          WHERE p.course_id = ?`,
        [courseId],
      ) as Promise<Array<{ user_id: number; lesson_id: number; completed: number }>>,
      this.ds.query('SELECT id, title, required, pass_percent FROM quizzes WHERE course_id = ? ORDER BY id', [courseId]) as Promise<
        Array<{ id: number; title: string; required: number; pass_percent: number }>
      >,
      this.ds.query(
        `SELECT a.quiz_id, a.user_id, MAX(a.percent) AS best, MAX(a.passed) AS passed
           FROM quiz_attempts a JOIN quizzes q ON q.id = a.quiz_id
          WHERE q.course_id = ? AND a.status = 'GRADED' GROUP BY a.quiz_id, a.user_id`,
        [courseId],
      ) as Promise<Array<{ quiz_id: number; user_id: number; best: number; passed: number }>>,
      this.ds.query(
        `SELECT COUNT(*) AS learners, AVG(a.score) AS average FROM learner_activity a
           JOIN enrollments e ON e.user_id = a.user_id AND e.course_id = a.course_id AND e.status = 'ACTIVE'
          WHERE a.course_id = ?`,
        [courseId],
      ) as Promise<Array<{ learners: string | number; average: string | number | null }>>,
    ]);

    const lessonIds = lessons.map((l) => l.id);
    const completedBy = new Map<number, Set<number>>(learnerRows.map((r) => [r.user_id, new Set<number>()]));
    const started = new Map<number, number>();
    const completed = new Map<number, number>();
    for (const p of progress) {
      started.set(p.lesson_id, (started.get(p.lesson_id) ?? 0) + 1);
      if (Number(p.completed) === 1) {
        completed.set(p.lesson_id, (completed.get(p.lesson_id) ?? 0) + 1);
        completedBy.get(p.user_id)?.add(p.lesson_id);
      }
    }
    const finished = [...completedBy.values()].filter((done) => lessonIds.length > 0 && lessonIds.every((id) => done.has(id))).length;
    const idle = new Map([...completedBy].filter(([userId]) => {
      const row = learnerRows.find((r) => r.user_id === userId);
      return row !== undefined && new Date(row.last_seen).getTime() < idleSince.getTime();
    }));
    const stopped = dropOffPoints(lessonIds, idle);
    const learners = learnerRows.length;

    return {
      courseId,
      learners,
      finished,
      idleDays: IDLE_DAYS,
      funnel: lessons.map((l) => ({
        lessonId: l.id,
        title: l.title,
        started: started.get(l.id) ?? 0,
        completed: completed.get(l.id) ?? 0,
        completionRate: learners ? (completed.get(l.id) ?? 0) / learners : null,
        stoppedHere: stopped.get(l.id) ?? 0,
      })),
      quizzes: quizzes.map((q) => {
        const mine = best.filter((b) => b.quiz_id === q.id);
        return {
          quizId: q.id,
          title: q.title,
          required: Number(q.required) === 1,
          learners: mine.length,
          passRate: mine.length ? mine.filter((b) => Number(b.passed) === 1).length / mine.length : null,
          buckets: scoreBuckets(mine.map((b) => Number(b.best))),
        };
      }),
      activity: {
        learners: Number(activity[0]?.learners ?? 0),
        averageScore: activity[0]?.average === null || activity[0]?.average === undefined ? null : Number(activity[0].average),
      },
    };
  }
}
