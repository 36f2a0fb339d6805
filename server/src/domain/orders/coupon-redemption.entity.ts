import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const REDEMPTION_STATUSES = ['ACTIVE', 'RELEASED'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

/** One use of a coupon by one order; released (and the coupon's count given back) when the order expires or fails. */
@Entity('coupon_redemptions')
@Index('ix_redemptions_coupon_user', ['couponId', 'userId', 'status'])
export class CouponRedemption {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'coupon_id', unsigned: true })
  couponId!: number;

  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @Index('uq_redemptions_order', { unique: true })
  @Column('int', { name: 'order_id', unsigned: true })
  orderId!: number;

  @Column('enum', { enum: REDEMPTION_STATUSES, default: 'ACTIVE' })
  status!: RedemptionStatus;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
