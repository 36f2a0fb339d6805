import { brokenInvariants } from '../test/support/invariants';
import { startRig, type ChildHandle, type Rig } from './support/rig';
import { PrivateMariadb } from './support/services';
import { confirmPayment, eventually, openShop, statusOf, wechatLearner, type Learner } from './support/shop';

/**
 * MySQL dies (SIGKILL) and comes back while learners are buying. The API keeps running: requests that
 * need MySQL while it is away answer 503 SERVICE_UNAVAILABLE (with Retry-After), never a 500 or a hang;
 * it recovers by itself; every order it confirmed and every payment the learners made is there afterwards,
 * each paid order enrolled once, and the money invariants hold.
 */
const LEARNERS = 24;
const CONCURRENCY = 6;

let mariadb: PrivateMariadb;
let rig: Rig;
let api: ChildHandle;
beforeAll(async () => {
  mariadb = new PrivateMariadb();
  await mariadb.start();
  rig = await startRig({ mysqlServerUrl: `${mariadb.url}/mysql`, env: { DB_POOL_SIZE: '5' } });
  api = await rig.startApi();
}, 120_000);
afterAll(async () => {
  await rig?.close();
  await mariadb?.close();
});

interface Seen {
  status: number;
  code?: string;
  retryAfter?: boolean;
}

it('answers 503 while MySQL is away, recovers by itself, and loses no order or payment', async () => {
  const courses = await openShop(rig, 3);
  const learners: Learner[] = [];
  for (let i = 0; i < LEARNERS; i++) learners.push(await wechatLearner(rig, `o_fault_mysql_${i}`));

  const seen: Seen[] = [];
  const confirmed: number[] = [];
  const created = new Set<number>();
  /** What a client does: retry on 503 (and on a dropped connection), anything else is final. */
  const call = async <T>(method: string, path: string, token: string, body?: unknown): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      let res;
      try {
        res = await rig.request<T & { error?: { code: string } }>(method, path, { token, body, timeoutMs: 20_000 });
      } catch (err) {
        if (attempt > 100) throw err;
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      seen.push({ status: res.status, code: res.body?.error?.code });
      if (res.status !== 503) {
        if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body;
      }
      if (attempt > 100) throw new Error(`${method} ${path}: still 503 after 100 tries`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  let done = 0;
  let restarted: Promise<void> | null = null;
  const buy = async (learner: Learner, i: number) => {
    const order = await call<{ id: number }>('POST', '/api/orders/', learner.token, { course: courses[i % courses.length] });
    created.add(order.id);
    const pay = await call<{ package: string }>('POST', `/api/orders/${order.id}/pay`, learner.token);
    expect(await confirmPayment(rig, pay.package.slice('prepay_id='.length))).toBe(200);
    confirmed.push(order.id);
    done += 1;
    // A third of the way in, MySQL crashes and is away for two seconds.
    if (done === Math.floor(LEARNERS / 3)) restarted = mariadb.restart(2000);
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < learners.length) {
        const i = next++;
        await buy(learners[i]!, i);
      }
    }),
  );
  await restarted;

  // The outage was seen, and seen as the contract says: 503 SERVICE_UNAVAILABLE, no 500.
  expect(seen.filter((s) => s.status >= 500 && s.status !== 503)).toEqual([]);
  expect(seen.filter((s) => s.status === 503).every((s) => s.code === 'SERVICE_UNAVAILABLE')).toBe(true);
  expect(api.alive()).toBe(true);
  await eventually(async () => (await rig.request('GET', '/readyz')).status === 200, 30, 'readyz');

  // No order lost, every payment recorded (WeChat Pay retried the notifications MySQL missed).
  expect(confirmed).toHaveLength(LEARNERS);
  for (const id of created) expect(await statusOf(rig, id)).not.toBe('MISSING');
  await eventually(async () => {
    for (const id of confirmed) if ((await statusOf(rig, id)) !== 'PAID') return false;
    return true;
  }, 60, 'every paid order PAID');
  const [{ n }] = (await rig.db.query("SELECT COUNT(*) AS n FROM enrollments WHERE source = 'purchase' AND status = 'ACTIVE'")) as [{ n: number | string }];
  expect(Number(n)).toBe(LEARNERS);
  expect(await brokenInvariants(rig.db)).toEqual({});
  process.stdout.write(`mysql restart: ${seen.length} answers, ${seen.filter((s) => s.status === 503).length} of them 503\n`);
});
