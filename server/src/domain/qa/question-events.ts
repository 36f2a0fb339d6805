import type { CourseQuestion } from './course-question.entity';

/**
 * What follows a question: the creator hears of a new one, the asker of its answer (in chat when bound,
 * else as a subscribe message). Called after the change is stored; a failure is logged, never undone.
 */
export interface QuestionEvents {
  asked(q: CourseQuestion): Promise<void>;
  answered(q: CourseQuestion): Promise<void>;
}
