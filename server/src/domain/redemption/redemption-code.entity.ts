import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';
import { Order } from '../orders/order.entity';
import { User } from '../users/user.entity';

/** A single-use code that enrolls whoever redeems it first in one course (offline sales, or a gift). */
@Entity('redemption_codes')
@Index('uq_redemption_codes_code', ['code'], { unique: true })
@Index('ix_redemption_codes_course', ['courseId', 'id'])
@Index('ix_redemption_codes_redeemer', ['redeemedBy'])
@Index('uq_redemption_codes_gift_order', ['giftOrderId'], { unique: true })
export class RedemptionCode {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('varchar', { length: 16 })
  code!: string;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_redemption_codes_course' })
  course?: Course;

  @Column('int', { name: 'created_by', unsigned: true })
  createdBy!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_redemption_codes_creator' })
  creator?: User;

  @Column('int', { name: 'redeemed_by', unsigned: true, nullable: true })
  redeemedBy!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'redeemed_by', foreignKeyConstraintName: 'fk_redemption_codes_redeemer' })
  redeemer?: User | null;

  /** The gift order that paid for this code; null for a creator's batch code. */
  @Column('int', { name: 'gift_order_id', unsigned: true, nullable: true })
  giftOrderId!: number | null;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'gift_order_id', foreignKeyConstraintName: 'fk_redemption_codes_gift_order' })
  giftOrder?: Order | null;

  @Column('datetime', { name: 'redeemed_at', precision: 3, nullable: true })
  redeemedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
