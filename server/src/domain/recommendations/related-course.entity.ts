import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A course's nearest courses by co-occurrence (cosine), best first: "learners who bought this also bought". */
@Entity('related_courses')
export class RelatedCourse {
  @PrimaryColumn('int', { unsigned: true })
  generation!: number;

  @PrimaryColumn('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @PrimaryColumn('tinyint', { unsigned: true })
  position!: number;

  @Column('int', { name: 'related_course_id', unsigned: true })
  relatedCourseId!: number;

  @Column('float')
  score!: number;
}
