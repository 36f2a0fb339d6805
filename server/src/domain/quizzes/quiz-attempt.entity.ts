import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import type { QuestionResult } from './grading';
import { Quiz } from './quiz.entity';

export const ATTEMPT_STATUSES = ['GRADED', 'AWAITING_REVIEW'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** One submission of a quiz by a learner, graded at once or (with short answers) by the creator later. */
@Entity('quiz_attempts')
@Index('ix_quiz_attempts_quiz_user', ['quizId', 'userId'])
@Index('ix_quiz_attempts_user', ['userId'])
@Index('ix_quiz_attempts_quiz_status', ['quizId', 'status'])
@Index('uq_quiz_attempts_client', ['quizId', 'userId', 'clientAttemptId'], { unique: true })
export class QuizAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column('int', { name: 'quiz_id', unsigned: true })
  quizId!: number;

  @ManyToOne(() => Quiz, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'quiz_id', foreignKeyConstraintName: 'fk_quiz_attempts_quiz' })
  quiz?: Quiz;

  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_quiz_attempts_user' })
  user?: User;

  /** Per question: what was given, whether it was right, the points. */
  @Column('json')
  results!: QuestionResult[];

  @Column('int', { unsigned: true })
  score!: number;

  @Column('int', { name: 'max_score', unsigned: true })
  maxScore!: number;

  @Column('tinyint', { unsigned: true })
  percent!: number;

  @Column('boolean', { default: false })
  passed!: boolean;

  @Column('enum', { enum: ATTEMPT_STATUSES })
  status!: AttemptStatus;

  @Column('datetime', { name: 'submitted_at', precision: 3 })
  submittedAt!: Date;

  @Column('datetime', { name: 'graded_at', precision: 3, nullable: true })
  gradedAt!: Date | null;

  /** The client's id for this attempt (Idempotency-Key): a retried submit with it returns this attempt. */
  @Column('varchar', { name: 'client_attempt_id', length: 64, nullable: true })
  clientAttemptId!: string | null;
}
