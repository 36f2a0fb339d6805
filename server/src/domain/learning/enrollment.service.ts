import type { DataSource, EntityManager, Repository } from 'typeorm';
import { systemClock, type Clock } from '../../shared/clock';
import { MEMBER_SINCE } from '../memberships/membership-terms';
import { Enrollment, type EnrollmentSource } from './enrollment.entity';

export class EnrollmentService {
  private readonly enrollments: Repository<Enrollment>;

  constructor(
    ds: DataSource,
    private readonly clock: Clock = systemClock,
  ) {
    this.enrollments = ds.getRepository(Enrollment);
  }

  /**
   * THE question whether a learner may study a course, and since when (drip release counts from it):
   * the start of an active enrollment (a purchase, a free course, a grant, a code) or of a running
   * membership whose plan covers the course, the earlier of the two; null when neither. An expired or
   * refunded membership opens nothing. Free previews, creators and admins are decided by the caller
   * from the course alone.
   */
  async accessSince(userId: number, courseId: number, manager?: EntityManager): Promise<Date | null> {
    const repo = manager ? manager.getRepository(Enrollment) : this.enrollments;
    const now = this.clock.now();
    const rows: Array<{ enrolled_at: Date | null; member_since: Date | null }> = await repo.query(
      `SELECT (SELECT enrolled_at FROM enrollments WHERE user_id = ? AND course_id = ? AND status = 'ACTIVE') AS enrolled_at,
              ${MEMBER_SINCE} AS member_since`,
      [userId, courseId, courseId, userId, now, now],
    );
    const since = [rows[0]?.enrolled_at, rows[0]?.member_since].filter((d): d is Date => d instanceof Date);
    return since.length ? new Date(Math.min(...since.map((d) => d.getTime()))) : null;
  }

  /** Whether the learner may study the whole course now (see accessSince). */
  async hasAccess(userId: number, courseId: number, manager?: EntityManager): Promise<boolean> {
    return (await this.accessSince(userId, courseId, manager)) !== null;
  }

  async isEnrolled(userId: number, courseId: number, manager?: EntityManager): Promise<boolean> {
    const repo = manager ? manager.getRepository(Enrollment) : this.enrollments;
    return repo.existsBy({ userId, courseId, status: 'ACTIVE' });
  }

  /**
   * Grants a course exactly once: the unique (user, course) key makes a repeat a no-op, and a revoked
   * enrollment comes back. Returns whether this call created or restored access.
   */
  async enroll(
    manager: EntityManager,
    input: { userId: number; courseId: number; source: EnrollmentSource; orderId?: number | null },
  ): Promise<boolean> {
    const result: { affectedRows: number } = await manager.query(
      `INSERT INTO enrollments (user_id, course_id, source, status, order_id) VALUES (?, ?, ?, 'ACTIVE', ?)
       ON DUPLICATE KEY UPDATE source = IF(status = 'REVOKED', VALUES(source), source),
         order_id = IF(status = 'REVOKED', VALUES(order_id), order_id), status = 'ACTIVE'`,
      [input.userId, input.courseId, input.source, input.orderId ?? null],
    );
    // MySQL reports 1 for an insert, 2 for an update that changed the row, 0 for no change.
    return result.affectedRows > 0;
  }

  /** Takes access away again (a refunded purchase); the row stays, so a later purchase restores it. */
  async revoke(manager: EntityManager, input: { userId: number; courseId: number }): Promise<boolean> {
    const { affected } = await manager.getRepository(Enrollment).update({ ...input, status: 'ACTIVE' }, { status: 'REVOKED' });
    return !!affected;
  }
}
