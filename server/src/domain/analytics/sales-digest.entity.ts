import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import type { DigestFigures } from './digest-figures';

/**
 * A creator's sales digest for one day, as sent: the figures, the text and the chart (in media
 * storage). One per creator and day, whoever makes it first; `queuedAt` says it went to the chat outbox.
 */
@Entity('sales_digests')
@Index('uq_sales_digests_creator_date', ['creatorId', 'digestDate'], { unique: true })
export class SalesDigest {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'creator_id', unsigned: true })
  creatorId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'creator_id', foreignKeyConstraintName: 'fk_sales_digests_creator' })
  creator?: User;

  /** The creator's calendar day (DIGEST_TZ), "2026-01-15". */
  @Column('date', { name: 'digest_date' })
  digestDate!: string;

  /** The figures count what happened on that day before this moment. */
  @Column('datetime', { name: 'cutoff_at', precision: 3 })
  cutoffAt!: Date;

  @Column('json')
  figures!: DigestFigures;

  @Column('text')
  text!: string;

  @Column('varchar', { name: 'image_key', length: 255 })
  imageKey!: string;

  @Column('datetime', { name: 'created_at', precision: 3 })
  createdAt!: Date;

  @Column('datetime', { name: 'queued_at', precision: 3, nullable: true })
  queuedAt!: Date | null;
}
