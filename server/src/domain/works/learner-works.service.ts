import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import type { Clock } from '../../shared/clock';
import { duplicateKeyIndex } from '../../shared/db-errors';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import { contentMatchesType } from '../../storage/media-sniff';
import type { MediaStorage } from '../../storage/media-storage';
import type { AuditLog } from '../audit/audit-log.service';
import { isOwnerOrAdmin, type CatalogService } from '../catalog/catalog.service';
import { Course } from '../catalog/course.entity';
import { Lesson } from '../catalog/lesson.entity';
import type { EnrollmentService } from '../learning/enrollment.service';
import { User } from '../users/user.entity';
import type { Viewer } from '../viewer';
import { Assignment } from './assignment.entity';
import { LearnerWork, type FeatureStatus } from './learner-work.entity';

type Actor = NonNullable<Viewer>;

/** Image types a work may carry, with the extension they are stored under. */
export const WORK_IMAGE_TYPES: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp' };
export const WORK_MAX_IMAGES = 6;
export const WORK_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const WORK_TEXT_MAX = 5000;

export interface WorkImage {
  path: string;
  mimeType: string;
  size: number;
  originalName: string;
}

/** A work with what its readers see next to it: the assignment's title and the learner's display name. */
export interface WorkView {
  work: LearnerWork;
  assignmentTitle: string;
  learnerName: string;
}

/**
 * Learner works: the creator sets assignments per course (or lesson); each enrolled learner submits
 * one work (text and images) per assignment. The creator comments and may feature a work; featuring
 * puts it in review, and only a work an admin approved shows on the course page. Unfeaturing hides it
 * again at once. Every feature decision is written to the audit log.
 */
export class LearnerWorksService {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: CatalogService,
    private readonly enrollments: EnrollmentService,
    private readonly storage: MediaStorage,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async createAssignment(author: Actor, courseId: number, input: { title: string; prompt: string; lessonId?: number }): Promise<Assignment> {
    return this.ds.transaction(async (m) => {
      await this.manageableCourse(m, author, courseId);
      if (input.lessonId !== undefined && !(await m.getRepository(Lesson).existsBy({ id: input.lessonId, courseId }))) {
        throw ValidationError.field('lesson', 'is not a lesson of this course');
      }
      const repo = m.getRepository(Assignment);
      const assignment = await repo.save(repo.create({ courseId, lessonId: input.lessonId ?? null, title: input.title, prompt: input.prompt }));
      await this.audit.record(m, { actor: author, action: 'assignment.create', subjectType: 'assignment', subjectId: assignment.id, courseId, details: { title: input.title } });
      return assignment;
    });
  }

  async ownAssignments(author: Actor, courseId: number): Promise<Array<{ assignment: Assignment; works: number }>> {
    await this.manageableCourse(this.ds.manager, author, courseId);
    return this.assignmentsWithCounts(courseId);
  }

  async deleteAssignment(author: Actor, assignmentId: number): Promise<void> {
    const assignment = await this.manageableAssignment(author, assignmentId);
    const keys = (await this.ds.getRepository(LearnerWork).findBy({ assignmentId })).flatMap((w) => w.imageKeys);
    await this.ds.transaction(async (m) => {
      await m.getRepository(Assignment).delete({ id: assignment.id });
      await this.audit.record(m, { actor: author, action: 'assignment.delete', subjectType: 'assignment', subjectId: assignment.id, courseId: assignment.courseId, details: { title: assignment.title } });
    });
    for (const key of keys) await this.storage.delete(key);
  }

  /** The assignments of a course anyone who can see the course may read. */
  async assignmentsOf(courseId: number, viewer: Viewer): Promise<Array<{ assignment: Assignment; works: number }>> {
    await this.catalog.getVisibleCourse(courseId, viewer);
    return this.assignmentsWithCounts(courseId);
  }

  /**
   * One work per learner and assignment, from learners enrolled in the course; images are type-checked
   * by content. The form is read only once the learner may submit, so an outsider learns nothing from a 400.
   */
  async submit(learner: Actor, assignmentId: number, readForm: () => { text: string; images: WorkImage[] }): Promise<WorkView> {
    const assignment = await this.ds.getRepository(Assignment).findOneBy({ id: assignmentId });
    if (!assignment) throw new NotFoundError('assignment');
    await this.catalog.getVisibleCourse(assignment.courseId, learner);
    // Whoever may study the course (enrolled, or a member of a plan covering it): the one access decision.
    if (!(await this.enrollments.hasAccess(learner.id, assignment.courseId))) {
      throw new ForbiddenError('only learners enrolled in the course submit works', 'NOT_ENROLLED');
    }
    if (await this.ds.getRepository(LearnerWork).existsBy({ assignmentId, userId: learner.id })) {
      throw new ConflictError('you already submitted a work for this assignment', 'WORK_EXISTS');
    }
    const input = readForm();
    if (input.images.length > WORK_MAX_IMAGES) throw ValidationError.field('images', `must be at most ${WORK_MAX_IMAGES} images`);
    const exts: string[] = [];
    for (const [i, image] of input.images.entries()) exts.push(await imageExtension(image, i));
    const keys: string[] = [];
    try {
      for (const [i, image] of input.images.entries()) {
        const key = `works/${assignment.courseId}/${assignment.id}-${learner.id}-${randomBytes(6).toString('hex')}${exts[i]!}`;
        await this.storage.putFile(key, image.path);
        keys.push(key);
      }
      const work = await this.ds.transaction(async (m) => {
        const repo = m.getRepository(LearnerWork);
        return repo.save(
          repo.create({ assignmentId, courseId: assignment.courseId, userId: learner.id, text: input.text, imageKeys: keys, featureStatus: 'NONE', submittedAt: this.clock.now() }),
        );
      });
      return { work, assignmentTitle: assignment.title, learnerName: await this.nameOf(learner.id) };
    } catch (err) {
      for (const key of keys) await this.storage.delete(key);
      if (duplicateKeyIndex(err) === 'uq_learner_works_assignment_user') throw new ConflictError('you already submitted a work for this assignment', 'WORK_EXISTS');
      throw err;
    }
  }

  /**
   * Adds one image to my work (WeChat uploads one file per request), while no one has featured it yet:
   * a work in review or on the course page stays as it was approved.
   */
  async addImage(learner: Actor, workId: number, image: WorkImage): Promise<WorkView> {
    const existing = await this.ds.getRepository(LearnerWork).findOneBy({ id: workId, userId: learner.id });
    if (!existing) throw new NotFoundError('work');
    const ext = await imageExtension(image, existing.imageKeys.length, 'file');
    const key = `works/${existing.courseId}/${existing.assignmentId}-${learner.id}-${randomBytes(6).toString('hex')}${ext}`;
    await this.storage.putFile(key, image.path);
    try {
      await this.ds.transaction(async (m) => {
        const work = await m.getRepository(LearnerWork).findOneOrFail({ where: { id: workId }, lock: { mode: 'pessimistic_write' } });
        if (work.featureStatus !== 'NONE') throw new ConflictError('a featured work cannot change', 'WORK_FEATURED', { status: work.featureStatus });
        if (work.imageKeys.length >= WORK_MAX_IMAGES) throw ValidationError.field('file', `a work has at most ${WORK_MAX_IMAGES} images`, 'TOO_MANY_IMAGES');
        await m.getRepository(LearnerWork).update(work.id, { imageKeys: [...work.imageKeys, key] });
      });
    } catch (err) {
      await this.storage.delete(key);
      throw err;
    }
    const [view] = (await this.list({ id: workId }, { page: 1, pageSize: 1 })).results;
    return view!;
  }

  async mine(learner: Actor, page: PageRequest): Promise<Page<WorkView>> {
    return this.list({ userId: learner.id }, page);
  }

  /** Submissions to an assignment, for its course's creator and admins. */
  async submissions(actor: Actor, assignmentId: number, page: PageRequest): Promise<Page<WorkView>> {
    await this.manageableAssignment(actor, assignmentId);
    return this.list({ assignmentId }, page);
  }

  /** Featured works an admin approved: what the course page shows. */
  async featured(courseId: number, viewer: Viewer, page: PageRequest): Promise<Page<WorkView>> {
    await this.catalog.getVisibleCourse(courseId, viewer);
    return this.list({ courseId, featureStatus: 'APPROVED' }, page);
  }

  /** The admin's queue of works waiting for review, oldest feature first. */
  async reviewQueue(status: FeatureStatus, page: PageRequest): Promise<Page<WorkView>> {
    return this.list({ featureStatus: status }, page);
  }

  async comment(actor: Actor, workId: number, comment: string): Promise<WorkView> {
    return this.change(actor, workId, 'work.comment', () => ({ comment, commentedAt: this.clock.now() }), { comment });
  }

  /** Featuring sends the work to review; it shows on the course page once an admin approves it. */
  async feature(actor: Actor, workId: number): Promise<WorkView> {
    return this.change(actor, workId, 'work.feature', (w) => (w.featureStatus === 'NONE' || w.featureStatus === 'REJECTED' ? { featureStatus: 'IN_REVIEW', featuredAt: this.clock.now(), reviewNote: null, reviewedAt: null } : null));
  }

  async unfeature(actor: Actor, workId: number): Promise<WorkView> {
    return this.change(actor, workId, 'work.unfeature', (w) => (w.featureStatus === 'NONE' ? null : { featureStatus: 'NONE', featuredAt: null, reviewNote: null, reviewedAt: null }));
  }

  async decide(admin: Actor, workId: number, decision: 'APPROVED' | 'REJECTED', note: string | null): Promise<WorkView> {
    return this.change(
      admin,
      workId,
      decision === 'APPROVED' ? 'work.approve' : 'work.reject',
      (w) => {
        if (w.featureStatus !== 'IN_REVIEW') throw new ConflictError('only a featured work in review can be decided', 'WORK_NOT_IN_REVIEW', { status: w.featureStatus });
        return { featureStatus: decision, reviewNote: note, reviewedAt: this.clock.now() };
      },
      note ? { note } : {},
    );
  }

  /** Applies a change to a work the actor manages (course creator or admin) under a row lock, and audits it; null from `patch` means nothing to change. */
  private async change(actor: Actor, workId: number, action: string, patch: (w: LearnerWork) => Partial<LearnerWork> | null, details: Record<string, unknown> = {}): Promise<WorkView> {
    await this.ds.transaction(async (m) => {
      const work = await m.getRepository(LearnerWork).findOne({ where: { id: workId }, lock: { mode: 'pessimistic_write' } });
      if (!work) throw new NotFoundError('work');
      await this.manageableCourse(m, actor, work.courseId, 'work');
      const fields = patch(work);
      if (!fields) return;
      await m.getRepository(LearnerWork).update(work.id, fields);
      await this.audit.record(m, { actor, action, subjectType: 'work', subjectId: work.id, courseId: work.courseId, details: { ...details, from: work.featureStatus, to: fields.featureStatus ?? work.featureStatus } });
    });
    const [view] = (await this.list({ id: workId }, { page: 1, pageSize: 1 })).results;
    if (!view) throw new NotFoundError('work');
    return view;
  }

  private async list(where: Partial<Pick<LearnerWork, 'id' | 'userId' | 'assignmentId' | 'courseId' | 'featureStatus'>>, page: PageRequest): Promise<Page<WorkView>> {
    const order = where.featureStatus && !where.courseId ? { featuredAt: 'ASC' as const, id: 'ASC' as const } : { id: 'DESC' as const };
    const [works, count] = await this.ds.getRepository(LearnerWork).findAndCount({ where, order, take: page.pageSize, skip: offsetOf(page) });
    if (!works.length) return { count, results: [] };
    const assignments = await this.ds.getRepository(Assignment).createQueryBuilder('a').where('a.id IN (:...ids)', { ids: [...new Set(works.map((w) => w.assignmentId))] }).getMany();
    const users = await this.ds.getRepository(User).createQueryBuilder('u').where('u.id IN (:...ids)', { ids: [...new Set(works.map((w) => w.userId))] }).getMany();
    return {
      count,
      results: works.map((work) => ({
        work,
        assignmentTitle: assignments.find((a) => a.id === work.assignmentId)?.title ?? '',
        learnerName: users.find((u) => u.id === work.userId)?.displayName ?? '',
      })),
    };
  }

  private async assignmentsWithCounts(courseId: number): Promise<Array<{ assignment: Assignment; works: number }>> {
    const assignments = await this.ds.getRepository(Assignment).find({ where: { courseId }, order: { id: 'ASC' } });
    if (!assignments.length) return [];
    const counts: Array<{ assignment_id: number; n: string | number }> = await this.ds.query(
      'SELECT assignment_id, COUNT(*) AS n FROM learner_works WHERE assignment_id IN (?) GROUP BY assignment_id',
      [assignments.map((a) => a.id)],
    );
    return assignments.map((assignment) => ({ assignment, works: Number(counts.find((c) => c.assignment_id === assignment.id)?.n ?? 0) }));
  }

  private async nameOf(userId: number): Promise<string> {
    return (await this.ds.getRepository(User).findOneBy({ id: userId }))?.displayName ?? '';
  }

  /** The course when the actor is its creator or an admin; otherwise 404 (no hint that it exists). */
  private async manageableCourse(m: EntityManager, actor: Actor, courseId: number, what = 'course'): Promise<Course> {
    const course = await m.getRepository(Course).findOneBy({ id: courseId });
    if (!course || !isOwnerOrAdmin(course, actor)) throw new NotFoundError(what);
    return course;
  }

  private async manageableAssignment(actor: Actor, assignmentId: number): Promise<Assignment> {
    const assignment = await this.ds.getRepository(Assignment).findOneBy({ id: assignmentId });
    if (!assignment) throw new NotFoundError('assignment');
    await this.manageableCourse(this.ds.manager, actor, assignment.courseId, 'assignment');
    return assignment;
  }
}

async function imageExtension(image: WorkImage, index: number, single?: 'file'): Promise<string> {
  const field = single ?? `images.${index}`;
  const ext = WORK_IMAGE_TYPES[image.mimeType];
  if (!ext) throw ValidationError.field(field, `must be one of ${Object.keys(WORK_IMAGE_TYPES).join(', ')}; got ${image.mimeType || 'unknown'}`, 'UNSUPPORTED_MEDIA_TYPE');
  if (image.size > WORK_IMAGE_MAX_BYTES) throw ValidationError.field(field, `must be at most ${WORK_IMAGE_MAX_BYTES / 1024 / 1024} MB`, 'IMAGE_TOO_LARGE');
  if (!(await contentMatchesType(image.path, image.mimeType))) throw ValidationError.field(field, `the file's content is not ${image.mimeType}`, 'UNSUPPORTED_MEDIA_TYPE');
  return ext;
}
