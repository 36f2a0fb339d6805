import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstInvalidKey } from '../../sandbox/subscribe-values';
import {
  answerNotice,
  chinaMinute,
  clip,
  giftPurchaseNotice,
  newLessonNotice,
  NOTICE_PAGES,
  paidQuestionPurchaseNotice,
  orderExpiringNotice,
  planPurchaseNotice,
  purchaseNotice,
  questionAskedText,
  refundNotice,
  reviewNotice,
  yuanText,
  type LearnerNotice,
} from './notices';

const LONG_NAME = '从零开始的摄影课：构图、光线、后期与商业拍摄全流程实战（2025 版）';
const at = new Date('2025-06-01T02:05:09Z');

describe('notice helpers', () => {
  it('clips by characters, folding whitespace, with an ellipsis only when cut', () => {
    expect(clip('短标题', 20)).toBe('短标题');
    expect(clip('  多个\n\n空白   合并 ', 20)).toBe('多个 空白 合并');
    expect(clip('一二三四五六', 5)).toBe('一二三四…');
    expect([...clip(LONG_NAME, 20)]).toHaveLength(20);
    expect(clip('😀'.repeat(30), 20)).toBe(`${'😀'.repeat(19)}…`);
  });

  it('shows yuan with two decimals and Beijing time to the minute', () => {
    expect(yuanText(9990)).toBe('¥99.90');
    expect(yuanText(5)).toBe('¥0.05');
    expect(chinaMinute(at)).toBe('2025-06-01 10:05');
    expect(chinaMinute(new Date('2025-06-01T17:30:00Z'))).toBe('2025-06-02 01:30');
  });
});

describe('notices', () => {
  const template = 'kp_test_template_01';
  const all = (): LearnerNotice[] => [
    purchaseNotice({ orderId: 11, userId: 2, courseId: 3, courseName: LONG_NAME, amountFen: 9990, paidAt: at }, template),
    refundNotice({ refundId: 12, orderId: 11, userId: 2, itemName: LONG_NAME, amountFen: 9990, refundedAt: at }, template),
    newLessonNotice({ lessonId: 13, userId: 2, courseId: 3, courseName: LONG_NAME, lessonTitle: '第十二课：夜景与长曝光的正确打开方式（附练习）', addedAt: at }, template),
    orderExpiringNotice({ orderId: 11, userId: 2, courseName: LONG_NAME, amountFen: 9990, expiresAt: at, minutesLeft: 5 }, template),
    answerNotice({ questionId: 14, userId: 2, courseId: 3, courseName: LONG_NAME, question: '光圈和快门怎么配合？'.repeat(3), answer: '先定光圈控制景深，再按测光调快门。'.repeat(30), answeredAt: at }, template),
  ];

  it('keep every subscribe value within its key type\'s rules, long names included', () => {
    for (const notice of all()) {
      expect(notice.subscribe).not.toBeNull();
      expect(firstInvalidKey(notice.subscribe!.data)).toBeNull();
      expect(notice.subscribe!.templateId).toBe(template);
    }
  });

  it('are keyed by the event and the user', () => {
    expect(all().map((n) => [n.kind, n.key, n.userId])).toEqual([
      ['purchase', '11', 2],
      ['refund', '12', 2],
      ['new-lesson', '13', 2],
      ['order-expiring', '11', 2],
      ['answer', '14', 2],
    ]);
  });

  it('tell a buyer the course and the amount, and open the course', () => {
    const n = purchaseNotice({ orderId: 11, userId: 2, courseId: 3, courseName: '摄影入门', amountFen: 9990, paidAt: at }, template);
    expect(n.text).toBe('购买成功：《摄影入门》，实付 ¥99.90。打开小程序即可开始学习。');
    expect(n.subscribe).toEqual({
      templateId: template,
      page: 'pages/course/index?id=3',
      data: { thing1: { value: '摄影入门' }, amount2: { value: '¥99.90' }, time3: { value: '2025-06-01 10:05' } },
    });
  });

  it('tell a refunded learner the money is back and access is gone', () => {
    const n = refundNotice({ refundId: 12, orderId: 11, userId: 2, itemName: '摄影入门', amountFen: 9990, refundedAt: at }, template);
    expect(n.text).toContain('《摄影入门》的 ¥99.90 已原路退回');
    expect(n.text).toContain('学习权限已关闭');
    expect(n.subscribe?.page).toBe('pages/orders/index?id=11');
  });

  it('name the course and the new lesson', () => {
    const n = newLessonNotice({ lessonId: 13, userId: 2, courseId: 3, courseName: '摄影入门', lessonTitle: '夜景', addedAt: at }, template);
    expect(n.text).toBe('你在学的《摄影入门》更新了新课时「夜景」，打开小程序即可学习。');
    expect(n.subscribe?.data.thing2).toEqual({ value: '夜景' });
  });

  it('remind of an unpaid order with the minutes left and where to pay', () => {
    const n = orderExpiringNotice({ orderId: 11, userId: 2, courseName: '摄影入门', amountFen: 100, expiresAt: at, minutesLeft: 5 }, template);
    expect(n.text).toBe('你购买《摄影入门》的订单（¥1.00）还有 5 分钟就要关闭了，打开小程序继续支付。');
    expect(n.subscribe?.data).toMatchObject({ time3: { value: '2025-06-01 10:05' }, thing4: { value: '还剩5分钟，打开小程序继续支付' } });
  });

  it('quote the question and a shortened answer', () => {
    const short = answerNotice({ questionId: 14, userId: 2, courseId: 3, courseName: '摄影入门', question: '光圈怎么选？', answer: '看景深需要。', answeredAt: at }, template);
    expect(short.text).toBe('你在《摄影入门》提的问题有了回复：\n问：光圈怎么选？\n答：看景深需要。');
    const long = answerNotice({ questionId: 14, userId: 2, courseId: 3, courseName: '摄影入门', question: '光圈怎么选？', answer: '很长的回答。'.repeat(100), answeredAt: at }, template);
    const answerLine = long.text.split('\n')[2]!;
    expect([...answerLine.slice('答：'.length)]).toHaveLength(300);
    expect(answerLine.endsWith('…')).toBe(true);
    expect(long.text.endsWith('完整回复请在小程序中查看。')).toBe(true);
    expect(long.subscribe?.data.thing3?.value).toBe(`${'很长的回答。'.repeat(4).slice(0, 19)}…`);
  });

  it('leave the subscribe message out when no template is configured', () => {
    expect(purchaseNotice({ orderId: 1, userId: 2, courseId: 3, courseName: 'c', amountFen: 1, paidAt: at }, null).subscribe).toBeNull();
  });
});

describe('a question forwarded to its creator', () => {
  it('starts with the #Q marker (so quotes and cut-off previews keep it), names course and asker, and says how to answer', () => {
    const text = questionAskedText({ questionId: 42, courseName: '摄影入门', askerName: '小王', question: '光圈\n怎么选？#Q7' });
    expect(text).toBe('#Q42 新提问：《摄影入门》小王：光圈 怎么选？#Q7（回复本消息，或发送「#Q42 你的回答」即可作答）');
    expect(/#Q(\d+)/.exec(text)?.[1]).toBe('42');
  });
});

describe('a review decision, to the creator', () => {
  const facts = { revisionId: 7, submission: 2, userId: 3, courseId: 5, courseName: LONG_NAME, decidedAt: at };

  it('says a new course is on sale, or that changes are live, and opens the editor', () => {
    const listed = reviewNotice({ ...facts, kind: 'publish', approved: true, reason: null }, 'kp_test_template_01');
    expect(listed).toMatchObject({ kind: 'course-review', key: '7-2', userId: 3 });
    expect(listed.text).toBe(`审核通过：《${LONG_NAME}》已上架，学员现在可以购买了。`);
    expect(listed.subscribe?.page).toBe('creator/editor/index?id=5');
    expect(reviewNotice({ ...facts, kind: 'changes', approved: true, reason: null }, null).text).toBe(`审核通过：《${LONG_NAME}》的修改已生效，学员现在看到的是新版本。`);
  });

  it('gives the reason of a refusal, within the subscribe rules however long it is', () => {
    const reason = '封面图片与课程内容无关，且第三课的音频有明显杂音，请重新录制后再提交。';
    const refused = reviewNotice({ ...facts, kind: 'changes', approved: false, reason }, 'kp_test_template_01');
    expect(refused.text).toContain(`原因：${reason}`);
    expect(refused.text).toContain('学员看到的仍是上次通过的版本');
    expect(refused.subscribe?.data.phrase2).toEqual({ value: '未通过' });
    expect(firstInvalidKey(refused.subscribe!.data)).toBeNull();
  });

  it('names each decision apart: a resubmission is a new notice', () => {
    const first = reviewNotice({ ...facts, submission: 1, kind: 'publish', approved: false, reason: '音质差' }, null);
    const second = reviewNotice({ ...facts, submission: 2, kind: 'publish', approved: true, reason: null }, null);
    expect(first.key).not.toBe(second.key);
  });
});

describe('notices of paid plan and gift orders', () => {
  const template = 'kp_test_template_01';

  it('tell a member the plan and its end (or that it never ends), within the purchase template', () => {
    const yearly = planPurchaseNotice({ orderId: 21, userId: 2, planName: `${LONG_NAME}年卡`, amountFen: 19900, paidAt: at, endsAt: new Date('2026-06-01T02:05:09Z') }, template);
    expect([yearly.kind, yearly.key]).toEqual(['purchase', '21']);
    expect(yearly.text).toContain('实付 ¥199.00，有效期至 2026-06-01');
    expect(yearly.subscribe?.page).toBe('pages/profile/index');
    expect(firstInvalidKey(yearly.subscribe!.data)).toBeNull();
    expect(planPurchaseNotice({ orderId: 22, userId: 2, planName: '终身卡', amountFen: 100, paidAt: at, endsAt: null }, null)).toMatchObject({ text: expect.stringContaining('永久有效'), subscribe: null });
  });

  it('give a gift buyer the code in chat, and open their gifts from the subscribe message', () => {
    const gift = giftPurchaseNotice({ orderId: 23, userId: 2, courseName: LONG_NAME, amountFen: 9990, paidAt: at, code: 'ABCDEFGHJKMN' }, template);
    expect(gift.text).toContain('兑换码是 ABCDEFGHJKMN');
    expect(gift.subscribe?.page).toBe('learning/gifts/index');
    expect(firstInvalidKey(gift.subscribe!.data)).toBeNull();
  });
});

describe('a paid question, to its asker', () => {
  it('says by when the creator answers and opens their paid questions', () => {
    const template = 'kp_test_template_01';
    const n = paidQuestionPurchaseNotice({ orderId: 31, userId: 2, courseName: LONG_NAME, amountFen: 1500, paidAt: at, answerDueAt: new Date('2025-06-04T02:05:09Z') }, template);
    expect([n.kind, n.key]).toEqual(['purchase', '31']);
    expect(n.text).toContain('实付 ¥15.00');
    expect(n.text).toContain('2025-06-04 10:05 前回答');
    expect(n.subscribe?.page).toBe('learning/paid-questions/mine');
    expect(firstInvalidKey(n.subscribe!.data)).toBeNull();
  });
});

/** The mini-program's pages as app.config.ts lists them: the main package's, and each subpackage's under its root. */
function appPages(): Set<string> {
  const config = readFileSync(join(__dirname, '..', '..', '..', '..', 'miniprogram', 'src', 'app.config.ts'), 'utf8');
  const list = (body: string) => [...body.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
  const pages = new Set(list(/pages:\s*\[([^\]]*)\]/.exec(config)![1]!));
  for (const sub of config.matchAll(/root:\s*'([^']+)',\s*pages:\s*\[([^\]]*)\]/g)) for (const page of list(sub[2]!)) pages.add(`${sub[1]}/${page}`);
  return pages;
}

describe('the pages notices open', () => {
  it('are all pages of the mini-program', () => {
    const pages = appPages();
    expect(pages.has('pages/course/index')).toBe(true);
    expect(pages.has('learning/gifts/index')).toBe(true);
    const opened = Object.values(NOTICE_PAGES).map((page) => page(1).split('?')[0]!);
    expect(opened.filter((page) => !pages.has(page))).toEqual([]);
  });
});

describe('a refund, to its buyer', () => {
  const facts = { refundId: 40, orderId: 41, userId: 2, itemName: '摄影入门', amountFen: 2000, refundedAt: at };
  it('says what the refund took back, for each kind of order', () => {
    expect(refundNotice(facts, null).text).toBe('退款完成：《摄影入门》的 ¥20.00 已原路退回，这门课程的学习权限已关闭。');
    expect(refundNotice({ ...facts, itemType: 'course' }, null).text).toBe(refundNotice(facts, null).text);
    expect(refundNotice({ ...facts, itemType: 'membership', itemName: '摄影年卡' }, null).text).toBe('退款完成：会员「摄影年卡」的 ¥20.00 已原路退回，会员权益已关闭。');
    expect(refundNotice({ ...facts, itemType: 'gift' }, null).text).toContain('兑换码已作废');
    expect(refundNotice({ ...facts, itemType: 'question' }, null).text).toBe('退款完成：《摄影入门》的付费提问的 ¥20.00 已原路退回，提问已关闭。');
    expect(refundNotice({ ...facts, itemType: 'unlock' }, null).text).toContain('回答已不可查看');
    expect(refundNotice({ ...facts, itemType: 'question' }, null).text).not.toContain('学习权限');
  });

  it('keeps each subscribe value within WeChat’s limits', () => {
    for (const itemType of ['course', 'membership', 'gift', 'question', 'unlock'] as const) {
      const n = refundNotice({ ...facts, itemType, itemName: LONG_NAME }, 'kp_test_template_01');
      expect(firstInvalidKey(n.subscribe!.data)).toBeNull();
    }
  });
});
