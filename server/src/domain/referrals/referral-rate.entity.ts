import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { REFERRAL_ITEM_TYPES, type ReferralItemType } from './referral-item';

/** The creator's referral reward for one course or plan, in whole percent (0 = none). */
@Entity('referral_rates')
export class ReferralRate {
  @PrimaryColumn('enum', { name: 'item_type', enum: REFERRAL_ITEM_TYPES })
  itemType!: ReferralItemType;

  @PrimaryColumn('int', { name: 'item_id', unsigned: true })
  itemId!: number;

  @Column('tinyint', { name: 'rate_percent', unsigned: true })
  ratePercent!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
