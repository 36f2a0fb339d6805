/** Pages of the console (the `creator` subpackage; admin pages live under creator/admin/). */
export const CONSOLE_ROUTES = {
  courses: '/creator/courses/index',
  editor: '/creator/editor/index',
  coupons: '/creator/coupons/index',
  questions: '/creator/questions/index',
  works: '/creator/works/index',
  live: '/creator/live/index',
  quizzes: '/creator/quizzes/index',
  refunds: '/creator/refunds/index',
  digests: '/creator/digests/index',
  analytics: '/creator/analytics/index',
  admin: '/creator/admin/index',
  adminReview: '/creator/admin/review/index',
  adminWorks: '/creator/admin/works/index',
  adminUsers: '/creator/admin/users/index',
  adminOrders: '/creator/admin/orders/index',
  adminAnalytics: '/creator/admin/analytics/index',
} as const;
