import type { DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock';
import type { Viewer } from '../viewer';

/** A signed-in visitor opening the same course again within this window is one view. */
export const VIEW_DEDUP_MS = 30 * 60_000;

/** Records course pages opened: the top of the conversion funnel and a weak taste signal for recommendations. */
export class CourseViewService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Counts a view of a published course; creators and admins looking at it are not visitors. */
  async record(course: { id: number; creatorId: number; status: string }, viewer: Viewer): Promise<void> {
    if (course.status !== 'PUBLISHED' || viewer?.role === 'admin' || viewer?.id === course.creatorId) return;
    const now = this.clock.now();
    if (!viewer) {
      await this.ds.query('INSERT INTO course_views (course_id, user_id, viewed_at) VALUES (?, NULL, ?)', [course.id, now]);
      return;
    }
    await this.ds.query(
      `INSERT INTO course_views (course_id, user_id, viewed_at)
       SELECT ?, ?, ? FROM DUAL WHERE NOT EXISTS (
         SELECT 1 FROM course_views WHERE user_id = ? AND course_id = ? AND viewed_at > ?)`,
      [course.id, viewer.id, now, viewer.id, course.id, new Date(now.getTime() - VIEW_DEDUP_MS)],
    );
  }
}
