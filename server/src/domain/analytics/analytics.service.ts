import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../../logger';
import type { Clock } from '../../shared/clock';
import { addDays, daysBetween, localDay, localDayRange } from '../../shared/zoned-time';
import { activityScore, interestFactor, median, priceFactor, purchasePropensity, qualityFactor, ratio } from './formulas';
import { OTHER_ITEM_TYPES, type OtherItemType, type SalesFigures } from './sales-figures';

const INSERT_CHUNK = 500;
const TOP_LEARNERS = 10;
const TOP_COURSES_PLATFORM = 20;
/** Lower edges of the activity-score bands a report counts learners in (hours of study a day). */
export const ACTIVITY_BANDS = [0, 0.1, 0.25, 0.5, 1] as const;
/** The longest range one report covers. */
export const MAX_REPORT_DAYS = 366;

export interface RefreshResult {
  days: number;
  courseDays: number;
  learners: number;
  propensityPairs: number;
}

/** Sums over the report's days (of one day, one course, or everything in scope). */
export interface Totals {
  views: number;
  orders: number;
  paidOrders: number;
  revenueFen: number;
  refunds: number;
  refundedFen: number;
  newLearners: number;
}

export interface DayTotals extends Totals {
  date: string;
}

export interface CourseReport extends Totals {
  courseId: number;
  name: string;
  refundRate: number | null;
  conversion: { viewToOrder: number | null; orderToPaid: number | null; viewToPaid: number | null };
  /** Viewers of the course in the last period who have not bought it, and their average propensity to. */
  propensity: { learners: number; average: number | null };
}

export interface LearnerActivity {
  userId: number;
  name: string;
  sessions: number;
  averageSessionMinutes: number;
  score: number;
}

/** Sales that are no single course's: membership terms and gifts (paid by WeChat Pay; trials are none). */
export interface OtherSales {
  paidOrders: number;
  revenueFen: number;
  refunds: number;
  refundedFen: number;
}

export interface AnalyticsReport {
  from: string;
  to: string;
  timeZone: string;
  /** When the jobs last computed the figures of this range; null before their first run. */
  computedAt: Date | null;
  /**
   * Every paid order's money: course orders plus membership and gift orders (paidOrders, revenue and
   * refunds include them); views, orders placed and new learners are the courses' own.
   */
  totals: Totals & { refundRate: number | null };
  revenueByDay: DayTotals[];
  /** The membership and gift part of the totals; per-course figures count course orders only. */
  otherSales: Record<OtherItemType, OtherSales>;
  courses: CourseReport[];
  activity: {
    periodDays: number;
    learners: number;
    averageScore: number | null;
    top: LearnerActivity[];
    /** How many learners score in each band [min, max) of ACTIVITY_BANDS (the last has no max). */
    distribution: Array<{ min: number; max: number | null; learners: number }>;
  };
}

type Row = Record<string, unknown>;
const num = (v: unknown): number => Number(v ?? 0);

const SUMS = `SUM(s.views) AS views, SUM(s.orders) AS orders, SUM(s.paid_orders) AS paidOrders, SUM(s.revenue_fen) AS revenueFen,
  SUM(s.refunds) AS refunds, SUM(s.refunded_fen) AS refundedFen, SUM(s.new_learners) AS newLearners`;

function totalsOf(row: Row | undefined): Totals {
  return {
    views: num(row?.views),
    orders: num(row?.orders),
    paidOrders: num(row?.paidOrders),
    revenueFen: num(row?.revenueFen),
    refunds: num(row?.refunds),
    refundedFen: num(row?.refundedFen),
    newLearners: num(row?.newLearners),
  };
}

const OTHER_SUMS = 'SUM(x.paid_orders) AS paidOrders, SUM(x.revenue_fen) AS revenueFen, SUM(x.refunds) AS refunds, SUM(x.refunded_fen) AS refundedFen';

function otherSalesOf(row: Row | undefined): OtherSales {
  return { paidOrders: num(row?.paidOrders), revenueFen: num(row?.revenueFen), refunds: num(row?.refunds), refundedFen: num(row?.refundedFen) };
}

function addOtherSales(t: Totals, o: OtherSales): Totals {
  return { ...t, paidOrders: t.paidOrders + o.paidOrders, revenueFen: t.revenueFen + o.revenueFen, refunds: t.refunds + o.refunds, refundedFen: t.refundedFen + o.refundedFen };
}

function withOtherSales(t: Totals, row: Row | undefined): Totals {
  return addOtherSales(t, otherSalesOf(row));
}

async function insertChunks(m: EntityManager, sql: string, rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const placeholders = chunk.map((r) => `(${r.map(() => '?').join(', ')})`).join(', ');
    await m.query(`${sql} VALUES ${placeholders}`, chunk.flat());
  }
}

/**
 * The analytics creators and admins read: daily figures per course (course_daily_stats), learners'
 * activity scores (learner_activity) and purchase propensity (purchase_propensity), computed by the
 * jobs (refresh) from the orders, refunds, enrollments, views and study sessions; reports read only those.
 */
export class AnalyticsService {
  constructor(
    private readonly ds: DataSource,
    private readonly figures: SalesFigures,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly opts: { timeZone: string; periodDays: number },
  ) {}

  /** Recomputes the last `days` days (today included), the activity scores and the propensity. Idempotent. */
  async refresh(days: number): Promise<RefreshResult> {
    const today = localDay(this.clock.now(), this.opts.timeZone);
    const courseDays = await this.refreshDailyStats(addDays(today, -(days - 1)), today);
    const learners = await this.refreshActivity();
    const propensityPairs = await this.refreshPropensity();
    const result = { days, courseDays, learners, propensityPairs };
    this.logger.info(result, 'analytics refreshed');
    return result;
  }

  /** Replaces the daily rows of [from, to] with fresh ones, in one transaction (readers see old or new, never half). */
  async refreshDailyStats(from: string, to: string): Promise<number> {
    const days = Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));
    const perDay = await this.figures.byWindow(days.map((d) => localDayRange(d, this.opts.timeZone)));
    const now = this.clock.now();
    const rows = perDay.flatMap((courses, i) =>
      courses.map((c) => [c.courseId, days[i], c.views, c.orders, c.paidOrders, c.revenueFen, c.refunds, c.refundedFen, c.newLearners, c.studySessions, c.studiedS, c.questions, now]),
    );
    const ranges = days.map((d) => localDayRange(d, this.opts.timeZone));
    const otherRows = (await this.figures.itemSales(ranges)).flatMap((creators, i) =>
      creators.map((x) => [x.creatorId, days[i], x.itemType, x.paidOrders, x.revenueFen, x.refunds, x.refundedFen, now]),
    );
    await this.ds.transaction(async (m) => {
      await m.query('DELETE FROM creator_daily_sales WHERE day BETWEEN ? AND ?', [from, to]);
      await insertChunks(m, 'INSERT INTO creator_daily_sales (creator_id, day, item_type, paid_orders, revenue_fen, refunds, refunded_fen, computed_at)', otherRows);
      await m.query('DELETE FROM course_daily_stats WHERE day BETWEEN ? AND ?', [from, to]);
      await insertChunks(
        m,
        'INSERT INTO course_daily_stats (course_id, day, views, orders, paid_orders, revenue_fen, refunds, refunded_fen, new_learners, study_sessions, studied_s, questions, computed_at)',
        rows,
      );
    });
    return rows.length;
  }

  /** Activity per learner and course over the last period_days (ANALYTICS_PERIOD_DAYS) up to now. */
  async refreshActivity(): Promise<number> {
    const now = this.clock.now();
    const t = this.opts.periodDays;
    const since = new Date(now.getTime() - t * 24 * 3600 * 1000);
    const sessions: Row[] = await this.ds.query(
      'SELECT user_id, course_id, COUNT(*) AS n, SUM(studied_s) AS studied FROM study_sessions WHERE started_at >= ? AND started_at < ? GROUP BY user_id, course_id',
      [since, now],
    );
    const rows = sessions.map((r) => [num(r.user_id), num(r.course_id), t, num(r.n), num(r.studied), activityScore(num(r.n), num(r.studied), t), now]);
    await this.ds.transaction(async (m) => {
      await m.query('DELETE FROM learner_activity');
      await insertChunks(m, 'INSERT INTO learner_activity (user_id, course_id, period_days, sessions, studied_s, score, computed_at)', rows);
    });
    return new Set(rows.map((r) => r[0])).size;
  }

  /**
   * Propensity to buy, for every signed-in learner who viewed a published course in the last period
   * without having it: quality, price (against the category's median) and interest (the learner's
   * views and enrollments by category), weighted as in the seed (formulas.ts).
   */
  async refreshPropensity(): Promise<number> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - this.opts.periodDays * 24 * 3600 * 1000);
    const [courses, pairs, interest] = await Promise.all([
      this.rows("SELECT id, category_id, price_fen, rating_avg, rating_count FROM courses WHERE status = 'PUBLISHED'"),
      this.rows(
        `SELECT DISTINCT v.user_id, v.course_id
           FROM course_views v
           JOIN courses c ON c.id = v.course_id AND c.status = 'PUBLISHED' AND c.creator_id <> v.user_id
           LEFT JOIN enrollments e ON e.user_id = v.user_id AND e.course_id = v.course_id AND e.status = 'ACTIVE'
          WHERE v.user_id IS NOT NULL AND v.viewed_at >= ? AND e.id IS NULL`,
        [since],
      ),
      this.rows(
        `SELECT x.user_id, c.category_id, COUNT(*) AS n
           FROM (SELECT user_id, course_id FROM course_views WHERE user_id IS NOT NULL AND viewed_at >= ?
                 UNION ALL SELECT user_id, course_id FROM enrollments WHERE status = 'ACTIVE') x
           JOIN courses c ON c.id = x.course_id
          WHERE x.user_id IN (SELECT user_id FROM course_views WHERE user_id IS NOT NULL AND viewed_at >= ?)
          GROUP BY x.user_id, c.category_id`,
        [since, since],
      ),
    ]);

    const byCategory = new Map<number, number[]>();
    for (const c of courses) byCategory.set(num(c.category_id), [...(byCategory.get(num(c.category_id)) ?? []), num(c.price_fen)]);
    const medians = new Map([...byCategory].map(([category, prices]) => [category, median(prices)]));
    const course = new Map(courses.map((c) => [num(c.id), c]));
    const userCategories = new Map<number, Map<number, number>>();
    for (const r of interest) {
      const m = userCategories.get(num(r.user_id)) ?? new Map<number, number>();
      m.set(num(r.category_id), num(r.n));
      userCategories.set(num(r.user_id), m);
    }

    const rows = pairs.flatMap((p) => {
      const c = course.get(num(p.course_id));
      if (!c) return [];
      const categories = userCategories.get(num(p.user_id)) ?? new Map<number, number>();
      const factors = {
        quality: qualityFactor(num(c.rating_avg), num(c.rating_count)),
        price: priceFactor(num(c.price_fen), medians.get(num(c.category_id)) ?? 0),
        interest: interestFactor(categories.get(num(c.category_id)) ?? 0, Math.max(0, ...categories.values())),
      };
      return [[num(p.user_id), num(p.course_id), factors.quality, factors.price, factors.interest, purchasePropensity(factors), now]];
    });
    await this.ds.transaction(async (m) => {
      await m.query('DELETE FROM purchase_propensity');
      await insertChunks(m, 'INSERT INTO purchase_propensity (user_id, course_id, quality, price, interest, score, computed_at)', rows);
    });
    return rows.length;
  }

  /** A creator's analytics (creatorId), or the platform's (none), for the days [from, to] in the report time zone. */
  async report(scope: { creatorId?: number }, range: { from: string; to: string }): Promise<AnalyticsReport> {
    const { from, to } = range;
    const creator = scope.creatorId !== undefined ? ' AND c.creator_id = ?' : '';
    const creatorParam = scope.creatorId !== undefined ? [scope.creatorId] : [];

    const perLearner = `SELECT a.user_id, SUM(a.score) AS score FROM learner_activity a JOIN courses c ON c.id = a.course_id WHERE 1 = 1${creator} GROUP BY a.user_id`;
    const band = ACTIVITY_BANDS.slice(1)
      .map((edge, i) => `WHEN x.score < ${edge} THEN ${i}`)
      .join(' ');
    const seller = scope.creatorId !== undefined ? ' AND x.creator_id = ?' : '';
    const [dayRows, totalRows, courseRows, propensityRows, activityTotals, topLearners, bandRows, otherDayRows, otherTypeRows] = await Promise.all([
      this.rows(
        `SELECT DATE_FORMAT(s.day, '%Y-%m-%d') AS day, ${SUMS}, MAX(s.computed_at) AS computedAt
           FROM course_daily_stats s JOIN courses c ON c.id = s.course_id
          WHERE s.day BETWEEN ? AND ?${creator} GROUP BY s.day`,
        [from, to, ...creatorParam],
      ),
      this.rows(`SELECT ${SUMS} FROM course_daily_stats s JOIN courses c ON c.id = s.course_id WHERE s.day BETWEEN ? AND ?${creator}`, [from, to, ...creatorParam]),
      scope.creatorId !== undefined
        ? this.rows(
            `SELECT c.id AS courseId, c.name, ${SUMS}
               FROM courses c LEFT JOIN course_daily_stats s ON s.course_id = c.id AND s.day BETWEEN ? AND ?
              WHERE c.creator_id = ? GROUP BY c.id, c.name ORDER BY revenueFen DESC, c.id`,
            [from, to, scope.creatorId],
          )
        : this.rows(
            `SELECT c.id AS courseId, c.name, ${SUMS}
               FROM course_daily_stats s JOIN courses c ON c.id = s.course_id
              WHERE s.day BETWEEN ? AND ? GROUP BY c.id, c.name ORDER BY revenueFen DESC, c.id LIMIT ${TOP_COURSES_PLATFORM}`,
            [from, to],
          ),
      this.rows(`SELECT p.course_id AS courseId, COUNT(*) AS learners, AVG(p.score) AS average FROM purchase_propensity p JOIN courses c ON c.id = p.course_id WHERE 1 = 1${creator} GROUP BY p.course_id`, creatorParam),
      this.rows(`SELECT COUNT(*) AS learners, AVG(x.score) AS average FROM (${perLearner}) x`, creatorParam),
      this.rows(
        `SELECT a.user_id AS userId, u.display_name AS name, SUM(a.sessions) AS sessions, SUM(a.studied_s) AS studied, SUM(a.score) AS score
           FROM learner_activity a JOIN courses c ON c.id = a.course_id JOIN users u ON u.id = a.user_id
          WHERE 1 = 1${creator} GROUP BY a.user_id, u.display_name ORDER BY score DESC, a.user_id LIMIT ${TOP_LEARNERS}`,
        creatorParam,
      ),
      this.rows(`SELECT CASE ${band} ELSE ${ACTIVITY_BANDS.length - 1} END AS band, COUNT(*) AS learners FROM (${perLearner}) x GROUP BY band`, creatorParam),
      this.rows(`SELECT DATE_FORMAT(x.day, '%Y-%m-%d') AS day, ${OTHER_SUMS} FROM creator_daily_sales x WHERE x.day BETWEEN ? AND ?${seller} GROUP BY x.day`, [from, to, ...creatorParam]),
      this.rows(`SELECT x.item_type AS itemType, ${OTHER_SUMS} FROM creator_daily_sales x WHERE x.day BETWEEN ? AND ?${seller} GROUP BY x.item_type`, [from, to, ...creatorParam]),
    ]);
    const bandCounts = new Map(bandRows.map((r) => [num(r.band), num(r.learners)]));

    const byDay = new Map(dayRows.map((r) => [String(r.day), r]));
    const otherByDay = new Map(otherDayRows.map((r) => [String(r.day), r]));
    const revenueByDay = Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => {
      const date = addDays(from, i);
      return { date, ...withOtherSales(totalsOf(byDay.get(date)), otherByDay.get(date)) };
    });
    const computed = dayRows.map((r) => (r.computedAt instanceof Date ? r.computedAt.getTime() : 0)).filter((t) => t > 0);
    const propensity = new Map(propensityRows.map((r) => [num(r.courseId), { learners: num(r.learners), average: r.average === null ? null : num(r.average) }]));
    const otherSales = Object.fromEntries(OTHER_ITEM_TYPES.map((type) => [type, otherSalesOf(otherTypeRows.find((r) => r.itemType === type))])) as Record<OtherItemType, OtherSales>;
    const totals = OTHER_ITEM_TYPES.reduce((sum, type) => addOtherSales(sum, otherSales[type]), totalsOf(totalRows[0]));

    return {
      from,
      to,
      timeZone: this.opts.timeZone,
      computedAt: computed.length ? new Date(Math.max(...computed)) : null,
      totals: { ...totals, refundRate: ratio(totals.refunds, totals.paidOrders) },
      revenueByDay,
      otherSales,
      courses: courseRows.map((r) => {
        const t = totalsOf(r);
        return {
          courseId: num(r.courseId),
          name: String(r.name),
          ...t,
          refundRate: ratio(t.refunds, t.paidOrders),
          conversion: { viewToOrder: ratio(t.orders, t.views), orderToPaid: ratio(t.paidOrders, t.orders), viewToPaid: ratio(t.paidOrders, t.views) },
          propensity: propensity.get(num(r.courseId)) ?? { learners: 0, average: null },
        };
      }),
      activity: {
        periodDays: this.opts.periodDays,
        learners: num(activityTotals[0]?.learners),
        averageScore: activityTotals[0]?.average === null || activityTotals[0]?.average === undefined ? null : num(activityTotals[0].average),
        top: topLearners.map((r) => ({
          userId: num(r.userId),
          name: String(r.name),
          sessions: num(r.sessions),
          averageSessionMinutes: num(r.sessions) ? num(r.studied) / num(r.sessions) / 60 : 0,
          score: num(r.score),
        })),
        distribution: ACTIVITY_BANDS.map((min, i) => ({ min, max: ACTIVITY_BANDS[i + 1] ?? null, learners: bandCounts.get(i) ?? 0 })),
      },
    };
  }

  private rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.ds.query(sql, params);
  }

  /** The report's default range: the last 30 days up to today. */
  defaultRange(): { from: string; to: string } {
    const to = localDay(this.clock.now(), this.opts.timeZone);
    return { from: addDays(to, -29), to };
  }
}
