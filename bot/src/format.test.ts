import * as format from './format';

describe('format', () => {
  it('shows money from integer fen without rounding errors', () => {
    expect(format.price(9990)).toBe('¥99.90');
    expect(format.price(1005)).toBe('¥10.05');
    expect(format.price(1)).toBe('¥0.01');
    expect(format.price(0)).toBe('免费');
  });

  it('shows times in China whatever the server zone', () => {
    expect(format.chinaDateTime(new Date('2024-04-30T16:30:00Z'))).toBe('2024-05-01 00:30');
    expect(format.chinaDate(new Date('2024-04-30T15:59:00Z'))).toBe('2024-04-30');
  });

  it('lists every command in the help text', () => {
    const help = format.helpText();
    for (const command of ['绑定 123456', '我的课程', '我的订单', '推荐', '转给老师']) expect(help).toContain(command);
  });

  it('numbers courses, orders and recommendations', () => {
    expect(format.courseList([{ name: 'Python', enrolledAt: new Date('2024-05-01T02:00:00Z') }])).toBe('你已报名 1 门课程：\n1.《Python》 报名于 2024-05-01');
    expect(format.courseList([{ name: 'Go', enrolledAt: new Date('2024-05-01T02:00:00Z'), progress: 0.426 }])).toContain('已学 43%');
    expect(format.courseList([{ name: 'Go', enrolledAt: new Date('2024-05-01T02:00:00Z') }], 12)).toBe('你已报名 12 门课程：\n1.《Go》 报名于 2024-05-01\n完整列表请在小程序「我的课程」查看。');
    const orders = format.orderList([{ item: '《Python》', amountFen: 9990, status: 'PAID', orderTime: new Date('2024-05-01T06:03:00Z') }], 3);
    expect(orders).toBe('你最近的订单：\n1.《Python》 ¥99.90 已支付 · 2024-05-01 14:03\n共 3 笔订单，完整列表请在小程序「我的订单」查看。');
    const recs = format.recommendations([
      { name: 'A', priceFen: 100, ratingAvg: 4.75, ratingCount: 8, creatorName: '张老师' },
      { name: 'B', priceFen: 0, ratingAvg: 0, ratingCount: 0, creatorName: null },
    ]);
    expect(recs).toContain('1.《A》 ¥1.00 · 4.8 分 · 张老师');
    expect(recs).toContain('2.《B》 免费 · 暂无评分');
  });

  it('names the source course of an answer when there is one', () => {
    expect(format.answer('在订单页申请退款', null)).toBe('在订单页申请退款');
    expect(format.answer('第三章讲过', 'Python')).toBe('第三章讲过\n——来自课程《Python》');
  });

  it('tells the learner how to forward and how to pick a course', () => {
    expect(format.texts.notConfident).toContain('回复「转给老师」');
    expect(format.chooseCourse([{ name: 'A' }, { name: 'B' }])).toContain('2.《B》');
    expect(format.forwarded('A', 12)).toContain('#Q12');
    expect(format.notForwarded('NOT_ENROLLED')).toBe(format.texts.forwardNeedsEnrollment);
    expect(format.notForwarded('SOMETHING_NEW')).toContain('没能转给老师');
  });
});
