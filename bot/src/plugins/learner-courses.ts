import type { BotServices } from './services';

/** How many of the learner's courses the bot looks at (the app lists them all). */
export const LEARNER_COURSES = 10;

/**
 * The learner's courses as the app's 我的课程 lists them (enrollments, and covered courses a member has
 * started), most recently studied first, with the count of all of them.
 */
export async function learnerCourses(services: Pick<BotServices, 'progress'>, userId: number) {
  const library = await services.progress.library(userId, { page: 1, pageSize: LEARNER_COURSES });
  const courses = library.results.map((c) => ({ courseId: c.course.id, name: c.course.name, enrolledAt: c.enrolledAt, progress: c.progress.percent / 100 }));
  return { courses, count: library.count };
}
