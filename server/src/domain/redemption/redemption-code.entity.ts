import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';
import { User } from '../users/user.entity';

/** A single-use code that enrolls whoever redeems it first in one course (offline sales). */
@Entity('redemption_codes')
@Index('uq_redemption_codes_code', ['code'], { unique: true })
@Index('ix_redemption_codes_course', ['courseId', 'id'])
@Index('ix_redemption_codes_redeemer', ['redeemedBy'])
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

  @Column('datetime', { name: 'redeemed_at', precision: 3, nullable: true })
  redeemedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
