import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';
import { User } from '../users/user.entity';

/**
 * AWAITING_PAYMENT (asked, its order open) → OPEN (paid; the creator answers by answer_due_at) →
 * ANSWERED | EXPIRED (the deadline passed: the order is being refunded) | REFUNDED (the asker's own
 * refund went through before an answer). See CONTEXT.md.
 */
export const PAID_QUESTION_STATUSES = ['AWAITING_PAYMENT', 'OPEN', 'ANSWERED', 'EXPIRED', 'REFUNDED'] as const;
export type PaidQuestionStatus = (typeof PAID_QUESTION_STATUSES)[number];

/** A learner's question to a course's creator, paid for through an order of item_type `question`. */
@Entity('paid_questions')
@Index('ix_paid_questions_status_due', ['status', 'answerDueAt'])
@Index('ix_paid_questions_course_status', ['courseId', 'status', 'answeredAt'])
@Index('ix_paid_questions_user_created', ['userId', 'createdAt'])
export class PaidQuestion {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_paid_questions_course' })
  course?: Course;

  /** The asker. */
  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_paid_questions_user' })
  user?: User;

  @Column('varchar', { length: 1000 })
  text!: string;

  /** The asking price when asked (the order's list price). */
  @Column('int', { name: 'price_fen', unsigned: true })
  priceFen!: number;

  /** The creator's days to answer when asked, counted from payment. */
  @Column('tinyint', { name: 'answer_days', unsigned: true })
  answerDays!: number;

  /** The asker agreed, when asking, that the creator may make the answered question public. */
  @Column('boolean', { name: 'allow_public', default: false })
  allowPublic!: boolean;

  /** Listed on the course for others to unlock (answered questions only). */
  @Column('boolean', { name: 'is_public', default: false })
  isPublic!: boolean;

  @Column('enum', { enum: PAID_QUESTION_STATUSES, default: 'AWAITING_PAYMENT' })
  status!: PaidQuestionStatus;

  @Column('text', { nullable: true })
  answer!: string | null;

  @Column('int', { name: 'answered_by', unsigned: true, nullable: true })
  answeredBy!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'answered_by', foreignKeyConstraintName: 'fk_paid_questions_answerer' })
  answerer?: User | null;

  @Column('datetime', { name: 'answered_at', precision: 3, nullable: true })
  answeredAt!: Date | null;

  @Column('datetime', { name: 'paid_at', precision: 3, nullable: true })
  paidAt!: Date | null;

  /** paid_at + answer_days; set when paid. */
  @Column('datetime', { name: 'answer_due_at', precision: 3, nullable: true })
  answerDueAt!: Date | null;

  /** When it became EXPIRED or REFUNDED. */
  @Column('datetime', { name: 'closed_at', precision: 3, nullable: true })
  closedAt!: Date | null;

  @Column('datetime', { name: 'created_at', precision: 3 })
  createdAt!: Date;
}
