import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { LiveSession } from './live-session.entity';

/** A question asked in a live session's Q&A room. */
@Entity('live_questions')
@Index('ix_live_questions_session', ['sessionId', 'id'])
export class LiveQuestion {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column('int', { name: 'session_id', unsigned: true })
  sessionId!: number;

  @ManyToOne(() => LiveSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_live_questions_session' })
  session?: LiveSession;

  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_live_questions_user' })
  user?: User;

  @Column('varchar', { length: 500 })
  text!: string;

  @Column('int', { unsigned: true, default: 0 })
  upvotes!: number;

  @Column('datetime', { name: 'answered_at', precision: 3, nullable: true })
  answeredAt!: Date | null;

  @Column('datetime', { name: 'created_at', precision: 3 })
  createdAt!: Date;
}
