import type { DataSource } from 'typeorm';
import type { CourseQuestion } from './course-question.entity';
import type { FaqEntry } from './faq-entry.entity';
import { platformHelp } from './platform-help';
import { QaIndex, type QaDoc, type QaHit } from './qa-index';

/** Rows read per query while loading: small enough that indexing one batch (jieba + postings, ~40 ms) never holds the bot's event loop long, and ten thousand entries never sit in one result set. */
const LOAD_BATCH = 200;

export interface QaAnswer {
  /** The best entry, or null when nothing shares a word with the question. */
  hit: QaHit | null;
  /** hit.confidence reached the threshold: answer with it. Otherwise say so and offer to forward the question. */
  confident: boolean;
}

type Change = (index: QaIndex) => void;

export function faqDoc(entry: Pick<FaqEntry, 'id' | 'courseId' | 'question' | 'answer'>): QaDoc {
  return { id: `faq:${entry.id}`, courseId: entry.courseId, question: entry.question, answer: entry.answer, source: 'faq' };
}

export function questionDoc(q: Pick<CourseQuestion, 'id' | 'courseId' | 'text' | 'answer'>): QaDoc {
  return { id: `question:${q.id}`, courseId: q.courseId, question: q.text, answer: q.answer ?? '', source: 'question' };
}

/**
 * What the chat bot answers from: the FAQ entries and answered public questions of courses that have
 * been published, and the platform help, in memory. Platform help is there from the start; load() adds the rest (the bot calls it, the
 * API never does). Changes made through this process's services follow at once; changes made by other
 * processes arrive with the next load().
 */
export class QaKnowledgeService {
  /** Built on first use: segmenting even the help entries loads jieba's dictionary, which the API may never need. */
  private index?: QaIndex;
  private loaded = false;
  private loading?: Promise<void>;
  /** Changes that arrive while load() reads the database, replayed onto the new index before it is used. */
  private changesDuringLoad: Change[] | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly opts: { threshold: number; refundWindowDays: number },
  ) {}

  get size(): number {
    return this.current().size;
  }

  /**
   * Builds a fresh index beside the one in use and swaps it in, so answers keep coming while it loads
   * and a reload (after other processes' changes) is safe at any time. Concurrent calls share one load.
   */
  load(): Promise<void> {
    this.loading ??= this.rebuild().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** The best entry for the question among the given courses' entries and platform help (null: every course). */
  answer(query: string, courseIds: number[] | null): QaAnswer {
    const hit = this.current().search(query, { courseIds, limit: 1 })[0] ?? null;
    return { hit, confident: hit !== null && hit.confidence >= this.opts.threshold };
  }

  upsertFaq(entry: FaqEntry): void {
    const doc = faqDoc(entry);
    this.apply((index) => index.add(doc));
  }

  removeFaq(id: number): void {
    this.apply((index) => index.remove(`faq:${id}`));
  }

  /** Only answered public questions are answers for others; anything else leaves the index. */
  upsertQuestion(q: CourseQuestion): void {
    const doc = questionDoc(q);
    const answerable = q.status === 'ANSWERED' && q.isPublic && !!q.answer;
    this.apply((index) => (answerable ? index.add(doc) : index.remove(doc.id)));
  }

  /** Before the first load there is nothing to keep current: the API process never pays for an index. */
  private apply(change: Change): void {
    if (!this.loaded && !this.changesDuringLoad) return;
    change(this.current());
    this.changesDuringLoad?.push(change);
  }

  private current(): QaIndex {
    this.index ??= new QaIndex(platformHelp(this.opts));
    return this.index;
  }

  private async rebuild(): Promise<void> {
    this.changesDuringLoad = [];
    try {
      const index = new QaIndex(platformHelp(this.opts));
      await this.readInBatches<{ id: number; course_id: number; question: string; answer: string }>(
        // Courses never published (drafts) keep their FAQ to themselves: anyone may ask the bot.
        `SELECT f.id, f.course_id, f.question, f.answer FROM faq_entries f JOIN courses c ON c.id = f.course_id
          WHERE c.published_at IS NOT NULL AND f.id > ? ORDER BY f.id LIMIT ?`,
        (row) => index.add(faqDoc({ id: row.id, courseId: row.course_id, question: row.question, answer: row.answer })),
      );
      await this.readInBatches<{ id: number; course_id: number; text: string; answer: string }>(
        `SELECT q.id, q.course_id, q.text, q.answer FROM course_questions q JOIN courses c ON c.id = q.course_id
          WHERE q.status = 'ANSWERED' AND q.is_public = 1 AND q.answer IS NOT NULL AND c.published_at IS NOT NULL AND q.id > ?
          ORDER BY q.id LIMIT ?`,
        (row) => index.add(questionDoc({ id: row.id, courseId: row.course_id, text: row.text, answer: row.answer })),
      );
      for (const change of this.changesDuringLoad) change(index);
      this.index = index;
      this.loaded = true;
    } finally {
      this.changesDuringLoad = null;
    }
  }

  /** Keyset pages by id: each query starts where the last ended, however large the table. */
  private async readInBatches<Row extends { id: number }>(sql: string, each: (row: Row) => void): Promise<void> {
    let after = 0;
    for (;;) {
      const rows = (await this.ds.query(sql, [after, LOAD_BATCH])) as Row[];
      for (const row of rows) each(row);
      if (rows.length < LOAD_BATCH) return;
      after = rows[rows.length - 1]!.id;
    }
  }
}
