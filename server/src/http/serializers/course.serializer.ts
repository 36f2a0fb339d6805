import { summaryOf, type CourseOutline, type CourseSummary, type LessonView } from '../../domain/catalog/catalog.service';
import type { Chapter } from '../../domain/catalog/chapter.entity';
import type { OwnCourseDetail } from '../../domain/catalog/course-authoring.service';
import type { CourseRevision } from '../../domain/catalog/course-revision.entity';
import type { ReviewItem } from '../../domain/catalog/course-review.service';
import type { Course } from '../../domain/catalog/course.entity';
import type { Lesson } from '../../domain/catalog/lesson.entity';
import type { Review } from '../../domain/catalog/review.entity';
import type { ReleaseRule } from '../../domain/learning/lesson-release';
import { fenToYuan } from '../../shared/money';
import type { MediaUrlSigner } from '../../storage/media-url-signer';
import { serializePerson } from './user.serializer';

export function serializeCourse(course: CourseSummary, urls: MediaUrlSigner) {
  return {
    id: course.id,
    name: course.name,
    description: course.description,
    price: fenToYuan(course.priceFen),
    price_fen: course.priceFen,
    category: course.categoryName,
    category_id: course.categoryId,
    rating: course.ratingAvg,
    rating_count: course.ratingCount,
    sales_count: course.salesCount,
    cover_url: course.coverKey ? urls.publicUrlOf(course.coverKey) : null,
    creator: course.creatorName === null ? null : { id: course.creatorId, name: course.creatorName },
    published_at: course.publishedAt?.toISOString() ?? null,
  };
}

/** What the creator sees of their own course: the public fields plus status and review feedback. */
export function serializeOwnCourse(course: Course, urls: MediaUrlSigner) {
  return {
    ...serializeCourse(summaryOf(course), urls),
    status: course.status,
    review_note: course.reviewNote,
    created_at: course.createdAt.toISOString(),
    updated_at: course.updatedAt.toISOString(),
  };
}

function lessonUrl(lesson: LessonView, playable: boolean, urls: MediaUrlSigner): string | null {
  return playable && lesson.mediaKey ? urls.sign(lesson.mediaKey) : null;
}

/** Detail: the course, its syllabus (a URL only where the viewer may play), and the seed's videos[] and documents[]. */
export function serializeCourseDetail(outline: CourseOutline, urls: MediaUrlSigner) {
  const all = outline.chapters.flatMap((c) => c.lessons);
  const pick = (kind: Lesson['kind']) =>
    all.filter(({ lesson }) => lesson.kind === kind).map(({ lesson, playable }) => ({ id: lesson.id, title: lesson.title, url: lessonUrl(lesson, playable, urls) }));
  return {
    ...serializeCourse(outline.course, urls),
    enrolled: outline.enrolled,
    chapters: outline.chapters.map(({ id, title, lessons }) => ({
      id,
      title,
      lessons: lessons.map(({ lesson, playable, opensAt }) => ({
        ...serializeLesson(lesson),
        ...serializeRelease(lesson.release),
        url: lessonUrl(lesson, playable, urls),
        opens_at: opensAt?.toISOString() ?? null,
      })),
    })),
    videos: pick('video'),
    documents: pick('document'),
  };
}

export function serializeLesson(lesson: Omit<LessonView, 'release'>) {
  return {
    id: lesson.id,
    title: lesson.title,
    kind: lesson.kind,
    duration_s: lesson.durationS,
    free_preview: lesson.freePreview,
    position: lesson.position,
  };
}

/** The drip-release rule as the creator set it: days after enrollment, or a date (both null: open with the course). */
export function serializeRelease(release: ReleaseRule | null) {
  return { release_after_days: release?.afterDays ?? null, release_at: release?.at?.toISOString() ?? null };
}

/** For the creator: whether media is attached, without handing out a URL here. */
export function serializeOwnLesson(lesson: Lesson) {
  return { ...serializeLesson(lesson), chapter_id: lesson.chapterId, course_id: lesson.courseId, has_media: lesson.mediaKey !== null };
}

/**
 * A revision: its state and the changes it holds (null: unchanged). Pending files are shown with
 * signed links, for the creator and the reviewing admin only.
 */
export function serializeRevision(revision: CourseRevision, urls: MediaUrlSigner, lessonTitles: Map<number, string> = new Map()) {
  return {
    id: revision.id,
    status: revision.status,
    kind: revision.kind,
    review_note: revision.reviewNote,
    submissions: revision.submissions,
    submitted_at: revision.submittedAt?.toISOString() ?? null,
    decided_at: revision.decidedAt?.toISOString() ?? null,
    changes: {
      name: revision.name,
      description: revision.description,
      cover_url: revision.coverKey ? urls.sign(revision.coverKey) : null,
      lessons: (revision.media ?? []).map((x) => ({ id: x.lessonId, title: lessonTitles.get(x.lessonId) ?? null, media_url: urls.sign(x.mediaKey) })),
    },
  };
}

/** The editor's view of my course: the live course, its syllabus with media state, and the pending revision. */
export function serializeOwnCourseDetail(detail: OwnCourseDetail, urls: MediaUrlSigner) {
  const pendingMedia = new Set((detail.revision?.media ?? []).map((x) => x.lessonId));
  const titles = new Map(detail.chapters.flatMap((c) => c.lessons.map((l) => [l.id, l.title] as const)));
  return {
    ...serializeOwnCourse(detail.course, urls),
    chapters: detail.chapters.map((c) => ({
      ...serializeChapter(c),
      lessons: c.lessons.map((l) => ({ ...serializeOwnLesson(l), pending_media: pendingMedia.has(l.id) })),
    })),
    revision: detail.revision ? serializeRevision(detail.revision, urls, titles) : null,
  };
}

/** A course in the admins' review queue: what it is now, and what the review is about. */
export function serializeReviewItem(item: ReviewItem, urls: MediaUrlSigner) {
  return {
    ...serializeOwnCourse(item.course, urls),
    review: item.revision ? serializeRevision(item.revision, urls, item.lessonTitles) : null,
  };
}

export function serializeChapter(chapter: Chapter) {
  return { id: chapter.id, course_id: chapter.courseId, title: chapter.title, position: chapter.position };
}

export function serializeReview(review: Review) {
  return {
    id: review.id,
    course: review.courseId,
    user: serializePerson(review.user),
    rating: review.rating,
    content: review.content,
    created_at: review.createdAt.toISOString(),
  };
}
