import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { REFERRAL_ITEM_TYPES, type ReferralItemType } from './referral-item';

/** A visitor's latest click on one referrer's link to one item (a later click moves `visitedAt`). */
@Entity('referral_visits')
@Index('uq_referral_visits_click', ['visitorId', 'itemType', 'itemId', 'referrerId'], { unique: true })
@Index('ix_referral_visits_latest', ['visitorId', 'itemType', 'itemId', 'visitedAt'])
export class ReferralVisit {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'visitor_id', unsigned: true })
  visitorId!: number;

  @Index('ix_referral_visits_referrer')
  @Column('int', { name: 'referrer_id', unsigned: true })
  referrerId!: number;

  @Column('enum', { name: 'item_type', enum: REFERRAL_ITEM_TYPES })
  itemType!: ReferralItemType;

  @Column('int', { name: 'item_id', unsigned: true })
  itemId!: number;

  @Column('datetime', { name: 'visited_at', precision: 3 })
  visitedAt!: Date;
}
