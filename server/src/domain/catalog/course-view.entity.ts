import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Course } from './course.entity';

/** A course page opened (anonymous visitors have no user): the top of the conversion funnel and a taste signal. */
@Entity('course_views')
@Index('ix_course_views_course_viewed', ['courseId', 'viewedAt'])
@Index('ix_course_views_user_viewed', ['userId', 'viewedAt'])
export class CourseView {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_course_views_course' })
  course?: Course;

  @Column('int', { name: 'user_id', unsigned: true, nullable: true })
  userId!: number | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_course_views_user' })
  user?: User;

  @Column('datetime', { name: 'viewed_at', precision: 3 })
  viewedAt!: Date;
}
