import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/** Which chat contact is which platform user: at most one contact per user and one user per contact. */
@Entity('chat_bindings')
export class ChatBinding {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Index('uq_chat_bindings_user', { unique: true })
  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_chat_bindings_user' })
  user?: User;

  /** The chat system's id of the contact (a Wechaty contact id). */
  @Index('uq_chat_bindings_contact', { unique: true })
  @Column('varchar', { name: 'contact_id', length: 128 })
  contactId!: string;

  /** The contact's name when they bound, to show the user which chat account is linked. */
  @Column('varchar', { name: 'contact_name', length: 128 })
  contactName!: string;

  @Column('datetime', { name: 'bound_at', precision: 3 })
  boundAt!: Date;
}
