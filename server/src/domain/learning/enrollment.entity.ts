import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';
import { User } from '../users/user.entity';

export const ENROLLMENT_SOURCES = ['purchase', 'free', 'grant', 'code'] as const;
export type EnrollmentSource = (typeof ENROLLMENT_SOURCES)[number];
export const ENROLLMENT_STATUSES = ['ACTIVE', 'REVOKED'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** A learner's right to study a course. One row per learner and course, ever: a refund revokes it. */
@Entity('enrollments')
@Index('uq_enrollments_user_course', ['userId', 'courseId'], { unique: true })
@Index('ix_enrollments_course', ['courseId'])
export class Enrollment {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_enrollments_user' })
  user?: User;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_enrollments_course' })
  course?: Course;

  @Column('enum', { enum: ENROLLMENT_SOURCES })
  source!: EnrollmentSource;

  @Column('enum', { enum: ENROLLMENT_STATUSES, default: 'ACTIVE' })
  status!: EnrollmentStatus;

  @Column('int', { name: 'order_id', unsigned: true, nullable: true })
  orderId!: number | null;

  @CreateDateColumn({ name: 'enrolled_at', type: 'datetime', precision: 3 })
  enrolledAt!: Date;
}
