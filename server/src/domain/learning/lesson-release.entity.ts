import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';
import { Lesson } from '../catalog/lesson.entity';

/** A lesson's drip-release rule: days after enrollment, or a fixed date (exactly one). No row: open with the course. */
@Entity('lesson_releases')
@Index('ix_lesson_releases_course', ['courseId'])
export class LessonRelease {
  @PrimaryColumn('int', { name: 'lesson_id', unsigned: true })
  lessonId!: number;

  @OneToOne(() => Lesson, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'fk_lesson_releases_lesson' })
  lesson?: Lesson;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_lesson_releases_course' })
  course?: Course;

  @Column('smallint', { name: 'after_days', unsigned: true, nullable: true })
  afterDays!: number | null;

  @Column('datetime', { name: 'opens_at', precision: 3, nullable: true })
  opensAt!: Date | null;
}
