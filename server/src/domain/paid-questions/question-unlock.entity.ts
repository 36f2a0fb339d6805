import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Order } from '../orders/order.entity';
import { User } from '../users/user.entity';
import { PaidQuestion } from './paid-question.entity';

/** A learner's right to read a public answer, bought with an order of item_type `unlock`; removed when that order is refunded. */
@Entity('question_unlocks')
@Index('uq_question_unlocks_user', ['questionId', 'userId'], { unique: true })
@Index('uq_question_unlocks_order', ['orderId'], { unique: true })
export class QuestionUnlock {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'question_id', unsigned: true })
  questionId!: number;

  @ManyToOne(() => PaidQuestion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id', foreignKeyConstraintName: 'fk_question_unlocks_question' })
  question?: PaidQuestion;

  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_question_unlocks_user' })
  user?: User;

  @Column('int', { name: 'order_id', unsigned: true })
  orderId!: number;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'fk_question_unlocks_order' })
  order?: Order;

  @Column('datetime', { name: 'created_at', precision: 3 })
  createdAt!: Date;
}

/**
 * How one paid unlock's price is shared: the asker's and the creator's fen always sum to the price
 * (a CHECK holds it). Kept when the unlock is refunded, marked `reversed_at`.
 */
@Entity('unlock_splits')
@Index('ix_unlock_splits_asker', ['askerId', 'recordedAt'])
@Index('ix_unlock_splits_creator', ['creatorId', 'recordedAt'])
export class UnlockSplit {
  @PrimaryColumn('int', { name: 'order_id', unsigned: true })
  orderId!: number;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'fk_unlock_splits_order' })
  order?: Order;

  @Column('int', { name: 'question_id', unsigned: true })
  questionId!: number;

  @Column('int', { name: 'creator_id', unsigned: true })
  creatorId!: number;

  @Column('int', { name: 'asker_id', unsigned: true })
  askerId!: number;

  @Column('int', { name: 'price_fen', unsigned: true })
  priceFen!: number;

  @Column('int', { name: 'creator_fen', unsigned: true })
  creatorFen!: number;

  @Column('int', { name: 'asker_fen', unsigned: true })
  askerFen!: number;

  @Column('datetime', { name: 'recorded_at', precision: 3 })
  recordedAt!: Date;

  @Column('datetime', { name: 'reversed_at', precision: 3, nullable: true })
  reversedAt!: Date | null;
}
