import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Chapter } from './chapter.entity';

export const LESSON_KINDS = ['video', 'audio', 'article', 'document'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

@Entity('lessons')
@Index('ix_lessons_chapter_position', ['chapterId', 'position'])
@Index('ix_lessons_course', ['courseId'])
export class Lesson {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'chapter_id', unsigned: true })
  chapterId!: number;

  @ManyToOne(() => Chapter, (chapter) => chapter.lessons, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'chapter_id', foreignKeyConstraintName: 'fk_lessons_chapter' })
  chapter?: Chapter;

  /** Denormalized from the chapter so access checks need one lookup. */
  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @Column('varchar', { length: 100 })
  title!: string;

  @Column('enum', { enum: LESSON_KINDS })
  kind!: LessonKind;

  @Column('int', { name: 'duration_s', unsigned: true, default: 0 })
  durationS!: number;

  @Column('boolean', { name: 'free_preview', default: false })
  freePreview!: boolean;

  /** Key of the media object in storage; null until uploaded. */
  @Column('varchar', { name: 'media_key', length: 255, nullable: true })
  mediaKey!: string | null;

  @Column('int', { default: 0 })
  position!: number;
}
