import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('categories')
export class Category {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Index('uq_categories_name', { unique: true })
  @Column('varchar', { length: 64 })
  name!: string;

  @Index('uq_categories_slug', { unique: true })
  @Column('varchar', { length: 64 })
  slug!: string;

  @Column('int', { name: 'sort_order', default: 0 })
  sortOrder!: number;
}
