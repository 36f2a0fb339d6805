import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Course } from './course.entity';
import type { Lesson } from './lesson.entity';

@Entity('chapters')
@Index('ix_chapters_course_position', ['courseId', 'position'])
export class Chapter {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, (course) => course.chapters, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_chapters_course' })
  course?: Course;

  @Column('varchar', { length: 100 })
  title!: string;

  @Column('int', { default: 0 })
  position!: number;

  @OneToMany('Lesson', (lesson: Lesson) => lesson.chapter)
  lessons?: Lesson[];
}
