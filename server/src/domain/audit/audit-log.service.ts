import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import type { Viewer } from '../viewer';
import { AuditEntry, type AuditSubject } from './audit-entry.entity';

export interface AuditInput {
  /** Null for the platform's own rules run by the jobs (recorded with the role `system`). */
  actor: NonNullable<Viewer> | null;
  action: string;
  subjectType: AuditSubject;
  subjectId: number;
  courseId?: number | null;
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  subjectType?: AuditSubject;
  subjectId?: number;
  courseId?: number;
  actorId?: number;
  action?: string;
}

/** Old and new value of each field that changed, named as the API names them (price_fen); fields whose value stays are left out. */
export function changesOf<T extends object>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    const from = (before as Record<string, unknown>)[key];
    if (to !== undefined && to !== from) out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = { from, to };
  }
  return out;
}

/**
 * Who changed what: written in the transaction of the change itself (so a change that rolls back
 * leaves no entry, and one that commits always has one), read by admins.
 */
export class AuditLog {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(m: EntityManager, input: AuditInput): Promise<void> {
    await m.query(
      'INSERT INTO audit_log (actor_id, actor_role, action, subject_type, subject_id, course_id, details, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [
        input.actor?.id ?? null,
        input.actor?.role ?? 'system',
        input.action,
        input.subjectType,
        input.subjectId,
        input.courseId ?? (input.subjectType === 'course' ? input.subjectId : null),
        JSON.stringify(input.details ?? {}),
        this.clock.now(),
      ],
    );
  }

  /** Newest first. */
  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
    const qb = this.ds
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.actor', 'actor')
      .orderBy('a.id', 'DESC')
      .skip(offsetOf(page))
      .take(page.pageSize);
    if (filter.subjectType) qb.andWhere('a.subjectType = :subjectType', { subjectType: filter.subjectType });
    if (filter.subjectId !== undefined) qb.andWhere('a.subjectId = :subjectId', { subjectId: filter.subjectId });
    if (filter.courseId !== undefined) qb.andWhere('a.courseId = :courseId', { courseId: filter.courseId });
    if (filter.actorId !== undefined) qb.andWhere('a.actorId = :actorId', { actorId: filter.actorId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    const [results, count] = await qb.getManyAndCount();
    return { count, results };
  }
}
