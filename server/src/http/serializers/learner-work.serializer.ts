import type { Assignment } from '../../domain/works/assignment.entity';
import type { WorkView } from '../../domain/works/learner-works.service';
import type { MediaUrlSigner } from '../../storage/media-url-signer';

export function serializeAssignment({ assignment, works }: { assignment: Assignment; works: number }) {
  return { id: assignment.id, course_id: assignment.courseId, lesson_id: assignment.lessonId, title: assignment.title, prompt: assignment.prompt, works, created_at: assignment.createdAt.toISOString() };
}

/** What anyone sees of a featured work on the course page: no review state, no note. */
export function serializePublicWork({ work, assignmentTitle, learnerName }: WorkView, urls: MediaUrlSigner) {
  return {
    id: work.id,
    assignment_id: work.assignmentId,
    assignment_title: assignmentTitle,
    learner_name: learnerName,
    text: work.text,
    image_urls: work.imageKeys.map((key) => urls.sign(key)),
    comment: work.comment,
    submitted_at: work.submittedAt.toISOString(),
  };
}

/** The learner's own, the creator's and the admin's view: with the feature review state. */
export function serializeWork(view: WorkView, urls: MediaUrlSigner) {
  const { work } = view;
  return {
    ...serializePublicWork(view, urls),
    course_id: work.courseId,
    user_id: work.userId,
    commented_at: work.commentedAt?.toISOString() ?? null,
    feature_status: work.featureStatus,
    featured_at: work.featuredAt?.toISOString() ?? null,
    review_note: work.reviewNote,
    reviewed_at: work.reviewedAt?.toISOString() ?? null,
  };
}
