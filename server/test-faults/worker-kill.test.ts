import type { QueryRunner } from 'typeorm';
import { brokenInvariants } from '../test/support/invariants';
import { startRig, type ChildHandle, type Rig } from './support/rig';
import { eventually, openShop, statusOf, wechatLearner } from './support/shop';

/**
 * A jobs process SIGKILLed while it is settling expired orders (stopped inside their transactions).
 * Nothing is half-done; once another jobs process runs, BullMQ hands it the stalled jobs and every order
 * is settled, once. (Digest and recommendation runs killed mid-way: jobs/test/sales-digest.test.ts and
 * jobs/test/recommendations.test.ts.)
 */
const ORDERS = 5;
let rig: Rig;
let jobs: ChildHandle;
beforeAll(async () => {
  rig = await startRig({ env: { ORDER_TTL_SECONDS: '3' } });
  await rig.startApi();
}, 120_000);
afterAll(() => rig?.close());

it('settles every order a killed worker held, exactly once, after another worker takes over', async () => {
  const [course] = await openShop(rig, 1);
  const ids: number[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const learner = await wechatLearner(rig, `o_fault_worker_${i}`);
    ids.push((await rig.request<{ id: number }>('POST', '/api/orders/', { token: learner.token, body: { course } })).body.id);
  }
  const holder: QueryRunner = rig.db.createQueryRunner();
  await holder.connect();
  await holder.startTransaction();
  await holder.query('SELECT id FROM orders WHERE id IN (?) FOR UPDATE', [ids]);
  try {
    jobs = await rig.startJobs();
    // The jobs come due and the worker stops on the held rows, mid-job.
    await eventually(async () => {
      const [{ n }] = (await rig.db.query("SELECT COUNT(*) AS n FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'")) as [{ n: number | string }];
      return Number(n) >= 1;
    }, 30, 'the worker inside an expiry');
    await jobs.kill('SIGKILL');
  } finally {
    await holder.rollbackTransaction();
    await holder.release();
  }
  for (const id of ids) expect(await statusOf(rig, id)).toBe('PENDING');

  const second = await rig.startJobs();
  await eventually(async () => {
    for (const id of ids) if ((await statusOf(rig, id)) !== 'EXPIRED') return false;
    return true;
  }, 120, 'all orders EXPIRED');
  const settled = second.logs.filter((l) => l.msg === 'order settled').map((l) => l.orderId);
  expect(new Set(settled).size).toBe(settled.length);
  for (const id of ids) {
    const [{ n }] = (await rig.db.query("SELECT COUNT(*) AS n FROM orders WHERE id = ? AND status = 'EXPIRED' AND closed_at IS NOT NULL", [id])) as [{ n: number | string }];
    expect(Number(n)).toBe(1);
  }
  expect(await brokenInvariants(rig.db)).toEqual({});
});
