import type { CourseProgress, LessonProgressView, LibraryCourse, PlayerLesson } from '../../domain/learning/progress.service';
import type { MediaUrlSigner } from '../../storage/media-url-signer';
import { serializeCourse, serializeLesson, serializeRelease } from './course.serializer';

export function serializeCourseProgress(p: CourseProgress) {
  return { completed_lessons: p.completedLessons, total_lessons: p.totalLessons, percent: p.percent };
}

export function serializeLessonProgress(p: LessonProgressView) {
  return {
    lesson_id: p.lessonId,
    course_id: p.courseId,
    position_s: p.positionS,
    completed: p.completed,
    completed_at: p.completedAt?.toISOString() ?? null,
    studied_s: p.studiedS,
    updated_at: p.updatedAt.toISOString(),
  };
}

/** What the player needs: the lesson, a fresh signed media URL, where to resume, and what comes before and after. */
export function serializePlayerLesson(p: PlayerLesson, urls: MediaUrlSigner) {
  return {
    ...serializeLesson(p.lesson),
    ...serializeRelease(p.lesson.release),
    url: p.playable && p.lesson.mediaKey ? urls.sign(p.lesson.mediaKey) : null,
    course: { id: p.course.id, name: p.course.name },
    position_s: p.progress?.positionS ?? 0,
    completed: p.progress?.completed ?? false,
    previous_lesson_id: p.previousLessonId,
    next_lesson_id: p.nextLessonId,
  };
}

export function serializeLibraryCourse(c: LibraryCourse, urls: MediaUrlSigner) {
  return {
    course: serializeCourse(c.course, urls),
    enrolled_at: c.enrolledAt.toISOString(),
    progress: serializeCourseProgress(c.progress),
    last_lesson_id: c.lastLessonId,
    last_studied_at: c.lastStudiedAt?.toISOString() ?? null,
  };
}
