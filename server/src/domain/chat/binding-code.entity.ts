import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/** A short code the mini-program shows and the learner sends to the bot: proof that the chat contact is that user. */
@Entity('binding_codes')
@Index('ix_binding_codes_user', ['userId', 'usedAt'])
export class BindingCode {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_binding_codes_user' })
  user?: User;

  /** Six digits. */
  @Column('char', { length: 6 })
  code!: string;

  @Column('datetime', { name: 'expires_at', precision: 3 })
  expiresAt!: Date;

  @Column('datetime', { name: 'used_at', precision: 3, nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** Set by the database while the code is unused: its unique index makes an unused code name one user. */
  @Column({
    type: 'varchar',
    name: 'active_code',
    length: 6,
    nullable: true,
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: 'IF(`used_at` IS NULL, RTRIM(`code`), NULL)',
  })
  readonly activeCode?: string | null;
}
