import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A user's share code: opaque and short, so links do not reveal the user id. One per user. */
@Entity('referral_codes')
export class ReferralCode {
  @PrimaryColumn('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @Index('uq_referral_codes_code', { unique: true })
  @Column('varchar', { length: 16 })
  code!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
