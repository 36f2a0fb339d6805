import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A course's recency-weighted popularity in one generation: the cold-start and anonymous ranking. */
@Entity('course_popularity')
@Index('ix_course_popularity_score', ['generation', 'score'])
export class CoursePopularity {
  @PrimaryColumn('int', { unsigned: true })
  generation!: number;

  @PrimaryColumn('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @Column('double')
  score!: number;
}
