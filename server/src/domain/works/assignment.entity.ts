import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';
import { Lesson } from '../catalog/lesson.entity';

/** A task the creator sets for the learners of a course (or of one lesson): each answers it with one work. */
@Entity('assignments')
@Index('ix_assignments_course', ['courseId'])
export class Assignment {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_assignments_course' })
  course?: Course;

  @Column('int', { name: 'lesson_id', unsigned: true, nullable: true })
  lessonId!: number | null;

  @ManyToOne(() => Lesson, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'fk_assignments_lesson' })
  lesson?: Lesson;

  @Column('varchar', { length: 100 })
  title!: string;

  @Column('text')
  prompt!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
