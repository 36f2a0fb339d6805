/** The API's shapes as the app reads them (snake_case, as the server sends them). */
import type { OrderStatus, SortKey } from '../i18n/zh-CN';

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface Category {
  id: number;
  name: string;
  slug: string;
}

export interface CourseItem {
  id: number;
  name: string;
  description: string;
  price: string;
  price_fen: number;
  category: string | null;
  category_id: number;
  rating: number;
  rating_count: number;
  sales_count: number;
  cover_url: string | null;
  creator: { id: number; name: string } | null;
}

export type LessonKind = 'video' | 'audio' | 'article' | 'document';

export interface LessonItem {
  id: number;
  title: string;
  kind: LessonKind;
  duration_s: number;
  free_preview: boolean;
  url: string | null;
}

export interface CourseDetail extends CourseItem {
  enrolled: boolean;
  chapters: Array<{ id: number; title: string; lessons: LessonItem[] }>;
}

export interface Review {
  id: number;
  user: { id: number; name: string } | null;
  rating: number;
  content: string;
  created_at: string;
}

export interface Order {
  id: number;
  out_trade_no: string;
  /** What it buys; paid questions and unlocks of their answers name the course and the question too. */
  item_type?: 'course' | 'membership' | 'gift' | 'question' | 'unlock';
  question?: number | null;
  course: number;
  course_name: string | null;
  plan?: number | null;
  plan_name?: string | null;
  status: OrderStatus;
  amount_fen: number;
  list_price_fen: number;
  discount_fen: number;
  order_time: string;
  expires_at: string;
  paid_at: string | null;
}

export interface Refund {
  id: number;
  status: string;
  amount_fen: number;
  reason: string;
}

/** What wx.requestPayment takes, as POST /api/orders/{id}/pay answers it. */
export interface PaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface CourseProgress {
  completed_lessons: number;
  total_lessons: number;
  percent: number;
}

export interface LibraryItem {
  course: CourseItem;
  enrolled_at: string;
  progress: CourseProgress;
  last_lesson_id: number | null;
  last_studied_at: string | null;
}

/** A lesson as the player opens it: where to resume, and its neighbours. */
export interface PlayerLesson extends LessonItem {
  course: { id: number; name: string };
  position_s: number;
  completed: boolean;
  previous_lesson_id: number | null;
  next_lesson_id: number | null;
}

export interface ProgressResult {
  position_s: number;
  completed: boolean;
  course_progress: CourseProgress;
}

export interface Question {
  id: number;
  user: { id: number; name: string } | null;
  text: string;
  status: string;
  answer: string | null;
  answered_by: { id: number; name: string } | null;
  answered_at: string | null;
  is_public: boolean;
  created_at: string;
}

export interface Me {
  id: number;
  username: string;
  display_name: string;
  role: 'learner' | 'creator' | 'admin';
  wechat_bound: boolean;
}

export interface SignedIn {
  token: string;
  user: Me;
}

export interface CourseQuery {
  q?: string;
  category?: string;
  sort?: SortKey;
  min_price?: string;
  max_price?: string;
}

export interface ClientConfig {
  wechat_mode: 'sandbox' | 'production';
  sandbox_url: string | null;
}

/** Recommended or related courses, and where they came from (personal taste, bought together, or popular). */
export interface Recommendations {
  source: 'personal' | 'related' | 'popular';
  results: CourseItem[];
}

export type QuestionKind = 'single' | 'multiple' | 'true_false' | 'fill_in' | 'short_answer';
/** What a learner gives: an option index, several, true/false, or text. */
export type GivenAnswer = number | number[] | boolean | string;

export interface QuizQuestion {
  id: number;
  kind: QuestionKind;
  prompt: string;
  options: string[];
  points: number;
}

export interface QuizSummary {
  id: number;
  course_id: number;
  lesson_id: number | null;
  chapter_id: number | null;
  title: string;
  pass_percent: number;
  required: boolean;
  question_count: number;
  best_attempt: { score: number; max_score: number; percent: number; passed: boolean; status: string } | null;
}

export interface QuizToTake {
  id: number;
  course_id: number;
  title: string;
  pass_percent: number;
  required: boolean;
  questions: QuizQuestion[];
}

/** A submitted attempt: with each question's answer and explanation (the API sends them only now). */
export interface QuizAttempt {
  id: number;
  status: 'GRADED' | 'AWAITING_REVIEW';
  score: number;
  max_score: number;
  percent: number;
  passed: boolean;
  questions: Array<QuizQuestion & { answer: number | number[] | boolean | string[] | null; explanation: string | null; given: GivenAnswer | null; correct: boolean | null }>;
}

export interface Certificate {
  code: string;
  learner_name: string;
  course: { id: number; name: string };
  issued_at: string;
  /** The day in China, as the certificate prints it. */
  issued_on: string;
  png_url: string;
  pdf_url: string;
  verify_url: string;
}

export interface LiveSession {
  id: number;
  course_id: number;
  title: string;
  starts_at: string;
  duration_min: number;
  /** The room of WeChat's mini-program live plugin (digits). */
  wechat_live_room_id: string | null;
  /** An https HLS playlist (.m3u8). */
  hls_url: string | null;
}

export interface RoomQuestion {
  id: number;
  asker_name: string;
  text: string;
  upvotes: number;
  answered: boolean;
  created_at: string;
}

/** What the Q&A room's WebSocket sends. */
export type RoomMessage =
  | { type: 'snapshot'; session: LiveSession; you: { name: string; moderator: boolean }; questions: RoomQuestion[] }
  | { type: 'question'; question: RoomQuestion }
  | { type: 'upvoted'; question_id: number; upvotes: number }
  | { type: 'answered'; question_id: number }
  | { type: 'error'; code: string; message: string; retry_after?: number };

export interface Assignment {
  id: number;
  course_id: number;
  lesson_id: number | null;
  title: string;
  prompt: string;
  works: number;
}

/** A featured work as the course page shows it. */
export interface PublicWork {
  id: number;
  assignment_id: number;
  assignment_title: string;
  learner_name: string;
  text: string;
  image_urls: string[];
  comment: string | null;
  submitted_at: string;
}

export type FeatureStatus = 'NONE' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED';

/** My work (or, in the console, a learner's), with its review state. */
export interface Work extends PublicWork {
  course_id: number;
  user_id: number;
  feature_status: FeatureStatus;
  review_note: string | null;
}

/** GET /api/me/referral: my share code, and for a course what sharing it earns and where it points. */
export interface ReferralShare {
  code: string;
  item: {
    type: 'course' | 'plan';
    id: number;
    name: string;
    rate_percent: number;
    reward_fen: number;
    share_path: string | null;
    h5_url: string | null;
  } | null;
}

export interface ReferralLedgerLine {
  id: number;
  kind: 'CREDIT' | 'REVERSAL';
  amount_fen: number;
  shortfall_fen: number;
  balance_after_fen: number;
  order: number;
  item_type: string;
  item_name: string;
  order_amount_fen: number;
  rate_percent: number;
  created_at: string;
}

/** GET /api/me/referral/earnings: the balance, what is pending, and the first page of the ledger. */
export interface ReferralEarnings extends Page<ReferralLedgerLine> {
  balance_fen: number;
  pending_fen: number;
  pending_count: number;
}

export type PlanPeriod = 'MONTHLY' | 'YEARLY' | 'LIFETIME';

/** A membership plan on offer, and what it means for the viewer. */
export interface PlanOffer {
  id: number;
  creator: number;
  name: string;
  period: PlanPeriod;
  price_fen: number;
  all_courses: boolean;
  trial_days: number;
  member: boolean;
  /** Null while a member: lifetime. */
  member_until: string | null;
  trial_available: boolean;
}

export interface PlanOffers {
  results: PlanOffer[];
  member: boolean;
  member_until: string | null;
}

export interface Membership {
  id: number;
  plan: number;
  plan_name: string | null;
  creator: number | null;
  starts_at: string;
  /** Null: lifetime. */
  ends_at: string | null;
}

/** A gift the learner bought, with the code to pass on. */
export interface Gift {
  order: number;
  course: number;
  course_name: string;
  amount: string;
  paid_at: string | null;
  code: string;
  redeemed: boolean;
}
