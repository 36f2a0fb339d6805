import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ROLES = ['learner', 'creator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

@Entity('users')
export class User {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Index('uq_users_username', { unique: true })
  @Column('varchar', { length: 32 })
  username!: string;

  @Column('varchar', { name: 'display_name', length: 64 })
  displayName!: string;

  /** scrypt hash in PHC-like form; null for accounts that only sign in with WeChat. */
  @Column('varchar', { name: 'password_hash', length: 255, nullable: true, select: false })
  passwordHash!: string | null;

  @Index('uq_users_email', { unique: true })
  @Column('varchar', { length: 254, nullable: true })
  email!: string | null;

  @Index('uq_users_phone', { unique: true })
  @Column('varchar', { length: 20, nullable: true })
  phone!: string | null;

  @Index('uq_users_wechat_openid', { unique: true })
  @Column('varchar', { name: 'wechat_openid', length: 64, nullable: true })
  wechatOpenid!: string | null;

  @Index('ix_users_wechat_unionid')
  @Column('varchar', { name: 'wechat_unionid', length: 64, nullable: true })
  wechatUnionid!: string | null;

  @Column('enum', { enum: ROLES, default: 'learner' })
  role!: Role;

  @CreateDateColumn({ name: 'registered_at', type: 'datetime', precision: 3 })
  registeredAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
