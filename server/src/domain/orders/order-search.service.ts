import type { DataSource } from 'typeorm';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import { Order, type OrderStatus } from './order.entity';
import { Refund } from './refund.entity';

export interface OrderSearch {
  /** An order id, an out_trade_no (or part of it), a buyer's username or name, or a course or plan name (part of). */
  q?: string;
  status?: OrderStatus;
  courseId?: number;
  userId?: number;
  /** Ordered at or after / before (exclusive). */
  from?: Date;
  to?: Date;
}

export interface FoundOrder {
  order: Order;
  refund: Refund | null;
}

/** Admins look orders up (support cases): any buyer, any course or plan, newest first, with their refund. */
export class OrderSearchService {
  constructor(private readonly ds: DataSource) {}

  async search(filter: OrderSearch, page: PageRequest): Promise<Page<FoundOrder>> {
    const qb = this.ds
      .getRepository(Order)
      .createQueryBuilder('o')
      .innerJoinAndSelect('o.user', 'u')
      // A membership order has a plan and no course: both are optional here.
      .leftJoinAndSelect('o.course', 'c')
      .leftJoinAndSelect('o.plan', 'p')
      .orderBy('o.id', 'DESC')
      .skip(offsetOf(page))
      .take(page.pageSize);
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.courseId !== undefined) qb.andWhere('o.courseId = :courseId', { courseId: filter.courseId });
    if (filter.userId !== undefined) qb.andWhere('o.userId = :userId', { userId: filter.userId });
    if (filter.from) qb.andWhere('o.orderTime >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('o.orderTime < :to', { to: filter.to });
    const q = filter.q?.trim();
    if (q) {
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const byId = /^\d{1,10}$/.test(q) ? ' OR o.id = :id' : '';
      qb.andWhere(`(o.outTradeNo LIKE :like OR u.username LIKE :like OR u.displayName LIKE :like OR c.name LIKE :like OR p.name LIKE :like${byId})`, { like, id: Number(q) });
    }
    const [orders, count] = await qb.getManyAndCount();
    const ids = orders.map((o) => o.id);
    const refunds = ids.length ? await this.ds.getRepository(Refund).createQueryBuilder('r').where('r.orderId IN (:...ids)', { ids }).getMany() : [];
    const byOrder = new Map(refunds.map((r) => [r.orderId, r]));
    return { count, results: orders.map((order) => ({ order, refund: byOrder.get(order.id) ?? null })) };
  }
}
