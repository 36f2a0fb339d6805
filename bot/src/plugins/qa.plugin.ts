import { AppError } from '@knowpay/server';
import type { WechatyPlugin } from 'wechaty';
import * as format from '../format';
import { onCommand, type Incoming } from './incoming';
import { PendingQuestions } from './pending-questions';
import type { BotServices } from './services';
import { learnerCourses } from './learner-courses';

type QaServices = Pick<BotServices, 'chatBindings' | 'qaKnowledge' | 'questions' | 'progress' | 'catalog' | 'clock' | 'logger'>;

/**
 * Questions: answered from the knowledge base (FAQ, answered questions, platform help) when it is
 * confident; otherwise remembered for a few minutes, and "转给老师" turns them into a course question
 * for the creator, who is told in chat (QuestionEvents) and answers with "#Q<id> …".
 */
export function qaPlugin(services: QaServices, pending = new PendingQuestions(services.clock)): WechatyPlugin {
  return (bot) =>
    onCommand(bot, 'qa', services.logger, async (message) => {
      if (message.command.kind === 'question') return answer(services, pending, message, message.command.text);
      if (message.command.kind === 'forward') return forward(services, pending, message, message.command.choice);
    });
}

async function answer(services: QaServices, pending: PendingQuestions, message: Incoming, text: string): Promise<void> {
  const user = await services.chatBindings.userForContact(message.contactId);
  const courses = user ? (await learnerCourses(services, user.id)).courses : [];
  // A learner's own courses narrow the search; anyone else gets the whole platform's knowledge.
  // The search sees folded characters (full-width letters and digits); the teacher sees what was typed.
  const result = services.qaKnowledge.answer(text.normalize('NFKC'), courses.length ? courses.map((c) => c.courseId) : null);
  if (result.confident && result.hit) {
    const { doc } = result.hit;
    // "转给老师" after an answered question must not forward an older, unrelated one.
    pending.forget(message.contactId);
    const courseName = doc.courseId === null ? null : (courses.find((c) => c.courseId === doc.courseId)?.name ?? (await publicCourseName(services, doc.courseId)));
    return message.reply(format.answer(doc.answer, courseName));
  }
  pending.remember(message.contactId, { text });
  return message.reply(format.texts.notConfident);
}

async function publicCourseName(services: QaServices, courseId: number): Promise<string | null> {
  try {
    return (await services.catalog.getVisibleCourse(courseId, null)).name;
  } catch {
    // An answer from a course that is no longer public is still an answer; it just names no source.
    return null;
  }
}

async function forward(services: QaServices, pending: PendingQuestions, message: Incoming, choice: number | undefined): Promise<void> {
  const question = pending.get(message.contactId);
  if (!question) return message.reply(format.texts.nothingToForward);
  const user = await services.chatBindings.userForContact(message.contactId);
  // The question stays pending: a learner who binds now can still say "转给老师".
  if (!user) return message.reply(format.texts.notBound);
  const courses = question.choices ?? (await learnerCourses(services, user.id)).courses.map(({ courseId, name }) => ({ courseId, name }));
  if (!courses.length) return message.reply(format.texts.forwardNeedsEnrollment);

  let course = courses.length === 1 ? courses[0] : undefined;
  if (choice !== undefined) course = courses[choice - 1];
  if (!course) {
    // The numbers shown must keep meaning the same courses when the learner answers with one.
    pending.remember(message.contactId, { text: question.text, choices: courses });
    return message.reply(format.chooseCourse(courses));
  }
  try {
    const asked = await services.questions.ask({ id: user.id, role: user.role }, course.courseId, question.text, 'chat');
    pending.forget(message.contactId);
    return message.reply(format.forwarded(course.name, asked.id));
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      services.logger.child({ module: 'bot-qa' }).info({ code: err.code, courseId: course.courseId }, 'question not forwarded');
      return message.reply(format.notForwarded(err.code));
    }
    throw err;
  }
}
