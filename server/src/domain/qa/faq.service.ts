import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../errors';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import type { CatalogService } from '../catalog/catalog.service';
import { Course } from '../catalog/course.entity';
import { findOwnedByCreator } from '../catalog/owned-by-creator';
import type { Viewer } from '../viewer';
import { FaqEntry } from './faq-entry.entity';
import type { QaKnowledgeService } from './qa-knowledge.service';

export type FaqAuthor = NonNullable<Viewer>;

export interface FaqInput {
  question: string;
  answer: string;
  position?: number;
}

/** A course page is not a help centre; the cap also bounds what one course adds to the bot's index. */
export const MAX_FAQ_PER_COURSE = 100;

/** The creator's answers to the questions they expect, per course; the chat bot answers from them too. */
export class FaqService {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: CatalogService,
    /** A loaded knowledge base in this process follows every change at once; optional. */
    private readonly knowledge?: Pick<QaKnowledgeService, 'upsertFaq' | 'removeFaq'>,
  ) {}

  /** In the creator's order; for anyone who may see the course. */
  async list(courseId: number, viewer: Viewer, page: PageRequest): Promise<Page<FaqEntry>> {
    await this.catalog.getVisibleCourse(courseId, viewer);
    const [results, count] = await this.ds.getRepository(FaqEntry).findAndCount({
      where: { courseId },
      order: { position: 'ASC', id: 'ASC' },
      skip: offsetOf(page),
      take: page.pageSize,
    });
    return { count, results };
  }

  async create(author: FaqAuthor, courseId: number, input: FaqInput): Promise<FaqEntry> {
    const entry = await this.ds.transaction(async (m) => {
      // Locking the course row serializes concurrent additions, so the cap and positions hold.
      const course = await m.getRepository(Course).findOne({ where: { id: courseId, creatorId: author.id }, lock: { mode: 'pessimistic_write' } });
      if (!course) throw new NotFoundError('course');
      const [row] = (await m.query('SELECT COUNT(*) AS n, COALESCE(MAX(position), -1) + 1 AS next FROM faq_entries WHERE course_id = ?', [courseId])) as Array<{
        n: number | string;
        next: number | string;
      }>;
      if (Number(row?.n ?? 0) >= MAX_FAQ_PER_COURSE) {
        throw new ConflictError(`a course has at most ${MAX_FAQ_PER_COURSE} FAQ entries`, 'FAQ_LIMIT');
      }
      const created = m.getRepository(FaqEntry).create({ courseId, ...input, position: input.position ?? Number(row?.next ?? 0) });
      await m.getRepository(FaqEntry).insert(created);
      return m.getRepository(FaqEntry).findOneByOrFail({ id: created.id });
    });
    this.knowledge?.upsertFaq(entry);
    return entry;
  }

  async update(author: FaqAuthor, id: number, patch: Partial<FaqInput>): Promise<FaqEntry> {
    const entry = await this.ds.transaction(async (m) => {
      const own = await this.own(m, author, id);
      if (Object.keys(patch).length) await m.getRepository(FaqEntry).update(own.id, patch);
      return m.getRepository(FaqEntry).findOneByOrFail({ id });
    });
    this.knowledge?.upsertFaq(entry);
    return entry;
  }

  async remove(author: FaqAuthor, id: number): Promise<void> {
    await this.ds.transaction(async (m) => {
      const own = await this.own(m, author, id);
      await m.getRepository(FaqEntry).delete(own.id);
    });
    this.knowledge?.removeFaq(id);
  }

  private own(m: EntityManager, author: FaqAuthor, id: number): Promise<FaqEntry> {
    return findOwnedByCreator(m, FaqEntry, 'FAQ entry', id, author.id, true);
  }
}
