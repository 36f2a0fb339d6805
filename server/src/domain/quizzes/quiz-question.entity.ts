import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { QUESTION_KINDS, type AnswerKey, type QuestionKind } from './grading';
import { Quiz } from './quiz.entity';

@Entity('quiz_questions')
@Index('ix_quiz_questions_quiz_position', ['quizId', 'position'])
export class QuizQuestion {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'quiz_id', unsigned: true })
  quizId!: number;

  @ManyToOne(() => Quiz, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'quiz_id', foreignKeyConstraintName: 'fk_quiz_questions_quiz' })
  quiz?: Quiz;

  @Column('int', { default: 0 })
  position!: number;

  @Column('enum', { enum: QUESTION_KINDS })
  kind!: QuestionKind;

  @Column('text')
  prompt!: string;

  /** The choices of single and multiple choice questions; empty for the others. */
  @Column('json')
  options!: string[];

  /** The correct answer: only ever serialized to the creator, or to a learner after they submitted. */
  @Column('json', { name: 'answer_key' })
  answerKey!: AnswerKey;

  /** Shown to the learner after they submit. */
  @Column('text', { nullable: true })
  explanation!: string | null;

  @Column('smallint', { unsigned: true, default: 1 })
  points!: number;
}
