import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A learner's recommendations of one generation, best first (position 1..N). */
@Entity('recommendations')
export class Recommendation {
  @PrimaryColumn('int', { unsigned: true })
  generation!: number;

  @PrimaryColumn('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @PrimaryColumn('tinyint', { unsigned: true })
  position!: number;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @Column('float')
  score!: number;
}
