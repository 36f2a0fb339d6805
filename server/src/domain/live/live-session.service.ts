import type { DataSource } from 'typeorm';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import type { Clock } from '../../shared/clock';
import { duplicateKeyIndex } from '../../shared/db-errors';
import { isOwnerOrAdmin, type CatalogService } from '../catalog/catalog.service';
import { Course } from '../catalog/course.entity';
import { Lesson } from '../catalog/lesson.entity';
import type { EnrollmentService } from '../learning/enrollment.service';
import type { LiveReminderFacts } from '../notifications/notices';
import type { Viewer } from '../viewer';
import { LiveQuestion } from './live-question.entity';
import { LiveSession } from './live-session.entity';
import { PLAN_COVERS_COURSE } from '../memberships/membership-terms';

/** A session's stream, per platform: the WeChat live plugin's room (mini-program), an HLS URL (browsers, and the mini-program without the plugin). */
export interface LiveStream {
  wechatLiveRoomId: string | null;
  hlsUrl: string | null;
}

export interface LiveSessionInput extends LiveStream {
  title: string;
  startsAt: Date;
  durationMin: number;
}

/** A question as the room shows it: who asked (their name), votes, whether the creator answered it. */
export interface RoomQuestion {
  id: number;
  sessionId: number;
  askerName: string;
  text: string;
  upvotes: number;
  answered: boolean;
  createdAt: Date;
}

/** Who is in a room: learners ask and upvote; the course's creator (and admins) also mark questions answered. */
export interface RoomMember {
  userId: number;
  name: string;
  moderator: boolean;
}

/** What changed in a room, for every process's clients (Redis pub/sub carries it). */
export type RoomEvent = { type: 'question'; question: RoomQuestion } | { type: 'upvoted'; questionId: number; upvotes: number } | { type: 'answered'; questionId: number };

/**
 * Live sessions and their Q&A rooms. The room's state lives in MySQL (a reconnecting client reads it
 * whole); every change returns the event its clients must see, which the transport publishes.
 */
export class LiveSessionService {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: CatalogService,
    private readonly enrollments: EnrollmentService,
    private readonly clock: Clock,
  ) {}

  async schedule(author: NonNullable<Viewer>, courseId: number, input: LiveSessionInput): Promise<LiveSession> {
    const course = await this.ds.getRepository(Course).findOneBy({ id: courseId, creatorId: author.id });
    if (!course) throw new NotFoundError('course');
    const repo = this.ds.getRepository(LiveSession);
    return repo.save(repo.create({ courseId, ...input }));
  }

  /** Changes what the creator gives (title, time, length, the stream settings); a null stream setting removes it. */
  async update(author: NonNullable<Viewer>, sessionId: number, patch: Partial<LiveSessionInput>): Promise<LiveSession> {
    const session = await this.ownSession(author, sessionId);
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<LiveSessionInput>;
    if (Object.keys(changes).length) await this.ds.getRepository(LiveSession).update({ id: session.id }, changes);
    return { ...session, ...changes };
  }

  /** After the session: its recording is a lesson of the course (uploaded as any lesson); null detaches it. */
  async attachRecording(author: NonNullable<Viewer>, sessionId: number, lessonId: number | null): Promise<LiveSession> {
    const session = await this.ownSession(author, sessionId);
    if (lessonId !== null && !(await this.ds.getRepository(Lesson).existsBy({ id: lessonId, courseId: session.courseId }))) {
      throw ValidationError.field('lesson', 'is not a lesson of this course');
    }
    await this.ds.getRepository(LiveSession).update({ id: session.id }, { recordingLessonId: lessonId });
    return { ...session, recordingLessonId: lessonId };
  }

  /** The sessions of a course anyone who can see it may list, soonest first. */
  async listForCourse(courseId: number, viewer: Viewer): Promise<LiveSession[]> {
    await this.catalog.getVisibleCourse(courseId, viewer);
    return this.ds.getRepository(LiveSession).find({ where: { courseId }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  /** Who may enter the room: learners enrolled in the course, its creator and admins; others get 403, unknown sessions 404. */
  async enter(sessionId: number, viewer: NonNullable<Viewer>): Promise<{ session: LiveSession; member: RoomMember }> {
    const session = await this.ds.getRepository(LiveSession).findOneBy({ id: sessionId });
    if (!session) throw new NotFoundError('live session');
    let outline;
    try {
      outline = await this.catalog.getOutline(session.courseId, viewer);
    } catch (err) {
      if (err instanceof NotFoundError) throw new NotFoundError('live session');
      throw err;
    }
    const moderator = isOwnerOrAdmin(outline.course, viewer);
    if (!outline.enrolled && !moderator) throw new ForbiddenError('the Q&A room is for learners enrolled in the course', 'NOT_ENROLLED');
    const [user]: Array<{ name: string | null; username: string }> = await this.ds.query('SELECT display_name AS name, username FROM users WHERE id = ?', [viewer.id]);
    return { session, member: { userId: viewer.id, name: user?.name || user?.username || '', moderator } };
  }

  /**
   * Whether a member may still act in the room: moderators always; a learner while they have access to
   * the course (a refund revokes it, and a membership can end, while they are connected).
   */
  async mayStay(session: LiveSession, member: RoomMember): Promise<boolean> {
    return member.moderator || this.enrollments.hasAccess(member.userId, session.courseId);
  }

  /** Every question of the room, oldest first: what a (re)connecting client starts from. */
  async questions(sessionId: number): Promise<RoomQuestion[]> {
    const rows: QuestionRow[] = await this.ds.query(`${QUESTION_SELECT} WHERE q.session_id = ? ORDER BY q.id`, [sessionId]);
    return rows.map(toRoomQuestion);
  }

  async ask(member: RoomMember, sessionId: number, text: string): Promise<RoomEvent> {
    const repo = this.ds.getRepository(LiveQuestion);
    const saved = await repo.save(repo.create({ sessionId, userId: member.userId, text, upvotes: 0, answeredAt: null, createdAt: this.clock.now() }));
    return { type: 'question', question: { id: Number(saved.id), sessionId, askerName: member.name, text, upvotes: 0, answered: false, createdAt: saved.createdAt } };
  }

  /** One upvote per member and question; a repeat changes nothing and answers the current count. */
  async upvote(member: RoomMember, sessionId: number, questionId: number): Promise<RoomEvent> {
    await this.questionOf(sessionId, questionId);
    await this.ds.transaction(async (m) => {
      try {
        await m.query('INSERT INTO live_question_votes (question_id, user_id) VALUES (?, ?)', [questionId, member.userId]);
        await m.query('UPDATE live_questions SET upvotes = upvotes + 1 WHERE id = ?', [questionId]);
      } catch (err) {
        if (duplicateKeyIndex(err) !== 'PRIMARY') throw err;
      }
    });
    const question = await this.questionOf(sessionId, questionId);
    return { type: 'upvoted', questionId, upvotes: question.upvotes };
  }

  async markAnswered(member: RoomMember, sessionId: number, questionId: number): Promise<RoomEvent> {
    if (!member.moderator) throw new ForbiddenError("only the course's creator marks questions answered", 'NOT_MODERATOR');
    await this.questionOf(sessionId, questionId);
    await this.ds.query('UPDATE live_questions SET answered_at = COALESCE(answered_at, ?) WHERE id = ?', [this.clock.now(), questionId]);
    return { type: 'answered', questionId };
  }

  /**
   * Learners to remind: those who may study a published course with a session starting in (now, now +
   * lead] (enrolled, or members of a running plan covering it) and not reminded of it yet
   * (notifications_sent), enrolled learners first. A learner both enrolled and a member is found once
   * per sweep at most twice, and told once (the notice is kept per session and learner).
   */
  async dueReminders(now: Date, leadMs: number, limit: number): Promise<LiveReminderFacts[]> {
    const window = [now, new Date(now.getTime() + leadMs)];
    const notReminded = (user: string) =>
      `NOT EXISTS (SELECT 1 FROM notifications_sent n WHERE n.kind = 'live-reminder' AND n.event_key = CAST(s.id AS CHAR) AND n.user_id = ${user})`;
    type Row = { session_id: number; user_id: number; course_id: number; course_name: string; title: string; starts_at: Date };
    const enrolled: Row[] = await this.ds.query(
      `SELECT s.id AS session_id, e.user_id, s.course_id, c.name AS course_name, s.title, s.starts_at
         FROM live_sessions s
         JOIN courses c ON c.id = s.course_id AND c.status = 'PUBLISHED'
         JOIN enrollments e ON e.course_id = s.course_id AND e.status = 'ACTIVE'
        WHERE s.starts_at > ? AND s.starts_at <= ? AND ${notReminded('e.user_id')}
        ORDER BY s.starts_at, s.id, e.user_id
        LIMIT ?`,
      [...window, limit],
    );
    const members: Row[] =
      enrolled.length < limit
        ? await this.ds.query(
            `SELECT DISTINCT s.id AS session_id, ms.user_id, s.course_id, c.name AS course_name, s.title, s.starts_at
               FROM live_sessions s
               JOIN courses c ON c.id = s.course_id AND c.status = 'PUBLISHED'
               JOIN membership_plans p
               JOIN memberships ms ON ms.plan_id = p.id AND ms.status = 'ACTIVE' AND ms.starts_at <= ? AND (ms.ends_at IS NULL OR ms.ends_at > ?)
              WHERE s.starts_at > ? AND s.starts_at <= ? AND ${PLAN_COVERS_COURSE}
                AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.user_id = ms.user_id AND e.course_id = c.id AND e.status = 'ACTIVE')
                AND ${notReminded('ms.user_id')}
              ORDER BY s.starts_at, s.id, ms.user_id
              LIMIT ?`,
            [now, now, ...window, limit - enrolled.length],
          )
        : [];
    return [...enrolled, ...members].map((r) => ({ sessionId: r.session_id, userId: r.user_id, courseId: r.course_id, courseName: r.course_name, title: r.title, startsAt: r.starts_at }));
  }

  private async ownSession(author: NonNullable<Viewer>, sessionId: number): Promise<LiveSession> {
    const session = await this.ds
      .getRepository(LiveSession)
      .createQueryBuilder('s')
      .innerJoin(Course, 'c', 'c.id = s.courseId')
      .where('s.id = :sessionId AND c.creatorId = :creatorId', { sessionId, creatorId: author.id })
      .getOne();
    if (!session) throw new NotFoundError('live session');
    return session;
  }

  private async questionOf(sessionId: number, questionId: number): Promise<LiveQuestion> {
    const question = await this.ds.getRepository(LiveQuestion).findOneBy({ id: String(questionId), sessionId });
    if (!question) throw new NotFoundError('question');
    return question;
  }
}

const QUESTION_SELECT = `SELECT q.id, q.session_id, COALESCE(NULLIF(u.display_name, ''), u.username) AS asker_name, q.text, q.upvotes, q.answered_at, q.created_at
  FROM live_questions q JOIN users u ON u.id = q.user_id`;

interface QuestionRow {
  id: string | number;
  session_id: number;
  asker_name: string;
  text: string;
  upvotes: number;
  answered_at: Date | null;
  created_at: Date;
}

function toRoomQuestion(r: QuestionRow): RoomQuestion {
  return { id: Number(r.id), sessionId: r.session_id, askerName: r.asker_name, text: r.text, upvotes: r.upvotes, answered: r.answered_at !== null, createdAt: r.created_at };
}
