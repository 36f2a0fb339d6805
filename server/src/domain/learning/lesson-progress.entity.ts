import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';
import { Lesson } from '../catalog/lesson.entity';
import { User } from '../users/user.entity';

/** Where a learner is in one lesson: the player's last position, whether it was finished, and time spent. */
@Entity('lesson_progress')
@Index('uq_lesson_progress_user_lesson', ['userId', 'lessonId'], { unique: true })
@Index('ix_lesson_progress_user_course', ['userId', 'courseId'])
@Index('ix_lesson_progress_course', ['courseId'])
@Index('ix_lesson_progress_lesson', ['lessonId'])
export class LessonProgress {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_lesson_progress_user' })
  user?: User;

  @Column('int', { name: 'lesson_id', unsigned: true })
  lessonId!: number;

  @ManyToOne(() => Lesson, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'fk_lesson_progress_lesson' })
  lesson?: Lesson;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_lesson_progress_course' })
  course?: Course;

  @Column('int', { name: 'position_s', unsigned: true, default: 0 })
  positionS!: number;

  @Column('boolean', { default: false })
  completed!: boolean;

  @Column('datetime', { name: 'completed_at', precision: 3, nullable: true })
  completedAt!: Date | null;

  /** Seconds of study counted from the player's reports, never more than the wall time between them. */
  @Column('int', { name: 'studied_s', unsigned: true, default: 0 })
  studiedS!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
