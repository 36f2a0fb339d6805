import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';

/** A question the creator answers up front on a course page; the chat bot answers from these too. */
@Entity('faq_entries')
@Index('ix_faq_entries_course_position', ['courseId', 'position'])
export class FaqEntry {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_faq_entries_course' })
  course?: Course;

  @Column('varchar', { length: 200 })
  question!: string;

  @Column('text')
  answer!: string;

  @Column('int', { default: 0 })
  position!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
