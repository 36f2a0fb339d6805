import Taro from '@tarojs/taro';
import { request } from '../../services/api';
import { asApiError } from '../../services/http';
import { withQuery } from '../../services/navigation';
import { currentSession } from '../../services/session';
import type { Assignment, LiveSession, Page, QuizSummary, Work } from '../../services/types';
import type {
  AdminUser,
  AnalyticsReport,
  CodeBatch,
  Coupon,
  CouponInput,
  CourseInput,
  CreatorQuestion,
  CreatorRefund,
  Digest,
  FoundOrder,
  OwnCourse,
  OwnCourseDetail,
  OwnChapter,
  OwnLesson,
  ReferralRateRow,
  ReferralSales,
  OwnPlan,
  PlanInput,
  ReviewItem,
} from './types';

type Range = { from?: string; to?: string };

/** A question as the console writes it, of any of the five kinds (short answers are graded by the creator). */
export type QuizQuestionDraft = { prompt: string; points?: number; explanation?: string } & (
  | { kind: 'single'; options: string[]; answer: number }
  | { kind: 'multiple'; options: string[]; answer: number[] }
  | { kind: 'true_false'; answer: boolean }
  | { kind: 'fill_in'; answer: string[] }
  | { kind: 'short_answer' }
);

/** A quiz as the console writes it (created, or replaced by PUT: it stays on its lesson or chapter). */
export interface QuizDraft {
  title: string;
  pass_percent: number;
  required: boolean;
  questions: QuizQuestionDraft[];
}

/** The creator's view of a quiz: answers and explanations included. */
export interface OwnQuiz {
  id: number;
  title: string;
  pass_percent: number;
  required: boolean;
  lesson_id: number | null;
  chapter_id: number | null;
  questions: Array<{ id: number; kind: QuizQuestionDraft['kind']; prompt: string; options: string[]; points: number; answer: number | number[] | boolean | string[] | null; explanation: string | null }>;
}

/** A live session as the console writes it; a null stream setting removes it (PATCH). */
export interface LiveSessionInput {
  title: string;
  starts_at: string;
  duration_min: number;
  wechat_live_room_id?: string | null;
  hls_url?: string | null;
}

/** The console's endpoints: creators' courses, coupons, questions, refunds, digests, analytics; admins' review, users, orders. */
export const consoleApi = {
  myCourses: () => request<Page<OwnCourse>>('/api/creator/courses', { query: { page_size: 50 } }),
  course: (id: number) => request<OwnCourseDetail>(`/api/creator/courses/${id}`),
  createCourse: (body: CourseInput) => request<OwnCourse>('/api/creator/courses', { method: 'POST', body }),
  updateCourse: (id: number, body: Partial<CourseInput>) => request<OwnCourseDetail>(`/api/creator/courses/${id}`, { method: 'PATCH', body }),
  submit: (id: number) => request<OwnCourseDetail>(`/api/creator/courses/${id}/submit`, { method: 'POST' }),
  unlist: (id: number) => request<OwnCourseDetail>(`/api/creator/courses/${id}/unlist`, { method: 'POST' }),
  discardChanges: (id: number) => request<OwnCourseDetail>(`/api/creator/courses/${id}/revision`, { method: 'DELETE' }),
  addChapter: (courseId: number, title: string) => request<OwnChapter>(`/api/creator/courses/${courseId}/chapters`, { method: 'POST', body: { title } }),
  updateChapter: (id: number, body: { title?: string; position?: number }) => request<OwnChapter>(`/api/creator/chapters/${id}`, { method: 'PATCH', body }),
  deleteChapter: (id: number) => request<void>(`/api/creator/chapters/${id}`, { method: 'DELETE' }),
  addLesson: (chapterId: number, body: { title: string; kind: string; free_preview: boolean }) => request<OwnLesson>(`/api/creator/chapters/${chapterId}/lessons`, { method: 'POST', body }),
  updateLesson: (id: number, body: { title?: string; free_preview?: boolean; position?: number }) => request<OwnLesson>(`/api/creator/lessons/${id}`, { method: 'PATCH', body }),
  deleteLesson: (id: number) => request<void>(`/api/creator/lessons/${id}`, { method: 'DELETE' }),

  plans: () => request<{ results: OwnPlan[] }>('/api/creator/plans'),
  createPlan: (body: PlanInput) => request<OwnPlan>('/api/creator/plans', { method: 'POST', body }),
  updatePlan: (id: number, body: { name?: string; price_fen?: number }) => request<OwnPlan>(`/api/creator/plans/${id}`, { method: 'PATCH', body }),
  retirePlan: (id: number) => request<OwnPlan>(`/api/creator/plans/${id}/retire`, { method: 'POST' }),

  codeBatches: (courseId: number) => request<{ course: number; results: CodeBatch[] }>(`/api/creator/courses/${courseId}/redemption-codes`),
  generateCodes: (courseId: number, count: number) => request<{ course: number; codes: string[] }>(`/api/creator/courses/${courseId}/redemption-codes`, { method: 'POST', body: { count } }),
  /** A batch as CSV text, from the server (not JSON, so not through `request`). */
  async codesCsv(courseId: number, batch: string): Promise<string> {
    const res = await Taro.request<string>({
      url: `${API_BASE}${withQuery(`/api/creator/courses/${courseId}/redemption-codes.csv`, { batch })}`,
      method: 'GET',
      header: { authorization: `Bearer ${currentSession()?.token ?? ''}` },
      dataType: 'text',
      responseType: 'text',
    });
    if (res.statusCode !== 200) throw asApiError(new Error(`HTTP ${res.statusCode}`));
    return String(res.data);
  },

  coupons: () => request<Page<Coupon>>('/api/creator/coupons', { query: { page_size: 50 } }),
  createCoupon: (body: CouponInput) => request<Coupon>('/api/creator/coupons', { method: 'POST', body }),
  disableCoupon: (id: number) => request<Coupon>(`/api/creator/coupons/${id}/disable`, { method: 'POST' }),

  assignments: (courseId: number) => request<Assignment[]>(`/api/creator/courses/${courseId}/assignments`),
  createAssignment: (courseId: number, body: { title: string; prompt: string }) => request<Assignment>(`/api/creator/courses/${courseId}/assignments`, { method: 'POST', body }),
  submissions: (assignmentId: number) => request<Page<Work>>(`/api/creator/assignments/${assignmentId}/works`, { query: { page_size: 20 } }),
  commentWork: (id: number, comment: string) => request<Work>(`/api/creator/works/${id}/comment`, { method: 'POST', body: { comment } }),
  featureWork: (id: number, on: boolean) => request<Work>(`/api/creator/works/${id}/feature`, { method: on ? 'PUT' : 'DELETE' }),
  worksInReview: () => request<Page<Work>>('/api/admin/works', { query: { status: 'IN_REVIEW', page_size: 20 } }),
  approveWork: (id: number) => request<Work>(`/api/admin/works/${id}/approve`, { method: 'POST' }),
  rejectWork: (id: number, reason: string) => request<Work>(`/api/admin/works/${id}/reject`, { method: 'POST', body: { reason } }),
  setRelease: (lessonId: number, afterDays: number) => request<unknown>(`/api/creator/lessons/${lessonId}/release`, { method: 'PUT', body: { after_days: afterDays } }),
  setReleaseAt: (lessonId: number, at: string) => request<unknown>(`/api/creator/lessons/${lessonId}/release`, { method: 'PUT', body: { at } }),
  clearRelease: (lessonId: number) => request<void>(`/api/creator/lessons/${lessonId}/release`, { method: 'DELETE' }),
  quizzes: (courseId: number) => request<QuizSummary[]>(`/api/courses/${courseId}/quizzes`),
  createQuiz: (courseId: number, body: QuizDraft) => request<{ id: number }>(`/api/creator/courses/${courseId}/quizzes`, { method: 'POST', body }),
  ownQuiz: (id: number) => request<OwnQuiz>(`/api/creator/quizzes/${id}`),
  replaceQuiz: (id: number, body: QuizDraft) => request<OwnQuiz>(`/api/creator/quizzes/${id}`, { method: 'PUT', body }),
  deleteQuiz: (id: number) => request<void>(`/api/creator/quizzes/${id}`, { method: 'DELETE' }),
  liveSessions: (courseId: number) => request<LiveSession[]>(`/api/courses/${courseId}/live-sessions`),
  scheduleLive: (courseId: number, body: LiveSessionInput) => request<LiveSession>(`/api/creator/courses/${courseId}/live-sessions`, { method: 'POST', body }),
  updateLive: (id: number, body: Partial<LiveSessionInput>) => request<LiveSession>(`/api/creator/live-sessions/${id}`, { method: 'PATCH', body }),
  openQuestions: () => request<Page<CreatorQuestion>>('/api/creator/questions', { query: { page_size: 20 } }),
  answer: (id: number, answer: string) => request<CreatorQuestion>(`/api/questions/${id}/answer`, { method: 'POST', body: { answer } }),

  refunds: () => request<Page<CreatorRefund>>('/api/refunds', { query: { status: 'REQUESTED', page_size: 20 } }),
  approveRefund: (id: number) => request<CreatorRefund>(`/api/refunds/${id}/approve`, { method: 'POST', body: {} }),
  rejectRefund: (id: number, note: string) => request<CreatorRefund>(`/api/refunds/${id}/reject`, { method: 'POST', body: { note } }),

  digests: () => request<Page<Digest>>('/api/creator/digests', { query: { page_size: 14 } }),
  creatorAnalytics: (range: Range) => request<AnalyticsReport>('/api/creator/analytics', { query: range }),
  referralRates: () => request<{ results: ReferralRateRow[] }>('/api/creator/referral-rates'),
  setReferralRate: (type: 'course' | 'plan', id: number, ratePercent: number) =>
    request<{ rate_percent: number }>(`/api/creator/${type === 'course' ? 'courses' : 'plans'}/${id}/referral-rate`, { method: 'PUT', body: { rate_percent: ratePercent } }),
  referralSales: (range: Range) => request<ReferralSales>('/api/creator/referral-sales', { query: { ...range, page_size: 20 } }),
  referralSalesExport: (range: Range) => request<{ url: string; expires_at: string }>('/api/creator/referral-sales/export', { method: 'POST', query: range }),

  reviewQueue: () => request<Page<ReviewItem>>('/api/admin/courses/review-queue', { query: { page_size: 20 } }),
  approve: (id: number) => request<OwnCourse>(`/api/admin/courses/${id}/approve`, { method: 'POST' }),
  reject: (id: number, reason: string) => request<OwnCourse>(`/api/admin/courses/${id}/reject`, { method: 'POST', body: { reason } }),
  users: (q: string, role?: string) => request<Page<AdminUser>>('/api/admin/users', { query: { q, role, page_size: 20 } }),
  setRole: (id: number, role: string) => request<AdminUser>(`/api/admin/users/${id}`, { method: 'PATCH', body: { role } }),
  orders: (q: string, status?: string) => request<Page<FoundOrder>>('/api/admin/orders', { query: { q, status, page_size: 20 } }),
  refundOrder: (id: number, reason: string) => request<{ id: number; status: string }>(`/api/admin/orders/${id}/refund`, { method: 'POST', body: { reason } }),
  platformAnalytics: (range: Range) => request<AnalyticsReport>('/api/admin/analytics', { query: range }),
  queueDashboardTicket: () => request<{ url: string; expires_at: string }>('/api/admin/queue-dashboard/ticket', { method: 'POST' }),
};
