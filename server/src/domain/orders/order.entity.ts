import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';
import { MembershipPlan } from '../memberships/membership-plan.entity';
import { PaidQuestion } from '../paid-questions/paid-question.entity';
import { User } from '../users/user.entity';

export const ORDER_STATUSES = ['PENDING', 'PAID', 'FAILED', 'EXPIRED', 'REFUNDED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/**
 * What an order buys: a course, a term of a membership plan, a course as a gift (a redemption code),
 * a paid question to a course's creator, or the unlock of a public paid answer.
 */
export const ORDER_ITEM_TYPES = ['course', 'membership', 'gift', 'question', 'unlock'] as const;
export type OrderItemType = (typeof ORDER_ITEM_TYPES)[number];
export const PAYMENT_METHODS = ['WECHAT_PAY', 'FREE'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * The seed's Order (id, user, course, status, payment_method, order_time) with what WeChat Pay needs.
 * Only the payments flow writes it; see CONTEXT.md for its states and invariants.
 */
@Entity('orders')
@Index('ix_orders_user_time', ['userId', 'orderTime'])
@Index('ix_orders_course_status', ['courseId', 'status'])
@Index('ix_orders_status_expires', ['status', 'expiresAt'])
@Index('ix_orders_plan_status', ['planId', 'status'])
@Index('ix_orders_question_status', ['questionId', 'status'])
export class Order {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_orders_user' })
  user?: User;

  @Column('enum', { name: 'item_type', enum: ORDER_ITEM_TYPES, default: 'course' })
  itemType!: OrderItemType;

  /** The course bought (item_type course), given (gift) or asked about (question, unlock); null for a membership order. */
  @Column('int', { name: 'course_id', unsigned: true, nullable: true })
  courseId!: number | null;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_orders_course' })
  course?: Course | null;

  /** The plan a membership order buys a term of; null for a course order. */
  @Column('int', { name: 'plan_id', unsigned: true, nullable: true })
  planId!: number | null;

  @ManyToOne(() => MembershipPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_orders_plan' })
  plan?: MembershipPlan | null;

  /** The paid question asked (item_type question) or unlocked (unlock); null otherwise. */
  @Column('int', { name: 'question_id', unsigned: true, nullable: true })
  questionId!: number | null;

  @ManyToOne(() => PaidQuestion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'question_id', foreignKeyConstraintName: 'fk_orders_question' })
  question?: PaidQuestion | null;

  @Column('enum', { enum: ORDER_STATUSES, default: 'PENDING' })
  status!: OrderStatus;

  @Column('enum', { name: 'payment_method', enum: PAYMENT_METHODS, default: 'WECHAT_PAY' })
  paymentMethod!: PaymentMethod;

  /** The course's price when the order was made. */
  @Column('int', { name: 'list_price_fen', unsigned: true })
  listPriceFen!: number;

  @Column('int', { name: 'discount_fen', unsigned: true, default: 0 })
  discountFen!: number;

  /** What the learner pays: list price minus discount, fixed at creation. */
  @Column('int', { name: 'amount_fen', unsigned: true })
  amountFen!: number;

  @Column('int', { name: 'coupon_id', unsigned: true, nullable: true })
  couponId!: number | null;

  @Index('uq_orders_out_trade_no', { unique: true })
  @Column('varchar', { name: 'out_trade_no', length: 32 })
  outTradeNo!: string;

  @Column('varchar', { name: 'prepay_id', length: 64, nullable: true })
  prepayId!: string | null;

  @Index('uq_orders_transaction_id', { unique: true })
  @Column('varchar', { name: 'transaction_id', length: 32, nullable: true })
  transactionId!: string | null;

  @Column('datetime', { name: 'order_time', precision: 3 })
  orderTime!: Date;

  @Column('datetime', { name: 'expires_at', precision: 3 })
  expiresAt!: Date;

  @Column('datetime', { name: 'paid_at', precision: 3, nullable: true })
  paidAt!: Date | null;

  /** Set by the database while PENDING only: its unique index allows one open order per learner and item. */
  @Column({
    type: 'varchar',
    name: 'open_key',
    length: 32,
    nullable: true,
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression:
      "IF(`status` = 'PENDING', CONCAT(`user_id`, ':', CASE `item_type` WHEN 'course' THEN `course_id` WHEN 'gift' THEN CONCAT('gift', `course_id`) WHEN 'question' THEN CONCAT('q', `question_id`) WHEN 'unlock' THEN CONCAT('u', `question_id`) ELSE CONCAT('plan', `plan_id`) END), NULL)",
  })
  readonly openKey?: string | null;

  /** When the order stopped being payable (EXPIRED or FAILED). */
  @Column('datetime', { name: 'closed_at', precision: 3, nullable: true })
  closedAt!: Date | null;
}
