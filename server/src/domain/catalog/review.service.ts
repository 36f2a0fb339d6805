import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError } from '../../errors';
import { duplicateKeyIndex } from '../../shared/db-errors';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import type { EnrollmentService } from '../learning/enrollment.service';
import type { Viewer } from '../viewer';
import type { CatalogService } from './catalog.service';
import { Review } from './review.entity';

export class ReviewService {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: CatalogService,
    private readonly enrollments: EnrollmentService,
  ) {}

  /** One review per learner and course, only from enrolled learners; the course's rating follows in the same transaction. */
  async create(viewer: NonNullable<Viewer>, courseId: number, input: { rating: number; content: string }): Promise<Review> {
    const course = await this.catalog.getVisibleCourse(courseId, viewer);
    if (course.creatorId === viewer.id) throw new ForbiddenError('creators cannot review their own course', 'OWN_COURSE');
    const created = await this.ds.transaction(async (m) => {
      if (!(await this.enrollments.isEnrolled(viewer.id, courseId, m))) {
        throw new ForbiddenError('only learners enrolled in this course can review it', 'NOT_ENROLLED');
      }
      const review = m.getRepository(Review).create({ userId: viewer.id, courseId, ...input });
      try {
        await m.getRepository(Review).insert(review);
      } catch (err) {
        if (duplicateKeyIndex(err) === 'uq_reviews_user_course') {
          throw new ConflictError('you have already reviewed this course', 'REVIEW_EXISTS');
        }
        throw err;
      }
      await refreshRating(m, courseId);
      return m.getRepository(Review).findOneOrFail({ where: { id: review.id }, relations: { user: true } });
    });
    // The rating and its count show in lists and sort them: readers see a new review at once.
    await this.catalog.invalidate(courseId);
    return created;
  }

  async list(courseId: number, viewer: Viewer, page: PageRequest): Promise<Page<Review>> {
    await this.catalog.getVisibleCourse(courseId, viewer);
    const [results, count] = await this.ds
      .getRepository(Review)
      .createQueryBuilder('r')
      .innerJoin('r.user', 'u')
      .addSelect(['u.id', 'u.displayName'])
      .where('r.courseId = :courseId', { courseId })
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .skip(offsetOf(page))
      .take(page.pageSize)
      .getManyAndCount();
    return { count, results };
  }
}

/** Recomputes the aggregate from the reviews themselves in one statement, so concurrent reviews cannot drift it. */
export async function refreshRating(m: EntityManager, courseId: number): Promise<void> {
  await m.query(
    `UPDATE courses c
       JOIN (SELECT COUNT(*) AS n, COALESCE(SUM(rating), 0) AS total FROM reviews WHERE course_id = ?) r
       SET c.rating_count = r.n, c.rating_sum = r.total, c.rating_avg = IF(r.n = 0, 0, ROUND(r.total / r.n, 2))
     WHERE c.id = ?`,
    [courseId, courseId],
  );
}
