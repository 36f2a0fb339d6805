import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const LEDGER_KINDS = ['CREDIT', 'REVERSAL'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** A user's referral balance: the row every credit and reversal locks; never negative (a CHECK holds it). */
@Entity('referral_balances')
export class ReferralBalance {
  @PrimaryColumn('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @Column('int', { name: 'balance_fen', default: 0 })
  balanceFen!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/**
 * One movement of a balance: a CREDIT of an attribution's reward, or its REVERSAL after a refund. A
 * reversal takes at most the balance; what it could not take is its `shortfallFen`.
 */
@Entity('referral_ledger')
@Index('uq_referral_ledger_entry', ['attributionId', 'kind'], { unique: true })
@Index('ix_referral_ledger_user', ['userId', 'id'])
export class ReferralLedgerEntry {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @Column('int', { name: 'attribution_id', unsigned: true })
  attributionId!: number;

  @Column('enum', { enum: LEDGER_KINDS })
  kind!: LedgerKind;

  @Column('int', { name: 'amount_fen', unsigned: true })
  amountFen!: number;

  @Column('int', { name: 'shortfall_fen', unsigned: true, default: 0 })
  shortfallFen!: number;

  @Column('int', { name: 'balance_after_fen', unsigned: true })
  balanceAfterFen!: number;

  @Column('datetime', { name: 'created_at', precision: 3 })
  createdAt!: Date;
}
