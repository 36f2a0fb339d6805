import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

export const PLAN_PERIODS = ['MONTHLY', 'YEARLY', 'LIFETIME'] as const;
export type PlanPeriod = (typeof PLAN_PERIODS)[number];
export const PLAN_STATUSES = ['ACTIVE', 'RETIRED'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** A creator's membership offer: a period, a price, and either all the creator's courses or a list of them. */
@Entity('membership_plans')
@Index('ix_membership_plans_creator', ['creatorId', 'status'])
export class MembershipPlan {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'creator_id', unsigned: true })
  creatorId!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'creator_id', foreignKeyConstraintName: 'fk_membership_plans_creator' })
  creator?: User;

  @Column('varchar', { length: 60 })
  name!: string;

  @Column('enum', { enum: PLAN_PERIODS })
  period!: PlanPeriod;

  @Column('int', { name: 'price_fen', unsigned: true })
  priceFen!: number;

  /** Every course of the creator, now and later; otherwise the plan's listed courses. */
  @Column('boolean', { name: 'all_courses', default: false })
  allCourses!: boolean;

  @Column('smallint', { name: 'trial_days', unsigned: true, default: 0 })
  trialDays!: number;

  @Column('enum', { enum: PLAN_STATUSES, default: 'ACTIVE' })
  status!: PlanStatus;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
