/**
 * Everything the bot says, in one place: plain functions of their data, so wording and layout are
 * tested without a chat and stay consistent across features.
 */

export const BOT_NAME = '知识小助手';

const TIME_ZONE = 'Asia/Shanghai';
const dateTimeParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2024-05-01 14:03" in China's time, whatever the server's zone. */
export function chinaDateTime(date: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes) => dateTimeParts.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

export function chinaDate(date: Date): string {
  return chinaDateTime(date).slice(0, 10);
}

/** ¥99.90 from integer fen, without floating point; free courses say so. */
export function price(fen: number): string {
  if (fen === 0) return '免费';
  return `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

export const HOW_TO_BIND = '请在小程序「我的」页面获取 6 位绑定码，然后把「绑定 123456」（换成你的绑定码）发给我。';

export function helpText(): string {
  return [
    `我是${BOT_NAME}，可以帮你：`,
    '· 绑定 123456 —— 绑定你的账号（绑定码在小程序「我的」页面获取）',
    '· 我的课程 —— 查看已报名的课程',
    '· 我的订单 —— 查看最近的订单',
    '· 推荐 —— 为你挑选的课程（未绑定时看热门课程）',
    '· 今日销售 —— 开课老师查看今天到目前为止的销售',
    '· 直接发问题 —— 我来解答；答不了时回复「转给老师」，由课程老师回答',
    '在群里请先 @我 再提问。',
  ].join('\n');
}

export const texts = {
  notBound: `你还没有绑定账号。${HOW_TO_BIND}`,
  bindInvalid: '绑定码无效或已过期，请在小程序「我的」页面重新获取。',
  bindInGroup: '为了账号安全，请私聊我发送绑定码；在群里发过的绑定码请重新获取。',
  bindTooMany: '绑定尝试次数过多，请一小时后再试，或在小程序「我的」页面重新获取绑定码。',
  privateOnly: (command: string) => `这是你的个人信息，请私聊我发送「${command}」。`,
  failed: '抱歉，我这边出了点问题，请稍后再试。',
  notConfident: '我还不知道这个问题的答案。要我转给课程老师吗？回复「转给老师」',
  nothingToForward: '没有需要转给老师的问题。请直接把问题发给我。',
  forwardNeedsEnrollment: '老师只回答已报名学员的问题，你还没有报名课程。发送「推荐」看看热门课程。',
  noCourses: '你还没有报名课程。发送「推荐」看看热门课程。',
  noOrders: '你还没有订单。发送「推荐」看看热门课程。',
  noRecommendations: '暂时还没有上架的课程，晚些再来看看吧。',
  creatorsOnly: '「今日销售」是给开课老师看的销售数据，这个账号还没有开课。想开课的话，可以在小程序「我的」页面申请成为老师。',
};

export function bound(displayName: string): string {
  return `绑定成功！你好，${displayName}。发送「帮助」看看我能做什么。`;
}

export function courseList(courses: Array<{ name: string; enrolledAt: Date; progress?: number }>, total = courses.length): string {
  const lines = courses.map((c, i) => {
    const progress = c.progress === undefined ? '' : ` · 已学 ${Math.round(c.progress * 100)}%`;
    return `${i + 1}.《${c.name}》 报名于 ${chinaDate(c.enrolledAt)}${progress}`;
  });
  const more = total > courses.length ? ['完整列表请在小程序「我的课程」查看。'] : [];
  return [`你已报名 ${total} 门课程：`, ...lines, ...more].join('\n');
}

export const ORDER_STATUS_TEXT: Record<string, string> = {
  PENDING: '待支付',
  PAID: '已支付',
  FAILED: '支付失败',
  EXPIRED: '已过期',
  REFUNDED: '已退款',
};

/** Recent orders; `item` names what each bought (orderLabel: 《course》, 会员「plan」 …). */
export function orderList(orders: Array<{ item: string; amountFen: number; status: string; orderTime: Date }>, total: number): string {
  const lines = orders.map((o, i) => `${i + 1}.${o.item} ${price(o.amountFen)} ${ORDER_STATUS_TEXT[o.status] ?? o.status} · ${chinaDateTime(o.orderTime)}`);
  const more = total > orders.length ? [`共 ${total} 笔订单，完整列表请在小程序「我的订单」查看。`] : [];
  return ['你最近的订单：', ...lines, ...more].join('\n');
}

export function recommendations(courses: Array<{ name: string; priceFen: number; ratingAvg: number; ratingCount: number; creatorName: string | null }>, personal = false): string {
  const lines = courses.map((c, i) => {
    const rating = c.ratingCount > 0 ? `${c.ratingAvg.toFixed(1)} 分` : '暂无评分';
    const creator = c.creatorName ? ` · ${c.creatorName}` : '';
    return `${i + 1}.《${c.name}》 ${price(c.priceFen)} · ${rating}${creator}`;
  });
  return [personal ? '为你推荐：' : '热门课程：', ...lines, '在小程序里搜索课程名即可查看和购买。'].join('\n');
}

export function answer(text: string, courseName?: string | null): string {
  return courseName ? `${text}\n——来自课程《${courseName}》` : text;
}

export function chooseCourse(courses: Array<{ name: string }>): string {
  const lines = courses.map((c, i) => `${i + 1}.《${c.name}》`);
  return ['你报名了多门课程，要转给哪门课的老师？', ...lines, '回复「转给老师 1」这样的编号即可。'].join('\n');
}

export function forwarded(courseName: string, questionId: number): string {
  return `已转给《${courseName}》的老师（问题 #Q${questionId}），老师回复后我会第一时间告诉你。`;
}

/** Why a question could not be forwarded, by the QuestionService's error code. */
export function notForwarded(code: string): string {
  switch (code) {
    case 'VALIDATION_ERROR':
      return '这个问题太长了，请精简到 1000 字以内再问一次。';
    case 'NOT_ENROLLED':
      return texts.forwardNeedsEnrollment;
    case 'OWN_COURSE':
      return '这是你自己的课程，问题请在小程序的课程问答里查看。';
    case 'NOT_FOUND':
      return '这门课程现在看不到了，没能转给老师。';
    default:
      return '没能转给老师，请稍后再试，或在小程序的课程问答里提问。';
  }
}

export const creatorTexts = {
  answered: (questionId: number) => `已把你的回答发给学员（问题 #Q${questionId}）。`,
  emptyAnswer: (questionId: number) => `请在 #Q${questionId} 后面写上你的回答，例如「#Q${questionId} 答：……」。`,
  notFound: (questionId: number) => `没有找到问题 #Q${questionId}。`,
  notYours: (questionId: number) => `只有这门课的老师可以回答问题 #Q${questionId}。`,
  alreadyAnswered: (questionId: number) => `问题 #Q${questionId} 已经回答过了。`,
};
