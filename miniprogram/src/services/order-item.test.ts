import { orderDescription, orderDestination } from './order-item';
import { ROUTES } from './routes';

const base = { course: 7, course_name: '数据分析入门', plan_name: null };

describe('an order in the orders list', () => {
  it('is named for what it buys', () => {
    expect(orderDescription({ ...base, item_type: 'course' })).toBe('数据分析入门');
    expect(orderDescription({ ...base, item_type: undefined })).toBe('数据分析入门');
    expect(orderDescription({ course: 0, course_name: null, plan_name: '年度会员', item_type: 'membership' })).toBe('会员 · 年度会员');
    expect(orderDescription({ ...base, item_type: 'gift' })).toBe('礼物 · 数据分析入门');
    expect(orderDescription({ ...base, course_name: null, item_type: 'course' })).toBe('#7');
    expect(orderDescription({ ...base, item_type: 'question' })).toContain('数据分析入门');
    expect(orderDescription({ ...base, item_type: 'unlock' })).not.toBe(orderDescription({ ...base, item_type: 'question' }));
  });

  it('once paid, leads to where the buyer finds what they bought', () => {
    expect(orderDestination({ item_type: 'course' })).toEqual({ label: '我的课程', route: ROUTES.library });
    expect(orderDestination({ item_type: 'membership' })).toEqual({ label: '我的会员', route: ROUTES.profile });
    expect(orderDestination({ item_type: 'gift' })).toEqual({ label: '我送出的礼物', route: ROUTES.gifts });
    expect(orderDestination({ item_type: 'question' }).route).toBe(ROUTES.myPaidQuestions);
    expect(orderDestination({ item_type: 'unlock' }).route).toBe(ROUTES.myPaidQuestions);
  });
});
