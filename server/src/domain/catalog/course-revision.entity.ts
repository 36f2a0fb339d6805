import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Course } from './course.entity';
import type { CourseRevisionMedia } from './course-revision-media.entity';

export const REVISION_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'REJECTED'] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];
/** `publish`: the review puts the course itself on sale (first time, or again after unlisting); `changes`: it changes a course on sale. */
export const REVIEW_KINDS = ['publish', 'changes'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/**
 * One round of review of a course, and the changes to its reviewed content (title, description,
 * cover, lesson media) that wait for it. Learners keep seeing the course row's approved content until
 * an admin approves; a null field means "unchanged". Open (DRAFT, IN_REVIEW, REJECTED) until approved.
 */
@Entity('course_revisions')
@Index('ix_course_revisions_course', ['courseId', 'id'])
@Index('ix_course_revisions_status', ['status', 'submittedAt'])
export class CourseRevision {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_course_revisions_course' })
  course?: Course;

  @Column('enum', { enum: REVISION_STATUSES, default: 'DRAFT' })
  status!: RevisionStatus;

  @Column('enum', { enum: REVIEW_KINDS, default: 'changes' })
  kind!: ReviewKind;

  @Column('varchar', { length: 100, nullable: true })
  name!: string | null;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('varchar', { name: 'cover_key', length: 255, nullable: true })
  coverKey!: string | null;

  /** The course id while open, null once approved: a unique key, so a course has one open revision at most. */
  @Index('uq_course_revisions_open', { unique: true })
  @Column('int', { name: 'open_course_id', unsigned: true, nullable: true })
  openCourseId!: number | null;

  /** How many times it was submitted: with the id, what names one review decision. */
  @Column('smallint', { unsigned: true, default: 0 })
  submissions!: number;

  @Column('varchar', { name: 'review_note', length: 500, nullable: true })
  reviewNote!: string | null;

  @Column('datetime', { name: 'submitted_at', precision: 3, nullable: true })
  submittedAt!: Date | null;

  @Column('datetime', { name: 'decided_at', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column('int', { name: 'decided_by', unsigned: true, nullable: true })
  decidedBy!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'fk_course_revisions_decider' })
  decider?: User;

  @OneToMany('CourseRevisionMedia', (m: CourseRevisionMedia) => m.revision)
  media?: CourseRevisionMedia[];

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/** Whether the revision changes anything learners see. */
export function revisionChangesContent(r: Pick<CourseRevision, 'name' | 'description' | 'coverKey'> & { media?: unknown[] }): boolean {
  return r.name !== null || r.description !== null || r.coverKey !== null || (r.media?.length ?? 0) > 0;
}
