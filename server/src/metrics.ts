import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** What a queue depth gauge reads (a BullMQ Queue). */
export interface CountedQueue {
  readonly name: string;
  getJobCounts(...states: QueueState[]): Promise<Record<string, number>>;
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;
type QueueState = (typeof QUEUE_STATES)[number];

/** One Prometheus registry a process, served on its own port (never on the public API). */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly payNotifications: Counter<'event' | 'outcome'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.payNotifications = new Counter({
      name: 'pay_notifications_total',
      help: 'WeChat Pay notifications by event and outcome (paid, already, refund, rejected, mismatch, error)',
      labelNames: ['event', 'outcome'],
      registers: [this.registry],
    });
  }

  /** Orders by status, read from MySQL when Prometheus scrapes (one GROUP BY on an indexed column). */
  trackOrders(ds: DataSource): void {
    new Gauge({
      name: 'orders',
      help: 'Orders by status',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const rows: Array<{ status: string; n: number | string }> = await ds.query('SELECT status, COUNT(*) AS n FROM orders GROUP BY status');
        this.reset();
        for (const row of rows) this.set({ status: row.status }, Number(row.n));
      },
    });
  }

  /** Jobs per queue and state, read from Redis when Prometheus scrapes; `queues` is called then, not before. */
  trackQueues(queues: () => CountedQueue[]): void {
    new Gauge({
      name: 'queue_jobs',
      help: 'BullMQ jobs by queue and state (waiting, active, delayed, prioritized, failed)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const counts = await Promise.all(queues().map(async (q) => [q.name, await q.getJobCounts(...QUEUE_STATES)] as const));
        this.reset();
        for (const [queue, byState] of counts) for (const state of QUEUE_STATES) this.set({ queue, state }, byState[state] ?? 0);
      },
    });
  }
}
