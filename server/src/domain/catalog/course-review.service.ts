import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../errors';
import type { Logger } from '../../logger';
import type { Clock } from '../../shared/clock';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import type { MediaStorage } from '../../storage/media-storage';
import type { AuditLog } from '../audit/audit-log.service';
import { reviewNotice, type NoticeTemplates } from '../notifications/notices';
import type { NoticeQueue } from '../notifications/question-notifier';
import { User } from '../users/user.entity';
import type { Viewer } from '../viewer';
import type { CatalogService } from './catalog.service';
import { Category } from './category.entity';
import { Course, type CourseStatus } from './course.entity';
import { CourseRevision, revisionChangesContent, type ReviewKind } from './course-revision.entity';
import { openRevision } from './course-revisions';
import { Lesson } from './lesson.entity';
import { searchText } from './search-terms';

type Actor = NonNullable<Viewer>;

/** A course waiting for a decision, with the round of review (null only for data made outside the API). */
export interface ReviewItem {
  course: Course;
  revision: CourseRevision | null;
  /** Titles of the lessons whose media the revision replaces. */
  lessonTitles: Map<number, string>;
}

const SUBMITTABLE: CourseStatus[] = ['DRAFT', 'REJECTED', 'UNLISTED'];

/**
 * Review: a creator submits, an admin approves or rejects, the creator hears of the decision (chat
 * when bound, else a subscribe message, through the notification worker). A submission puts a course
 * that is not on sale into review as a whole (`publish`), or the open revision of a course on sale
 * (`changes`), which stays on sale with its approved content meanwhile. Approving applies the
 * revision's content to the course and its lessons in one transaction; rejecting keeps the live
 * version and the creator's pending changes, to fix and resubmit.
 */
export class CourseReviewService {
  constructor(
    private readonly ds: DataSource,
    private readonly storage: MediaStorage,
    private readonly notices: NoticeQueue,
    private readonly templates: Pick<NoticeTemplates, 'course-review'>,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Told after every decision or status change, which change what the catalog shows. */
    private readonly catalog: Pick<CatalogService, 'invalidate'>,
  ) {}

  /** DRAFT, REJECTED or UNLISTED → IN_REVIEW (needs a lesson); PUBLISHED with pending changes → those changes in review. */
  async submit(author: Actor, courseId: number): Promise<void> {
    await this.ds.transaction(async (m) => {
      const course = await this.lockCourse(m, courseId, author.id);
      if ((await m.getRepository(Lesson).countBy({ courseId })) === 0) throw new ConflictError('add at least one lesson before submitting', 'COURSE_EMPTY');
      const open = await openRevision(m, courseId, true);
      let kind: ReviewKind;
      if (SUBMITTABLE.includes(course.status)) {
        kind = 'publish';
        await m.getRepository(Course).update(courseId, { status: 'IN_REVIEW', reviewNote: null });
      } else if (course.status === 'PUBLISHED') {
        kind = 'changes';
        if (open?.status === 'IN_REVIEW') throw new ConflictError('these changes are in review already', 'REVISION_IN_REVIEW', { revision: open.id });
        if (!open || !revisionChangesContent(open)) throw new ConflictError('nothing changed since the last approval: there is nothing to review', 'NOTHING_TO_REVIEW');
      } else {
        throw new ConflictError(`a ${course.status} course cannot be submitted`, 'INVALID_STATUS', { status: course.status });
      }
      const revision = open ?? (await this.newRevision(m, courseId));
      await m.getRepository(CourseRevision).update(revision.id, {
        status: 'IN_REVIEW',
        kind,
        submissions: revision.submissions + 1,
        submittedAt: this.clock.now(),
        reviewNote: null,
      });
      await this.audit.record(m, { actor: author, action: 'review.submit', subjectType: 'revision', subjectId: revision.id, courseId, details: { kind, changes: changeList(revision) } });
    });
    await this.catalog.invalidate(courseId);
  }

  /** PUBLISHED → UNLISTED: off sale; enrolled learners keep it. Pending changes stay pending. */
  async unlist(author: Actor, courseId: number): Promise<void> {
    await this.ds.transaction(async (m) => {
      const course = await this.lockCourse(m, courseId, author.id);
      if (course.status !== 'PUBLISHED') throw new ConflictError(`a ${course.status} course cannot become UNLISTED`, 'INVALID_STATUS', { status: course.status });
      await m.getRepository(Course).update(courseId, { status: 'UNLISTED' });
      await this.audit.record(m, { actor: author, action: 'course.unlist', subjectType: 'course', subjectId: courseId });
    });
    await this.catalog.invalidate(courseId);
  }

  /** Drops the creator's pending changes (not while they are in review) and their files. */
  async discard(author: Actor, courseId: number): Promise<void> {
    const keys = await this.ds.transaction(async (m) => {
      const course = await this.lockCourse(m, courseId, author.id);
      const open = await openRevision(m, courseId, true);
      if (!open) throw new NotFoundError('pending changes');
      if (open.status === 'IN_REVIEW' || course.status === 'IN_REVIEW') throw new ConflictError('changes in review cannot be discarded', 'REVISION_IN_REVIEW', { revision: open.id });
      await m.getRepository(CourseRevision).delete(open.id);
      await this.audit.record(m, { actor: author, action: 'review.discard', subjectType: 'revision', subjectId: open.id, courseId, details: { changes: changeList(open) } });
      return [open.coverKey, ...(open.media ?? []).map((x) => x.mediaKey)];
    });
    await this.deleteFiles(keys);
  }

  /** Courses in review (as a whole) and courses on sale whose changes are in review, oldest submission first. */
  async queue(page: PageRequest): Promise<Page<ReviewItem>> {
    const where = `FROM courses c LEFT JOIN course_revisions r ON r.open_course_id = c.id
      WHERE c.status = 'IN_REVIEW' OR (r.status = 'IN_REVIEW' AND c.status IN ('PUBLISHED', 'UNLISTED'))`;
    const [rows, counted] = await Promise.all([
      this.ds.query(`SELECT c.id ${where} ORDER BY COALESCE(r.submitted_at, c.updated_at), c.id LIMIT ? OFFSET ?`, [page.pageSize, offsetOf(page)]) as Promise<Array<{ id: number }>>,
      this.ds.query(`SELECT COUNT(*) AS n ${where}`) as Promise<Array<{ n: number | string }>>,
    ]);
    const results: ReviewItem[] = [];
    for (const { id } of rows) results.push(await this.item(id));
    return { count: Number(counted[0]?.n ?? 0), results };
  }

  /** The course with its open revision, as the review queue shows it. */
  async item(courseId: number): Promise<ReviewItem> {
    const course = await this.ds.getRepository(Course).findOne({ where: { id: courseId }, relations: { category: true, creator: true } });
    if (!course) throw new NotFoundError('course');
    const revision = await openRevision(this.ds.manager, courseId);
    const lessonIds = (revision?.media ?? []).map((x) => x.lessonId);
    const lessons = lessonIds.length ? await this.ds.getRepository(Lesson).createQueryBuilder('l').where('l.id IN (:...lessonIds)', { lessonIds }).getMany() : [];
    return { course, revision, lessonTitles: new Map(lessons.map((l) => [l.id, l.title])) };
  }

  async approve(admin: Actor, courseId: number): Promise<Course> {
    const { replaced, notice } = await this.ds.transaction(async (m) => {
      const course = await this.lockCourse(m, courseId);
      let revision = await openRevision(m, courseId, true);
      let kind: ReviewKind;
      if (course.status === 'IN_REVIEW') {
        kind = 'publish';
        revision ??= await this.newRevision(m, courseId, { status: 'IN_REVIEW', kind, submissions: 1, submittedAt: course.updatedAt });
        await m
          .createQueryBuilder()
          .update(Course)
          .set({ status: 'PUBLISHED', reviewNote: null, publishedAt: () => 'COALESCE(published_at, :now)' })
          .where('id = :courseId', { courseId })
          .setParameter('now', this.clock.now())
          .execute();
      } else if ((course.status === 'PUBLISHED' || course.status === 'UNLISTED') && revision?.status === 'IN_REVIEW') {
        kind = 'changes';
      } else {
        throw new ConflictError(`a ${course.status} course has nothing in review`, 'INVALID_STATUS', { status: course.status });
      }
      const replaced = await this.apply(m, course, revision);
      const decidedAt = this.clock.now();
      await m.getRepository(CourseRevision).update(revision.id, { status: 'APPROVED', openCourseId: null, decidedAt, decidedBy: admin.id, reviewNote: null, kind });
      await this.audit.record(m, { actor: admin, action: 'review.approve', subjectType: 'revision', subjectId: revision.id, courseId, details: { kind, applied: changeList(revision) } });
      const name = revision.name ?? course.name;
      return {
        replaced,
        notice: reviewNotice({ revisionId: revision.id, submission: revision.submissions, userId: course.creatorId, courseId, courseName: name, kind, approved: true, reason: null, decidedAt }, this.templates['course-review']),
      };
    });
    // Approval is where a course (or its new content) appears in the catalog.
    await this.catalog.invalidate(courseId);
    await this.deleteFiles(replaced);
    await this.notify(notice);
    return this.load(courseId);
  }

  async reject(admin: Actor, courseId: number, reason: string): Promise<Course> {
    const notice = await this.ds.transaction(async (m) => {
      const course = await this.lockCourse(m, courseId);
      let revision = await openRevision(m, courseId, true);
      let kind: ReviewKind;
      if (course.status === 'IN_REVIEW') {
        kind = 'publish';
        revision ??= await this.newRevision(m, courseId, { status: 'IN_REVIEW', kind, submissions: 1, submittedAt: course.updatedAt });
        await m.getRepository(Course).update(courseId, { status: 'REJECTED', reviewNote: reason });
      } else if (revision?.status === 'IN_REVIEW') {
        kind = 'changes';
      } else {
        throw new ConflictError(`a ${course.status} course has nothing in review`, 'INVALID_STATUS', { status: course.status });
      }
      const decidedAt = this.clock.now();
      await m.getRepository(CourseRevision).update(revision.id, { status: 'REJECTED', decidedAt, decidedBy: admin.id, reviewNote: reason, kind });
      await this.audit.record(m, { actor: admin, action: 'review.reject', subjectType: 'revision', subjectId: revision.id, courseId, details: { kind, reason, changes: changeList(revision) } });
      return reviewNotice(
        { revisionId: revision.id, submission: revision.submissions, userId: course.creatorId, courseId, courseName: course.name, kind, approved: false, reason, decidedAt },
        this.templates['course-review'],
      );
    });
    await this.catalog.invalidate(courseId);
    await this.notify(notice);
    return this.load(courseId);
  }

  /** Writes the revision's content into the course and its lessons; returns the files it replaced. */
  private async apply(m: EntityManager, course: Course, revision: CourseRevision): Promise<Array<string | null>> {
    const replaced: Array<string | null> = [];
    const patch: Partial<Course> = {};
    if (revision.name !== null) patch.name = revision.name;
    if (revision.description !== null) patch.description = revision.description;
    if (revision.coverKey !== null) {
      patch.coverKey = revision.coverKey;
      replaced.push(course.coverKey);
    }
    if (patch.name !== undefined || patch.description !== undefined) {
      const category = await m.getRepository(Category).findOneByOrFail({ id: course.categoryId });
      const creator = await m.getRepository(User).findOneByOrFail({ id: course.creatorId });
      patch.searchText = searchText({ ...course, ...patch, category: category.name, creator: creator.displayName });
    }
    if (Object.keys(patch).length) await m.getRepository(Course).update(course.id, patch);
    for (const media of revision.media ?? []) {
      const lesson = await m.getRepository(Lesson).findOneBy({ id: media.lessonId });
      if (!lesson) continue;
      replaced.push(lesson.mediaKey);
      await m.getRepository(Lesson).update(lesson.id, { mediaKey: media.mediaKey });
    }
    return replaced;
  }

  private async newRevision(m: EntityManager, courseId: number, fields: Partial<CourseRevision> = {}): Promise<CourseRevision> {
    const created = m.getRepository(CourseRevision).create({ courseId, status: 'DRAFT', kind: 'changes', openCourseId: courseId, submissions: 0, ...fields });
    await m.getRepository(CourseRevision).insert(created);
    return (await openRevision(m, courseId))!;
  }

  /** The course row, locked; with `creatorId`, only the creator's own (another's is missing, never forbidden). */
  private async lockCourse(m: EntityManager, courseId: number, creatorId?: number): Promise<Course> {
    const course = await m.getRepository(Course).findOne({ where: { id: courseId, ...(creatorId !== undefined ? { creatorId } : {}) }, lock: { mode: 'pessimistic_write' } });
    if (!course) throw new NotFoundError('course');
    return course;
  }

  private load(courseId: number): Promise<Course> {
    return this.ds.getRepository(Course).findOneOrFail({ where: { id: courseId }, relations: { category: true, creator: true } });
  }

  /** After the commit: a decision stands even when the notice cannot be queued (logged; the creator sees it in the console). */
  private async notify(notice: ReturnType<typeof reviewNotice>): Promise<void> {
    await this.notices.notice(notice).catch((err: unknown) => this.logger.warn({ err, key: notice.key }, 'could not queue the review notice'));
  }

  private async deleteFiles(keys: Array<string | null>): Promise<void> {
    for (const key of keys) {
      if (key) await this.storage.delete(key).catch((err: unknown) => this.logger.warn({ err, key }, 'could not delete a replaced file'));
    }
  }
}

/** Which reviewed fields a revision changes, for the audit log. */
function changeList(r: CourseRevision): Record<string, unknown> {
  return {
    ...(r.name !== null ? { name: r.name } : {}),
    ...(r.description !== null ? { description: r.description } : {}),
    ...(r.coverKey !== null ? { cover: true } : {}),
    ...(r.media?.length ? { lesson_media: r.media.map((x) => x.lessonId) } : {}),
  };
}
