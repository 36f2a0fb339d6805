import { SalesDigest } from '../domain/analytics/sales-digest.entity';
import { AuditEntry } from '../domain/audit/audit-entry.entity';
import { Category } from '../domain/catalog/category.entity';
import { Chapter } from '../domain/catalog/chapter.entity';
import { Certificate } from '../domain/certificates/certificate.entity';
import { Course } from '../domain/catalog/course.entity';
import { CourseView } from '../domain/catalog/course-view.entity';
import { CourseRevisionMedia } from '../domain/catalog/course-revision-media.entity';
import { CourseRevision } from '../domain/catalog/course-revision.entity';
import { Lesson } from '../domain/catalog/lesson.entity';
import { Review } from '../domain/catalog/review.entity';
import { BindingCode } from '../domain/chat/binding-code.entity';
import { ChatBinding } from '../domain/chat/chat-binding.entity';
import { Enrollment } from '../domain/learning/enrollment.entity';
import { LessonProgress } from '../domain/learning/lesson-progress.entity';
import { LessonRelease } from '../domain/learning/lesson-release.entity';
import { LiveQuestion } from '../domain/live/live-question.entity';
import { LiveSession } from '../domain/live/live-session.entity';
import { Assignment } from '../domain/works/assignment.entity';
import { LearnerWork } from '../domain/works/learner-work.entity';
import { StudySession } from '../domain/learning/study-session.entity';
import { Coupon } from '../domain/orders/coupon.entity';
import { CouponRedemption } from '../domain/orders/coupon-redemption.entity';
import { Order } from '../domain/orders/order.entity';
import { Refund } from '../domain/orders/refund.entity';
import { CourseQuestion } from '../domain/qa/course-question.entity';
import { FaqEntry } from '../domain/qa/faq-entry.entity';
import { QuizAttempt } from '../domain/quizzes/quiz-attempt.entity';
import { QuizQuestion } from '../domain/quizzes/quiz-question.entity';
import { Quiz } from '../domain/quizzes/quiz.entity';
import { CoursePopularity } from '../domain/recommendations/course-popularity.entity';
import { RecommendationRun } from '../domain/recommendations/recommendation-run.entity';
import { Recommendation } from '../domain/recommendations/recommendation.entity';
import { RelatedCourse } from '../domain/recommendations/related-course.entity';
import { MembershipPlanCourse } from '../domain/memberships/membership-plan-course.entity';
import { MembershipPlan } from '../domain/memberships/membership-plan.entity';
import { Membership } from '../domain/memberships/membership.entity';
import { RedemptionCode } from '../domain/redemption/redemption-code.entity';
import { PaidQuestionSettings } from '../domain/paid-questions/paid-question-settings.entity';
import { PaidQuestion } from '../domain/paid-questions/paid-question.entity';
import { QuestionUnlock, UnlockSplit } from '../domain/paid-questions/question-unlock.entity';
import { User } from '../domain/users/user.entity';
import { ReferralAttribution } from '../domain/referrals/referral-attribution.entity';
import { ReferralCode } from '../domain/referrals/referral-code.entity';
import { ReferralBalance, ReferralLedgerEntry } from '../domain/referrals/referral-ledger.entity';
import { ReferralRate } from '../domain/referrals/referral-rate.entity';
import { ReferralVisit } from '../domain/referrals/referral-visit.entity';

export const ENTITIES = [
  User,
  Category,
  Course,
  Chapter,
  Lesson,
  Review,
  Enrollment,
  Order,
  Coupon,
  CouponRedemption,
  Refund,
  FaqEntry,
  CourseQuestion,
  ChatBinding,
  BindingCode,
  LessonProgress,
  StudySession,
  CourseView,
  RecommendationRun,
  Recommendation,
  RelatedCourse,
  CoursePopularity,
  SalesDigest,
  Quiz,
  QuizQuestion,
  QuizAttempt,
  LessonRelease,
  Certificate,
  LiveSession,
  LiveQuestion,
  CourseRevision,
  CourseRevisionMedia,
  AuditEntry,
  MembershipPlan,
  MembershipPlanCourse,
  Membership,
  RedemptionCode,
  Assignment,
  LearnerWork,
  PaidQuestionSettings,
  PaidQuestion,
  QuestionUnlock,
  UnlockSplit,
  ReferralCode,
  ReferralRate,
  ReferralVisit,
  ReferralAttribution,
  ReferralBalance,
  ReferralLedgerEntry,
];
