import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CourseRevision } from './course-revision.entity';
import { Lesson } from './lesson.entity';

/** A lesson's new media file, waiting in a revision; the lesson keeps serving its approved file until then. */
@Entity('course_revision_media')
@Index('ix_course_revision_media_lesson', ['lessonId'])
export class CourseRevisionMedia {
  @PrimaryColumn('int', { name: 'revision_id', unsigned: true })
  revisionId!: number;

  @PrimaryColumn('int', { name: 'lesson_id', unsigned: true })
  lessonId!: number;

  @ManyToOne(() => CourseRevision, (r) => r.media, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'revision_id', foreignKeyConstraintName: 'fk_course_revision_media_revision' })
  revision?: CourseRevision;

  @ManyToOne(() => Lesson, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'fk_course_revision_media_lesson' })
  lesson?: Lesson;

  @Column('varchar', { name: 'media_key', length: 255 })
  mediaKey!: string;
}
