import type { CourseQuestion } from '../../domain/qa/course-question.entity';
import type { FaqEntry } from '../../domain/qa/faq-entry.entity';
import { serializePerson } from './user.serializer';

export function serializeQuestion(q: CourseQuestion) {
  return {
    id: q.id,
    course: q.courseId,
    course_name: q.course?.name ?? null,
    user: serializePerson(q.user),
    text: q.text,
    status: q.status,
    answer: q.answer,
    answered_by: serializePerson(q.answerer ?? undefined),
    answered_at: q.answeredAt?.toISOString() ?? null,
    source: q.source,
    is_public: q.isPublic,
    created_at: q.createdAt.toISOString(),
  };
}

export function serializeFaq(entry: FaqEntry) {
  return {
    id: entry.id,
    course: entry.courseId,
    question: entry.question,
    answer: entry.answer,
    position: entry.position,
    created_at: entry.createdAt.toISOString(),
    updated_at: entry.updatedAt.toISOString(),
  };
}
