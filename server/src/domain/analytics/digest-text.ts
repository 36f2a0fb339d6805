import { clip, yuanText } from '../notifications/notices';
import { change, type DigestFigures } from './digest-figures';

/** How much of a course name a digest line quotes. */
const COURSE_NAME_CHARS = 20;

function percent(ratio: number): string {
  const p = Math.round(ratio * 100);
  return p === 0 ? '持平' : `${p > 0 ? '+' : ''}${p}%`;
}

/** "较昨日同期 +50%", or what stands in for it when yesterday had nothing to compare with. */
function dayOverDay(now: number, before: number): string {
  const ratio = change(now, before);
  if (ratio !== null) return `较昨日同期 ${percent(ratio)}`;
  return now > 0 ? '昨日同期为 0' : '昨日同期也为 0';
}

/**
 * The digest as a chat message: today's sales so far against the same hours of yesterday, the week,
 * the best-selling courses and the questions waiting for the creator. `heading` names the message
 * ("销售日报" at the scheduled hour, "今日销售" when asked in chat).
 */
export function digestText(f: DigestFigures, heading = '销售日报'): string {
  const t = f.today;
  const y = f.sameTimeYesterday;
  const lines = [`【${heading}】${f.date}（截至 ${f.cutoff}）`];
  lines.push(`收入 ${yuanText(t.revenueFen)}，${dayOverDay(t.revenueFen, y.revenueFen)}`);
  lines.push(`支付订单 ${t.paidOrders} 笔，${dayOverDay(t.paidOrders, y.paidOrders)}（今日下单 ${t.orders} 笔）`);
  if (t.refunds > 0) lines.push(`退款 ${t.refunds} 笔，共 ${yuanText(t.refundedFen)}`);
  lines.push(`新增学员 ${t.newLearners} 人`);
  const week = f.trend.reduce((sum, d) => sum + d.revenueFen, 0);
  const weekOrders = f.trend.reduce((sum, d) => sum + d.paidOrders, 0);
  lines.push(`近 ${f.trend.length} 天收入 ${yuanText(week)}，支付订单 ${weekOrders} 笔`);
  if (f.topCourses.length) {
    lines.push('今日热销：');
    f.topCourses.forEach((c, i) => lines.push(`${i + 1}.《${clip(c.name, COURSE_NAME_CHARS)}》${yuanText(c.revenueFen)} · ${c.paidOrders} 笔 · 新学员 ${c.newLearners} 人`));
  }
  if (t.openQuestions > 0 || f.unansweredQuestions > 0) {
    lines.push(`今日新提问 ${t.openQuestions} 条待回答（共 ${f.unansweredQuestions} 条未回答），可在小程序「课程问答」或直接在聊天里回复。`);
  }
  return lines.join('\n');
}
