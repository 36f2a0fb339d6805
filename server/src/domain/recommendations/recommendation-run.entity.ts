import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const RUN_STATUSES = ['RUNNING', 'DONE', 'ABANDONED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * One full recompute; its id is the generation its rows carry. The newest DONE run is what readers
 * see; a RUNNING one that is not holding the recompute lock died and is abandoned by the next run.
 */
@Entity('recommendation_runs')
@Index('ix_recommendation_runs_status', ['status', 'id'])
export class RecommendationRun {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('enum', { enum: RUN_STATUSES, default: 'RUNNING' })
  status!: RunStatus;

  @Column('datetime', { name: 'started_at', precision: 3 })
  startedAt!: Date;

  @Column('datetime', { name: 'finished_at', precision: 3, nullable: true })
  finishedAt!: Date | null;

  /** Learners with recommendations, courses seen, and learner-course pairs with a signal. */
  @Column('int', { unsigned: true, default: 0 })
  learners!: number;

  @Column('int', { unsigned: true, default: 0 })
  courses!: number;

  @Column('int', { unsigned: true, default: 0 })
  interactions!: number;
}
