import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { MembershipPlan } from './membership-plan.entity';

export const MEMBERSHIP_STATUSES = ['ACTIVE', 'EXPIRED', 'REVOKED'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/**
 * A learner's membership of one plan; one row per learner and plan, ever. It opens the plan's courses
 * while ACTIVE and `starts_at <= now < ends_at` (no end: lifetime). The jobs' sweep marks a term that
 * ended EXPIRED and tells the member (access itself ends at ends_at, job or not); a refund revokes it.
 */
@Entity('memberships')
@Index('uq_memberships_user_plan', ['userId', 'planId'], { unique: true })
@Index('ix_memberships_plan', ['planId'])
@Index('ix_memberships_status_ends', ['status', 'endsAt'])
export class Membership {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_memberships_user' })
  user?: User;

  @Column('int', { name: 'plan_id', unsigned: true })
  planId!: number;

  @ManyToOne(() => MembershipPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_memberships_plan' })
  plan?: MembershipPlan;

  @Column('enum', { enum: MEMBERSHIP_STATUSES, default: 'ACTIVE' })
  status!: MembershipStatus;

  @Column('datetime', { name: 'starts_at', precision: 3 })
  startsAt!: Date;

  /** Null for a lifetime plan. */
  @Column('datetime', { name: 'ends_at', precision: 3, nullable: true })
  endsAt!: Date | null;

  /** The order that granted or last renewed it. */
  @Column('int', { name: 'last_order_id', unsigned: true, nullable: true })
  lastOrderId!: number | null;

  /** The `ends_at` the expiry reminder went out for: one reminder per term. */
  @Column('datetime', { name: 'reminded_for', precision: 3, nullable: true })
  remindedFor!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
