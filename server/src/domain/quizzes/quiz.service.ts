import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, LessonLockedError, NotFoundError, ValidationError } from '../../errors';
import type { Clock } from '../../shared/clock';
import { duplicateKeyIndex } from '../../shared/db-errors';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import { isOwnerOrAdmin, type CatalogService, type CourseOutline } from '../catalog/catalog.service';
import { Chapter } from '../catalog/chapter.entity';
import { Course } from '../catalog/course.entity';
import { Lesson } from '../catalog/lesson.entity';
import type { CertificateTriggers } from '../certificates/certificate-triggers';
import type { Viewer } from '../viewer';
import { answerProblem, grade, type AnswerKey, type GivenAnswer, type QuestionKind } from './grading';
import { QuizAttempt, type AttemptStatus } from './quiz-attempt.entity';
import { gradingChange } from './quiz-edit';
import { QuizQuestion } from './quiz-question.entity';
import { Quiz } from './quiz.entity';

export type Author = NonNullable<Viewer>;

export interface QuestionInput {
  kind: QuestionKind;
  prompt: string;
  options: string[];
  answerKey: AnswerKey;
  explanation: string | null;
  points: number;
}

export interface QuizInput {
  title: string;
  lessonId?: number;
  chapterId?: number;
  passPercent: number;
  required: boolean;
  questions: QuestionInput[];
}

/** What an edit replaces: the quiz stays where it is (its lesson or chapter). */
export type QuizEdit = Omit<QuizInput, 'lessonId' | 'chapterId'>;

/** A quiz with its questions in order. */
export interface QuizWithQuestions {
  quiz: Quiz;
  questions: QuizQuestion[];
}

/** A quiz in a course's list, with the viewer's best attempt so far. */
export interface QuizListing {
  quiz: Quiz;
  questionCount: number;
  best: Pick<QuizAttempt, 'score' | 'maxScore' | 'percent' | 'passed' | 'status'> | null;
}

/** An attempt with the questions it answered: what a learner sees after submitting. */
export interface ReviewedAttempt {
  attempt: QuizAttempt;
  questions: QuizQuestion[];
}

/** A submit's outcome: `replayed` when the client's attempt id named an attempt already made. */
export interface Submission extends ReviewedAttempt {
  replayed: boolean;
}

/**
 * Quizzes and exercises. Learners take them where they may study (the course outline decides, so a
 * locked lesson's quiz is locked too); answers and explanations reach a learner only with their own
 * submitted attempt. Short answers wait for the creator's points before the attempt passes or fails.
 */
export class QuizService {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: CatalogService,
    private readonly clock: Clock,
    private readonly certificates?: CertificateTriggers,
  ) {}

  /** After a pass is committed: the learner may have finished the course. */
  private async onPassed(event: { userId: number; courseId: number; quizId: number }): Promise<void> {
    await this.certificates?.mayHaveFinished({ userId: event.userId, courseId: event.courseId, reason: `quiz-${event.quizId}` });
  }

  async create(author: Author, courseId: number, input: QuizInput): Promise<QuizWithQuestions> {
    return this.ds.transaction(async (m) => {
      const course = await m.getRepository(Course).findOneBy({ id: courseId, creatorId: author.id });
      if (!course) throw new NotFoundError('course');
      let chapterId = input.chapterId ?? null;
      if (input.lessonId !== undefined) {
        const lesson = await m.getRepository(Lesson).findOneBy({ id: input.lessonId, courseId });
        if (!lesson) throw ValidationError.field('lesson', 'is not a lesson of this course');
        if (chapterId !== null && chapterId !== lesson.chapterId) throw ValidationError.field('chapter', "is not the lesson's chapter");
        chapterId = lesson.chapterId;
      } else if (chapterId !== null && !(await m.getRepository(Chapter).existsBy({ id: chapterId, courseId }))) {
        throw ValidationError.field('chapter', 'is not a chapter of this course');
      }
      const quiz = await m.getRepository(Quiz).save(
        m.getRepository(Quiz).create({ courseId, chapterId, lessonId: input.lessonId ?? null, title: input.title, passPercent: input.passPercent, required: input.required }),
      );
      const questions = await m.getRepository(QuizQuestion).save(input.questions.map((q, position) => m.getRepository(QuizQuestion).create({ ...q, quizId: quiz.id, position })));
      return { quiz, questions };
    });
  }

  /** The creator's view of their quiz, answer key included. */
  async getOwn(author: Author, quizId: number): Promise<QuizWithQuestions> {
    const quiz = await this.ownQuiz(this.ds.manager, author, quizId);
    return { quiz, questions: await this.questionsOf(this.ds.manager, quiz.id) };
  }

  /**
   * Replaces the quiz's title, pass mark and questions. Once learners have attempted it, only rewording
   * goes (the title, prompts, explanations: questions keep their ids, attempts their grades); any
   * other change is refused with 409 QUIZ_HAS_ATTEMPTS. The quiz row is locked, and a submit takes
   * the same lock, so no attempt is graded against questions being replaced.
   */
  async replace(author: Author, quizId: number, input: QuizEdit): Promise<QuizWithQuestions> {
    return this.ds.transaction(async (m) => {
      await this.ownQuiz(m, author, quizId);
      const quiz = (await m.getRepository(Quiz).findOne({ where: { id: quizId }, lock: { mode: 'pessimistic_write' } }))!;
      const current = await this.questionsOf(m, quiz.id);
      const attempted = await m.getRepository(QuizAttempt).existsBy({ quizId: quiz.id });
      const repo = m.getRepository(QuizQuestion);
      let questions: QuizQuestion[];
      if (attempted) {
        const change = gradingChange({ ...quiz, questions: current }, input);
        if (change) {
          throw new ConflictError(`learners have attempted this quiz: only its title, prompts and explanations may change, not ${change}`, 'QUIZ_HAS_ATTEMPTS', { change });
        }
        questions = current.map((q, i) => Object.assign(q, { prompt: input.questions[i]!.prompt, explanation: input.questions[i]!.explanation }));
        await repo.save(questions);
      } else {
        await repo.delete({ quizId: quiz.id });
        questions = await repo.save(input.questions.map((q, position) => repo.create({ ...q, quizId: quiz.id, position })));
      }
      Object.assign(quiz, { title: input.title, passPercent: input.passPercent, required: input.required });
      await m.getRepository(Quiz).update({ id: quiz.id }, { title: quiz.title, passPercent: quiz.passPercent, required: quiz.required });
      return { quiz, questions };
    });
  }

  async delete(author: Author, quizId: number): Promise<void> {
    const quiz = await this.ownQuiz(this.ds.manager, author, quizId);
    await this.ds.getRepository(Quiz).delete({ id: quiz.id });
  }

  /** The quizzes of a course anyone who can see the course may list, with the viewer's best attempt. */
  async listForCourse(courseId: number, viewer: Viewer): Promise<QuizListing[]> {
    await this.catalog.getVisibleCourse(courseId, viewer);
    const quizzes = await this.ds.getRepository(Quiz).find({ where: { courseId }, order: { id: 'ASC' } });
    if (!quizzes.length) return [];
    const ids = quizzes.map((q) => q.id);
    const counts: Array<{ quiz_id: number; n: string | number }> = await this.ds.query('SELECT quiz_id, COUNT(*) AS n FROM quiz_questions WHERE quiz_id IN (?) GROUP BY quiz_id', [ids]);
    const attempts = viewer
      ? await this.ds.getRepository(QuizAttempt).createQueryBuilder('a').where('a.quizId IN (:...ids) AND a.userId = :userId', { ids, userId: viewer.id }).getMany()
      : [];
    return quizzes.map((quiz) => {
      const mine = attempts.filter((a) => a.quizId === quiz.id).sort((a, b) => Number(b.passed) - Number(a.passed) || b.percent - a.percent);
      const best = mine[0];
      return {
        quiz,
        questionCount: Number(counts.find((c) => c.quiz_id === quiz.id)?.n ?? 0),
        best: best ? { score: best.score, maxScore: best.maxScore, percent: best.percent, passed: best.passed, status: best.status } : null,
      };
    });
  }

  /** A quiz to take: the caller serializes the questions without their answer key. 403 where the viewer may not study. */
  async open(quizId: number, viewer: Viewer): Promise<QuizWithQuestions> {
    const quiz = await this.accessibleQuiz(quizId, viewer);
    return { quiz, questions: await this.questionsOf(this.ds.manager, quiz.id) };
  }

  /**
   * Grades a submission; answers to unknown questions or of the wrong type are refused, naming the
   * question. With the client's id for the attempt, a repeat (a retry after a lost response, a double
   * tap) returns the first attempt instead of making another: the unique (quiz, learner, client id)
   * key decides between concurrent repeats.
   */
  async submit(viewer: Author, quizId: number, answers: Record<string, GivenAnswer>, clientAttemptId: string | null = null): Promise<Submission> {
    const { quiz, outline } = await this.accessibleQuizWithOutline(quizId, viewer);
    if (!outline.enrolled) throw new ForbiddenError('only learners enrolled in the course take its quizzes', 'NOT_ENROLLED');
    const earlier = clientAttemptId === null ? null : await this.replayOf(quiz.id, viewer.id, clientAttemptId);
    if (earlier) return earlier;
    let saved: ReviewedAttempt;
    try {
      saved = await this.ds.transaction(async (m) => {
        // Shared with other submits, exclusive with an edit replacing the questions or the pass mark, which
        // are read under it. (LOCK IN SHARE MODE: MariaDB has no FOR SHARE.)
        const [locked]: Array<{ pass_percent: number }> = await m.query('SELECT pass_percent FROM quizzes WHERE id = ? LOCK IN SHARE MODE', [quiz.id]);
        if (!locked) throw new NotFoundError('quiz');
        const questions = await this.questionsOf(m, quiz.id);
        const result = grade(questions, this.givenAnswers(questions, answers));
        const now = this.clock.now();
        const status: AttemptStatus = result.complete ? 'GRADED' : 'AWAITING_REVIEW';
        const repo = m.getRepository(QuizAttempt);
        const attempt = await repo.save(
          repo.create({
            quizId: quiz.id,
            userId: viewer.id,
            results: result.results,
            score: result.score,
            maxScore: result.maxScore,
            percent: result.percent,
            passed: result.complete && result.percent >= locked.pass_percent,
            status,
            submittedAt: now,
            gradedAt: result.complete ? now : null,
            clientAttemptId,
          }),
        );
        return { attempt, questions };
      });
    } catch (err) {
      const replay = clientAttemptId !== null && duplicateKeyIndex(err) === 'uq_quiz_attempts_client' ? await this.replayOf(quiz.id, viewer.id, clientAttemptId) : null;
      if (replay) return replay;
      throw err;
    }
    if (saved.attempt.passed) await this.onPassed({ userId: viewer.id, courseId: quiz.courseId, quizId: quiz.id });
    return { ...saved, replayed: false };
  }

  /** The answers keyed by question, each checked against its question. */
  private givenAnswers(questions: QuizQuestion[], answers: Record<string, GivenAnswer>): Map<number, GivenAnswer> {
    const byId = new Map(questions.map((q) => [q.id, q]));
    const given = new Map<number, GivenAnswer>();
    for (const [key, value] of Object.entries(answers)) {
      const question = byId.get(Number(key));
      if (!question) throw ValidationError.field(`answers.${key}`, 'is not a question of this quiz');
      const problem = answerProblem(question.kind, question.options.length, value);
      if (problem) throw ValidationError.field(`answers.${key}`, problem);
      given.set(question.id, value);
    }
    return given;
  }

  /** The attempt a client already made under this id, if any. */
  private async replayOf(quizId: number, userId: number, clientAttemptId: string): Promise<Submission | null> {
    const attempt = await this.ds.getRepository(QuizAttempt).findOneBy({ quizId, userId, clientAttemptId });
    if (!attempt) return null;
    return { attempt, questions: await this.questionsOf(this.ds.manager, quizId), replayed: true };
  }

  /** The viewer's own attempts at a quiz, newest first, with answers and explanations (they have submitted). */
  async myAttempts(viewer: Author, quizId: number): Promise<ReviewedAttempt[]> {
    const quiz = await this.accessibleQuiz(quizId, viewer);
    const [attempts, questions] = await Promise.all([
      this.ds.getRepository(QuizAttempt).find({ where: { quizId: quiz.id, userId: viewer.id }, order: { id: 'DESC' } }),
      this.questionsOf(this.ds.manager, quiz.id),
    ]);
    return attempts.map((attempt) => ({ attempt, questions }));
  }

  /** Attempts at the creator's quiz, those awaiting review first. */
  async attemptsOf(author: Author, quizId: number, status: AttemptStatus | undefined, page: PageRequest): Promise<Page<ReviewedAttempt>> {
    const quiz = await this.ownQuiz(this.ds.manager, author, quizId);
    const [attempts, count] = await this.ds.getRepository(QuizAttempt).findAndCount({
      where: { quizId: quiz.id, ...(status ? { status } : {}) },
      order: { submittedAt: 'ASC', id: 'ASC' },
      take: page.pageSize,
      skip: offsetOf(page),
    });
    const questions = await this.questionsOf(this.ds.manager, quiz.id);
    return { count, results: attempts.map((attempt) => ({ attempt, questions })) };
  }

  /**
   * The creator's points for the short answers of an attempt. Every short answer must get points;
   * grading again replaces the earlier points (a correction), and the attempt passes or fails by the total.
   */
  async gradeAttempt(author: Author, attemptId: number, points: Record<string, number>): Promise<ReviewedAttempt> {
    const reviewed = await this.ds.transaction(async (m) => {
      const attempt = await m.getRepository(QuizAttempt).findOne({ where: { id: String(attemptId) }, lock: { mode: 'pessimistic_write' } });
      if (!attempt) throw new NotFoundError('attempt');
      const quiz = await this.ownQuiz(m, author, attempt.quizId).catch((err: unknown) => {
        throw err instanceof NotFoundError ? new NotFoundError('attempt') : err;
      });
      const questions = await this.questionsOf(m, quiz.id);
      const shortAnswers = new Set(questions.filter((q) => q.kind === 'short_answer').map((q) => q.id));
      const awarded = new Map<number, number>();
      for (const [key, value] of Object.entries(points)) {
        const question = questions.find((q) => q.id === Number(key));
        if (!question || !shortAnswers.has(question.id)) throw ValidationError.field(`points.${key}`, 'is not a short-answer question of this quiz');
        if (value > question.points) throw ValidationError.field(`points.${key}`, `must be at most ${question.points}`);
        awarded.set(question.id, value);
      }
      const given = new Map(attempt.results.filter((r) => r.given !== null).map((r) => [r.questionId, r.given as GivenAnswer]));
      const result = grade(questions, given, awarded);
      const missing = result.results.find((r) => r.points === null);
      if (missing) throw ValidationError.field(`points.${missing.questionId}`, 'is required: every short answer needs points');
      const wasPassed = attempt.passed;
      Object.assign(attempt, {
        results: result.results,
        score: result.score,
        maxScore: result.maxScore,
        percent: result.percent,
        passed: result.percent >= quiz.passPercent,
        status: 'GRADED' as const,
        gradedAt: this.clock.now(),
      });
      await m.getRepository(QuizAttempt).save(attempt);
      return { attempt, questions, quiz, newlyPassed: attempt.passed && !wasPassed };
    });
    if (reviewed.newlyPassed) await this.onPassed({ userId: reviewed.attempt.userId, courseId: reviewed.quiz.courseId, quizId: reviewed.quiz.id });
    return { attempt: reviewed.attempt, questions: reviewed.questions };
  }

  /** How many required quizzes of the course the learner has not passed yet. */
  async requiredLeft(userId: number, courseId: number): Promise<number> {
    const [row]: Array<{ n: string | number }> = await this.ds.query(
      `SELECT COUNT(*) AS n FROM quizzes q
        WHERE q.course_id = ? AND q.required = 1
          AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.quiz_id = q.id AND a.user_id = ? AND a.passed = 1)`,
      [courseId, userId],
    );
    return Number(row?.n ?? 0);
  }

  private async accessibleQuiz(quizId: number, viewer: Viewer): Promise<Quiz> {
    return (await this.accessibleQuizWithOutline(quizId, viewer)).quiz;
  }

  /** The quiz if the viewer may study where it sits (enrolled, and its lesson open); the course's creator and admins may look. */
  private async accessibleQuizWithOutline(quizId: number, viewer: Viewer): Promise<{ quiz: Quiz; outline: CourseOutline }> {
    const quiz = await this.ds.getRepository(Quiz).findOneBy({ id: quizId });
    if (!quiz) throw new NotFoundError('quiz');
    let outline: CourseOutline;
    try {
      outline = await this.catalog.getOutline(quiz.courseId, viewer);
    } catch (err) {
      if (err instanceof NotFoundError) throw new NotFoundError('quiz');
      throw err;
    }
    if (isOwnerOrAdmin(outline.course, viewer)) return { quiz, outline };
    if (!outline.enrolled) throw new ForbiddenError('buy the course to take its quizzes', 'NOT_ENROLLED');
    const lesson = outline.chapters.flatMap((c) => c.lessons).find((l) => l.lesson.id === quiz.lessonId);
    if (lesson?.opensAt) throw new LessonLockedError(lesson.opensAt);
    return { quiz, outline };
  }

  private async ownQuiz(m: EntityManager, author: Author, quizId: number): Promise<Quiz> {
    const quiz = await m
      .getRepository(Quiz)
      .createQueryBuilder('q')
      .innerJoin(Course, 'c', 'c.id = q.courseId')
      .where('q.id = :quizId AND c.creatorId = :creatorId', { quizId, creatorId: author.id })
      .getOne();
    if (!quiz) throw new NotFoundError('quiz');
    return quiz;
  }

  private questionsOf(m: EntityManager, quizId: number): Promise<QuizQuestion[]> {
    return m.getRepository(QuizQuestion).find({ where: { quizId }, order: { position: 'ASC', id: 'ASC' } });
  }
}
