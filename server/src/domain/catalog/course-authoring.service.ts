import { randomBytes } from 'node:crypto';
import { extname } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { Clock } from '../../shared/clock';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import { contentMatchesType } from '../../storage/media-sniff';
import type { MediaStorage } from '../../storage/media-storage';
import type { Logger } from '../../logger';
import { changesOf, type AuditLog } from '../audit/audit-log.service';
import { User } from '../users/user.entity';
import type { Viewer } from '../viewer';
import type { CatalogEvents } from './catalog-events';
import type { CatalogService } from './catalog.service';
import { Category } from './category.entity';
import { Chapter } from './chapter.entity';
import { Course, type CourseStatus } from './course.entity';
import { CourseRevisionMedia } from './course-revision-media.entity';
import { CourseRevision } from './course-revision.entity';
import { editableRevision, isLive, openRevision, pendingMediaKeys } from './course-revisions';
import { Lesson, type LessonKind } from './lesson.entity';
import { findOwnedByCreator } from './owned-by-creator';
import { searchText } from './search-terms';

export type Author = NonNullable<Viewer>;

export interface CourseInput {
  name: string;
  description: string;
  categoryId: number;
  priceFen: number;
}

export interface LessonInput {
  title: string;
  kind: LessonKind;
  durationS: number;
  freePreview: boolean;
  position?: number;
}

/** A finished upload on local disk, as the HTTP layer's multipart parser leaves it. */
export interface UploadedFile {
  path: string;
  mimeType: string;
  size: number;
  originalName: string;
}

/** What each lesson kind accepts, by MIME type, with the file extension we store it under. */
export const MEDIA_TYPES: Record<LessonKind | 'cover', Record<string, string>> = {
  video: { 'video/mp4': '.mp4', 'video/webm': '.webm', 'video/quicktime': '.mov' },
  audio: { 'audio/mpeg': '.mp3', 'audio/mp4': '.m4a', 'audio/aac': '.aac', 'audio/wav': '.wav', 'audio/x-wav': '.wav' },
  document: { 'application/pdf': '.pdf' },
  article: { 'text/markdown': '.md', 'text/html': '.html', 'text/plain': '.txt' },
  cover: { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp' },
};

const EDITABLE: CourseStatus[] = ['DRAFT', 'REJECTED', 'PUBLISHED', 'UNLISTED'];

/** One of my courses as the editor shows it: the live course, its syllabus, and the changes waiting for review. */
export interface OwnCourseDetail {
  course: Course;
  chapters: Array<Chapter & { lessons: Lesson[] }>;
  revision: CourseRevision | null;
}

/**
 * Creators build their own courses. Before a course is first approved every change applies at once;
 * after that, changes of what learners see (title, description, cover, lesson media) go into the
 * course's open revision and wait for review (CourseReviewService), while the approved content stays
 * live. Price, category and the syllabus's order and titles apply at once. Every change is audited.
 */
export class CourseAuthoringService {
  constructor(
    private readonly ds: DataSource,
    private readonly storage: MediaStorage,
    private readonly clock: Clock,
    private readonly events: CatalogEvents,
    private readonly logger: Logger,
    private readonly audit: AuditLog,
    /** Told after every committed change that readers of the catalog must see at once. */
    private readonly catalog: Pick<CatalogService, 'invalidate'>,
  ) {}

  /** Runs a change, then drops the course from the catalog caches of every process (after the commit). */
  private async changing<T>(courseOf: (result: T) => number, change: () => Promise<T>): Promise<T> {
    const result = await change();
    await this.catalog.invalidate(courseOf(result));
    return result;
  }

  async create(author: Author, input: CourseInput): Promise<Course> {
    return this.ds.transaction(async (m) => {
      const category = await this.category(m, input.categoryId);
      const creator = await m.getRepository(User).findOneByOrFail({ id: author.id });
      const course = m.getRepository(Course).create({
        ...input,
        creatorId: author.id,
        status: 'DRAFT',
        searchText: searchText({ ...input, category: category.name, creator: creator.displayName }),
      });
      await m.getRepository(Course).insert(course);
      await this.audit.record(m, { actor: author, action: 'course.create', subjectType: 'course', subjectId: course.id, details: { name: input.name, price_fen: input.priceFen, category: input.categoryId } });
      return this.loadOwn(m, author, course.id);
    });
  }

  async listOwn(author: Author, page: PageRequest): Promise<Page<Course>> {
    const [results, count] = await this.ds.getRepository(Course).findAndCount({
      where: { creatorId: author.id },
      relations: { category: true, creator: true },
      order: { updatedAt: 'DESC', id: 'DESC' },
      skip: offsetOf(page),
      take: page.pageSize,
    });
    return { count, results };
  }

  getOwn(author: Author, courseId: number): Promise<Course> {
    return this.loadOwn(this.ds.manager, author, courseId);
  }

  async getOwnDetail(author: Author, courseId: number): Promise<OwnCourseDetail> {
    const course = await this.loadOwn(this.ds.manager, author, courseId);
    const [chapters, lessons, revision] = await Promise.all([
      this.ds.getRepository(Chapter).find({ where: { courseId }, order: { position: 'ASC', id: 'ASC' } }),
      this.ds.getRepository(Lesson).find({ where: { courseId }, order: { position: 'ASC', id: 'ASC' } }),
      openRevision(this.ds.manager, courseId),
    ]);
    return { course, chapters: chapters.map((c) => Object.assign(c, { lessons: lessons.filter((l) => l.chapterId === c.id) })), revision };
  }

  /**
   * Name and description of a live course go into its revision (a value equal to the live one takes
   * the change back); everything else, and every field of a course never approved, applies at once.
   */
  async update(author: Author, courseId: number, patch: Partial<CourseInput>): Promise<Course> {
    return this.changing(() => courseId, () => this.ds.transaction(async (m) => {
      const course = await this.loadOwn(m, author, courseId, true);
      assertEditable(course);
      const before = { name: course.name, description: course.description, categoryId: course.categoryId, priceFen: course.priceFen };
      const reviewed: Partial<Pick<CourseInput, 'name' | 'description'>> = {};
      const direct: Partial<CourseInput> = { ...patch };
      if (isLive(course)) {
        for (const field of ['name', 'description'] as const) {
          if (patch[field] !== undefined) reviewed[field] = patch[field];
          delete direct[field];
        }
      }
      if (Object.keys(reviewed).length) {
        const revision = await editableRevision(m, course);
        const pending: Partial<Pick<CourseRevision, 'name' | 'description'>> = {};
        for (const field of ['name', 'description'] as const) {
          const value = reviewed[field];
          if (value !== undefined) pending[field] = value === course[field] ? null : value;
        }
        await m.getRepository(CourseRevision).update(revision.id, pending);
      }
      Object.assign(course, direct);
      const category = await this.category(m, course.categoryId);
      const creator = await m.getRepository(User).findOneByOrFail({ id: course.creatorId });
      course.searchText = searchText({ ...course, category: category.name, creator: creator.displayName });
      const { name, description, categoryId, priceFen, searchText: text } = course;
      await m.getRepository(Course).update(course.id, { name, description, categoryId, priceFen, searchText: text });
      await this.audit.record(m, {
        actor: author,
        action: 'course.update',
        subjectType: 'course',
        subjectId: course.id,
        details: { changes: changesOf(before, direct), pending_review: changesOf(before, reviewed) },
      });
      return this.loadOwn(m, author, courseId);
    }));
  }

  async addChapter(author: Author, courseId: number, input: { title: string; position?: number }): Promise<Chapter> {
    return this.changing((c) => c.courseId, () => this.ds.transaction(async (m) => {
      assertEditable(await this.loadOwn(m, author, courseId, true));
      const position = input.position ?? (await nextPosition(m, 'chapters', 'course_id', courseId));
      const chapter = m.getRepository(Chapter).create({ courseId, title: input.title, position });
      await m.getRepository(Chapter).insert(chapter);
      await this.audit.record(m, { actor: author, action: 'chapter.create', subjectType: 'chapter', subjectId: chapter.id, courseId, details: { title: input.title, position } });
      return chapter;
    }));
  }

  async updateChapter(author: Author, chapterId: number, patch: { title?: string; position?: number }): Promise<Chapter> {
    return this.changing((c) => c.courseId, () => this.ds.transaction(async (m) => {
      const chapter = await this.ownChapter(m, author, chapterId);
      await this.lockEditable(m, chapter.courseId);
      await m.getRepository(Chapter).update(chapter.id, patch);
      await this.audit.record(m, { actor: author, action: 'chapter.update', subjectType: 'chapter', subjectId: chapter.id, courseId: chapter.courseId, details: { changes: changesOf(chapter, patch) } });
      return m.getRepository(Chapter).findOneByOrFail({ id: chapterId });
    }));
  }

  async deleteChapter(author: Author, chapterId: number): Promise<void> {
    const keys = await this.ds.transaction(async (m) => {
      const chapter = await this.ownChapter(m, author, chapterId);
      await this.lockEditable(m, chapter.courseId);
      const lessons = await m.getRepository(Lesson).find({ where: { chapterId }, select: { id: true, mediaKey: true } });
      const pending = await pendingMediaKeys(m, lessons.map((l) => l.id));
      await m.getRepository(Chapter).delete(chapter.id);
      await this.audit.record(m, { actor: author, action: 'chapter.delete', subjectType: 'chapter', subjectId: chapter.id, courseId: chapter.courseId, details: { title: chapter.title, lessons: lessons.map((l) => l.id) } });
      return { courseId: chapter.courseId, keys: [...lessons.map((l) => l.mediaKey), ...pending] };
    });
    await this.catalog.invalidate(keys.courseId);
    await this.deleteMedia(keys.keys);
  }

  /** A lesson added to a published course is announced to its learners, after the commit. */
  async addLesson(author: Author, chapterId: number, input: LessonInput): Promise<Lesson> {
    const { lesson, published } = await this.ds.transaction(async (m) => {
      const chapter = await this.ownChapter(m, author, chapterId);
      const course = await this.lockEditable(m, chapter.courseId);
      const position = input.position ?? (await nextPosition(m, 'lessons', 'chapter_id', chapterId));
      const created = m.getRepository(Lesson).create({ ...input, position, chapterId, courseId: chapter.courseId });
      await m.getRepository(Lesson).insert(created);
      await this.audit.record(m, {
        actor: author,
        action: 'lesson.create',
        subjectType: 'lesson',
        subjectId: created.id,
        courseId: chapter.courseId,
        details: { title: input.title, kind: input.kind, free_preview: input.freePreview, chapter: chapterId, position },
      });
      return { lesson: await m.getRepository(Lesson).findOneByOrFail({ id: created.id }), published: course.status === 'PUBLISHED' };
    });
    await this.catalog.invalidate(lesson.courseId);
    if (published) {
      await this.events
        .lessonAdded({ lessonId: lesson.id, courseId: lesson.courseId, addedAt: this.clock.now().toISOString() })
        .catch((err: unknown) => this.logger.warn({ err, lessonId: lesson.id }, 'could not queue the new-lesson event'));
    }
    return lesson;
  }

  async updateLesson(author: Author, lessonId: number, patch: Partial<LessonInput>): Promise<Lesson> {
    return this.changing((l) => l.courseId, () => this.ds.transaction(async (m) => {
      const lesson = await this.ownLesson(m, author, lessonId);
      await this.lockEditable(m, lesson.courseId);
      if (patch.kind && patch.kind !== lesson.kind && lesson.mediaKey) {
        throw new ConflictError('remove or replace the media before changing the lesson kind', 'LESSON_HAS_MEDIA');
      }
      await m.getRepository(Lesson).update(lesson.id, patch);
      await this.audit.record(m, { actor: author, action: 'lesson.update', subjectType: 'lesson', subjectId: lesson.id, courseId: lesson.courseId, details: { changes: changesOf(lesson, patch) } });
      return m.getRepository(Lesson).findOneByOrFail({ id: lessonId });
    }));
  }

  async deleteLesson(author: Author, lessonId: number): Promise<void> {
    const keys = await this.ds.transaction(async (m) => {
      const lesson = await this.ownLesson(m, author, lessonId);
      await this.lockEditable(m, lesson.courseId);
      const pending = await pendingMediaKeys(m, [lesson.id]);
      await m.getRepository(Lesson).delete(lesson.id);
      await this.audit.record(m, { actor: author, action: 'lesson.delete', subjectType: 'lesson', subjectId: lesson.id, courseId: lesson.courseId, details: { title: lesson.title } });
      return { courseId: lesson.courseId, keys: [lesson.mediaKey, ...pending] };
    });
    await this.catalog.invalidate(keys.courseId);
    await this.deleteMedia(keys.keys);
  }

  /**
   * Stores an uploaded file as the lesson's media; the type must fit the lesson's kind. On a live
   * course the file waits in the course's revision and the lesson keeps its approved media.
   */
  async attachLessonMedia(author: Author, lessonId: number, file: UploadedFile): Promise<Lesson & { pendingMedia: boolean }> {
    const lesson = await this.ownLesson(this.ds.manager, author, lessonId);
    assertEditable(await this.ds.getRepository(Course).findOneByOrFail({ id: lesson.courseId }));
    const ext = await extensionFor(lesson.kind, file);
    const key = `lessons/${lesson.courseId}/${lesson.id}-${randomBytes(6).toString('hex')}${ext}`;
    await this.storage.putFile(key, file.path);
    const { replaced, pending } = await this.replacing(key, () =>
      this.ds.transaction(async (tx) => {
        const course = await this.lockEditable(tx, lesson.courseId);
        const current = await tx.getRepository(Lesson).findOneBy({ id: lessonId });
        if (!current) throw new NotFoundError('lesson');
        const live = isLive(course);
        let previous: string | null;
        if (live) {
          const revision = await editableRevision(tx, course);
          previous = revision.media?.find((x) => x.lessonId === lessonId)?.mediaKey ?? null;
          await tx.getRepository(CourseRevisionMedia).upsert({ revisionId: revision.id, lessonId, mediaKey: key }, ['revisionId', 'lessonId']);
        } else {
          previous = current.mediaKey;
          await tx.getRepository(Lesson).update(lessonId, { mediaKey: key });
        }
        await this.audit.record(tx, {
          actor: author,
          action: 'lesson.media',
          subjectType: 'lesson',
          subjectId: lessonId,
          courseId: lesson.courseId,
          details: { file: file.originalName, type: file.mimeType, size: file.size, pending_review: live },
        });
        return { replaced: previous, pending: live };
      }),
    );
    await this.catalog.invalidate(lesson.courseId);
    await this.deleteMedia([replaced]);
    return Object.assign(await this.ds.getRepository(Lesson).findOneByOrFail({ id: lessonId }), { pendingMedia: pending });
  }

  /** The cover; on a live course it waits in the revision like lesson media. */
  async setCover(author: Author, courseId: number, file: UploadedFile): Promise<Course> {
    const course = await this.getOwn(author, courseId);
    assertEditable(course);
    const key = `covers/${course.id}-${randomBytes(6).toString('hex')}${await extensionFor('cover', file)}`;
    await this.storage.putFile(key, file.path);
    const { replaced } = await this.replacing(key, () =>
      this.ds.transaction(async (m) => {
        const locked = await this.lockEditable(m, course.id);
        const live = isLive(locked);
        let previous: string | null;
        if (live) {
          const revision = await editableRevision(m, locked);
          previous = revision.coverKey;
          await m.getRepository(CourseRevision).update(revision.id, { coverKey: key });
        } else {
          previous = locked.coverKey;
          await m.getRepository(Course).update(course.id, { coverKey: key });
        }
        await this.audit.record(m, { actor: author, action: 'course.cover', subjectType: 'course', subjectId: course.id, details: { file: file.originalName, type: file.mimeType, pending_review: live } });
        return { replaced: previous };
      }),
    );
    await this.catalog.invalidate(course.id);
    await this.deleteMedia([replaced]);
    return this.getOwn(author, courseId);
  }

  /** Runs `work` that takes a newly stored file into use; if it fails, the file is removed again. */
  private async replacing<T>(key: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      await this.deleteMedia([key]);
      throw err;
    }
  }

  /** Holds the course row until the transaction ends, so a submit cannot slip between the check and the edit. */
  private async lockEditable(m: EntityManager, courseId: number): Promise<Course> {
    const course = await m.getRepository(Course).findOneOrFail({ where: { id: courseId }, lock: { mode: 'pessimistic_write' } });
    assertEditable(course);
    return course;
  }

  private async category(m: EntityManager, id: number): Promise<Category> {
    const category = await m.getRepository(Category).findOneBy({ id });
    if (!category) throw ValidationError.field('category', `no category with id ${id}`, 'UNKNOWN_CATEGORY');
    return category;
  }

  /** Another creator's course is reported as missing, never as forbidden, so ids reveal nothing. */
  private async loadOwn(m: EntityManager, author: Author, courseId: number, lock = false): Promise<Course> {
    const course = await m.getRepository(Course).findOne({
      where: { id: courseId, creatorId: author.id },
      relations: { category: true, creator: true },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!course) throw new NotFoundError('course');
    return course;
  }

  private ownChapter(m: EntityManager, author: Author, chapterId: number): Promise<Chapter> {
    return findOwnedByCreator(m, Chapter, 'chapter', chapterId, author.id);
  }

  private ownLesson(m: EntityManager, author: Author, lessonId: number): Promise<Lesson> {
    return findOwnedByCreator(m, Lesson, 'lesson', lessonId, author.id);
  }

  private async deleteMedia(keys: Array<string | null>): Promise<void> {
    for (const key of keys) if (key) await this.storage.delete(key);
  }
}

function assertEditable(course: Course): void {
  if (!EDITABLE.includes(course.status)) {
    throw new ConflictError('a course cannot be edited while it is in review', 'COURSE_IN_REVIEW', { status: course.status });
  }
}

async function extensionFor(kind: LessonKind | 'cover', file: UploadedFile): Promise<string> {
  const allowed = MEDIA_TYPES[kind];
  const ext = allowed[file.mimeType];
  if (!ext) {
    throw ValidationError.field(
      'file',
      `a ${kind} takes ${Object.keys(allowed).join(', ')}; got ${file.mimeType || extname(file.originalName) || 'unknown'}`,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  }
  if (!(await contentMatchesType(file.path, file.mimeType))) {
    throw ValidationError.field('file', `the file's content is not ${file.mimeType}`, 'UNSUPPORTED_MEDIA_TYPE');
  }
  return ext;
}

async function nextPosition(m: EntityManager, table: 'chapters' | 'lessons', column: string, id: number): Promise<number> {
  const [row] = (await m.query(`SELECT COALESCE(MAX(position), -1) + 1 AS next FROM ${table} WHERE ${column} = ?`, [id])) as Array<{
    next: number | string;
  }>;
  return Number(row?.next ?? 0);
}
