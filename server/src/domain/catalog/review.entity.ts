import {

  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../users/user.entity';
import { Course } from './course.entity';

@Entity('reviews')
@Index('uq_reviews_user_course', ['userId', 'courseId'], { unique: true })
@Index('ix_reviews_course_created', ['courseId', 'createdAt'])
export class Review {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_reviews_user' })
  user?: User;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_reviews_course' })
  course?: Course;

  @Column('tinyint', { unsigned: true })
  rating!: number;

  @Column('text')
  content!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
