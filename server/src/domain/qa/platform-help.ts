import type { QaDoc } from './qa-index';

export interface PlatformHelpOptions {
  /** REFUND_WINDOW_DAYS: the answer about refunds names the configured window, not a fixed one. */
  refundWindowDays: number;
}

/**
 * What the bot knows about the platform itself, whatever course is asked about. The wording follows
 * the mini-program's own labels (我的 → 我的课程 / 我的订单), so an answer can be followed step by step.
 */
export function platformHelp({ refundWindowDays }: PlatformHelpOptions): QaDoc[] {
  const refund =
    refundWindowDays > 0
      ? `付款后 ${refundWindowDays} 天内可以申请退款：在“我的 → 我的订单”中找到这笔订单，点击“申请退款”并填写原因。课程老师或平台审核通过后，款项会原路退回微信支付账户，退款成功后将无法继续学习该课程。`
      : '目前平台不支持自助申请退款；如有特殊情况，请在课程问答里联系课程老师。';
  const entries: Array<[string, string, string]> = [
    [
      'buy',
      '怎么购买课程？',
      '在小程序里打开课程详情页，点击底部的“购买”按钮，确认价格后用微信支付付款即可。付款成功后课程会出现在“我的 → 我的课程”里，可以马上学习。',
    ],
    [
      'pay-failed',
      '支付失败或者付款后没有开通课程怎么办？',
      '支付结果以微信支付的通知为准，一般几秒内就会开通。如果已扣款但“我的课程”里还没有，请稍等一分钟后下拉刷新；订单在有效期内未支付会自动关闭，重新下单即可。仍有问题请在“我的订单”里查看订单状态并联系我们。',
    ],
    ['refund', '如何申请退款？', refund],
    [
      'refund-time',
      '退款多久能到账？',
      '退款审核通过后由微信支付原路退回，零钱一般即时到账，银行卡通常 1–3 个工作日。退款进度可以在“我的订单”里查看。',
    ],
    ['my-courses', '我买过的课程在哪里看？', '打开小程序“我的 → 我的课程”即可看到已购买的全部课程。已绑定聊天账号的话，也可以直接给我发“我的课程”。'],
    ['my-orders', '在哪里查看我的订单？', '打开小程序“我的 → 我的订单”可以查看全部订单及其状态（待支付、已支付、已退款等）。已绑定聊天账号的话，也可以直接给我发“我的订单”。'],
    [
      'bind-chat',
      '怎么绑定微信聊天账号？',
      '在小程序“我的”页面获取 6 位绑定码，然后在这里给我发送“绑定 123456”（换成你的绑定码）。绑定码几分钟内有效且只能用一次；绑定后就能在聊天里查课程、查订单和收到提醒。',
    ],
    ['unbind-chat', '怎么解除微信聊天绑定？', '在小程序“我的”页面解除聊天绑定即可；之后可以随时用新的绑定码重新绑定。'],
    [
      'contact-creator',
      '怎么联系课程老师？',
      '在课程详情页的“问答”里提问，老师回答后你会收到通知；在聊天里问我课程相关的问题，我答不上来时也可以帮你把问题转给老师。',
    ],
    ['invoice', '可以开发票吗？', '目前平台暂不支持开具发票，敬请谅解。'],
    [
      'coupon',
      '优惠券怎么使用？',
      '下单时在订单确认页填写老师提供的优惠码即可抵扣，每张优惠券有使用期限和次数限制，过期或用完后无法使用。',
    ],
    [
      'free-preview',
      '可以先试看再购买吗？',
      '可以。课程目录中标有“试看”的课时无需购买即可播放，其余课时购买后解锁。',
    ],
    ['share', '买的课程可以分享给别人看吗？', '课程仅限购买的账号学习，播放链接有时效且与账号绑定，不能转给他人使用。'],
    [
      'become-creator',
      '怎么成为老师开课？',
      '在小程序“我的”页面点击“成为创作者”开通店铺，然后创建课程、上传课时并提交审核，审核通过后课程就会上架销售。',
    ],
  ];
  return entries.map(([key, question, answer]) => ({ id: `help:${key}`, courseId: null, question, answer, source: 'help' }));
}
