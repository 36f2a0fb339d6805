import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { NotFoundError } from '../../errors';
import { Course } from './course.entity';

/**
 * A part of a course (chapter, lesson, FAQ entry) by id, only if the course belongs to `creatorId`.
 * Another creator's part is reported missing, never forbidden, so ids reveal nothing.
 */
export async function findOwnedByCreator<T extends ObjectLiteral & { courseId: number }>(
  m: EntityManager,
  entity: EntityTarget<T>,
  what: string,
  id: number,
  creatorId: number,
  lock = false,
): Promise<T> {
  const qb = m
    .getRepository(entity)
    .createQueryBuilder('part')
    .innerJoin(Course, 'c', 'c.id = part.courseId')
    .where('part.id = :id AND c.creatorId = :creatorId', { id, creatorId });
  if (lock) qb.setLock('pessimistic_write');
  const part = await qb.getOne();
  if (!part) throw new NotFoundError(what);
  return part;
}
