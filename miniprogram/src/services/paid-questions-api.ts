import { request } from './api';
import type { PaidQuestion, PaidQuestionSettings } from './paid-questions';
import type { Order, Page } from './types';

/** Paid questions' calls, for the learner pages and the console. */
export const paidQuestionsApi = {
  settings: (courseId: number) => request<PaidQuestionSettings>(`/api/courses/${courseId}/paid-questions/settings`),
  ask: (courseId: number, text: string, allowPublic: boolean) =>
    request<{ question: PaidQuestion; order: Order }>(`/api/courses/${courseId}/paid-questions`, { method: 'POST', body: { text, allow_public: allowPublic } }),
  ofCourse: (courseId: number) => request<Page<PaidQuestion>>(`/api/courses/${courseId}/paid-questions`, { query: { page_size: 20 } }),
  mine: () => request<Page<PaidQuestion>>('/api/me/paid-questions', { query: { page_size: 20 } }),
  one: (id: number) => request<PaidQuestion>(`/api/paid-questions/${id}`),
  unlock: (id: number) => request<Order>(`/api/paid-questions/${id}/unlock-orders`, { method: 'POST' }),
  publish: (id: number) => request<PaidQuestion>(`/api/paid-questions/${id}/publish`, { method: 'POST' }),
  // The console's.
  creatorSettings: (courseId: number) => request<PaidQuestionSettings>(`/api/creator/courses/${courseId}/paid-questions/settings`),
  saveSettings: (courseId: number, body: { enabled: boolean; price_fen: number; unlock_price_fen: number; answer_days: number }) =>
    request<PaidQuestionSettings>(`/api/creator/courses/${courseId}/paid-questions/settings`, { method: 'PUT', body }),
  forCreator: (courseId: number) => request<Page<PaidQuestion>>('/api/creator/paid-questions', { query: { course: courseId, page_size: 20 } }),
  answer: (id: number, answer: string) => request<PaidQuestion>(`/api/paid-questions/${id}/answer`, { method: 'POST', body: { answer } }),
};
