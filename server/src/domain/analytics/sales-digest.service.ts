import { In, type DataSource } from 'typeorm';
import type { Logger } from '../../logger';
import { jobIds } from '../../queues';
import type { Clock } from '../../shared/clock';
import { duplicateKeyIndex } from '../../shared/db-errors';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import { localDay } from '../../shared/zoned-time';
import type { MediaStorage } from '../../storage/media-storage';
import { Course } from '../catalog/course.entity';
import type { ChatContacts, ChatOutbox } from '../notifications/notification.service';
import { User } from '../users/user.entity';
import { DIGEST_CHART_SIZE, digestChart, type ChartRenderer } from './digest-chart';
import { assembleDigest, digestWindows, type DigestFigures } from './digest-figures';
import { digestText } from './digest-text';
import { SalesDigest } from './sales-digest.entity';
import { hasAnyFigure, type SalesFigures } from './sales-figures';

/** Signed links to a digest's chart (MediaUrlSigner). */
export interface MediaLinks {
  sign(key: string, ttlSeconds?: number): string;
}

/**
 * How long the chart link in a chat message stays valid: the outbox may hold the message while the bot
 * is logged out, and people open the picture later. The app signs a fresh link on every list.
 */
export const DIGEST_LINK_TTL_S = 7 * 24 * 3600;

/** What making a digest came to: `queued` for the chat outbox, `kept` for the app only (creator not bound in chat), `already-queued` by an earlier run. */
export type DigestOutcome = 'queued' | 'kept' | 'already-queued';

/**
 * Daily sales digests for creators: figures, text and chart, kept for the app and sent in chat.
 * Exactly once per creator and day, however many workers and retries: the row's unique key decides
 * who made the digest, and the outbox job id (jobIds.chat('digest', day, creator)) and `queued_at`
 * decide that it is queued once.
 */
export class SalesDigestService {
  constructor(
    private readonly ds: DataSource,
    private readonly figures: SalesFigures,
    private readonly charts: ChartRenderer,
    private readonly storage: MediaStorage,
    private readonly links: MediaLinks,
    private readonly contacts: ChatContacts,
    private readonly outbox: ChatOutbox,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly opts: { timeZone: string },
  ) {}

  /** The creator's figures for the day of `at`, counted up to `at`. */
  async figuresAt(creatorId: number, at: Date): Promise<DigestFigures> {
    const w = digestWindows(at, this.opts.timeZone);
    const [perWindow, unanswered] = await Promise.all([this.figures.byWindow(w.windows, { creatorId }), this.figures.openQuestions(creatorId)]);
    const courseIds = [...new Set(perWindow[0]!.map((c) => c.courseId))];
    const courses = courseIds.length ? await this.ds.getRepository(Course).find({ select: { id: true, name: true }, where: { id: In(courseIds) } }) : [];
    return assembleDigest(w, this.opts.timeZone, perWindow, new Map(courses.map((c) => [c.id, c.name])), unanswered);
  }

  /** What '今日销售' in chat answers: today so far, as text. */
  async todayText(creatorId: number): Promise<string> {
    return digestText(await this.figuresAt(creatorId, this.clock.now()), '今日销售');
  }

  /** Creators with sales or any activity (views, orders, learners, study, questions) on the day of `cutoff`, before it. */
  async creatorsWithActivity(cutoff: Date): Promise<number[]> {
    const w = digestWindows(cutoff, this.opts.timeZone);
    const [today = []] = await this.figures.byWindow([w.windows[0]!]);
    return [...new Set(today.filter(hasAnyFigure).map((c) => c.creatorId))].sort((a, b) => a - b);
  }

  /**
   * Makes the creator's digest for the day of `cutoff` (or finds the one made already) and queues it for
   * chat when the creator is bound. The chart is stored before the row is written, so a row always has
   * its picture; a worker killed anywhere before the insert leaves no row, and its retry starts over.
   */
  async make(creatorId: number, cutoff: Date): Promise<DigestOutcome> {
    const date = localDay(cutoff, this.opts.timeZone);
    const digest = (await this.find(creatorId, date)) ?? (await this.create(creatorId, date, cutoff));
    if (digest.queuedAt) return 'already-queued';
    const contact = await this.contacts.contactForUser(creatorId);
    if (!contact) return 'kept';
    // Queued first, recorded second: a crash in between leaves queued_at empty, and the retry's enqueue is a
    // no-op by its job id. Of two workers racing here, both enqueue (one message, by the job id), one records.
    await this.outbox.sendToChat(
      { contactId: contact.contactId, text: digest.text, file: { name: `sales-digest-${date}.png`, url: this.links.sign(digest.imageKey, DIGEST_LINK_TTL_S) } },
      jobIds.chat('digest', date, creatorId),
    );
    const recorded: { affectedRows: number } = await this.ds.query('UPDATE sales_digests SET queued_at = ? WHERE id = ? AND queued_at IS NULL', [this.clock.now(), digest.id]);
    return recorded.affectedRows === 1 ? 'queued' : 'already-queued';
  }

  async list(creatorId: number, page: PageRequest): Promise<Page<SalesDigest>> {
    const [results, count] = await this.ds.getRepository(SalesDigest).findAndCount({
      where: { creatorId },
      order: { digestDate: 'DESC' },
      skip: offsetOf(page),
      take: page.pageSize,
    });
    return { count, results };
  }

  private find(creatorId: number, date: string): Promise<SalesDigest | null> {
    return this.ds.getRepository(SalesDigest).findOneBy({ creatorId, digestDate: date });
  }

  private async create(creatorId: number, date: string, cutoff: Date): Promise<SalesDigest> {
    const [figures, creator] = await Promise.all([this.figuresAt(creatorId, cutoff), this.ds.getRepository(User).findOneBy({ id: creatorId })]);
    const png = await this.charts.renderPng(digestChart(figures, creator?.displayName ?? `创作者 ${creatorId}`), DIGEST_CHART_SIZE);
    const imageKey = `digests/${creatorId}/${date}.png`;
    await this.storage.putBuffer(imageKey, png);
    try {
      await this.ds.getRepository(SalesDigest).insert({ creatorId, digestDate: date, cutoffAt: cutoff, figures, text: digestText(figures), imageKey, createdAt: this.clock.now(), queuedAt: null });
      this.logger.info({ creatorId, date, revenueFen: figures.today.revenueFen, paidOrders: figures.today.paidOrders }, 'sales digest made');
    } catch (err) {
      if (duplicateKeyIndex(err) !== 'uq_sales_digests_creator_date') throw err;
      this.logger.debug({ creatorId, date }, 'another worker made this digest first');
    }
    return (await this.find(creatorId, date))!;
  }
}
