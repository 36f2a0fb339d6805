import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';
import { User } from '../users/user.entity';

/**
 * One sitting of study: progress reports less than STUDY_SESSION_GAP apart belong to the same session.
 * Activity analytics count these (N) and their average length (T).
 */
@Entity('study_sessions')
@Index('ix_study_sessions_user_started', ['userId', 'startedAt'])
@Index('ix_study_sessions_course_started', ['courseId', 'startedAt'])
export class StudySession {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_study_sessions_user' })
  user?: User;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_study_sessions_course' })
  course?: Course;

  @Column('datetime', { name: 'started_at', precision: 3 })
  startedAt!: Date;

  @Column('datetime', { name: 'last_seen_at', precision: 3 })
  lastSeenAt!: Date;

  @Column('int', { name: 'studied_s', unsigned: true, default: 0 })
  studiedS!: number;
}
