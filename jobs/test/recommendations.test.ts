import { bullConnection, QUEUES, type OrderEventJob } from '@knowpay/server';
import { Queue, type Worker } from 'bullmq';
import type Redis from 'ioredis';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { cashier, enroll, eventually, orderStatus, prepaidOrder } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { coPurchaseCatalog, learnerWith, recommendedTo, type CoPurchaseCatalog } from '../../server/test/support/recommendations';
import { orderEventsWorker } from '../src/workers/order-events.worker';
import { FIRST_RECOMPUTE_JOB, RECOMPUTE_SCHEDULER, recommendationsWorker, scheduleRecompute } from '../src/workers/recommendations.worker';

const ROOT = join(__dirname, '..', '..');

let app: TestApp;
let connection: Redis;
let queue: Queue;
let c: CoPurchaseCatalog['courses'];

beforeAll(async () => {
  app = await startTestApp();
  connection = bullConnection(app.container.config.redisUrl);
  queue = new Queue(QUEUES.recommendations, { connection, prefix: app.container.config.redisPrefix });
  ({ courses: c } = await coPurchaseCatalog(app));
});
afterAll(async () => {
  await queue.close();
  connection.disconnect();
  await app.close();
});

const generation = () => app.container.recommendations.currentGeneration();
const runs = async (): Promise<Array<{ id: number; status: string }>> =>
  ((await app.container.dataSource.query('SELECT id, status FROM recommendation_runs ORDER BY id')) as Array<{ id: number; status: string }>).map((r) => ({
    id: Number(r.id),
    status: r.status,
  }));

describe('the recompute schedule', () => {
  it('is one job scheduler however often the jobs process starts: nightly, 03:30 in Shanghai by default', async () => {
    const { recommendations } = app.container.config;
    expect(recommendations).toMatchObject({ cron: '30 3 * * *', timeZone: 'Asia/Shanghai' });
    await scheduleRecompute(queue, recommendations, app.container.recommendations);
    await scheduleRecompute(queue, recommendations, app.container.recommendations);

    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: RECOMPUTE_SCHEDULER, pattern: '30 3 * * *', tz: 'Asia/Shanghai' });
    const next = new Date(schedulers[0]!.next!);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' }).format(next)).toBe('03:30');
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    // Nothing computed yet: one first run is queued, not one per start.
    const waiting = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(waiting.filter((j) => j.name === 'recompute' && !j.id?.startsWith('repeat:')).map((j) => j.id)).toEqual([FIRST_RECOMPUTE_JOB]);
  });

  it('fires the recompute when due, each time', async () => {
    const worker = recommendationsWorker(app.container, connection);
    try {
      // The first run, then the scheduler's: every second here instead of nightly.
      await scheduleRecompute(queue, { cron: '* * * * * *', timeZone: 'Asia/Shanghai' }, app.container.recommendations);
      await eventually(async () => (await queue.getJobs(['completed'])).filter((j) => j.id?.startsWith(`repeat:${RECOMPUTE_SCHEDULER}`)).length >= 2, 20);
      const scheduled = (await queue.getJobs(['completed'])).filter((j) => j.id?.startsWith(`repeat:${RECOMPUTE_SCHEDULER}`));
      for (const job of scheduled) expect(['done', 'busy']).toContain((job.returnvalue as { status: string }).status);
      expect((await runs()).filter((r) => r.status === 'DONE').length).toBeGreaterThanOrEqual(2);
      expect(await generation()).not.toBeNull();
    } finally {
      await queue.removeJobScheduler(RECOMPUTE_SCHEDULER);
      await worker.close();
    }
  });
});

describe('a purchase through WeChat Pay', () => {
  let worker: Worker<OrderEventJob>;
  beforeAll(async () => {
    worker = orderEventsWorker(app.container, connection, 2);
    await app.container.recommendations.recomputeAll();
  });
  afterAll(() => worker.close());

  it('takes the course out of the buyer\'s recommendations and brings in what its learners bought', async () => {
    const { learner, order, prepayId } = await prepaidOrder(app, c.B);
    await enroll(app, learner.user.id, c.A);
    await app.container.recommendations.refreshLearner(learner.user.id);
    const before = await recommendedTo(app, learner.token);
    expect(before).toMatchObject({ source: 'personal', ids: expect.arrayContaining([c.B]) });
    expect(before.ids[0]).toBe(c.B);

    await cashier(app, 'confirm', prepayId);
    const after = await eventually(async () => {
      const now = await recommendedTo(app, learner.token);
      return now.ids[0] === c.D ? now : null;
    }, 15);
    expect(after.source).toBe('personal');
    expect(after.ids).not.toContain(c.B);
    expect(after.ids).not.toContain(c.A);
    expect(await orderStatus(app, order.id)).toBe('PAID');
  });
});

describe('a jobs process killed in the middle of a recompute', () => {
  /** The jobs process as production runs it, on this test's database and Redis prefix, reading one learner per batch so a run takes a while. */
  function startJobsProcess(): ChildProcess {
    const { config } = app.container;
    return spawn('npx', ['tsx', 'jobs/src/main.ts'], {
      cwd: ROOT,
      detached: true,
      stdio: 'ignore',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: config.databaseUrl,
        REDIS_URL: config.redisUrl,
        REDIS_PREFIX: config.redisPrefix,
        VAR_DIR: app.varDir,
        SANDBOX_PORT: String(app.sandbox.port),
        LOG_LEVEL: 'silent',
        RECOMMENDATIONS_BATCH_SIZE: '1',
      },
    });
  }

  async function visibleRows(): Promise<number> {
    const [row] = (await app.container.dataSource.query(
      "SELECT COUNT(*) AS n FROM recommendations WHERE generation = (SELECT MAX(id) FROM recommendation_runs WHERE status = 'DONE')",
    )) as Array<{ n: string }>;
    return Number(row!.n);
  }

  it('leaves the previous lists whole, and the next run cleans up after it', async () => {
    await app.container.recommendations.recomputeAll();
    const watched = await learnerWith(app, c.E);
    await app.container.recommendations.refreshLearner(watched.user.id);
    const before = { generation: await generation(), rows: await visibleRows(), watched: await recommendedTo(app, watched.token) };
    expect(before.watched.ids[0]).toBe(c.F);

    // Enough new learners (each into A, D and E) that a run takes a while, and changes what goes with E.
    const ds = app.container.dataSource;
    const names = Array.from({ length: 1500 }, (_, i) => [`bulk${i}_${Date.now()}`, `bulk ${i}`]);
    await ds.query('INSERT INTO users (username, display_name) VALUES ?', [names]);
    await ds.query("INSERT INTO enrollments (user_id, course_id, source) SELECT id, ?, 'grant' FROM users WHERE username LIKE 'bulk%'", [c.A]);
    await ds.query("INSERT INTO enrollments (user_id, course_id, source) SELECT id, ?, 'grant' FROM users WHERE username LIKE 'bulk%'", [c.D]);
    await ds.query("INSERT INTO enrollments (user_id, course_id, source) SELECT id, ?, 'grant' FROM users WHERE username LIKE 'bulk%'", [c.E]);

    const jobs = startJobsProcess();
    let killed: { runId: number; written: number } | null = null;
    try {
      await queue.add('recompute', {}, { jobId: 'recompute-by-test' });
      // Kill it once the new generation has some learners' lists written, before it switches.
      killed = await eventually(async () => {
        const [row] = (await ds.query(
          "SELECT r.id, (SELECT COUNT(*) FROM recommendations WHERE generation = r.id) AS n FROM recommendation_runs r WHERE r.status = 'RUNNING'",
        )) as Array<{ id: number; n: string }>;
        return row && Number(row.n) > 0 ? { runId: Number(row.id), written: Number(row.n) } : null;
      }, 45);
    } finally {
      process.kill(-jobs.pid!, 'SIGKILL');
    }
    await new Promise((resolve) => (jobs.exitCode === null ? jobs.once('exit', resolve) : resolve(undefined)));

    // Readers still see the previous generation, all of it, and nothing of the dead one.
    expect(await generation()).toBe(before.generation);
    expect(await visibleRows()).toBe(before.rows);
    expect(await recommendedTo(app, watched.token)).toEqual(before.watched);
    expect((await runs()).find((r) => r.id === killed!.runId)?.status).toBe('RUNNING');

    // The next run (once MySQL has noticed the dead connection and freed the lock) abandons it and removes its rows.
    const next = await eventually(async () => {
      const outcome = await app.container.recommendations.recomputeAll();
      return outcome.status === 'done' ? outcome : null;
    }, 15);
    expect((await runs()).find((r) => r.id === killed!.runId)?.status).toBe('ABANDONED');
    const generations = (await ds.query('SELECT DISTINCT generation FROM recommendations')) as Array<{ generation: number }>;
    expect(generations.map((g) => Number(g.generation))).toEqual([next.generation]);
    // The new generation knows the new learners: E now goes with A and D rather than F.
    expect([c.A, c.D]).toContain((await recommendedTo(app, watched.token)).ids[0]);
  }, 90_000);
});
