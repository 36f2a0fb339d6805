import type { OrderItemType } from './order.entity';

/** What an order bought, in words, for lists a learner reads (the chat bot's 我的订单): 《course》, 会员「plan」 … */
export function orderLabel(order: { itemType: OrderItemType; courseId: number | null; course?: { name: string } | null; plan?: { name: string } | null }): string {
  const course = `《${order.course?.name ?? `课程 ${order.courseId}`}》`;
  switch (order.itemType) {
    case 'membership':
      return `会员「${order.plan?.name ?? ''}」`;
    case 'gift':
      return `礼物${course}`;
    case 'question':
      return `付费提问${course}`;
    case 'unlock':
      return `解锁回答${course}`;
    default:
      return course;
  }
}
