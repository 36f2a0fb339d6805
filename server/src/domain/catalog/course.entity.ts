import {

  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../users/user.entity';
import { Category } from './category.entity';
import type { Chapter } from './chapter.entity';

export const COURSE_STATUSES = ['DRAFT', 'IN_REVIEW', 'PUBLISHED', 'REJECTED', 'UNLISTED'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

@Entity('courses')
@Index('ix_courses_status_published', ['status', 'publishedAt'])
@Index('ix_courses_status_price', ['status', 'priceFen'])
@Index('ix_courses_status_rating', ['status', 'ratingAvg'])
@Index('ix_courses_status_sales', ['status', 'salesCount'])
@Index('ix_courses_status_category', ['status', 'categoryId'])
export class Course {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'creator_id', unsigned: true })
  creatorId!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'creator_id', foreignKeyConstraintName: 'fk_courses_creator' })
  creator?: User;

  @Column('int', { name: 'category_id', unsigned: true })
  categoryId!: number;

  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_courses_category' })
  category?: Category;

  @Column('varchar', { length: 100 })
  name!: string;

  @Column('text')
  description!: string;

  @Column('int', { name: 'price_fen', unsigned: true })
  priceFen!: number;

  @Column('enum', { enum: COURSE_STATUSES, default: 'DRAFT' })
  status!: CourseStatus;

  /** Why an admin rejected the course, shown to its creator. */
  @Column('varchar', { name: 'review_note', length: 500, nullable: true })
  reviewNote!: string | null;

  @Column('datetime', { name: 'published_at', precision: 3, nullable: true })
  publishedAt!: Date | null;

  @Column('varchar', { name: 'cover_key', length: 255, nullable: true })
  coverKey!: string | null;

  @Column('int', { name: 'rating_count', unsigned: true, default: 0 })
  ratingCount!: number;

  @Column('int', { name: 'rating_sum', unsigned: true, default: 0 })
  ratingSum!: number;

  /** rating_sum / rating_count, kept in the row so lists can sort by it on an index. */
  @Column('decimal', {
    name: 'rating_avg',
    precision: 3,
    scale: 2,
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? 0 : Number(v)) },
  })
  ratingAvg!: number;

  @Column('int', { name: 'sales_count', unsigned: true, default: 0 })
  salesCount!: number;

  /** Lower-cased name, description, category and creator name: what keyword search looks in. */
  @Column('text', { name: 'search_text', select: false })
  searchText!: string;

  @OneToMany('Chapter', (chapter: Chapter) => chapter.course)
  chapters?: Chapter[];

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
