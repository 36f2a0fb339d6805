import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../errors';
import type { Logger } from '../../logger';
import type { Clock } from '../../shared/clock';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import { isOwnerOrAdmin, type CatalogService } from '../catalog/catalog.service';
import type { EnrollmentService } from '../learning/enrollment.service';
import type { Viewer } from '../viewer';
import { CourseQuestion, type QuestionSource, type QuestionStatus } from './course-question.entity';
import type { QaKnowledgeService } from './qa-knowledge.service';
import type { QuestionEvents } from './question-events';

export type QuestionActor = NonNullable<Viewer>;

export interface QuestionFilter {
  status?: QuestionStatus;
  /** Only the viewer's own questions (public or not). */
  mine?: boolean;
}

export const QUESTION_MAX_CHARS = 1000;
export const ANSWER_MAX_CHARS = 5000;

/**
 * A course's Q&A: enrolled learners ask (in the mini-program, or through the chat bot), the creator
 * or an admin answers. Public questions are read by everyone who may see the course.
 */
export class QuestionService {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: CatalogService,
    private readonly enrollments: EnrollmentService,
    private readonly clock: Clock,
    private readonly events: QuestionEvents,
    /** A loaded knowledge base in this process learns new answers at once (the bot's); optional. */
    private readonly extras: { knowledge?: Pick<QaKnowledgeService, 'upsertQuestion'>; logger?: Logger } = {},
  ) {}

  async ask(asker: QuestionActor, courseId: number, text: string, source: QuestionSource, options: { isPublic?: boolean } = {}): Promise<CourseQuestion> {
    const body = checkedText(text, 'text', QUESTION_MAX_CHARS);
    const course = await this.catalog.getVisibleCourse(courseId, asker);
    if (course.creatorId === asker.id) throw new ForbiddenError('creators answer the questions on their own course', 'OWN_COURSE');
    if (!(await this.enrollments.hasAccess(asker.id, courseId))) {
      throw new ForbiddenError('only learners enrolled in this course can ask in its Q&A', 'NOT_ENROLLED');
    }
    const question = this.ds.getRepository(CourseQuestion).create({
      courseId,
      userId: asker.id,
      text: body,
      status: 'OPEN',
      source,
      isPublic: options.isPublic ?? true,
      createdAt: this.clock.now(),
    });
    await this.ds.getRepository(CourseQuestion).insert(question);
    const stored = await this.get(question.id);
    await this.announce('asked', stored);
    return stored;
  }

  /** The creator of the question's course or an admin answers; answering again replaces the answer. */
  async answer(answerer: QuestionActor, questionId: number, text: string): Promise<CourseQuestion> {
    const body = checkedText(text, 'answer', ANSWER_MAX_CHARS);
    const question = await this.ds.getRepository(CourseQuestion).findOne({ where: { id: questionId }, relations: { course: true } });
    // Anyone else learns nothing, not even that the question exists.
    if (!question?.course || !isOwnerOrAdmin(question.course, answerer)) throw new NotFoundError('question');
    await this.ds
      .getRepository(CourseQuestion)
      .update(question.id, { status: 'ANSWERED', answer: body, answeredBy: answerer.id, answeredAt: this.clock.now() });
    const stored = await this.get(question.id);
    this.extras.knowledge?.upsertQuestion(stored);
    await this.announce('answered', stored);
    return stored;
  }

  /**
   * Newest first. The creator and admins see every question of the course; others see public ones and
   * their own, and only while they may see the course at all.
   */
  async list(courseId: number, viewer: Viewer, page: PageRequest, filter: QuestionFilter = {}): Promise<Page<CourseQuestion>> {
    if (filter.mine && !viewer) throw new UnauthorizedError('sign in to list your own questions');
    const course = await this.catalog.getVisibleCourse(courseId, viewer);
    const qb = this.withPeople().where('q.courseId = :courseId', { courseId });
    if (filter.mine && viewer) qb.andWhere('q.userId = :viewerId', { viewerId: viewer.id });
    else if (!isOwnerOrAdmin(course, viewer)) qb.andWhere('(q.isPublic = 1 OR q.userId = :viewerId)', { viewerId: viewer?.id ?? 0 });
    if (filter.status) qb.andWhere('q.status = :status', { status: filter.status });
    const [results, count] = await qb.orderBy('q.createdAt', 'DESC').addOrderBy('q.id', 'DESC').skip(offsetOf(page)).take(page.pageSize).getManyAndCount();
    return { count, results };
  }

  /** The creator's to-do list: open questions on all their courses, oldest first. */
  async openForCreator(creatorId: number, page: PageRequest): Promise<Page<CourseQuestion>> {
    const [results, count] = await this.withPeople()
      .where('c.creatorId = :creatorId AND q.status = :open', { creatorId, open: 'OPEN' })
      .orderBy('q.createdAt', 'ASC')
      .addOrderBy('q.id', 'ASC')
      .skip(offsetOf(page))
      .take(page.pageSize)
      .getManyAndCount();
    return { count, results };
  }

  /** Any question by id, with its asker, answerer and course; permission checks are the caller's. */
  async get(id: number): Promise<CourseQuestion> {
    const question = await this.withPeople().where('q.id = :id', { id }).getOne();
    if (!question) throw new NotFoundError('question');
    return question;
  }

  /** Questions with the names lists show: asker, answerer, course. Only ids and names, never contact data. */
  private withPeople(): SelectQueryBuilder<CourseQuestion> {
    return this.ds
      .getRepository(CourseQuestion)
      .createQueryBuilder('q')
      .innerJoin('q.course', 'c')
      .addSelect(['c.id', 'c.name', 'c.creatorId'])
      .innerJoin('q.user', 'u')
      .addSelect(['u.id', 'u.displayName'])
      .leftJoin('q.answerer', 'a')
      .addSelect(['a.id', 'a.displayName']);
  }

  /** The question is stored whatever happens here: a failed notification must not turn into a failed request. */
  private async announce(event: 'asked' | 'answered', question: CourseQuestion): Promise<void> {
    try {
      await this.events[event](question);
    } catch (err) {
      this.extras.logger?.warn({ err, questionId: question.id, event }, 'could not pass on a question event');
    }
  }
}

/** The bot calls this service with whatever was typed, so the service checks text itself, as the routes do. */
export function checkedText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (!text) throw ValidationError.field(field, 'must not be empty');
  if (text.length > max) throw ValidationError.field(field, `must be at most ${max} characters`);
  return text;
}
