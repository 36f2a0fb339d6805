import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/** What an entry is about. */
export const AUDIT_SUBJECTS = ['course', 'chapter', 'lesson', 'revision', 'user', 'order', 'refund', 'assignment', 'work'] as const;
export type AuditSubject = (typeof AUDIT_SUBJECTS)[number];

/** A change someone made: who (and in which role), what, to which object, with the details (old and new values). */
@Entity('audit_log')
@Index('ix_audit_log_subject', ['subjectType', 'subjectId', 'id'])
@Index('ix_audit_log_course', ['courseId', 'id'])
@Index('ix_audit_log_actor', ['actorId', 'id'])
@Index('ix_audit_log_action', ['action', 'id'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  /** Null once the account is deleted; the entry stays. */
  @Column('int', { name: 'actor_id', unsigned: true, nullable: true })
  actorId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_audit_log_actor' })
  actor?: User;

  /** The actor's role when they acted (roles change). */
  @Column('varchar', { name: 'actor_role', length: 16 })
  actorRole!: string;

  /** e.g. course.update, lesson.media, review.approve, user.role, order.refund */
  @Column('varchar', { length: 40 })
  action!: string;

  @Column('varchar', { name: 'subject_type', length: 20 })
  subjectType!: AuditSubject;

  @Column('int', { name: 'subject_id', unsigned: true })
  subjectId!: number;

  /** The course the change concerns, when there is one: a course's history in one index. */
  @Column('int', { name: 'course_id', unsigned: true, nullable: true })
  courseId!: number | null;

  @Column('json')
  details!: Record<string, unknown>;

  @Column('datetime', { name: 'created_at', precision: 3 })
  createdAt!: Date;
}
