import { brokenInvariants } from '../test/support/invariants';
import { startRig, type ChildHandle, type Rig } from './support/rig';
import { PrivateRedis } from './support/services';
import { eventually, openShop, wechatLearner } from './support/shop';

/**
 * Redis dies under the API and the jobs process. Restarted with its data, the delayed expiry jobs
 * still fire on time; restarted empty, the job schedulers are upserted again and the sweeper expires the
 * orders whose jobs were lost. Neither process needs a restart, and new orders expire on time afterwards.
 */
const TTL_S = 6;

let redis: PrivateRedis;
let rig: Rig;
let api: ChildHandle;
let jobs: ChildHandle;
let courses: number[];
beforeAll(async () => {
  redis = new PrivateRedis();
  await redis.start();
  rig = await startRig({ redisUrl: redis.url, env: { ORDER_TTL_SECONDS: String(TTL_S), ORDER_SWEEP_EVERY_S: '2' } });
  api = await rig.startApi();
  jobs = await rig.startJobs();
  courses = await openShop(rig, 2);
}, 120_000);
afterAll(async () => {
  await rig?.close();
  await redis?.close();
});

let learnerSeq = 0;
async function openOrders(count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const learner = await wechatLearner(rig, `o_fault_redis_${learnerSeq++}`);
    const res = await rig.request<{ id: number }>('POST', '/api/orders/', { token: learner.token, body: { course: courses[i % courses.length] } });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
}

/** Seconds from each order's expires_at to when it was closed, once all are EXPIRED. */
async function expiredLateness(ids: number[], seconds: number): Promise<number[]> {
  return eventually(async () => {
    const rows = (await rig.db.query('SELECT status, TIMESTAMPDIFF(MICROSECOND, expires_at, closed_at) / 1e6 AS late FROM orders WHERE id IN (?)', [ids])) as Array<{ status: string; late: string | null }>;
    return rows.length === ids.length && rows.every((r) => r.status === 'EXPIRED') ? rows.map((r) => Number(r.late)) : null;
  }, seconds, `orders ${ids.join(',')} EXPIRED`);
}

it('fires the delayed expiries that were queued before a restart that kept the data', async () => {
  const ids = await openOrders(4);
  await redis.restart(1500);
  const late = await expiredLateness(ids, TTL_S + 30);
  // On time: their own jobs fired (the sweeper would only step in 30 s late).
  expect(Math.max(...late)).toBeLessThan(20);
  expect(api.alive() && jobs.alive()).toBe(true);
});

it('expires through the sweeper the orders whose jobs a restart without data lost, and runs new jobs on time', async () => {
  const lost = await openOrders(4);
  await redis.wipe();
  await eventually(async () => jobs.logs.some((l) => l.msg === 'schedules upserted again after a Redis reconnect'), 30, 'schedules upserted again');
  const fresh = await openOrders(2);
  const lateFresh = await expiredLateness(fresh, TTL_S + 30);
  expect(Math.max(...lateFresh)).toBeLessThan(20);
  const lateLost = await expiredLateness(lost, TTL_S + 90);
  expect(Math.min(...lateLost)).toBeGreaterThanOrEqual(25);
  expect(jobs.logs.some((l) => l.msg === 'sweep done')).toBe(true);
  expect(api.alive() && jobs.alive()).toBe(true);
  expect((await rig.request('GET', '/readyz')).status).toBe(200);
  expect(await brokenInvariants(rig.db)).toEqual({});
});
