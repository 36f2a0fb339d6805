import { randomBytes } from 'node:crypto';
import { extname } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { Clock } from '../../shared/clock';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import { contentMatchesType } from '../../storage/media-sniff';
import type { MediaStorage } from '../../storage/media-storage';
import type { Logger } from '../../logger';
import { User } from '../users/user.entity';
import type { Viewer } from '../viewer';
import type { CatalogEvents } from './catalog-events';
import type { CatalogService } from './catalog.service';
import { Category } from './category.entity';
import { Chapter } from './chapter.entity';
import { Course, type CourseStatus } from './course.entity';
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

/** Creators build and submit their own courses; admins approve or reject what is submitted. */
export class CourseAuthoringService {
  constructor(
    private readonly ds: DataSource,
    private readonly storage: MediaStorage,
    private readonly clock: Clock,
    private readonly events: CatalogEvents,
    private readonly logger: Logger,
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

  async update(author: Author, courseId: number, patch: Partial<CourseInput>): Promise<Course> {
    return this.changing(() => courseId, () => this.ds.transaction(async (m) => {
      const course = await this.loadOwn(m, author, courseId, true);
      assertEditable(course);
      Object.assign(course, patch);
      const category = await this.category(m, course.categoryId);
      const creator = await m.getRepository(User).findOneByOrFail({ id: course.creatorId });
      course.searchText = searchText({ ...course, category: category.name, creator: creator.displayName });
      const { name, description, categoryId, priceFen, searchText: text } = course;
      await m.getRepository(Course).update(course.id, { name, description, categoryId, priceFen, searchText: text });
      return this.loadOwn(m, author, courseId);
    }));
  }

  async addChapter(author: Author, courseId: number, input: { title: string; position?: number }): Promise<Chapter> {
    return this.changing((c) => c.courseId, () => this.ds.transaction(async (m) => {
      assertEditable(await this.loadOwn(m, author, courseId, true));
      const position = input.position ?? (await nextPosition(m, 'chapters', 'course_id', courseId));
      const chapter = m.getRepository(Chapter).create({ courseId, title: input.title, position });
      await m.getRepository(Chapter).insert(chapter);
      return chapter;
    }));
  }

  async updateChapter(author: Author, chapterId: number, patch: { title?: string; position?: number }): Promise<Chapter> {
    return this.changing((c) => c.courseId, () => this.ds.transaction(async (m) => {
      const chapter = await this.ownChapter(m, author, chapterId);
      await this.lockEditable(m, chapter.courseId);
      await m.getRepository(Chapter).update(chapter.id, patch);
      return m.getRepository(Chapter).findOneByOrFail({ id: chapterId });
    }));
  }

  async deleteChapter(author: Author, chapterId: number): Promise<void> {
    await this.changing((courseId) => courseId, () => this.ds.transaction(async (m) => {
      const chapter = await this.ownChapter(m, author, chapterId);
      await this.lockEditable(m, chapter.courseId);
      const keys = await m.getRepository(Lesson).find({ where: { chapterId }, select: { mediaKey: true } });
      await m.getRepository(Chapter).delete(chapter.id);
      await this.deleteMedia(keys.map((l) => l.mediaKey));
      return chapter.courseId;
    }));
  }

  /** A lesson added to a published course is announced to its learners, after the commit. */
  async addLesson(author: Author, chapterId: number, input: LessonInput): Promise<Lesson> {
    const { lesson, published } = await this.ds.transaction(async (m) => {
      const chapter = await this.ownChapter(m, author, chapterId);
      const course = await this.lockEditable(m, chapter.courseId);
      const position = input.position ?? (await nextPosition(m, 'lessons', 'chapter_id', chapterId));
      const created = m.getRepository(Lesson).create({ ...input, position, chapterId, courseId: chapter.courseId });
      await m.getRepository(Lesson).insert(created);
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
      return m.getRepository(Lesson).findOneByOrFail({ id: lessonId });
    }));
  }

  async deleteLesson(author: Author, lessonId: number): Promise<void> {
    await this.changing((courseId) => courseId, () => this.ds.transaction(async (m) => {
      const lesson = await this.ownLesson(m, author, lessonId);
      await this.lockEditable(m, lesson.courseId);
      await m.getRepository(Lesson).delete(lesson.id);
      await this.deleteMedia([lesson.mediaKey]);
      return lesson.courseId;
    }));
  }

  /** Stores an uploaded file as the lesson's media; the type must fit the lesson's kind. */
  async attachLessonMedia(author: Author, lessonId: number, file: UploadedFile): Promise<Lesson> {
    const lesson = await this.ownLesson(this.ds.manager, author, lessonId);
    assertEditable(await this.ds.getRepository(Course).findOneByOrFail({ id: lesson.courseId }));
    const ext = await extensionFor(lesson.kind, file);
    const key = `lessons/${lesson.courseId}/${lesson.id}-${randomBytes(6).toString('hex')}${ext}`;
    await this.storage.putFile(key, file.path);
    const previous = lesson.mediaKey;
    await this.ds.getRepository(Lesson).update(lesson.id, { mediaKey: key });
    await this.catalog.invalidate(lesson.courseId);
    await this.deleteMedia([previous]);
    return this.ds.getRepository(Lesson).findOneByOrFail({ id: lessonId });
  }

  async setCover(author: Author, courseId: number, file: UploadedFile): Promise<Course> {
    const course = await this.getOwn(author, courseId);
    assertEditable(course);
    const key = `covers/${course.id}-${randomBytes(6).toString('hex')}${await extensionFor('cover', file)}`;
    await this.storage.putFile(key, file.path);
    await this.ds.getRepository(Course).update(course.id, { coverKey: key });
    await this.catalog.invalidate(course.id);
    await this.deleteMedia([course.coverKey]);
    return this.getOwn(author, courseId);
  }

  /** DRAFT, REJECTED or UNLISTED → IN_REVIEW; a course needs at least one lesson to be reviewed. */
  async submitForReview(author: Author, courseId: number): Promise<Course> {
    const course = await this.getOwn(author, courseId);
    const lessons = await this.ds.getRepository(Lesson).countBy({ courseId });
    if (lessons === 0) throw new ConflictError('add at least one lesson before submitting', 'COURSE_EMPTY');
    await this.transition(course.id, ['DRAFT', 'REJECTED', 'UNLISTED'], 'IN_REVIEW', { reviewNote: null });
    return this.getOwn(author, courseId);
  }

  async unlist(author: Author, courseId: number): Promise<Course> {
    const course = await this.getOwn(author, courseId);
    await this.transition(course.id, ['PUBLISHED'], 'UNLISTED');
    return this.getOwn(author, courseId);
  }

  async listForReview(page: PageRequest): Promise<Page<Course>> {
    const [results, count] = await this.ds.getRepository(Course).findAndCount({
      where: { status: 'IN_REVIEW' },
      relations: { category: true, creator: true },
      order: { updatedAt: 'ASC', id: 'ASC' },
      skip: offsetOf(page),
      take: page.pageSize,
    });
    return { count, results };
  }

  async approve(courseId: number): Promise<Course> {
    await this.mustExist(courseId);
    await this.transition(courseId, ['IN_REVIEW'], 'PUBLISHED', { reviewNote: null }, true);
    return this.ds.getRepository(Course).findOneOrFail({ where: { id: courseId }, relations: { category: true, creator: true } });
  }

  async reject(courseId: number, reason: string): Promise<Course> {
    await this.mustExist(courseId);
    await this.transition(courseId, ['IN_REVIEW'], 'REJECTED', { reviewNote: reason });
    return this.ds.getRepository(Course).findOneOrFail({ where: { id: courseId }, relations: { category: true, creator: true } });
  }

  /** A guarded UPDATE: only one of two racing transitions can win, the loser gets 409 with the state it met. */
  private async transition(
    courseId: number,
    from: CourseStatus[],
    to: CourseStatus,
    extra: Partial<Pick<Course, 'reviewNote'>> = {},
    publish = false,
  ): Promise<void> {
    const qb = this.ds
      .createQueryBuilder()
      .update(Course)
      .set({ status: to, ...extra, ...(publish ? { publishedAt: () => `COALESCE(published_at, :now)` } : {}) })
      .where('id = :courseId AND status IN (:...from)', { courseId, from });
    if (publish) qb.setParameter('now', this.clock.now());
    const { affected } = await qb.execute();
    // Publishing, unlisting and review decisions change what the catalog shows (approval is where a course appears).
    if (affected) await this.catalog.invalidate(courseId);
    if (!affected) {
      const current = await this.ds.getRepository(Course).findOneByOrFail({ id: courseId });
      throw new ConflictError(`a ${current.status} course cannot become ${to}`, 'INVALID_STATUS', {
        status: current.status,
      });
    }
  }

  /** Holds the course row until the transaction ends, so a submit cannot slip between the check and the edit. */
  private async lockEditable(m: EntityManager, courseId: number): Promise<Course> {
    const course = await m.getRepository(Course).findOneOrFail({ where: { id: courseId }, lock: { mode: 'pessimistic_write' } });
    assertEditable(course);
    return course;
  }

  private async mustExist(courseId: number): Promise<void> {
    if (!(await this.ds.getRepository(Course).existsBy({ id: courseId }))) throw new NotFoundError('course');
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
