import { orderLabel } from './order-label';

describe('an order named for a learner', () => {
  it('says what it bought: a course, a plan, a gift, a paid question or an unlock', () => {
    const course = { name: '摄影入门' };
    expect(orderLabel({ itemType: 'course', courseId: 3, course })).toBe('《摄影入门》');
    expect(orderLabel({ itemType: 'course', courseId: 3, course: null })).toBe('《课程 3》');
    expect(orderLabel({ itemType: 'membership', courseId: null, course: null, plan: { name: '摄影年卡' } })).toBe('会员「摄影年卡」');
    expect(orderLabel({ itemType: 'gift', courseId: 3, course })).toBe('礼物《摄影入门》');
    expect(orderLabel({ itemType: 'question', courseId: 3, course })).toBe('付费提问《摄影入门》');
    expect(orderLabel({ itemType: 'unlock', courseId: 3, course })).toBe('解锁回答《摄影入门》');
  });
});
