import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { REFERRAL_ITEM_TYPES, type ReferralItemType } from './referral-item';

export const ATTRIBUTION_STATUSES = ['PENDING', 'CREDITED', 'REVERSED'] as const;
export type AttributionStatus = (typeof ATTRIBUTION_STATUSES)[number];

/**
 * An order credited to the referrer whose click came last before payment: PENDING until the refund
 * window has passed (`creditDueAt`), then CREDITED to the referrer's ledger, or REVERSED by a refund.
 */
@Entity('referral_attributions')
@Index('ix_referral_attributions_due', ['status', 'creditDueAt'])
@Index('ix_referral_attributions_referrer', ['referrerId', 'status'])
@Index('ix_referral_attributions_creator', ['creatorId', 'paidAt'])
export class ReferralAttribution {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Index('uq_referral_attributions_order', { unique: true })
  @Column('int', { name: 'order_id', unsigned: true })
  orderId!: number;

  @Column('int', { name: 'referrer_id', unsigned: true })
  referrerId!: number;

  @Column('int', { name: 'buyer_id', unsigned: true })
  buyerId!: number;

  @Column('int', { name: 'creator_id', unsigned: true })
  creatorId!: number;

  @Column('enum', { name: 'item_type', enum: REFERRAL_ITEM_TYPES })
  itemType!: ReferralItemType;

  @Column('int', { name: 'item_id', unsigned: true })
  itemId!: number;

  /** The creator's rate when the order was paid; later changes do not touch it. */
  @Column('tinyint', { name: 'rate_percent', unsigned: true })
  ratePercent!: number;

  @Column('int', { name: 'order_amount_fen', unsigned: true })
  orderAmountFen!: number;

  /** The reward: referralRewardFen(orderAmountFen, ratePercent). */
  @Column('int', { name: 'amount_fen', unsigned: true })
  amountFen!: number;

  @Column('enum', { enum: ATTRIBUTION_STATUSES, default: 'PENDING' })
  status!: AttributionStatus;

  @Column('datetime', { name: 'visited_at', precision: 3 })
  visitedAt!: Date;

  @Column('datetime', { name: 'paid_at', precision: 3 })
  paidAt!: Date;

  @Column('datetime', { name: 'credit_due_at', precision: 3 })
  creditDueAt!: Date;

  @Column('datetime', { name: 'credited_at', precision: 3, nullable: true })
  creditedAt!: Date | null;

  @Column('datetime', { name: 'reversed_at', precision: 3, nullable: true })
  reversedAt!: Date | null;
}
