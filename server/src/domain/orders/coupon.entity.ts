import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const COUPON_KINDS = ['PERCENT', 'FIXED'] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];

/** A creator's discount code: a percentage off or a fixed amount off, in a time window, with limits. */
@Entity('coupons')
@Index('ix_coupons_creator', ['creatorId', 'createdAt'])
export class Coupon {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'creator_id', unsigned: true })
  creatorId!: number;

  /** null: any course of the creator. */
  @Column('int', { name: 'course_id', unsigned: true, nullable: true })
  courseId!: number | null;

  /** Stored upper-case; codes are typed by people, so matching ignores case. */
  @Index('uq_coupons_code', { unique: true })
  @Column('varchar', { length: 32 })
  code!: string;

  @Column('enum', { enum: COUPON_KINDS })
  kind!: CouponKind;

  /** PERCENT: 1–100 (percent off); FIXED: fen off. */
  @Column('int', { unsigned: true })
  value!: number;

  @Column('datetime', { name: 'starts_at', precision: 3 })
  startsAt!: Date;

  @Column('datetime', { name: 'ends_at', precision: 3 })
  endsAt!: Date;

  @Column('int', { name: 'total_limit', unsigned: true })
  totalLimit!: number;

  @Column('int', { name: 'per_user_limit', unsigned: true, default: 1 })
  perUserLimit!: number;

  /** Active redemptions: orders holding the coupon, pending or paid. */
  @Column('int', { name: 'redeemed_count', unsigned: true, default: 0 })
  redeemedCount!: number;

  @Column('datetime', { name: 'disabled_at', precision: 3, nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
