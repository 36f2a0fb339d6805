import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Course } from '../catalog/course.entity';
import { Lesson } from '../catalog/lesson.entity';

/**
 * A live session of a course. The stream comes from WeChat's live plugin in the mini-program
 * (`wechat_live_room_id`) or an HLS URL (`hls_url`, also the mini-program's fallback); both are
 * optional until the creator has them. The Q&A room is ours.
 */
@Entity('live_sessions')
@Index('ix_live_sessions_course_starts', ['courseId', 'startsAt'])
@Index('ix_live_sessions_starts', ['startsAt'])
export class LiveSession {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column('int', { name: 'course_id', unsigned: true })
  courseId!: number;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_live_sessions_course' })
  course?: Course;

  @Column('varchar', { length: 100 })
  title!: string;

  @Column('datetime', { name: 'starts_at', precision: 3 })
  startsAt!: Date;

  @Column('smallint', { name: 'duration_min', unsigned: true })
  durationMin!: number;

  /** The room id of WeChat's mini-program live plugin (小程序直播), digits. */
  @Column('varchar', { name: 'wechat_live_room_id', length: 64, nullable: true })
  wechatLiveRoomId!: string | null;

  @Column('varchar', { name: 'hls_url', length: 500, nullable: true })
  hlsUrl!: string | null;

  /** After the session: the lesson holding its recording. */
  @Column('int', { name: 'recording_lesson_id', unsigned: true, nullable: true })
  recordingLessonId!: number | null;

  @ManyToOne(() => Lesson, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recording_lesson_id', foreignKeyConstraintName: 'fk_live_sessions_recording' })
  recordingLesson?: Lesson;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
