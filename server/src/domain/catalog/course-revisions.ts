import type { EntityManager } from 'typeorm';
import { ConflictError } from '../../errors';
import type { Course } from './course.entity';
import { CourseRevisionMedia } from './course-revision-media.entity';
import { CourseRevision } from './course-revision.entity';

/**
 * A course is live once an admin has approved it (published_at is set): learners may have bought it,
 * so changes to what they see (title, description, cover, lesson media) wait in a revision for review.
 */
export function isLive(course: Pick<Course, 'publishedAt'>): boolean {
  return course.publishedAt !== null;
}

/** The course's open revision (DRAFT, IN_REVIEW or REJECTED) with its media, if any; locked when asked. */
export async function openRevision(m: EntityManager, courseId: number, lock = false): Promise<CourseRevision | null> {
  const revision = await m.getRepository(CourseRevision).findOne({ where: { openCourseId: courseId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (revision) revision.media = await m.getRepository(CourseRevisionMedia).find({ where: { revisionId: revision.id }, order: { lessonId: 'ASC' } });
  return revision;
}

/**
 * The revision a creator's change of a live course goes into: the open one, or a new DRAFT. The caller
 * holds the course row's lock, so two edits cannot both create one. One in review takes no changes.
 */
export async function editableRevision(m: EntityManager, course: Course): Promise<CourseRevision> {
  const open = await openRevision(m, course.id, true);
  if (open?.status === 'IN_REVIEW') {
    throw new ConflictError('changes to this course are in review; wait for the decision before changing its content again', 'REVISION_IN_REVIEW', {
      revision: open.id,
    });
  }
  if (open) return open;
  const created = m.getRepository(CourseRevision).create({ courseId: course.id, status: 'DRAFT', kind: 'changes', openCourseId: course.id, media: [] });
  await m.getRepository(CourseRevision).insert(created);
  return (await openRevision(m, course.id))!;
}

/** Media keys waiting in open revisions for these lessons (to delete with the lessons). */
export async function pendingMediaKeys(m: EntityManager, lessonIds: number[]): Promise<string[]> {
  if (lessonIds.length === 0) return [];
  const rows = await m.getRepository(CourseRevisionMedia).createQueryBuilder('rm').where('rm.lessonId IN (:...lessonIds)', { lessonIds }).getMany();
  return rows.map((r) => r.mediaKey);
}
