import { expectError } from './support/expect-error';
import { buildCourse, publishCourse, registerAdmin, registerCreator, registerUser, type Account, type BuiltCourse } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

interface Batch {
  course: number;
  codes: string[];
}

let app: TestApp;
let creator: Account;
let course: BuiltCourse;

beforeAll(async () => {
  app = await startTestApp();
  let admin: Account;
  [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  course = await buildCourse(app, creator);
  await publishCourse(app, creator, admin, course.id);
});
afterAll(() => app.close());

const batch = async (count: number): Promise<string[]> => {
  const res = await app.request<Batch>('POST', `/api/creator/courses/${course.id}/redemption-codes`, { token: creator.token, body: { count } });
  expect(res.status).toBe(201);
  return res.body.codes;
};
const redeem = (learner: Account, code: string) => app.request<{ course: number }>('POST', '/api/redemption-codes/redeem', { token: learner.token, body: { code } });
const player = async (learner: Account) => (await app.request('GET', `/api/learning/lessons/${course.paidLessonId}`, { token: learner.token })).status;

describe('redemption codes', () => {
  it('a creator generates a batch of distinct codes; each opens the course for the first learner who redeems it', async () => {
    const codes = await batch(20);
    expect(codes).toHaveLength(20);
    expect(new Set(codes).size).toBe(20);
    for (const c of codes) expect(c).toMatch(/^[A-HJ-KMNP-Z2-9]{12}$/);

    const [first, second] = [await registerUser(app), await registerUser(app)];
    expect(await player(first)).toBe(403);
    // Typed with a dash and in lower case, as people copy codes from a card.
    const typed = `${codes[0]!.slice(0, 6)}-${codes[0]!.slice(6)}`.toLowerCase();
    const res = await redeem(first, typed);
    expect(res.status).toBe(200);
    expect(res.body.course).toBe(course.id);
    expect(await player(first)).toBe(200);

    expectError(await redeem(second, codes[0]!), 409, 'CODE_USED');
    expect(await player(second)).toBe(403);
    expectError(await redeem(first, codes[1]!), 409, 'ALREADY_ENROLLED');
    // The code the enrolled learner tried is still good for someone else.
    expect((await redeem(second, codes[1]!)).status).toBe(200);
  });

  it('50 learners redeeming one code at the same moment: exactly one gets the course', async () => {
    const [code] = await batch(1);
    const learners: Account[] = [];
    for (let i = 0; i < 50; i++) learners.push(await registerUser(app));
    const results = await Promise.all(learners.map((l) => redeem(l, code!)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = learners[statuses.indexOf(200)]!;
    const rows: Array<{ user_id: number }> = await app.container.dataSource.query("SELECT user_id FROM enrollments WHERE course_id = ? AND source = 'code' AND user_id IN (?)", [
      course.id,
      learners.map((l) => l.user.id),
    ]);
    expect(rows.map((r) => r.user_id)).toEqual([winner.user.id]);
    const [used]: Array<{ redeemed_by: number }> = await app.container.dataSource.query('SELECT redeemed_by FROM redemption_codes WHERE code = ?', [code]);
    expect(used!.redeemed_by).toBe(winner.user.id);
  });

  it('refuses unknown codes, other creators, learners generating, and bad counts by field', async () => {
    const learner = await registerUser(app);
    const stranger = await registerCreator(app);
    expectError(await redeem(learner, 'ZZZZZZZZZZZZ'), 404, 'NOT_FOUND');
    expectError(await app.request('POST', `/api/creator/courses/${course.id}/redemption-codes`, { token: stranger.token, body: { count: 1 } }), 404, 'NOT_FOUND');
    expectError(await app.request('POST', `/api/creator/courses/${course.id}/redemption-codes`, { token: learner.token, body: { count: 1 } }), 403, 'ROLE_REQUIRED');
    expectError(await app.request('POST', `/api/creator/courses/${course.id}/redemption-codes`, { token: creator.token, body: { count: 0 } }), 400, 'VALIDATION_ERROR', 'count');
    expectError(await app.request('POST', `/api/creator/courses/${course.id}/redemption-codes`, { token: creator.token, body: { count: 501 } }), 400, 'VALIDATION_ERROR', 'count');
    const [own] = await batch(1);
    expectError(await redeem(creator, own!), 403, 'OWN_COURSE');
  });
});
