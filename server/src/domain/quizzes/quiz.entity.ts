import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Chapter } from '../catalog/chapter.entity';
import { Course } from '../catalog/course.entity';
import { Lesson } from '../catalog/lesson.entity';

/** A quiz or exercise of a course, attached to a lesson, a chapter, or the course as a whole. */
@Entity('quizzes')
@Index('ix_quizzes_course', ['courseId'])
export class Quiz {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_quizzes_course' })
  course?: Course;

  @Column('int', { name: 'chapter_id', unsigned: true, nullable: true })
  chapterId!: number | null;

  @ManyToOne(() => Chapter, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'chapter_id', foreignKeyConstraintName: 'fk_quizzes_chapter' })
  chapter?: Chapter;

  @Column('int', { name: 'lesson_id', unsigned: true, nullable: true })
  lessonId!: number | null;

  @ManyToOne(() => Lesson, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'fk_quizzes_lesson' })
  lesson?: Lesson;

  @Column('varchar', { length: 100 })
  title!: string;

  /** Whole percent of the points an attempt needs to pass. */
  @Column('tinyint', { name: 'pass_percent', unsigned: true, default: 60 })
  passPercent!: number;

  /** Passing it is a condition of the course's certificate. */
  @Column('boolean', { default: false })
  required!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
