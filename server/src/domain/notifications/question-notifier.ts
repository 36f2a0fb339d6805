import type { DataSource } from 'typeorm';
import type { Logger } from '../../logger';
import { jobIds } from '../../queues';
import type { Clock } from '../../shared/clock';
import { Course } from '../catalog/course.entity';
import type { PaidQuestion } from '../paid-questions/paid-question.entity';
import type { PaidAnswerEvents } from '../paid-questions/paid-question.service';
import type { CourseQuestion } from '../qa/course-question.entity';
import type { QuestionEvents } from '../qa/question-events';
import { User } from '../users/user.entity';
import type { ChatContacts, ChatOutbox } from './notification.service';
import { answerNotice, questionAskedText, type LearnerNotice, type NoticeTemplates } from './notices';

/** Where an answer notice waits for the notification worker (Producers.notice), so it is retried there. */
export interface NoticeQueue {
  notice(notice: LearnerNotice): Promise<void>;
}

/**
 * Question events as messages: a new question goes to the course's creator in chat (only when the
 * creator is bound; they answer by replying, which the bot matches by the #Q marker), an answer goes
 * to the asker through the notification worker (chat when bound, else a subscribe message).
 */
export class QuestionNotifier implements QuestionEvents, PaidAnswerEvents {
  constructor(
    private readonly ds: DataSource,
    private readonly contacts: ChatContacts,
    private readonly queues: ChatOutbox & NoticeQueue,
    private readonly templates: Pick<NoticeTemplates, 'answer'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async asked(q: CourseQuestion): Promise<void> {
    const course = q.course ?? (await this.ds.getRepository(Course).findOneBy({ id: q.courseId }));
    if (!course) return;
    const contact = await this.contacts.contactForUser(course.creatorId);
    if (!contact) {
      this.logger.debug({ questionId: q.id, creatorId: course.creatorId }, 'creator not bound in chat: the question waits in their list');
      return;
    }
    const askerName = q.user?.displayName ?? (await this.ds.getRepository(User).findOneBy({ id: q.userId }))?.displayName ?? '学员';
    await this.queues.sendToChat(
      { contactId: contact.contactId, text: questionAskedText({ questionId: q.id, courseName: course.name, askerName, question: q.text }) },
      jobIds.chat('asked', q.id, course.creatorId),
    );
  }

  async answered(q: CourseQuestion): Promise<void> {
    if (!q.answer) return;
    const courseName = q.course?.name ?? (await this.ds.getRepository(Course).findOneBy({ id: q.courseId }))?.name;
    if (courseName === undefined) return;
    await this.queues.notice(
      answerNotice(
        { questionId: q.id, userId: q.userId, courseId: q.courseId, courseName, question: q.text, answer: q.answer, answeredAt: q.answeredAt ?? this.clock.now() },
        this.templates.answer,
      ),
    );
  }

  /** A paid question's answer, to its asker: the answer notice, keyed apart from the course Q&A's questions. */
  async paidAnswered(q: PaidQuestion, courseName: string): Promise<void> {
    if (!q.answer) return;
    const notice = answerNotice(
      { questionId: q.id, userId: q.userId, courseId: q.courseId, courseName, question: q.text, answer: q.answer, answeredAt: q.answeredAt ?? this.clock.now() },
      this.templates.answer,
    );
    await this.queues.notice({ ...notice, key: paidAnswerKey(q.id) });
  }
}

/** The notice key of a paid question's answer (course Q&A questions use their bare id). */
export function paidAnswerKey(questionId: number): string {
  return `paid-${questionId}`;
}
