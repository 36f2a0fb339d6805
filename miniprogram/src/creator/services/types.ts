import type { CourseStatus, RevisionStatus } from '../../i18n/zh-CN.console';
import type { LessonKind, Order, Page } from '../../services/types';

/** API shapes of the creator and admin console (snake_case, as the API answers). */

export interface OwnCourse {
  id: number;
  name: string;
  description: string;
  price: number;
  price_fen: number;
  category: string | null;
  category_id: number;
  rating: number;
  rating_count: number;
  sales_count: number;
  cover_url: string | null;
  creator: { id: number; name: string } | null;
  status: CourseStatus;
  review_note: string | null;
  published_at: string | null;
  updated_at: string;
}

export interface OwnLesson {
  id: number;
  title: string;
  kind: LessonKind;
  duration_s: number;
  free_preview: boolean;
  position: number;
  chapter_id: number;
  has_media: boolean;
  pending_media?: boolean;
}

export interface OwnChapter {
  id: number;
  title: string;
  position: number;
  lessons: OwnLesson[];
}

export interface Revision {
  id: number;
  status: RevisionStatus;
  kind: 'publish' | 'changes';
  review_note: string | null;
  submitted_at: string | null;
  changes: { name: string | null; description: string | null; cover_url: string | null; lessons: Array<{ id: number; title: string | null; media_url: string }> };
}

export interface OwnCourseDetail extends OwnCourse {
  chapters: OwnChapter[];
  revision: Revision | null;
}

export interface ReviewItem extends OwnCourse {
  review: Revision | null;
}

export interface CourseInput {
  name: string;
  description: string;
  category: number;
  price: number;
}

export interface Coupon {
  id: number;
  code: string;
  kind: 'PERCENT' | 'FIXED';
  value: number;
  course: number | null;
  starts_at: string;
  ends_at: string;
  total_limit: number;
  per_user_limit: number;
  redeemed_count: number;
  disabled: boolean;
}

export interface CouponInput {
  code: string;
  kind: 'PERCENT' | 'FIXED';
  value: number;
  course: number | null;
  starts_at: string;
  ends_at: string;
  total_limit: number;
  per_user_limit: number;
}

export interface CreatorQuestion {
  id: number;
  course: number;
  course_name?: string | null;
  user: { id: number; name: string } | null;
  text: string;
  created_at: string;
}

export interface CreatorRefund {
  id: number;
  order: number;
  course: number;
  amount_fen: number;
  status: string;
  reason: string;
  requested_at: string;
}

export interface Digest {
  id: number;
  date: string;
  text: string;
  image_url: string;
  sent_to_chat: boolean;
}

export interface Totals {
  revenue: number;
  revenue_fen: number;
  views: number;
  orders: number;
  paid_orders: number;
  refunds: number;
  refunded_fen: number;
  new_learners: number;
}

export interface AnalyticsReport {
  from: string;
  to: string;
  computed_at: string | null;
  totals: Totals & { refund_rate: number | null };
  revenue_by_day: Array<Totals & { date: string }>;
  courses: Array<Totals & { id: number; name: string; refund_rate: number | null; conversion: { view_to_order: number | null; order_to_paid: number | null; view_to_paid: number | null } }>;
  activity: {
    period_days: number;
    learners: number;
    average_score: number | null;
    distribution: Array<{ min_hours_per_day: number; max_hours_per_day: number | null; learners: number }>;
  };
}

export interface AdminUser {
  id: number;
  username: string;
  display_name: string;
  role: 'learner' | 'creator' | 'admin';
  registered_at: string;
}

export interface FoundOrder {
  id: number;
  out_trade_no: string;
  status: string;
  item_type?: Order['item_type'];
  course: number | null;
  course_name: string | null;
  plan_name?: string | null;
  amount_fen: number;
  order_time: string;
  buyer: { id: number; username: string; name: string } | null;
  refund: { id: number; status: string; reason: string } | null;
}

/** A course or plan of mine with its referral reward rate. */
export interface ReferralRateRow {
  item_type: 'course' | 'plan';
  item_id: number;
  name: string;
  price_fen: number;
  status: string;
  rate_percent: number;
}

export interface ReferralSale {
  id: number;
  order: number;
  item_type: 'course' | 'plan';
  item_name: string;
  referrer_name: string;
  order_amount_fen: number;
  rate_percent: number;
  amount_fen: number;
  status: 'PENDING' | 'CREDITED' | 'REVERSED';
  paid_at: string;
  credit_due_at: string;
}

export interface ReferralSales extends Page<ReferralSale> {
  totals: { orders: number; order_amount_fen: number; reward_fen: number };
}

/** A plan of mine, with how it sells. */
export interface OwnPlan {
  id: number;
  name: string;
  period: 'MONTHLY' | 'YEARLY' | 'LIFETIME';
  price_fen: number;
  all_courses: boolean;
  trial_days: number;
  status: 'ACTIVE' | 'RETIRED';
  courses: number[];
  members: number;
  paid_orders: number;
  revenue_fen: number;
}

export interface PlanInput {
  name: string;
  period: OwnPlan['period'];
  price_fen: number;
  all_courses: boolean;
  courses: number[];
  trial_days: number;
}

/** Codes generated together (`batch` is their shared creation moment). */
export interface CodeBatch {
  batch: string;
  count: number;
  redeemed: number;
  codes: Array<{ code: string; redeemed: boolean; redeemed_at: string | null }>;
}
