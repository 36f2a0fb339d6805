import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const REFUND_STATUSES = ['REQUESTED', 'PROCESSING', 'SUCCEEDED', 'REJECTED', 'FAILED'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * A learner's request to get a paid order's money back. REQUESTED → PROCESSING (approved, sent to
 * WeChat Pay) → SUCCEEDED (WeChat Pay confirmed) | FAILED; or REQUESTED → REJECTED. One per order.
 */
@Entity('refunds')
@Index('ix_refunds_course_status', ['courseId', 'status'])
@Index('ix_refunds_status_requested', ['status', 'requestedAt'])
export class Refund {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Index('uq_refunds_order', { unique: true })
  @Column('int', { name: 'order_id', unsigned: true })
  orderId!: number;

  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  /** The course of a course order; null for a membership order. */
  @Column('int', { name: 'course_id', unsigned: true, nullable: true })
  courseId!: number | null;

  @Column('int', { name: 'amount_fen', unsigned: true })
  amountFen!: number;

  @Column('enum', { enum: REFUND_STATUSES, default: 'REQUESTED' })
  status!: RefundStatus;

  @Column('varchar', { length: 200 })
  reason!: string;

  @Index('uq_refunds_out_refund_no', { unique: true })
  @Column('varchar', { name: 'out_refund_no', length: 64 })
  outRefundNo!: string;

  @Column('varchar', { name: 'wechat_refund_id', length: 64, nullable: true })
  wechatRefundId!: string | null;

  @Column('int', { name: 'decided_by', unsigned: true, nullable: true })
  decidedBy!: number | null;

  @Column('varchar', { name: 'decision_note', length: 200, nullable: true })
  decisionNote!: string | null;

  @Column('varchar', { name: 'failure_reason', length: 200, nullable: true })
  failureReason!: string | null;

  @Column('datetime', { name: 'requested_at', precision: 3 })
  requestedAt!: Date;

  @Column('datetime', { name: 'decided_at', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column('datetime', { name: 'completed_at', precision: 3, nullable: true })
  completedAt!: Date | null;
}
