import { zhCN } from '../i18n/zh-CN';
import { ROUTES } from './routes';
import type { Order } from './types';

type OrderItem = Pick<Order, 'item_type' | 'course_name' | 'plan_name'> & { course: number | null };

/** What an order buys, in words: the course, the plan, a course as a gift, a question or an unlock about a course. */
export function orderDescription(order: OrderItem): string {
  const name = order.course_name ?? (order.course ? `#${order.course}` : '');
  switch (order.item_type) {
    case 'membership':
      return zhCN.orders.membershipItem(order.plan_name ?? '');
    case 'gift':
      return zhCN.orders.giftItem(name);
    case 'question':
      return zhCN.paidQa.payQuestion(name);
    case 'unlock':
      return zhCN.paidQa.payUnlock(name);
    default:
      return name;
  }
}

/** Where a paid order's buyer finds what they bought. */
export function orderDestination(order: Pick<Order, 'item_type'>): { label: string; route: string } {
  switch (order.item_type) {
    case 'membership':
      return { label: zhCN.membership.mine, route: ROUTES.profile };
    case 'gift':
      return { label: zhCN.gift.mine, route: ROUTES.gifts };
    case 'question':
    case 'unlock':
      return { label: zhCN.paidQa.mine, route: ROUTES.myPaidQuestions };
    default:
      return { label: zhCN.library.title, route: ROUTES.library };
  }
}
