import type { AnalyticsReport, Totals } from '../../domain/analytics/analytics.service';
import { change } from '../../domain/analytics/digest-figures';
import type { SalesDigest } from '../../domain/analytics/sales-digest.entity';
import { fenToYuan } from '../../shared/money';
import type { MediaUrlSigner } from '../../storage/media-url-signer';

/** Shares and scores with four decimals: enough to read, no float noise. */
const round4 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10_000) / 10_000);

export function serializeDigest(d: SalesDigest, urls: MediaUrlSigner) {
  const f = d.figures;
  const t = f.today;
  return {
    id: d.id,
    date: d.digestDate,
    cutoff_at: d.cutoffAt.toISOString(),
    created_at: d.createdAt.toISOString(),
    sent_to_chat: d.queuedAt !== null,
    text: d.text,
    image_url: urls.sign(d.imageKey),
    figures: {
      time_zone: f.timeZone,
      cutoff: f.cutoff,
      revenue: fenToYuan(t.revenueFen),
      revenue_fen: t.revenueFen,
      orders: t.orders,
      paid_orders: t.paidOrders,
      refunds: t.refunds,
      refunded_fen: t.refundedFen,
      new_learners: t.newLearners,
      views: t.views,
      new_questions_open: t.openQuestions,
      unanswered_questions: f.unansweredQuestions,
      day_over_day: {
        revenue: round4(change(t.revenueFen, f.sameTimeYesterday.revenueFen)),
        paid_orders: round4(change(t.paidOrders, f.sameTimeYesterday.paidOrders)),
        yesterday_revenue_fen: f.sameTimeYesterday.revenueFen,
        yesterday_paid_orders: f.sameTimeYesterday.paidOrders,
      },
      trend: f.trend.map((day) => ({ date: day.date, revenue: fenToYuan(day.revenueFen), revenue_fen: day.revenueFen, paid_orders: day.paidOrders, partial: day.partial })),
      top_courses: f.topCourses.map((c) => ({ id: c.courseId, name: c.name, revenue: fenToYuan(c.revenueFen), revenue_fen: c.revenueFen, paid_orders: c.paidOrders, new_learners: c.newLearners })),
    },
  };
}

function totals(t: Totals) {
  return {
    revenue: fenToYuan(t.revenueFen),
    revenue_fen: t.revenueFen,
    views: t.views,
    orders: t.orders,
    paid_orders: t.paidOrders,
    refunds: t.refunds,
    refunded_fen: t.refundedFen,
    new_learners: t.newLearners,
  };
}

export function serializeReport(r: AnalyticsReport) {
  return {
    from: r.from,
    to: r.to,
    time_zone: r.timeZone,
    computed_at: r.computedAt?.toISOString() ?? null,
    totals: { ...totals(r.totals), refund_rate: round4(r.totals.refundRate) },
    revenue_by_day: r.revenueByDay.map((d) => ({ date: d.date, ...totals(d) })),
    /** The membership and gift part of the totals (per-course figures count course orders only). */
    other_sales: Object.fromEntries(
      Object.entries(r.otherSales).map(([type, o]) => [type, { paid_orders: o.paidOrders, revenue: fenToYuan(o.revenueFen), revenue_fen: o.revenueFen, refunds: o.refunds, refunded_fen: o.refundedFen }]),
    ),
    courses: r.courses.map((c) => ({
      id: c.courseId,
      name: c.name,
      ...totals(c),
      refund_rate: round4(c.refundRate),
      conversion: { view_to_order: round4(c.conversion.viewToOrder), order_to_paid: round4(c.conversion.orderToPaid), view_to_paid: round4(c.conversion.viewToPaid) },
      purchase_propensity: { learners: c.propensity.learners, average: round4(c.propensity.average) },
    })),
    activity: {
      period_days: r.activity.periodDays,
      learners: r.activity.learners,
      average_score: round4(r.activity.averageScore),
      top: r.activity.top.map((l) => ({
        user_id: l.userId,
        name: l.name,
        sessions: l.sessions,
        average_session_minutes: Math.round(l.averageSessionMinutes * 10) / 10,
        score: round4(l.score),
      })),
      distribution: r.activity.distribution.map((b) => ({ min_hours_per_day: b.min, max_hours_per_day: b.max, learners: b.learners })),
    },
  };
}
