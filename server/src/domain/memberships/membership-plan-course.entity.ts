import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';
import { MembershipPlan } from './membership-plan.entity';

/** A course a plan covers (plans that cover all the creator's courses list none). */
@Entity('membership_plan_courses')
@Index('ix_membership_plan_courses_course', ['courseId'])
export class MembershipPlanCourse {
  @PrimaryColumn('int', { name: 'plan_id', unsigned: true })
  planId!: number;

  @ManyToOne(() => MembershipPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_membership_plan_courses_plan' })
  plan?: MembershipPlan;

  @PrimaryColumn('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_membership_plan_courses_course' })
  course?: Course;
}
