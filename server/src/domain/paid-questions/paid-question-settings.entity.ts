import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';

/** A creator's paid questions on one course: on or off, the price of asking, of unlocking a public answer, and the days to answer. */
@Entity('paid_question_settings')
export class PaidQuestionSettings {
  @PrimaryColumn('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_paid_question_settings_course' })
  course?: Course;

  @Column('boolean', { default: false })
  enabled!: boolean;

  @Column('int', { name: 'price_fen', unsigned: true })
  priceFen!: number;

  /** What others pay to read a public answer; at most the asking price (a CHECK holds it). */
  @Column('int', { name: 'unlock_price_fen', unsigned: true })
  unlockPriceFen!: number;

  /** Days from payment the creator has to answer, 1..14 (a CHECK holds it). */
  @Column('tinyint', { name: 'answer_days', unsigned: true })
  answerDays!: number;

  @Column('datetime', { name: 'updated_at', precision: 3 })
  updatedAt!: Date;
}
