import { bullConnection, localDay, QUEUES, type AnalyticsJob } from '@knowpay/server';
import { Queue, type Worker } from 'bullmq';
import type Redis from 'ioredis';
import { eventually, firstCategoryId } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { insertSale, insertShop, insertUser } from '../../server/test/support/sales';
import { ANALYTICS_REFRESH_DAYS, upsertSchedules } from '../src/schedules';
import { analyticsWorker } from '../src/workers/analytics.worker';

let app: TestApp;
let connection: Redis;
let worker: Worker<AnalyticsJob>;
let scheduled: Queue[];

beforeAll(async () => {
  app = await startTestApp({ ANALYTICS_EVERY_S: '1' });
  connection = bullConnection(app.container.config.redisUrl);
});
afterAll(async () => {
  await worker?.close();
  await Promise.all((scheduled ?? []).map((q) => q.close()));
  connection.disconnect();
  await app.close();
});

describe('the analytics schedule', () => {
  it('backfills the daily figures at start and keeps refreshing them', async () => {
    const shop = await insertShop(app, await firstCategoryId(app), [{ name: '数据分析入门', priceFen: 9900 }]);
    const longAgo = new Date(Date.now() - 60 * 24 * 3600_000);
    await insertSale(app, { userId: await insertUser(app, 'learner'), courseId: shop.courseIds[0]!, amountFen: 9900, paidAt: longAgo });

    worker = analyticsWorker(app.container, connection);
    scheduled = await upsertSchedules(app.container, connection);
    const analytics = new Queue<AnalyticsJob>(QUEUES.analytics, { connection, prefix: app.container.config.redisPrefix });
    try {
      const schedulers = await analytics.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, Number(s.every)])).toEqual([['analytics-refresh', 1000]]);
      // The backfill reaches the sale of 60 days ago.
      const row = await eventually(async () => {
        const rows: Array<{ paid_orders: number }> = await app.container.dataSource.query('SELECT paid_orders FROM course_daily_stats WHERE course_id = ? AND day = ?', [
          shop.courseIds[0],
          localDay(longAgo, 'Asia/Shanghai'),
        ]);
        return rows[0];
      }, 20);
      expect(row.paid_orders).toBe(1);

      // A sale now shows up with the next scheduled refresh, which recomputes the last days only.
      await insertSale(app, { userId: await insertUser(app, 'learner'), courseId: shop.courseIds[0]!, amountFen: 9900, paidAt: new Date(Date.now() - 1000) });
      await eventually(async () => {
        const rows: unknown[] = await app.container.dataSource.query('SELECT 1 FROM course_daily_stats WHERE course_id = ? AND day = ?', [shop.courseIds[0], localDay(new Date(), 'Asia/Shanghai')]);
        return rows.length === 1;
      }, 20);
      const refresh = (await analytics.getJobs(['completed'])).find((j) => j.name === 'refresh');
      expect(refresh?.data).toEqual({ days: ANALYTICS_REFRESH_DAYS });
    } finally {
      await analytics.close();
    }
  }, 60_000);
});
