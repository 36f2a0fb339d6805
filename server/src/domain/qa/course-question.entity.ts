import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';
import { User } from '../users/user.entity';

export const QUESTION_STATUSES = ['OPEN', 'ANSWERED'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
export const QUESTION_SOURCES = ['app', 'chat'] as const;
export type QuestionSource = (typeof QUESTION_SOURCES)[number];

/**
 * A learner's question in a course's Q&A, asked in the mini-program or forwarded by the chat bot, and
 * the creator's answer. Answered public questions also feed the bot's answers.
 */
@Entity('course_questions')
@Index('ix_course_questions_course_status_created', ['courseId', 'status', 'createdAt'])
@Index('ix_course_questions_user_created', ['userId', 'createdAt'])
export class CourseQuestion {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_course_questions_course' })
  course?: Course;

  /** The asker. */
  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_course_questions_user' })
  user?: User;

  @Column('varchar', { length: 1000 })
  text!: string;

  @Column('enum', { enum: QUESTION_STATUSES, default: 'OPEN' })
  status!: QuestionStatus;

  @Column('text', { nullable: true })
  answer!: string | null;

  @Column('int', { name: 'answered_by', unsigned: true, nullable: true })
  answeredBy!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'answered_by', foreignKeyConstraintName: 'fk_course_questions_answerer' })
  answerer?: User | null;

  @Column('datetime', { name: 'answered_at', precision: 3, nullable: true })
  answeredAt!: Date | null;

  @Column('enum', { enum: QUESTION_SOURCES, default: 'app' })
  source!: QuestionSource;

  /** Public questions are shown to everyone who sees the course; private ones to the asker and the creator. */
  @Column('boolean', { name: 'is_public', default: true })
  isPublic!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
