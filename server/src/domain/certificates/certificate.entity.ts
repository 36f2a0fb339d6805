import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';
import { User } from '../users/user.entity';

/**
 * A course finished: one per learner and course, with a public verification code. The names are kept
 * as they were on the day, so a renamed course or learner does not change a certificate already given.
 * The files are made after the row (a retry finds the row without them and makes them).
 */
@Entity('certificates')
@Index('uq_certificates_user_course', ['userId', 'courseId'], { unique: true })
@Index('uq_certificates_code', ['code'], { unique: true })
@Index('ix_certificates_course', ['courseId'])
export class Certificate {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('varchar', { length: 20 })
  code!: string;

  @Column('int', { name: 'user_id', unsigned: true })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_certificates_user' })
  user?: User;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_certificates_course' })
  course?: Course;

  @Column('varchar', { name: 'learner_name', length: 100 })
  learnerName!: string;

  @Column('varchar', { name: 'course_name', length: 100 })
  courseName!: string;

  @Column('datetime', { name: 'issued_at', precision: 3 })
  issuedAt!: Date;

  @Column('varchar', { name: 'png_key', length: 255, nullable: true })
  pngKey!: string | null;

  @Column('varchar', { name: 'pdf_key', length: 255, nullable: true })
  pdfKey!: string | null;
}
