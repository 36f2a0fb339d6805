import { In, type DataSource } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { checkedText } from '../qa/question.service';
import type { Logger } from '../../logger';
import type { Clock } from '../../shared/clock';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import { isOwnerOrAdmin, type CatalogService } from '../catalog/catalog.service';
import { Course } from '../catalog/course.entity';
import { Order } from '../orders/order.entity';
import type { OrderService } from '../orders/order.service';
import type { RefundService } from '../orders/refund.service';
import type { Viewer } from '../viewer';
import type { PaidQuestionLedger } from './paid-question-ledger';
import { PaidQuestionSettings } from './paid-question-settings.entity';
import { PaidQuestion, type PaidQuestionStatus } from './paid-question.entity';
import { QuestionUnlock, UnlockSplit } from './question-unlock.entity';

export type PaidQuestionActor = NonNullable<Viewer>;

export const PAID_QUESTION_MAX_CHARS = 1000;
export const PAID_ANSWER_MAX_CHARS = 5000;
export const PAID_QUESTION_MIN_PRICE_FEN = 100;
export const PAID_QUESTION_MAX_PRICE_FEN = 1_000_000;
export const ANSWER_DAYS_MIN = 1;
export const ANSWER_DAYS_MAX = 14;

export interface SettingsInput {
  enabled: boolean;
  priceFen: number;
  unlockPriceFen: number;
  answerDays?: number;
}

/** A course's settings as learners see them: off (with the defaults a creator would start from) when never set. */
export interface SettingsView {
  courseId: number;
  enabled: boolean;
  priceFen: number | null;
  unlockPriceFen: number | null;
  answerDays: number;
}

/** A question with what this viewer may know of it: the answer only for the asker, the creator, admins and unlockers. */
export interface QuestionView {
  question: PaidQuestion;
  courseName: string;
  /** The viewer may read the answer. */
  canRead: boolean;
  /** The viewer paid to unlock it. */
  unlocked: boolean;
  /** What unlocking costs now (public answered questions on a course with paid questions on); null otherwise. */
  unlockPriceFen: number | null;
  /** The question's own order, for the asker and the creator (awaiting payment, paid, refunded). */
  orderId: number | null;
  orderStatus: Order['status'] | null;
}

/** What answering, unlocking and the deadline sweep tell. */
export interface PaidAnswerEvents {
  paidAnswered(q: PaidQuestion, courseName: string): Promise<void>;
}

export interface OverdueResult {
  due: number;
  refunded: number;
  skipped: number;
  errors: number;
}

/**
 * Paid questions (see CONTEXT.md): a learner pays the creator's price to ask; the creator answers
 * before the deadline or the order is refunded by the jobs; answered questions may be made public and
 * unlocked by others for a small fee. Money moves only through OrderService and RefundService.
 */
export class PaidQuestionService {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: Pick<CatalogService, 'getVisibleCourse'>,
    private readonly orders: Pick<OrderService, 'openForQuestion' | 'opened' | 'createForUnlock'>,
    private readonly refunds: Pick<RefundService, 'refundAsSystem'>,
    private readonly ledger: Pick<PaidQuestionLedger, 'expire'>,
    private readonly events: PaidAnswerEvents,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: { defaultAnswerDays: number },
  ) {}

  /** The settings of a course the viewer may see; off when the creator never set them. */
  async settings(courseId: number, viewer: Viewer): Promise<SettingsView> {
    await this.catalog.getVisibleCourse(courseId, viewer);
    return this.settingsOf(courseId);
  }

  /** The creator's own course's settings (admins: any). */
  async settingsForCreator(actor: PaidQuestionActor, courseId: number): Promise<SettingsView> {
    await this.ownCourse(actor, courseId);
    return this.settingsOf(courseId);
  }

  async saveSettings(actor: PaidQuestionActor, courseId: number, input: SettingsInput): Promise<SettingsView> {
    await this.ownCourse(actor, courseId);
    if (input.unlockPriceFen > input.priceFen) throw ValidationError.field('unlock_price_fen', 'must not be more than price_fen');
    const answerDays = input.answerDays ?? this.options.defaultAnswerDays;
    await this.ds
      .createQueryBuilder()
      .insert()
      .into(PaidQuestionSettings)
      .values({ courseId, enabled: input.enabled, priceFen: input.priceFen, unlockPriceFen: input.unlockPriceFen, answerDays, updatedAt: this.clock.now() })
      .orUpdate(['enabled', 'price_fen', 'unlock_price_fen', 'answer_days', 'updated_at'], ['course_id'])
      .execute();
    return this.settingsOf(courseId);
  }

  /**
   * Asks the creator of a course, paid: stores the question (AWAITING_PAYMENT) and its order together;
   * paying the order opens the question. Any signed-in learner but the creator may ask, enrolled or not.
   */
  async ask(asker: PaidQuestionActor, courseId: number, input: { text: string; allowPublic: boolean }): Promise<{ question: PaidQuestion; order: Order }> {
    const text = checkedText(input.text, 'text', PAID_QUESTION_MAX_CHARS);
    const course = await this.catalog.getVisibleCourse(courseId, asker);
    if (course.creatorId === asker.id) throw new ForbiddenError('you cannot ask paid questions on your own course', 'OWN_COURSE');
    const settings = await this.ds.getRepository(PaidQuestionSettings).findOneBy({ courseId });
    if (!settings?.enabled) throw new ConflictError('this course does not take paid questions', 'PAID_QUESTIONS_OFF');
    const order = await this.ds.transaction(async (m) => {
      const question = m.getRepository(PaidQuestion).create({
        courseId,
        userId: asker.id,
        text,
        priceFen: settings.priceFen,
        answerDays: settings.answerDays,
        allowPublic: input.allowPublic,
        isPublic: false,
        status: 'AWAITING_PAYMENT',
        answer: null,
        answeredBy: null,
        answeredAt: null,
        paidAt: null,
        answerDueAt: null,
        closedAt: null,
        createdAt: this.clock.now(),
      });
      await m.getRepository(PaidQuestion).insert(question);
      return this.orders.openForQuestion(m, asker, { courseId, questionId: question.id }, settings.priceFen);
    });
    await this.orders.opened(order);
    return { question: await this.ds.getRepository(PaidQuestion).findOneByOrFail({ id: order.questionId ?? 0 }), order };
  }

  /** The asker's own paid questions, newest first, with their orders. */
  async mine(asker: PaidQuestionActor, page: PageRequest): Promise<Page<QuestionView>> {
    const [rows, count] = await this.ds.getRepository(PaidQuestion).findAndCount({
      where: { userId: asker.id },
      relations: { course: true },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: offsetOf(page),
      take: page.pageSize,
    });
    return { count, results: await this.views(rows, asker) };
  }

  /**
   * The questions on the creator's courses (admins: on every course), paid ones only: open first, the
   * soonest deadline first, then the rest newest first. `status` narrows it.
   */
  async forCreator(actor: PaidQuestionActor, page: PageRequest, filter: { status?: PaidQuestionStatus; courseId?: number } = {}): Promise<Page<QuestionView>> {
    const qb = this.ds
      .getRepository(PaidQuestion)
      .createQueryBuilder('q')
      .innerJoinAndSelect('q.course', 'c')
      .where("q.status <> 'AWAITING_PAYMENT'");
    if (actor.role !== 'admin') qb.andWhere('c.creatorId = :creatorId', { creatorId: actor.id });
    if (filter.status) qb.andWhere('q.status = :status', { status: filter.status });
    if (filter.courseId !== undefined) qb.andWhere('q.courseId = :courseId', { courseId: filter.courseId });
    // Every join is many-to-one (no row multiplication), so plain LIMIT/OFFSET pages correctly.
    const [rows, count] = await qb
      .addSelect("CASE WHEN q.status = 'OPEN' THEN 0 ELSE 1 END", 'open_rank')
      .addSelect("CASE WHEN q.status = 'OPEN' THEN q.answer_due_at END", 'due_rank')
      .orderBy('open_rank', 'ASC')
      .addOrderBy('due_rank', 'ASC')
      .addOrderBy('q.id', 'DESC')
      .offset(offsetOf(page))
      .limit(page.pageSize)
      .getManyAndCount();
    return { count, results: await this.views(rows, actor) };
  }

  /** A course's public answered questions, newest answer first; the answer only for those who may read it. */
  async publicOf(courseId: number, viewer: Viewer, page: PageRequest): Promise<Page<QuestionView>> {
    await this.catalog.getVisibleCourse(courseId, viewer);
    const [rows, count] = await this.ds.getRepository(PaidQuestion).findAndCount({
      where: { courseId, status: 'ANSWERED', isPublic: true },
      relations: { course: true },
      order: { answeredAt: 'DESC', id: 'DESC' },
      skip: offsetOf(page),
      take: page.pageSize,
    });
    return { count, results: await this.views(rows, viewer) };
  }

  /** One question: its asker, the creator and admins always; anyone who may see the course, once it is public and answered. */
  async get(id: number, viewer: Viewer): Promise<QuestionView> {
    const question = await this.ds.getRepository(PaidQuestion).findOne({ where: { id }, relations: { course: true } });
    if (!question?.course) throw new NotFoundError('question');
    const involved = !!viewer && (viewer.id === question.userId || isOwnerOrAdmin(question.course, viewer));
    if (!involved) {
      if (!question.isPublic || question.status !== 'ANSWERED') throw new NotFoundError('question');
      await this.catalog.getVisibleCourse(question.courseId, viewer);
    }
    const [view] = await this.views([question], viewer);
    return view!;
  }

  /**
   * The course's creator (or an admin) answers an OPEN question before its deadline, once. After the
   * deadline, or once a refund took it back, answering is refused (409).
   */
  async answer(actor: PaidQuestionActor, id: number, text: string): Promise<QuestionView> {
    const body = checkedText(text, 'answer', PAID_ANSWER_MAX_CHARS);
    const answered = await this.ds.transaction(async (m) => {
      const question = await m.getRepository(PaidQuestion).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      const course = question ? await m.getRepository(Course).findOneBy({ id: question.courseId }) : null;
      if (!question || !course || !isOwnerOrAdmin(course, actor)) throw new NotFoundError('question');
      const now = this.clock.now();
      if (question.status !== 'OPEN') throw unanswerable(question.status);
      if (question.answerDueAt && question.answerDueAt <= now) {
        throw new ConflictError('the deadline to answer has passed; the question is being refunded', 'ANSWER_DEADLINE_PASSED');
      }
      // A refund the platform or the creator already sent off cannot be called back.
      const refunding: unknown[] = await m.query(
        "SELECT 1 FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.question_id = ? AND o.item_type = 'question' AND r.status IN ('PROCESSING', 'SUCCEEDED')",
        [question.id],
      );
      if (refunding.length) throw new ConflictError('this question is being refunded and can no longer be answered', 'QUESTION_REFUNDED');
      await m.getRepository(PaidQuestion).update({ id, status: 'OPEN' }, { status: 'ANSWERED', answer: body, answeredBy: actor.id, answeredAt: now });
      return { ...question, status: 'ANSWERED' as const, answer: body, answeredBy: actor.id, answeredAt: now, courseName: course.name };
    });
    try {
      await this.events.paidAnswered(answered, answered.courseName);
    } catch (err) {
      this.logger.warn({ err, questionId: id }, 'could not queue the paid answer notice');
    }
    return this.get(id, actor);
  }

  /** Lists an answered question on its course for others to unlock: its asker may, and the creator when the asker allowed it. */
  async publish(actor: PaidQuestionActor, id: number): Promise<QuestionView> {
    const question = await this.ds.getRepository(PaidQuestion).findOne({ where: { id }, relations: { course: true } });
    if (!question?.course) throw new NotFoundError('question');
    const asker = actor.id === question.userId;
    const seller = isOwnerOrAdmin(question.course, actor);
    if (!asker && !seller) throw new NotFoundError('question');
    if (!asker && !question.allowPublic) throw new ForbiddenError('the asker did not agree to make this question public', 'NOT_ALLOWED_PUBLIC');
    if (question.status !== 'ANSWERED') throw new ConflictError('only answered questions can be made public', 'QUESTION_NOT_ANSWERED');
    await this.ds.getRepository(PaidQuestion).update({ id, status: 'ANSWERED' }, { isPublic: true, ...(asker ? { allowPublic: true } : {}) });
    return this.get(id, actor);
  }

  /** Opens (or returns the open) order to read a public answer at the course's unlock price. */
  async unlock(buyer: PaidQuestionActor, id: number): Promise<{ order: Order; created: boolean }> {
    const question = await this.ds.getRepository(PaidQuestion).findOne({ where: { id }, relations: { course: true } });
    if (!question?.course) throw new NotFoundError('question');
    if (question.userId === buyer.id) throw new ConflictError('you asked this question: its answer is yours already', 'OWN_QUESTION');
    if (question.course.creatorId === buyer.id) throw new ConflictError('you answered this question yourself', 'OWN_COURSE');
    // Only public questions are answered ones; any other does not exist for others (as GET says).
    if (!question.isPublic || question.status !== 'ANSWERED') throw new NotFoundError('question');
    await this.catalog.getVisibleCourse(question.courseId, buyer);
    if (await this.ds.getRepository(QuestionUnlock).existsBy({ questionId: id, userId: buyer.id })) {
      throw new ConflictError('you have unlocked this answer already', 'ALREADY_UNLOCKED');
    }
    const settings = await this.ds.getRepository(PaidQuestionSettings).findOneBy({ courseId: question.courseId });
    if (!settings?.enabled) throw new ConflictError('this course does not take paid questions now', 'PAID_QUESTIONS_OFF');
    return this.orders.createForUnlock(buyer, { courseId: question.courseId, questionId: id }, settings.unlockPriceFen);
  }

  /** The split of every paid unlock of a question, for its creator, its asker and admins. */
  async splits(actor: PaidQuestionActor, id: number): Promise<UnlockSplit[]> {
    const question = await this.ds.getRepository(PaidQuestion).findOne({ where: { id }, relations: { course: true } });
    if (!question?.course || (actor.id !== question.userId && !isOwnerOrAdmin(question.course, actor))) throw new NotFoundError('question');
    return this.ds.getRepository(UnlockSplit).find({ where: { questionId: id }, order: { recordedAt: 'ASC' } });
  }

  /**
   * The deadline sweep: every OPEN question past its deadline is marked EXPIRED and its order refunded
   * in one step (RefundService.refundAsSystem), and questions EXPIRED whose refund is still on its way
   * (a run killed after the refund row, before WeChat Pay answered) are asked after again. Repeating it,
   * or resuming after a crash, refunds each order once. A refund WeChat Pay refused (FAILED) is left for
   * people to look at (as any failed refund is), not retried here.
   */
  async refundOverdue(limit: number): Promise<OverdueResult> {
    const rows: Array<{ order_id: number; question_id: number }> = await this.ds.query(
      `SELECT o.id AS order_id, q.id AS question_id FROM paid_questions q
         JOIN orders o ON o.question_id = q.id AND o.item_type = 'question' AND o.status = 'PAID'
        WHERE ((q.status = 'OPEN' AND q.answer_due_at <= ?) OR q.status = 'EXPIRED')
          AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = o.id AND r.status IN ('SUCCEEDED', 'FAILED'))
        ORDER BY q.answer_due_at LIMIT ?`,
      [this.clock.now(), limit],
    );
    const result: OverdueResult = { due: rows.length, refunded: 0, skipped: 0, errors: 0 };
    for (const row of rows) {
      try {
        const refund = await this.refunds.refundAsSystem(row.order_id, '付费提问超时未回答，自动退款', (m) => this.ledger.expire(m, row.question_id));
        if (refund) result.refunded++;
        else result.skipped++;
      } catch (err) {
        result.errors++;
        this.logger.warn({ questionId: row.question_id, orderId: row.order_id, err: (err as Error).message }, 'could not refund an overdue paid question; the next sweep retries');
      }
    }
    return result;
  }

  private async settingsOf(courseId: number): Promise<SettingsView> {
    const row = await this.ds.getRepository(PaidQuestionSettings).findOneBy({ courseId });
    if (!row) return { courseId, enabled: false, priceFen: null, unlockPriceFen: null, answerDays: this.options.defaultAnswerDays };
    return { courseId, enabled: row.enabled, priceFen: row.priceFen, unlockPriceFen: row.unlockPriceFen, answerDays: row.answerDays };
  }

  private async ownCourse(actor: PaidQuestionActor, courseId: number): Promise<Course> {
    const course = await this.ds.getRepository(Course).findOneBy({ id: courseId });
    // Someone else's course does not exist for them.
    if (!course || !isOwnerOrAdmin(course, actor)) throw new NotFoundError('course');
    return course;
  }

  /** Each question with what the viewer may know: answers, unlocks, order and unlock price, in a few queries for the whole page. */
  private async views(rows: PaidQuestion[], viewer: Viewer): Promise<QuestionView[]> {
    if (!rows.length) return [];
    const ids = rows.map((q) => q.id);
    const courseIds = [...new Set(rows.map((q) => q.courseId))];
    const [unlocks, orders, settings] = await Promise.all([
      viewer ? this.ds.getRepository(QuestionUnlock).find({ where: { userId: viewer.id, questionId: In(ids) } }) : Promise.resolve([]),
      this.ds.getRepository(Order).find({ where: { questionId: In(ids), itemType: 'question' }, select: { id: true, questionId: true, status: true } }),
      this.ds.getRepository(PaidQuestionSettings).find({ where: { courseId: In(courseIds) } }),
    ]);
    const unlocked = new Set(unlocks.map((u) => u.questionId));
    const orderOf = new Map(orders.map((o) => [o.questionId, o]));
    const settingsOf = new Map(settings.map((s) => [s.courseId, s]));
    return rows.map((question) => {
      const involved = !!viewer && !!question.course && (viewer.id === question.userId || isOwnerOrAdmin(question.course, viewer));
      const hasUnlock = unlocked.has(question.id);
      const s = settingsOf.get(question.courseId);
      const order = involved ? orderOf.get(question.id) : undefined;
      return {
        question,
        courseName: question.course?.name ?? '',
        canRead: involved || hasUnlock,
        unlocked: hasUnlock,
        unlockPriceFen: question.isPublic && question.status === 'ANSWERED' && s?.enabled ? s.unlockPriceFen : null,
        orderId: order?.id ?? null,
        orderStatus: order?.status ?? null,
      };
    });
  }
}

function unanswerable(status: PaidQuestionStatus): ConflictError {
  switch (status) {
    case 'ANSWERED':
      return new ConflictError('this question has been answered already', 'ALREADY_ANSWERED');
    case 'EXPIRED':
      return new ConflictError('the deadline passed and the question was refunded; it can no longer be answered', 'QUESTION_EXPIRED');
    case 'REFUNDED':
      return new ConflictError('the question was refunded; it can no longer be answered', 'QUESTION_REFUNDED');
    default:
      return new ConflictError('the question has not been paid for yet', 'QUESTION_NOT_PAID');
  }
}
