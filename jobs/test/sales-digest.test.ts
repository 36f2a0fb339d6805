import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { bullConnection, jobIds, localDay, QUEUES, type SalesDigestJob } from '@knowpay/server';
import { Queue, type Worker } from 'bullmq';
import type Redis from 'ioredis';
import { eventually, firstCategoryId } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { bindChat, outboxJobsFor, outboxQueue } from '../../server/test/support/notifications';
import { insertSale, insertShop, insertUser } from '../../server/test/support/sales';
import { upsertSchedules } from '../src/schedules';
import { salesDigestWorker } from '../src/workers/sales-digest.worker';
import { startJobsProcess, type JobsProcess } from './support/jobs-process';

const TZ = 'Asia/Shanghai';
const PNG_END = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

let app: TestApp;
let connection: Redis;
let digests: Queue<SalesDigestJob>;
let outbox: ReturnType<typeof outboxQueue>;
let categoryId: number;
const processes: JobsProcess[] = [];

interface Creator {
  id: number;
  contactId: string;
}

beforeAll(async () => {
  // Every second, so the schedule fires while the test watches; jobs held by a killed worker are taken over after 1 s.
  app = await startTestApp({ DIGEST_CRON: '* * * * * *', WORKER_LOCK_S: '1' });
  connection = bullConnection(app.container.config.redisUrl);
  digests = new Queue<SalesDigestJob>(QUEUES.salesDigest, { connection, prefix: app.container.config.redisPrefix });
  outbox = outboxQueue(app);
  categoryId = await firstCategoryId(app);
});
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop('SIGKILL')));
  await digests.close();
  await outbox.close();
  connection.disconnect();
  await app.close();
});

/** Creators bound in chat, each with a sale a moment ago. */
async function creatorsWithSales(n: number): Promise<Creator[]> {
  const out: Creator[] = [];
  for (let i = 0; i < n; i++) {
    const shop = await insertShop(app, categoryId, [{ name: `课程 ${i}`, priceFen: 9900 }]);
    await insertSale(app, { userId: await insertUser(app, 'learner'), courseId: shop.courseIds[0]!, amountFen: 9900, paidAt: new Date(Date.now() - 2000) });
    out.push({ id: shop.creatorId, contactId: await bindChat(app, shop.creatorId) });
  }
  return out;
}

async function digestRows(creators: Creator[]): Promise<Array<{ creator_id: number; digest_date: string; image_key: string; queued_at: Date | null }>> {
  return app.container.dataSource.query("SELECT creator_id, DATE_FORMAT(digest_date, '%Y-%m-%d') AS digest_date, image_key, queued_at FROM sales_digests WHERE creator_id IN (?)", [
    creators.map((c) => c.id),
  ]);
}

async function isCompletePng(key: string): Promise<boolean> {
  const png = await readFile(join(app.container.config.media.dir, key));
  return png.subarray(0, 4).toString('latin1') === '\x89PNG' && png.subarray(-12).equals(PNG_END);
}

/** Every creator has one digest for the day and one chat message; none has more. */
async function expectExactlyOnce(creators: Creator[], date: string): Promise<void> {
  const rows = await digestRows(creators);
  expect(rows.map((r) => [r.creator_id, r.digest_date]).sort()).toEqual(creators.map((c) => [c.id, date]).sort());
  for (const row of rows) expect(await isCompletePng(row.image_key)).toBe(true);
  for (const c of creators) expect((await outboxJobsFor(outbox.queue, c.contactId)).map((j) => j.id)).toEqual([jobIds.chat('digest', date, c.id)]);
}

describe('the daily schedule', () => {
  it('fires the digest run, which makes and queues a digest for each creator with sales', async () => {
    const creators = await creatorsWithSales(2);
    const worker: Worker = salesDigestWorker(app.container, connection, 2);
    const scheduled = await upsertSchedules(app.container, connection);
    try {
      await eventually(async () => (await digestRows(creators)).every((r) => r.queued_at) && (await digestRows(creators)).length === 2, 20);
      const schedulers = await digests.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern, s.tz])).toEqual([['sales-digest-daily', '* * * * * *', TZ]]);
      await expectExactlyOnce(creators, localDay(new Date(), TZ));
    } finally {
      await worker.close();
      await Promise.all(scheduled.map((q) => q.close()));
    }
  }, 40_000);
});

describe('two jobs processes', () => {
  it('never make a second digest or message for one creator and day', async () => {
    const creators = await creatorsWithSales(6);
    const env = { DIGEST_CRON: '* * * * * *', WORKER_LOCK_S: '1' };
    const [a, b] = await Promise.all([startJobsProcess(app, env), startJobsProcess(app, env)]);
    processes.push(a!, b!);
    // On top of the schedule's runs, the same creators' digests asked for again and again, to race in both processes.
    const cutoff = new Date().toISOString();
    const racing = creators.flatMap((c) => [1, 2, 3, 4].map((k) => ({ name: 'creator', data: { kind: 'creator' as const, creatorId: c.id, cutoff }, opts: { jobId: `race-${c.id}-${k}` } })));
    await digests.addBulk(racing);

    await eventually(async () => {
      const states = await Promise.all(racing.map(async (r) => (await digests.getJob(r.opts.jobId))?.getState()));
      return states.every((s) => s === 'completed');
    }, 30);
    await eventually(async () => (await digestRows(creators)).filter((r) => r.queued_at).length === creators.length, 15);
    await expectExactlyOnce(creators, localDay(new Date(), TZ));

    // Both processes did digest work, and every creator's message was queued by exactly one job.
    const worked = (p: JobsProcess) => p.logs.filter((l) => l.msg === 'sales digest done').length;
    expect(worked(a!)).toBeGreaterThan(0);
    expect(worked(b!)).toBeGreaterThan(0);
    const queued = [...a!.logs, ...b!.logs].filter((l) => l.msg === 'sales digest done' && l.outcome === 'queued').map((l) => l.creatorId);
    expect(queued.sort()).toEqual(creators.map((c) => c.id).sort());

    // SIGTERM: both finish what they hold and exit cleanly.
    expect(await Promise.all([a!.stop('SIGTERM'), b!.stop('SIGTERM')])).toEqual([0, 0]);
  }, 120_000);
});

describe('a jobs process killed mid-run', () => {
  it('leaves no half-made digest, and the run completes after a restart', async () => {
    const env = { DIGEST_CRON: '0 0 1 1 *', WORKER_LOCK_S: '1' };
    const first = await startJobsProcess(app, env);
    processes.push(first);
    const creators = await creatorsWithSales(30);
    const date = localDay(new Date(), TZ);
    await digests.add('run', { kind: 'run', cutoff: new Date().toISOString() }, { jobId: `run-kill-${date}` });

    // Kill it the moment the first digests exist, while the others are in hand.
    await eventually(async () => (await digestRows(creators)).length > 0, 30);
    first.child.kill('SIGKILL');
    await first.exited;
    const madeBeforeKill = await digestRows(creators);
    expect(madeBeforeKill.length).toBeLessThan(creators.length);
    expect(await digests.getActiveCount()).toBeGreaterThan(0);

    // What the killed process left: every digest row has its whole picture; every chat message its digest.
    for (const row of madeBeforeKill) expect(await isCompletePng(row.image_key)).toBe(true);
    const ids = new Set(madeBeforeKill.map((r) => r.creator_id));
    for (const c of creators) {
      const messages = await outboxJobsFor(outbox.queue, c.contactId);
      if (!ids.has(c.id)) expect(messages).toEqual([]);
    }
    const pictures = (await readdir(join(app.container.config.media.dir, 'digests'), { recursive: true })).filter((f) => f.endsWith('.png'));
    for (const file of pictures) expect(await isCompletePng(join('digests', file))).toBe(true);

    // The restarted process takes over the jobs the killed one held (their locks expire) and finishes the run.
    const second = await startJobsProcess(app, env);
    processes.push(second);
    await eventually(async () => (await digestRows(creators)).filter((r) => r.queued_at).length === creators.length, 40);
    await expectExactlyOnce(creators, date);
    expect(await digests.getFailedCount()).toBe(0);
    expect(await second.stop('SIGTERM')).toBe(0);
  }, 150_000);
});
