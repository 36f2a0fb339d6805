import type { Coupon } from '../../domain/orders/coupon.entity';
import type { FoundOrder } from '../../domain/orders/order-search.service';
import type { Order } from '../../domain/orders/order.entity';
import type { Refund } from '../../domain/orders/refund.entity';
import { fenToYuan } from '../../shared/money';

export function serializeOrder(order: Order) {
  return {
    id: order.id,
    out_trade_no: order.outTradeNo,
    user: order.userId,
    item_type: order.itemType,
    course: order.courseId,
    course_name: order.course?.name ?? null,
    plan: order.planId,
    plan_name: order.plan?.name ?? null,
    question: order.questionId,
    status: order.status,
    payment_method: order.paymentMethod,
    amount: fenToYuan(order.amountFen),
    amount_fen: order.amountFen,
    list_price_fen: order.listPriceFen,
    discount_fen: order.discountFen,
    order_time: order.orderTime.toISOString(),
    expires_at: order.expiresAt.toISOString(),
    paid_at: order.paidAt?.toISOString() ?? null,
  };
}

export function serializeRefund(refund: Refund) {
  return {
    id: refund.id,
    order: refund.orderId,
    user: refund.userId,
    course: refund.courseId,
    amount: fenToYuan(refund.amountFen),
    amount_fen: refund.amountFen,
    status: refund.status,
    reason: refund.reason,
    decision_note: refund.decisionNote,
    failure_reason: refund.failureReason,
    requested_at: refund.requestedAt.toISOString(),
    decided_at: refund.decidedAt?.toISOString() ?? null,
    completed_at: refund.completedAt?.toISOString() ?? null,
  };
}

export function serializeCoupon(coupon: Coupon) {
  return {
    id: coupon.id,
    code: coupon.code,
    kind: coupon.kind,
    value: coupon.value,
    course: coupon.courseId,
    starts_at: coupon.startsAt.toISOString(),
    ends_at: coupon.endsAt.toISOString(),
    total_limit: coupon.totalLimit,
    per_user_limit: coupon.perUserLimit,
    redeemed_count: coupon.redeemedCount,
    disabled: coupon.disabledAt !== null,
    created_at: coupon.createdAt.toISOString(),
  };
}

/** An order as admins find it: with its buyer, its course or plan (and their creator) and its refund. */
export function serializeFoundOrder({ order, refund }: FoundOrder) {
  return {
    ...serializeOrder(order),
    buyer: order.user ? { id: order.user.id, username: order.user.username, name: order.user.displayName } : null,
    creator: order.course?.creatorId ?? order.plan?.creatorId ?? null,
    refund: refund ? serializeRefund(refund) : null,
  };
}
