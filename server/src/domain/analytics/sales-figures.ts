import type { DataSource } from 'typeorm';

/** A span of time [start, end): a day, or the part of a day so far. */
export interface TimeWindow {
  start: Date;
  end: Date;
}

export const FIGURE_KEYS = [
  'views',
  'orders',
  'paidOrders',
  'revenueFen',
  'refunds',
  'refundedFen',
  'newLearners',
  'studySessions',
  'studiedS',
  'questions',
  'openQuestions',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/**
 * What happened to a course (or a creator's courses) within a window. Each event counts in the window
 * of its own moment: an order when it was placed, a payment when it was paid, a refund when the money
 * went back, a learner when they enrolled; `openQuestions` are the window's questions still unanswered.
 */
export type Figures = Record<FigureKey, number>;

export interface CourseFigures extends Figures {
  courseId: number;
  creatorId: number;
}

interface Metric {
  table: string;
  time: string;
  filter?: string;
  columns: Partial<Record<FigureKey, string>>;
}

/**
 * Every figure, as one aggregate over the table that records it. Sales of a course are its course
 * orders only: a gift or a membership order is counted per creator (itemSales), not as a course's sale.
 */
const METRICS: Metric[] = [
  { table: 'course_views', time: 'viewed_at', columns: { views: 'COUNT(*)' } },
  { table: 'orders', time: 'order_time', filter: "t.item_type = 'course'", columns: { orders: 'COUNT(*)' } },
  // paid_at is set once, by the payment; a later refund does not unset it, so refunded orders stay paid here.
  { table: 'orders', time: 'paid_at', filter: "t.item_type = 'course'", columns: { paidOrders: 'COUNT(*)', revenueFen: 'SUM(t.amount_fen)' } },
  {
    table: 'refunds',
    time: 'completed_at',
    filter: "t.status = 'SUCCEEDED' AND EXISTS (SELECT 1 FROM orders o WHERE o.id = t.order_id AND o.item_type = 'course')",
    columns: { refunds: 'COUNT(*)', refundedFen: 'SUM(t.amount_fen)' },
  },
  { table: 'enrollments', time: 'enrolled_at', columns: { newLearners: 'COUNT(*)' } },
  { table: 'study_sessions', time: 'started_at', columns: { studySessions: 'COUNT(*)', studiedS: 'SUM(t.studied_s)' } },
  { table: 'course_questions', time: 'created_at', columns: { questions: 'COUNT(*)', openQuestions: "SUM(t.status = 'OPEN')" } },
];

/** Orders that are no single course's sale: a term of a plan, or a course bought as a gift. */
/** Orders that are not a course's own sale: a term of a plan, a course as a gift, a paid question, an answer's unlock. */
export const OTHER_ITEM_TYPES = ['membership', 'gift', 'question', 'unlock'] as const;
export type OtherItemType = (typeof OTHER_ITEM_TYPES)[number];

/** Paid (by WeChat Pay: a free trial is no sale) and refunded orders of a creator in a window other than course orders. */
export interface ItemSales {
  creatorId: number;
  itemType: OtherItemType;
  paidOrders: number;
  revenueFen: number;
  refunds: number;
  refundedFen: number;
}

/** The creator an order's money goes to: the plan's, or the given course's. */
const SELLER = 'COALESCE(p.creator_id, c.creator_id)';

export function emptyFigures(): Figures {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as Figures;
}

export function sumFigures(rows: readonly Figures[]): Figures {
  const total = emptyFigures();
  for (const row of rows) for (const key of FIGURE_KEYS) total[key] += row[key];
  return total;
}

export function hasAnyFigure(f: Figures): boolean {
  return FIGURE_KEYS.some((k) => f[k] > 0);
}

/**
 * Sales and learning figures per course over any number of windows, in one aggregate query per source
 * table: the windows join as a derived table, so overlapping windows (today so far, yesterday, the
 * week) each count what falls inside them. Digests, the bot and the analytics rollups all read here.
 */
export class SalesFigures {
  constructor(private readonly ds: DataSource) {}

  /** Figures per window (in the order given), one entry per course with anything in that window. */
  async byWindow(windows: readonly TimeWindow[], scope: { creatorId?: number } = {}): Promise<CourseFigures[][]> {
    const out: Array<Map<number, CourseFigures>> = windows.map(() => new Map());
    if (!windows.length) return [];
    const from = new Date(Math.min(...windows.map((w) => w.start.getTime())));
    const to = new Date(Math.max(...windows.map((w) => w.end.getTime())));
    const derived = windows.map((_, i) => (i === 0 ? 'SELECT ? AS i, CAST(? AS DATETIME(3)) AS s, CAST(? AS DATETIME(3)) AS e' : 'SELECT ?, CAST(? AS DATETIME(3)), CAST(? AS DATETIME(3))')).join(' UNION ALL ');
    const windowParams = windows.flatMap((w, i) => [i, w.start, w.end]);

    await Promise.all(
      METRICS.map(async (metric) => {
        const keys = Object.keys(metric.columns) as FigureKey[];
        const selects = keys.map((k) => `${metric.columns[k]} AS ${k}`).join(', ');
        const conditions = [`t.${metric.time} >= ?`, `t.${metric.time} < ?`];
        const params: unknown[] = [...windowParams, from, to];
        if (metric.filter) conditions.push(metric.filter);
        if (scope.creatorId !== undefined) {
          conditions.push('c.creator_id = ?');
          params.push(scope.creatorId);
        }
        const rows: Array<Record<string, string | number | null>> = await this.ds.query(
          `SELECT w.i AS w, t.course_id AS course_id, c.creator_id AS creator_id, ${selects}
             FROM ${metric.table} t
             JOIN (${derived}) w ON t.${metric.time} >= w.s AND t.${metric.time} < w.e
             JOIN courses c ON c.id = t.course_id
            WHERE ${conditions.join(' AND ')}
            GROUP BY w.i, t.course_id, c.creator_id`,
          params,
        );
        for (const row of rows) {
          const bucket = out[Number(row.w)]!;
          const courseId = Number(row.course_id);
          let figures = bucket.get(courseId);
          if (!figures) {
            figures = { courseId, creatorId: Number(row.creator_id), ...emptyFigures() };
            bucket.set(courseId, figures);
          }
          for (const key of keys) figures[key] = Number(row[key] ?? 0);
        }
      }),
    );
    return out.map((bucket) => [...bucket.values()].sort((a, b) => a.courseId - b.courseId));
  }

  /** Membership, gift, paid question and unlock sales per window (in the order given), one entry per creator and item type with any. */
  async itemSales(windows: readonly TimeWindow[]): Promise<ItemSales[][]> {
    const out: Array<Map<string, ItemSales>> = windows.map(() => new Map());
    if (!windows.length) return [];
    const from = new Date(Math.min(...windows.map((w) => w.start.getTime())));
    const to = new Date(Math.max(...windows.map((w) => w.end.getTime())));
    const derived = windows.map((_, i) => (i === 0 ? 'SELECT ? AS i, CAST(? AS DATETIME(3)) AS s, CAST(? AS DATETIME(3)) AS e' : 'SELECT ?, CAST(? AS DATETIME(3)), CAST(? AS DATETIME(3))')).join(' UNION ALL ');
    const params = [...windows.flatMap((w, i) => [i, w.start, w.end]), from, to];
    const sources = [
      {
        keys: ['paidOrders', 'revenueFen'] as const,
        sql: `SELECT w.i AS w, ${SELLER} AS creator_id, t.item_type, COUNT(*) AS a, SUM(t.amount_fen) AS b
                FROM orders t JOIN (${derived}) w ON t.paid_at >= w.s AND t.paid_at < w.e
                LEFT JOIN membership_plans p ON p.id = t.plan_id LEFT JOIN courses c ON c.id = t.course_id
               WHERE t.paid_at >= ? AND t.paid_at < ? AND t.item_type <> 'course' AND t.payment_method = 'WECHAT_PAY'
               GROUP BY w.i, creator_id, t.item_type`,
      },
      {
        keys: ['refunds', 'refundedFen'] as const,
        sql: `SELECT w.i AS w, ${SELLER} AS creator_id, t.item_type, COUNT(*) AS a, SUM(r.amount_fen) AS b
                FROM refunds r JOIN orders t ON t.id = r.order_id JOIN (${derived}) w ON r.completed_at >= w.s AND r.completed_at < w.e
                LEFT JOIN membership_plans p ON p.id = t.plan_id LEFT JOIN courses c ON c.id = t.course_id
               WHERE r.completed_at >= ? AND r.completed_at < ? AND r.status = 'SUCCEEDED' AND t.item_type <> 'course'
               GROUP BY w.i, creator_id, t.item_type`,
      },
    ];
    for (const source of sources) {
      const rows: Array<{ w: number | string; creator_id: number | string; item_type: OtherItemType; a: string | number; b: string | number | null }> = await this.ds.query(source.sql, params);
      for (const row of rows) {
        const bucket = out[Number(row.w)]!;
        const key = `${row.creator_id}:${row.item_type}`;
        let sales = bucket.get(key);
        if (!sales) {
          sales = { creatorId: Number(row.creator_id), itemType: row.item_type, paidOrders: 0, revenueFen: 0, refunds: 0, refundedFen: 0 };
          bucket.set(key, sales);
        }
        sales[source.keys[0]] = Number(row.a);
        sales[source.keys[1]] = Number(row.b ?? 0);
      }
    }
    return out.map((bucket) => [...bucket.values()]);
  }

  /** Questions on the creator's courses still waiting for an answer, whenever they were asked. */
  async openQuestions(creatorId: number): Promise<number> {
    const [row] = (await this.ds.query(
      "SELECT COUNT(*) AS n FROM course_questions q JOIN courses c ON c.id = q.course_id WHERE c.creator_id = ? AND q.status = 'OPEN'",
      [creatorId],
    )) as Array<{ n: string | number }>;
    return Number(row?.n ?? 0);
  }
}
