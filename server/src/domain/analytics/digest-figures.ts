import { addDays, localDay, localDayRange, localTime, startOfLocalDay } from '../../shared/zoned-time';
import { sumFigures, type CourseFigures, type Figures, type TimeWindow } from './sales-figures';

export const TREND_DAYS = 7;
export const TOP_COURSES = 3;

export interface TrendDay {
  date: string;
  revenueFen: number;
  paidOrders: number;
  /** The digest's own day, counted up to the cutoff only. */
  partial: boolean;
}

export interface TopCourse {
  courseId: number;
  name: string;
  revenueFen: number;
  paidOrders: number;
  newLearners: number;
}

/** Everything a digest says, kept with it (sales_digests.figures) so the app shows what was sent. */
export interface DigestFigures {
  date: string;
  timeZone: string;
  /** Local time the day is counted up to ("20:00"). */
  cutoff: string;
  today: Figures;
  /** Yesterday from midnight up to the same time of day: day-over-day compares like with like. */
  sameTimeYesterday: Figures;
  /** The last seven days, oldest first, ending with today so far. */
  trend: TrendDay[];
  topCourses: TopCourse[];
  /** Questions on the creator's courses waiting for an answer, asked any day. */
  unansweredQuestions: number;
}

export interface DigestWindows {
  date: string;
  cutoff: string;
  /** [today so far, same time yesterday, trend day 1 … trend day 7 (today so far)] */
  windows: TimeWindow[];
}

/** The windows a digest made at `at` counts: today until `at`, the same stretch of yesterday, and the week. */
export function digestWindows(at: Date, timeZone: string): DigestWindows {
  const date = localDay(at, timeZone);
  const start = startOfLocalDay(date, timeZone);
  const today = { start, end: at };
  const yesterdayStart = startOfLocalDay(addDays(date, -1), timeZone);
  const sameTimeYesterday = { start: yesterdayStart, end: new Date(yesterdayStart.getTime() + (at.getTime() - start.getTime())) };
  const trend = Array.from({ length: TREND_DAYS }, (_, i) => {
    const day = addDays(date, i - (TREND_DAYS - 1));
    return day === date ? today : localDayRange(day, timeZone);
  });
  return { date, cutoff: localTime(at, timeZone), windows: [today, sameTimeYesterday, ...trend] };
}

/** The digest from the figures of digestWindows' windows (per course) and the names of the courses. */
export function assembleDigest(
  w: DigestWindows,
  timeZone: string,
  perWindow: CourseFigures[][],
  courseNames: ReadonlyMap<number, string>,
  unansweredQuestions: number,
): DigestFigures {
  const [todayRows = [], yesterdayRows = [], ...trendRows] = perWindow;
  const topCourses = todayRows
    .filter((c) => c.paidOrders > 0 || c.newLearners > 0)
    .sort((a, b) => b.revenueFen - a.revenueFen || b.paidOrders - a.paidOrders || b.newLearners - a.newLearners || a.courseId - b.courseId)
    .slice(0, TOP_COURSES)
    .map((c) => ({ courseId: c.courseId, name: courseNames.get(c.courseId) ?? `课程 ${c.courseId}`, revenueFen: c.revenueFen, paidOrders: c.paidOrders, newLearners: c.newLearners }));
  return {
    date: w.date,
    timeZone,
    cutoff: w.cutoff,
    today: sumFigures(todayRows),
    sameTimeYesterday: sumFigures(yesterdayRows),
    trend: trendRows.map((rows, i) => {
      const day = addDays(w.date, i - (TREND_DAYS - 1));
      const total = sumFigures(rows);
      return { date: day, revenueFen: total.revenueFen, paidOrders: total.paidOrders, partial: day === w.date };
    }),
    topCourses,
    unansweredQuestions,
  };
}

/** Relative change from `before` to `now` (0.5 = +50%); null when there is nothing to compare with. */
export function change(now: number, before: number): number | null {
  if (before === 0) return null;
  return (now - before) / before;
}
