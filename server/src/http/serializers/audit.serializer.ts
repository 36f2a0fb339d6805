import type { AuditEntry } from '../../domain/audit/audit-entry.entity';

export function serializeAuditEntry(entry: AuditEntry) {
  return {
    id: Number(entry.id),
    at: entry.createdAt.toISOString(),
    actor: entry.actorId === null ? null : { id: entry.actorId, name: entry.actor?.displayName ?? null, role: entry.actorRole },
    action: entry.action,
    subject: { type: entry.subjectType, id: entry.subjectId },
    course: entry.courseId,
    details: entry.details,
  };
}
