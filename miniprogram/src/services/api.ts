import Taro from '@tarojs/taro';
import { createHttp, type Transport } from './http';
import { authRequired, currentSession } from './session';
import type {
  Assignment,
  Category,
  ClientConfig,
  Certificate,
  CourseDetail,
  CourseItem,
  CourseQuery,
  LibraryItem,
  LiveSession,
  Order,
  Page,
  PublicWork,
  PaymentParams,
  PlayerLesson,
  ProgressResult,
  RoomQuestion,
  GivenAnswer,
  Gift,
  Membership,
  PlanOffers,
  Question,
  QuizAttempt,
  QuizSummary,
  QuizToTake,
  Recommendations,
  ReferralEarnings,
  ReferralShare,
  Refund,
  Review,
  SignedIn,
  Work,
} from './types';

const taroTransport: Transport = async (req) => {
  const res = await Taro.request({ url: req.url, method: req.method, data: req.data as object | undefined, header: req.header, timeout: req.timeout, dataType: 'json' });
  return { statusCode: res.statusCode, data: res.data };
};

/** The API client every call goes through (the console's calls, in its subpackage, use it too). */
export const request = createHttp({
  baseUrl: API_BASE,
  transport: taroTransport,
  token: () => currentSession()?.token ?? null,
  onUnauthorized: authRequired,
});

/** The next page of a list: the API's own `next` link (relative) or null at the end. */
export function nextPage<T>(next: string): Promise<Page<T>> {
  return request<Page<T>>(next.startsWith('http') ? new URL(next).pathname + new URL(next).search : next);
}

export const api = {
  clientConfig: () => request<ClientConfig>('/api/client-config'),
  categories: () => request<Category[] | Page<Category>>('/api/categories'),
  courses: (query: CourseQuery, pageSize = 10) => request<Page<CourseItem>>('/api/courses', { query: { ...query, page_size: pageSize } }),
  course: (id: number) => request<CourseDetail>(`/api/courses/${id}`),
  recommendations: () => request<Recommendations>('/api/me/recommendations', { query: { limit: 10 } }),
  related: (courseId: number) => request<Recommendations>(`/api/courses/${courseId}/related`, { query: { limit: 8 } }),
  reviews: (courseId: number) => request<Page<Review>>(`/api/courses/${courseId}/reviews`, { query: { page_size: 5 } }),
  postReview: (courseId: number, body: { rating: number; content: string }) => request<Review>(`/api/courses/${courseId}/reviews`, { method: 'POST', body }),

  signInWithWechat: (code: string) => request<SignedIn>('/api/auth/wechat', { method: 'POST', body: { code } }),
  signInWithPassword: (username: string, password: string) => request<SignedIn>('/api/auth/login', { method: 'POST', body: { username, password } }),
  chatBindingCode: () => request<{ code: string; expires_at: string }>('/api/me/chat-binding-code', { method: 'POST' }),
  chatBinding: () => request<{ bound: boolean; contact_name?: string | null }>('/api/me/chat-binding'),

  createOrder: (course: number, coupon?: string) => request<Order>('/api/orders', { method: 'POST', body: coupon ? { course, coupon } : { course } }),
  order: (id: number) => request<Order>(`/api/orders/${id}`),
  orders: () => request<Page<Order>>('/api/orders', { query: { page_size: 10 } }),
  payParams: (orderId: number) => request<PaymentParams>(`/api/orders/${orderId}/pay`, { method: 'POST' }),
  requestRefund: (orderId: number, reason: string) => request<Refund>(`/api/orders/${orderId}/refund`, { method: 'POST', body: { reason } }),
  refundOf: (orderId: number) => request<Refund>(`/api/orders/${orderId}/refund`),

  coursePlans: (courseId: number) => request<PlanOffers>(`/api/courses/${courseId}/plans`),
  creatorPlans: (creatorId: number) => request<PlanOffers>(`/api/creators/${creatorId}/plans`),
  createPlanOrder: (plan: number) => request<Order>('/api/membership-orders', { method: 'POST', body: { plan } }),
  startTrial: (plan: number) => request<Order>('/api/memberships/trial', { method: 'POST', body: { plan } }),
  myMemberships: () => request<{ results: Membership[] }>('/api/me/memberships'),
  createGiftOrder: (course: number) => request<Order>('/api/gift-orders', { method: 'POST', body: { course } }),
  giftOf: (orderId: number) => request<{ order: number; course: number; code: string; redeemed: boolean }>(`/api/orders/${orderId}/gift`),
  myGifts: () => request<{ results: Gift[] }>('/api/me/gifts'),
  redeem: (code: string) => request<{ course: number }>('/api/redemption-codes/redeem', { method: 'POST', body: { code } }),

  library: () => request<Page<LibraryItem>>('/api/learning/courses', { query: { page_size: 10 } }),
  lesson: (id: number) => request<PlayerLesson>(`/api/learning/lessons/${id}`),
  reportProgress: (lessonId: number, positionS: number, completed: boolean) =>
    request<ProgressResult>(`/api/learning/lessons/${lessonId}/progress`, { method: 'PUT', body: { position_s: Math.floor(positionS), completed } }),
  courseProgress: (courseId: number) => request<{ percent: number; lessons: Array<{ lesson_id: number; completed: boolean; position_s: number }> }>(`/api/learning/courses/${courseId}/progress`),

  becomeCreator: () => request<SignedIn & { expires_at: string }>('/api/me/become-creator', { method: 'POST' }),

  questions: (courseId: number) => request<Page<Question>>(`/api/courses/${courseId}/questions`, { query: { page_size: 20 } }),
  ask: (courseId: number, text: string) => request<Question>(`/api/courses/${courseId}/questions`, { method: 'POST', body: { text } }),

  courseQuizzes: (courseId: number) => request<QuizSummary[]>(`/api/courses/${courseId}/quizzes`),
  quiz: (id: number) => request<QuizToTake>(`/api/quizzes/${id}`),
  /** With the client's id for the attempt: a repeat returns the first attempt (200) instead of making another. */
  submitQuiz: (id: number, answers: Record<string, GivenAnswer>, clientAttemptId: string) =>
    request<QuizAttempt>(`/api/quizzes/${id}/attempts`, { method: 'POST', body: { answers, client_attempt_id: clientAttemptId } }),
  certificates: () => request<Certificate[]>('/api/me/certificates'),
  assignments: (courseId: number) => request<Assignment[]>(`/api/courses/${courseId}/assignments`),
  featuredWorks: (courseId: number) => request<Page<PublicWork>>(`/api/courses/${courseId}/works`, { query: { page_size: 10 } }),
  myWorks: () => request<Page<Work>>('/api/me/works', { query: { page_size: 100 } }),
  submitWork: (assignmentId: number, text: string) => request<Work>(`/api/assignments/${assignmentId}/works`, { method: 'POST', body: { text } }),
  liveSessions: (courseId: number) => request<LiveSession[]>(`/api/courses/${courseId}/live-sessions`),

  referralShare: (courseId: number) => request<ReferralShare>('/api/me/referral', { query: { course: courseId } }),
  referralVisit: (body: { ref: string; course?: number; plan?: number }) => request<{ recorded: boolean }>('/api/referrals/visits', { method: 'POST', body }),
  referralEarnings: () => request<ReferralEarnings>('/api/me/referral/earnings', { query: { page_size: 20 } }),
  referralExportLink: () => request<{ url: string; expires_at: string }>('/api/me/referral/earnings/export', { method: 'POST' }),
  /** The room's questions over HTTP: also tells why the room's socket was refused (403 NOT_ENROLLED, 404). */
  liveQuestions: (sessionId: number) => request<RoomQuestion[]>(`/api/live-sessions/${sessionId}/questions`),
};

/** Text from a media URL (article lessons are Markdown files). */
export async function fetchText(url: string): Promise<string> {
  const res = await Taro.request({ url, method: 'GET', dataType: 'text', responseType: 'text' });
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
  return String(res.data);
}
