import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';
import { User } from '../users/user.entity';
import { Assignment } from './assignment.entity';

/** NONE → (creator features) IN_REVIEW → (admin) APPROVED | REJECTED; unfeaturing returns to NONE. Only APPROVED works are public. */
export const FEATURE_STATUSES = ['NONE', 'IN_REVIEW', 'APPROVED', 'REJECTED'] as const;
export type FeatureStatus = (typeof FEATURE_STATUSES)[number];

/** A learner's answer to an assignment: text and images, one per learner and assignment. */
@Entity('learner_works')
@Index('uq_learner_works_assignment_user', ['assignmentId', 'userId'], { unique: true })
@Index('ix_learner_works_course_feature', ['courseId', 'featureStatus'])
@Index('ix_learner_works_user', ['userId'])
@Index('ix_learner_works_feature', ['featureStatus', 'featuredAt'])
export class LearnerWork {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'assignment_id', unsigned: true })
  assignmentId!: number;

  @ManyToOne(() => Assignment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'fk_learner_works_assignment' })
  assignment?: Assignment;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_learner_works_course' })
  course?: Course;

  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_learner_works_user' })
  user?: User;

  @Column('text')
  text!: string;

  /** Media keys of the images, in the order the learner gave them. */
  @Column('json', { name: 'image_keys' })
  imageKeys!: string[];

  @Column('text', { nullable: true })
  comment!: string | null;

  @Column('datetime', { name: 'commented_at', precision: 3, nullable: true })
  commentedAt!: Date | null;

  @Column('enum', { name: 'feature_status', enum: FEATURE_STATUSES, default: 'NONE' })
  featureStatus!: FeatureStatus;

  @Column('varchar', { name: 'review_note', length: 500, nullable: true })
  reviewNote!: string | null;

  @Column('datetime', { name: 'featured_at', precision: 3, nullable: true })
  featuredAt!: Date | null;

  @Column('datetime', { name: 'reviewed_at', precision: 3, nullable: true })
  reviewedAt!: Date | null;

  @Column('datetime', { name: 'submitted_at', precision: 3 })
  submittedAt!: Date;
}
