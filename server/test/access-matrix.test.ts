import type { PageBody as Page } from '../src/http/pagination';
import {
  buildCourse,
  cashier,
  eventually,
  orderStatus,
  prepaidOrder,
  publishCourse,
  registerAdmin,
  registerCreator,
  registerUser,
  registerWechatLearner,
  type Account,
  type BuiltCourse,
} from './support/fixtures';
import { startTestApp, type ApiResponse, type TestApp } from './support/harness';

/**
 * Who may do what to a published course that has a free-preview lesson and a paid lesson: every
 * actor × action cell is computed through the API and compared with the table below as a whole, so a
 * failure shows every cell that differs. Actions that change something act on objects made for that
 * cell alone (a fresh draft, a fresh submission, a fresh refund request), so cells never depend on
 * each other's order.
 */
const ACTORS = [
  'anonymous',
  'learner',
  'enrolled learner',
  'refunded learner',
  'active member',
  'expired member',
  'refunded member',
  'gift buyer',
  'gift recipient',
  'creator of the course',
  'another creator',
  'admin',
] as const;
type ActorName = (typeof ACTORS)[number];

const ACTIONS = [
  'list',
  'detail',
  'detail of a draft',
  'free preview media',
  'paid lesson media',
  'edit',
  'publish',
  'approve',
  'refund',
  'creator analytics',
  'platform analytics',
] as const;
type Action = (typeof ACTIONS)[number];

/** A paid lesson as the player and the signed URL answer it. */
const OPEN = 'player 200, file 200';
const CLOSED = 'player 403, no url';

/**
 * A signed-in learner without a role: sees what the public sees, may change nothing; only whether the
 * paid lesson opens differs from one to the next (enrolled, refunded, member, gift …).
 */
function signedInLearner(paidLesson: typeof OPEN | typeof CLOSED): Record<Action, string> {
  return {
    list: '200 listed',
    detail: '200',
    'detail of a draft': '404',
    'free preview media': OPEN,
    'paid lesson media': paidLesson,
    edit: '403',
    publish: '403',
    approve: '403',
    refund: '403',
    'creator analytics': '403',
    'platform analytics': '403',
  };
}

/**
 * Cells: an HTTP status, plus what the answer held where the status alone says too little:
 * - list: whether the course is in the public list;
 * - media: the player's status (GET /api/learning/lessons/:id) and, when the course detail hands the
 *   caller a signed URL for the lesson, the status of fetching that file ("no url" when it does not);
 * - analytics: whether the report has the course's figures.
 */
const EXPECTED: Record<ActorName, Record<Action, string>> = {
  anonymous: {
    list: '200 listed',
    detail: '200',
    'detail of a draft': '404',
    'free preview media': OPEN,
    'paid lesson media': CLOSED,
    edit: '401',
    publish: '401',
    approve: '401',
    refund: '401',
    'creator analytics': '401',
    'platform analytics': '401',
  },
  learner: signedInLearner(CLOSED),
  'enrolled learner': signedInLearner(OPEN),
  'refunded learner': signedInLearner(CLOSED),
  'active member': signedInLearner(OPEN),
  'expired member': signedInLearner(CLOSED),
  'refunded member': signedInLearner(CLOSED),
  'gift buyer': signedInLearner(CLOSED),
  'gift recipient': signedInLearner(OPEN),
  'creator of the course': {
    list: '200 listed',
    detail: '200',
    'detail of a draft': '200',
    'free preview media': OPEN,
    'paid lesson media': OPEN,
    edit: '200',
    publish: '200',
    approve: '403',
    refund: '200',
    'creator analytics': '200 with the course',
    'platform analytics': '403',
  },
  'another creator': {
    list: '200 listed',
    detail: '200',
    'detail of a draft': '404',
    'free preview media': OPEN,
    'paid lesson media': CLOSED,
    edit: '404',
    publish: '404',
    approve: '403',
    refund: '404',
    'creator analytics': '200 without the course',
    'platform analytics': '403',
  },
  admin: {
    list: '200 listed',
    detail: '200',
    'detail of a draft': '200',
    'free preview media': OPEN,
    'paid lesson media': OPEN,
    edit: '403',
    publish: '403',
    approve: '200',
    refund: '200',
    'creator analytics': '403',
    'platform analytics': '200 with the course',
  },
};

interface Detail {
  chapters: Array<{ lessons: Array<{ id: number; url: string | null }> }>;
}

let app: TestApp;
let creator: Account;
let admin: Account;
let course: BuiltCourse;
let draftId: number;
let planId: number;
const tokens = {} as Record<ActorName, string | undefined>;

/** A WeChat learner who paid for the course in the sandbox cashier; the order is PAID when this returns. */
async function buyer(): Promise<{ learner: Account; orderId: number }> {
  const { learner, order, prepayId } = await prepaidOrder(app, course.id);
  expect((await cashier(app, 'confirm', prepayId)).status).toBe(200);
  await eventually(async () => (await orderStatus(app, order.id)) === 'PAID');
  return { learner, orderId: order.id };
}

/** A WeChat learner who bought a term of the creator's all-courses plan in the sandbox cashier. */
async function member(): Promise<{ learner: Account; orderId: number }> {
  const learner = await registerWechatLearner(app);
  const order = await app.request<{ id: number }>('POST', '/api/membership-orders', { token: learner.token, body: { plan: planId } });
  expect(order.status).toBe(201);
  const pay = await app.request<{ package: string }>('POST', `/api/orders/${order.body.id}/pay`, { token: learner.token });
  expect((await cashier(app, 'confirm', pay.body.package.slice('prepay_id='.length))).status).toBe(200);
  await eventually(async () => (await orderStatus(app, order.body.id)) === 'PAID');
  return { learner, orderId: order.body.id };
}

async function refundRequest(): Promise<{ refundId: number; learner: Account; orderId: number }> {
  const { learner, orderId } = await buyer();
  const res = await app.request<{ id: number }>('POST', `/api/orders/${orderId}/refund`, { token: learner.token, body: { reason: '不适合我' } });
  expect(res.status).toBe(201);
  return { refundId: res.body.id, learner, orderId };
}

beforeAll(async () => {
  app = await startTestApp();
  let otherCreator: Account;
  let learner: Account;
  [creator, otherCreator, admin, learner] = await Promise.all([registerCreator(app), registerCreator(app), registerAdmin(app), registerUser(app)]);
  course = await buildCourse(app, creator, { name: `权限矩阵 ${Date.now()}`, price: 29.9 });
  await publishCourse(app, creator, admin, course.id);
  draftId = (await buildCourse(app, creator)).id;

  const plan = await app.request<{ id: number }>('POST', '/api/creator/plans', { token: creator.token, body: { name: '全部课程年卡', period: 'YEARLY', price_fen: 9900, all_courses: true } });
  expect(plan.status).toBe(201);
  planId = plan.body.id;
  const activeMember = await member();
  const expiredMember = await member();
  // Its term ended yesterday (moving the clock instead would expire every token in the table too).
  await app.container.dataSource.query(
    'UPDATE memberships SET starts_at = NOW(3) - INTERVAL 366 DAY, ends_at = NOW(3) - INTERVAL 1 DAY WHERE user_id = ?',
    [expiredMember.learner.user.id],
  );
  const refundedMember = await member();
  const memberRefund = await app.request<{ id: number }>('POST', `/api/orders/${refundedMember.orderId}/refund`, { token: refundedMember.learner.token, body: { reason: '不适合我' } });
  expect((await app.request('POST', `/api/refunds/${memberRefund.body.id}/approve`, { token: creator.token, body: {} })).status).toBe(200);
  await eventually(async () => (await orderStatus(app, refundedMember.orderId)) === 'REFUNDED');

  // A learner buys the course as a gift (the buyer gets a code, not the course); a friend redeems it.
  const giftBuyer = await registerWechatLearner(app);
  const giftOrder = await app.request<{ id: number }>('POST', '/api/gift-orders', { token: giftBuyer.token, body: { course: course.id } });
  const giftPay = await app.request<{ package: string }>('POST', `/api/orders/${giftOrder.body.id}/pay`, { token: giftBuyer.token });
  expect((await cashier(app, 'confirm', giftPay.body.package.slice('prepay_id='.length))).status).toBe(200);
  await eventually(async () => (await orderStatus(app, giftOrder.body.id)) === 'PAID');
  const gift = await app.request<{ code: string }>('GET', `/api/orders/${giftOrder.body.id}/gift`, { token: giftBuyer.token });
  const giftRecipient = await registerUser(app);
  expect((await app.request('POST', '/api/redemption-codes/redeem', { token: giftRecipient.token, body: { code: gift.body.code } })).status).toBe(200);

  const enrolled = await buyer();
  const refunded = await refundRequest();
  expect((await app.request('POST', `/api/refunds/${refunded.refundId}/approve`, { token: creator.token, body: {} })).status).toBe(200);
  await eventually(async () => (await orderStatus(app, refunded.orderId)) === 'REFUNDED');

  Object.assign(tokens, {
    anonymous: undefined,
    learner: learner.token,
    'enrolled learner': enrolled.learner.token,
    'refunded learner': refunded.learner.token,
    'active member': activeMember.learner.token,
    'expired member': expiredMember.learner.token,
    'refunded member': refundedMember.learner.token,
    'gift buyer': giftBuyer.token,
    'gift recipient': giftRecipient.token,
    'creator of the course': creator.token,
    'another creator': otherCreator.token,
    admin: admin.token,
  });
  // Analytics are computed by the jobs; here the refresh runs in the test, over today.
  await app.container.analytics.refresh(1);
});
afterAll(() => app.close());

async function mediaCell(token: string | undefined, lessonId: number): Promise<string> {
  const player = await app.request('GET', `/api/learning/lessons/${lessonId}`, { token });
  const detail = await app.request<Detail>('GET', `/api/courses/${course.id}`, { token });
  const url = detail.body.chapters.flatMap((c) => c.lessons).find((l) => l.id === lessonId)?.url ?? null;
  if (!url) return `player ${player.status}, no url`;
  const u = new URL(url);
  const file = await fetch(new URL(u.pathname + u.search, app.baseUrl));
  await file.arrayBuffer();
  return `player ${player.status}, file ${file.status}`;
}

function withCourse(res: ApiResponse<{ courses?: Array<{ id: number }> }>): string {
  if (res.status !== 200) return String(res.status);
  return `200 ${res.body.courses?.some((c) => c.id === course.id) ? 'with' : 'without'} the course`;
}

/** One cell: what `actor` gets when trying `action`. */
async function cell(actor: ActorName, action: Action): Promise<string> {
  const token = tokens[actor];
  switch (action) {
    case 'list': {
      const res = await app.request<Page<{ id: number }>>('GET', '/api/courses?page_size=100', { token });
      return `${res.status} ${res.body.results.some((c) => c.id === course.id) ? 'listed' : 'not listed'}`;
    }
    case 'detail':
      return String((await app.request('GET', `/api/courses/${course.id}`, { token })).status);
    case 'detail of a draft':
      return String((await app.request('GET', `/api/courses/${draftId}`, { token })).status);
    case 'free preview media':
      return mediaCell(token, course.previewLessonId);
    case 'paid lesson media':
      return mediaCell(token, course.paidLessonId);
    case 'edit':
      // Each actor asks for their own price, so the price left afterwards tells whose edit went through.
      return String((await app.request('PATCH', `/api/creator/courses/${course.id}`, { token, body: { price: 30 + ACTORS.indexOf(actor) } })).status);
    case 'publish': {
      const fresh = await buildCourse(app, creator);
      return String((await app.request('POST', `/api/creator/courses/${fresh.id}/submit`, { token })).status);
    }
    case 'approve': {
      const fresh = await buildCourse(app, creator);
      expect((await app.request('POST', `/api/creator/courses/${fresh.id}/submit`, { token: creator.token })).status).toBe(200);
      return String((await app.request('POST', `/api/admin/courses/${fresh.id}/approve`, { token })).status);
    }
    case 'refund': {
      const { refundId } = await refundRequest();
      return String((await app.request('POST', `/api/refunds/${refundId}/approve`, { token, body: {} })).status);
    }
    case 'creator analytics':
      return withCourse(await app.request('GET', '/api/creator/analytics', { token }));
    case 'platform analytics':
      return withCourse(await app.request('GET', '/api/admin/analytics', { token }));
  }
}

describe('access to a published course with free previews and a paid lesson', () => {
  it('matches the table in every cell (actors × actions)', async () => {
    const actual = {} as Record<ActorName, Record<Action, string>>;
    for (const actor of ACTORS) {
      actual[actor] = {} as Record<Action, string>;
      for (const action of ACTIONS) actual[actor][action] = await cell(actor, action);
    }
    expect(Object.values(actual).flatMap((row) => Object.keys(row))).toHaveLength(ACTORS.length * ACTIONS.length);
    expect(actual).toEqual(EXPECTED);
  });

  it("changed only what the allowed cells changed: the owner's price, and the refunds the owner and the admin approved", async () => {
    const [row] = (await app.container.dataSource.query('SELECT price_fen, status FROM courses WHERE id = ?', [course.id])) as Array<{ price_fen: number; status: string }>;
    expect(row).toEqual({ price_fen: (30 + ACTORS.indexOf('creator of the course')) * 100, status: 'PUBLISHED' });
    const counts = async () =>
      (await app.container.dataSource.query('SELECT status, COUNT(*) AS n FROM refunds WHERE course_id = ? GROUP BY status ORDER BY status', [course.id])) as Array<{
        status: string;
        n: string | number;
      }>;
    // WeChat Pay (the sandbox) confirms approved refunds a moment later.
    const refunds = await eventually(async () => {
      const rows = await counts();
      return rows.every((r) => r.status !== 'PROCESSING') && rows;
    });
    // The refunded learner's (approved before the matrix), the owner's and the admin's; the other ten requests still wait.
    expect(refunds.map((r) => [r.status, Number(r.n)])).toEqual([
      ['REQUESTED', 10],
      ['SUCCEEDED', 3],
    ]);
  });
});
