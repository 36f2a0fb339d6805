/**
 * What learners are told, in chat and as mini-program subscribe messages. Pure: facts in, notice out.
 *
 * Subscribe data keys, per kind (the template chosen in WeChat's admin console must have these keys):
 * - purchase:       thing1 课程名称, amount2 支付金额, time3 支付时间
 * - refund:         thing1 课程名称, amount2 退款金额, time3 退款时间, thing4 说明
 * - new-lesson:     thing1 课程名称, thing2 新增课时, time3 更新时间
 * - order-expiring: thing1 课程名称, amount2 待付金额, time3 关闭时间, thing4 温馨提示
 * - answer:         thing1 课程名称, thing2 你的问题, thing3 回复内容, time4 回复时间
 * - lesson-opened:  the new-lesson template (a drip-released lesson is news of the same shape)
 * - live-reminder:  thing1 课程名称, thing2 直播主题, time3 开始时间
 * - course-review:  thing1 课程名称, phrase2 审核结果, thing3 说明, time4 审核时间 (to the course's creator)
 * - membership-expiring: thing1 会员名称, time2 到期时间, thing3 温馨提示
 */
import type { OrderItemType } from '../orders/order.entity';

export const NOTICE_KINDS = ['purchase', 'refund', 'new-lesson', 'order-expiring', 'answer', 'lesson-opened', 'live-reminder', 'course-review', 'membership-expiring', 'membership-expired'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Template id per kind that has its own; null when none is configured (the notice then goes out in chat only). */
export type NoticeTemplates = Record<Exclude<NoticeKind, 'lesson-opened' | 'membership-expired'>, string | null>;

export interface SubscribeNotice {
  templateId: string;
  /** The mini-program page the message opens. */
  page: string;
  data: Record<string, { value: string }>;
}

export interface LearnerNotice {
  kind: NoticeKind;
  /** The event's own id (order, refund, lesson or question id): with kind and user, what makes a notice unique. */
  key: string;
  userId: number;
  /** The chat message, in Chinese. */
  text: string;
  /** The same notice as a subscribe message; null when no template is configured for its kind. */
  subscribe: SubscribeNotice | null;
}

/** Pages of the mini-program that notices open. */
/** Pages of the mini-program a subscribe message opens (each one is in app.config.ts: a test holds it). */
export const NOTICE_PAGES = {
  course: (courseId: number) => `pages/course/index?id=${courseId}`,
  /** The orders list (the order's id rides along for the page to show it first). */
  order: (orderId: number) => `pages/orders/index?id=${orderId}`,
  /** The gifts the learner bought, with their codes. */
  gifts: () => 'learning/gifts/index',
  /** The learner's paid questions, with their deadlines and answers. */
  paidQuestions: () => 'learning/paid-questions/mine',
  /** The learner's own page, where memberships and their ends show. */
  profile: () => 'pages/profile/index',
  /** The creator's course editor. */
  courseEditor: (courseId: number) => `creator/editor/index?id=${courseId}`,
};

/** How many characters of a question and an answer a chat notice quotes. */
export const CHAT_QUESTION_CHARS = 60;
export const CHAT_ANSWER_CHARS = 300;
/** WeChat's limit for `thing` values. */
const THING_CHARS = 20;
const CHINA_OFFSET_MS = 8 * 3600_000;

/** At most `max` characters (not UTF-16 units), whitespace runs folded, an ellipsis where it was cut. */
export function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** ¥99.90: what people read; fen stay integers until this point. */
export function yuanText(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

/** 2025-06-01 10:00 in Beijing time: a format both people and WeChat's `time` keys accept. */
export function chinaMinute(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

const thing = (text: string) => ({ value: clip(text, THING_CHARS) || '—' });

function subscribe(templateId: string | null, page: string, data: Record<string, { value: string }>): SubscribeNotice | null {
  return templateId === null ? null : { templateId, page, data };
}

export interface PurchaseFacts {
  orderId: number;
  userId: number;
  courseId: number;
  courseName: string;
  amountFen: number;
  paidAt: Date;
}

/**
 * A paid order of any kind, on the purchase template (thing1 what was bought, amount2 实付, time3 支付时间),
 * once per order.
 */
function paidOrderNotice(
  f: { orderId: number; userId: number; amountFen: number; paidAt: Date },
  item: { title: string; text: string; page: string },
  templateId: string | null,
): LearnerNotice {
  return {
    kind: 'purchase',
    key: String(f.orderId),
    userId: f.userId,
    text: item.text,
    subscribe: subscribe(templateId, item.page, {
      thing1: thing(item.title),
      amount2: { value: yuanText(f.amountFen) },
      time3: { value: chinaMinute(f.paidAt) },
    }),
  };
}

export function purchaseNotice(f: PurchaseFacts, templateId: string | null): LearnerNotice {
  return paidOrderNotice(
    f,
    { title: f.courseName, text: `购买成功：《${f.courseName}》，实付 ${yuanText(f.amountFen)}。打开小程序即可开始学习。`, page: NOTICE_PAGES.course(f.courseId) },
    templateId,
  );
}

export interface PlanPurchaseFacts {
  orderId: number;
  userId: number;
  planName: string;
  amountFen: number;
  paidAt: Date;
  /** The end of the term the order bought; null for a lifetime plan. */
  endsAt: Date | null;
}

/** A paid membership order: the purchase template, with the plan's name where a course's would be. */
export function planPurchaseNotice(f: PlanPurchaseFacts, templateId: string | null): LearnerNotice {
  const until = f.endsAt === null ? '永久有效' : `有效期至 ${chinaMinute(f.endsAt).slice(0, 10)}`;
  return paidOrderNotice(
    f,
    { title: f.planName, text: `会员开通成功：「${f.planName}」，实付 ${yuanText(f.amountFen)}，${until}。会员课程现在都可以学习了。`, page: NOTICE_PAGES.profile() },
    templateId,
  );
}

export interface GiftPurchaseFacts {
  orderId: number;
  userId: number;
  courseName: string;
  amountFen: number;
  paidAt: Date;
  code: string;
}

/** A paid gift order: the code to pass on, in the chat message (the subscribe message opens the learner's gifts). */
export function giftPurchaseNotice(f: GiftPurchaseFacts, templateId: string | null): LearnerNotice {
  return paidOrderNotice(
    f,
    {
      title: `礼物：${f.courseName}`,
      text: `礼物购买成功：《${f.courseName}》，实付 ${yuanText(f.amountFen)}。你的礼物兑换码是 ${f.code}，发给朋友，在小程序「我的 → 兑换码」输入即可学习。`,
      page: NOTICE_PAGES.gifts(),
    },
    templateId,
  );
}

export interface PaidQuestionPurchaseFacts {
  orderId: number;
  userId: number;
  courseName: string;
  amountFen: number;
  paidAt: Date;
  /** When the creator's time to answer runs out (then the order is refunded in full). */
  answerDueAt: Date;
}

/** A paid question went to the creator: by when they answer, and what happens if they do not. */
export function paidQuestionPurchaseNotice(f: PaidQuestionPurchaseFacts, templateId: string | null): LearnerNotice {
  return paidOrderNotice(
    f,
    {
      title: `付费提问：${f.courseName}`,
      text: `付费提问已提交：《${f.courseName}》，实付 ${yuanText(f.amountFen)}。讲师将在 ${chinaMinute(f.answerDueAt)} 前回答，超时未答将自动全额退款。`,
      page: NOTICE_PAGES.paidQuestions(),
    },
    templateId,
  );
}

export interface RefundFacts {
  refundId: number;
  orderId: number;
  userId: number;
  /** What the order bought (absent: a course, as in refund events queued before orders had kinds). */
  itemType?: OrderItemType;
  /** The course's name, or the plan's for a membership order. */
  itemName: string;
  amountFen: number;
  refundedAt: Date;
}

/** What a refund takes back, per kind of order: [what was bought, what is gone now]. */
function refundWords(f: RefundFacts): [string, string] {
  switch (f.itemType) {
    case 'membership':
      return [`会员「${f.itemName}」`, '会员权益已关闭'];
    case 'gift':
      return [`礼物《${f.itemName}》`, '兑换码已作废，已兑换的课程学习权限已关闭'];
    case 'question':
      return [`《${f.itemName}》的付费提问`, '提问已关闭'];
    case 'unlock':
      return [`《${f.itemName}》精选问答的解锁`, '回答已不可查看'];
    default:
      return [`《${f.itemName}》`, '这门课程的学习权限已关闭'];
  }
}

export function refundNotice(f: RefundFacts, templateId: string | null): LearnerNotice {
  const [what, gone] = refundWords(f);
  return {
    kind: 'refund',
    key: String(f.refundId),
    userId: f.userId,
    text: `退款完成：${what}的 ${yuanText(f.amountFen)} 已原路退回，${gone}。`,
    subscribe: subscribe(templateId, NOTICE_PAGES.order(f.orderId), {
      thing1: thing(f.itemName),
      amount2: { value: yuanText(f.amountFen) },
      time3: { value: chinaMinute(f.refundedAt) },
      thing4: thing(`已原路退回，${gone}`),
    }),
  };
}

export interface NewLessonFacts {
  lessonId: number;
  userId: number;
  courseId: number;
  courseName: string;
  lessonTitle: string;
  addedAt: Date;
}

export function newLessonNotice(f: NewLessonFacts, templateId: string | null): LearnerNotice {
  return {
    kind: 'new-lesson',
    key: String(f.lessonId),
    userId: f.userId,
    text: `你在学的《${f.courseName}》更新了新课时「${f.lessonTitle}」，打开小程序即可学习。`,
    subscribe: subscribe(templateId, NOTICE_PAGES.course(f.courseId), {
      thing1: thing(f.courseName),
      thing2: thing(f.lessonTitle),
      time3: { value: chinaMinute(f.addedAt) },
    }),
  };
}

export interface LessonOpenedFacts {
  lessonId: number;
  userId: number;
  courseId: number;
  courseName: string;
  lessonTitle: string;
  opensAt: Date;
}

/** A drip-released lesson opened for the learner. */
export function lessonOpenedNotice(f: LessonOpenedFacts, templateId: string | null): LearnerNotice {
  return {
    kind: 'lesson-opened',
    key: String(f.lessonId),
    userId: f.userId,
    text: `《${f.courseName}》的课时「${f.lessonTitle}」已为你开放，打开小程序即可学习。`,
    subscribe: subscribe(templateId, NOTICE_PAGES.course(f.courseId), {
      thing1: thing(f.courseName),
      thing2: thing(f.lessonTitle),
      time3: { value: chinaMinute(f.opensAt) },
    }),
  };
}

export interface LiveReminderFacts {
  sessionId: number;
  userId: number;
  courseId: number;
  courseName: string;
  title: string;
  startsAt: Date;
}

/** A live session of the learner's course starts soon. */
export function liveReminderNotice(f: LiveReminderFacts, templateId: string | null): LearnerNotice {
  return {
    kind: 'live-reminder',
    key: String(f.sessionId),
    userId: f.userId,
    text: `《${f.courseName}》的直播「${f.title}」将于 ${chinaMinute(f.startsAt).slice(11)} 开始，打开小程序进入直播间提问。`,
    subscribe: subscribe(templateId, NOTICE_PAGES.course(f.courseId), {
      thing1: thing(f.courseName),
      thing2: thing(f.title),
      time3: { value: chinaMinute(f.startsAt) },
    }),
  };
}

export interface ExpiringOrderFacts {
  orderId: number;
  userId: number;
  courseName: string;
  amountFen: number;
  expiresAt: Date;
  /** Whole minutes left, rounded up: "还有 5 分钟" when 4:30 remain. */
  minutesLeft: number;
}

export function orderExpiringNotice(f: ExpiringOrderFacts, templateId: string | null): LearnerNotice {
  return {
    kind: 'order-expiring',
    key: String(f.orderId),
    userId: f.userId,
    text: `你购买《${f.courseName}》的订单（${yuanText(f.amountFen)}）还有 ${f.minutesLeft} 分钟就要关闭了，打开小程序继续支付。`,
    subscribe: subscribe(templateId, NOTICE_PAGES.order(f.orderId), {
      thing1: thing(f.courseName),
      amount2: { value: yuanText(f.amountFen) },
      time3: { value: chinaMinute(f.expiresAt) },
      thing4: thing(`还剩${f.minutesLeft}分钟，打开小程序继续支付`),
    }),
  };
}

export interface ExpiringMembershipFacts {
  membershipId: number;
  userId: number;
  planName: string;
  endsAt: Date;
}

/** Once per term (the key names the end): "your membership ends in 3 days". */
export function membershipExpiringNotice(f: ExpiringMembershipFacts, templateId: string | null): LearnerNotice {
  return {
    kind: 'membership-expiring',
    key: `${f.membershipId}:${f.endsAt.getTime()}`,
    userId: f.userId,
    text: `你的「${f.planName}」将在 ${chinaMinute(f.endsAt)} 到期，到期后会员课程将无法学习。打开小程序续费，时长从到期日起顺延。`,
    subscribe: subscribe(templateId, NOTICE_PAGES.profile(), {
      thing1: thing(f.planName),
      time2: { value: chinaMinute(f.endsAt) },
      thing3: thing('续费后时长从到期日起顺延'),
    }),
  };
}

/** Once per term (the key names the end): "your membership has ended", with the way back. */
export function membershipExpiredNotice(f: ExpiringMembershipFacts, templateId: string | null): LearnerNotice {
  return {
    kind: 'membership-expired',
    key: `${f.membershipId}:${f.endsAt.getTime()}`,
    userId: f.userId,
    text: `你的「${f.planName}」已于 ${chinaMinute(f.endsAt)} 到期，会员课程暂停学习，学习进度都还在。打开小程序续费即可继续。`,
    subscribe: subscribe(templateId, NOTICE_PAGES.profile(), {
      thing1: thing(f.planName),
      time2: { value: chinaMinute(f.endsAt) },
      thing3: thing('已到期，续费后恢复学习，进度保留'),
    }),
  };
}

export interface AnswerFacts {
  questionId: number;
  /** The learner who asked. */
  userId: number;
  courseId: number;
  courseName: string;
  question: string;
  answer: string;
  answeredAt: Date;
}

export function answerNotice(f: AnswerFacts, templateId: string | null): LearnerNotice {
  const answer = clip(f.answer, CHAT_ANSWER_CHARS);
  const more = answer === clip(f.answer, Infinity) ? '' : '\n完整回复请在小程序中查看。';
  return {
    kind: 'answer',
    key: String(f.questionId),
    userId: f.userId,
    text: `你在《${f.courseName}》提的问题有了回复：\n问：${clip(f.question, CHAT_QUESTION_CHARS)}\n答：${answer}${more}`,
    subscribe: subscribe(templateId, NOTICE_PAGES.course(f.courseId), {
      thing1: thing(f.courseName),
      thing2: thing(f.question),
      thing3: thing(f.answer),
      time4: { value: chinaMinute(f.answeredAt) },
    }),
  };
}

export interface ReviewFacts {
  /** The revision and its submission count: one decision. */
  revisionId: number;
  submission: number;
  /** The course's creator. */
  userId: number;
  courseId: number;
  courseName: string;
  /** publish: the course goes on sale; changes: edits of a course on sale. */
  kind: 'publish' | 'changes';
  approved: boolean;
  reason: string | null;
  decidedAt: Date;
}

/** A review decision, to the course's creator: what was decided and, for a refusal, why. */
export function reviewNotice(f: ReviewFacts, templateId: string | null): LearnerNotice {
  const what = f.kind === 'changes' ? `《${f.courseName}》的修改` : `《${f.courseName}》`;
  const text = f.approved
    ? f.kind === 'changes'
      ? `审核通过：${what}已生效，学员现在看到的是新版本。`
      : `审核通过：${what}已上架，学员现在可以购买了。`
    : `审核未通过：${what}。原因：${f.reason ?? '未说明'}。修改后可以重新提交审核${f.kind === 'changes' ? '，在此之前学员看到的仍是上次通过的版本' : ''}。`;
  return {
    kind: 'course-review',
    key: `${f.revisionId}-${f.submission}`,
    userId: f.userId,
    text,
    subscribe: subscribe(templateId, NOTICE_PAGES.courseEditor(f.courseId), {
      thing1: thing(f.courseName),
      phrase2: { value: f.approved ? '已通过' : '未通过' },
      thing3: thing(f.approved ? (f.kind === 'changes' ? '修改已生效' : '课程已上架') : (f.reason ?? '未说明')),
      time4: { value: chinaMinute(f.decidedAt) },
    }),
  };
}

/** The marker that ends a question forwarded to its creator; the bot routes a reply to it by this. */
export const QUESTION_MARKER = (questionId: number) => `#Q${questionId}`;
/** How much of a question the creator's chat message quotes. */
export const CREATOR_QUESTION_CHARS = 500;

export interface AskedFacts {
  questionId: number;
  courseName: string;
  askerName: string;
  question: string;
}

/**
 * The chat message that brings a new question to the course's creator. It starts with the marker, so
 * the first marker in a quote of it is this question's whatever the question says, and a preview cut
 * short still carries it; it also says how to answer without quoting.
 */
export function questionAskedText(f: AskedFacts): string {
  const marker = QUESTION_MARKER(f.questionId);
  return `${marker} 新提问：《${f.courseName}》${f.askerName}：${clip(f.question, CREATOR_QUESTION_CHARS)}（回复本消息，或发送「${marker} 你的回答」即可作答）`;
}
