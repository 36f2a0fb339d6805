import { expectError } from '../support/expect-error';
import { buildCourse, publishCourse, registerAdmin, registerCreator, registerUser } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/harness';

/**
 * Order creation per learner. Login (auth.test.ts), sign-ups (auth.test.ts), binding codes
 * (chat-binding.test.ts) and the bot's binding attempts (bot/test/conversation.test.ts) have theirs there.
 */
const PER_MINUTE = 3;
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ ORDER_MAX_PER_MINUTE: String(PER_MINUTE), LOGIN_MAX_PER_MINUTE: '2' });
});
afterAll(() => app.close());

describe('order creation', () => {
  it(`answers 429 with Retry-After after ${PER_MINUTE} orders a minute, per learner, and opens nothing more`, async () => {
    const [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
    const courses: number[] = [];
    for (let i = 0; i < PER_MINUTE + 1; i++) {
      const course = await buildCourse(app, creator, { price: 5 + i });
      await publishCourse(app, creator, admin, course.id);
      courses.push(course.id);
    }
    const learner = await registerUser(app);
    for (const id of courses.slice(0, PER_MINUTE)) {
      // Learners without WeChat can still open orders (they pay once they sign in with WeChat).
      expect((await app.request('POST', '/api/orders/', { token: learner.token, body: { course: id } })).status).toBe(201);
    }
    const refused = await app.request('POST', '/api/orders/', { token: learner.token, body: { course: courses[PER_MINUTE] } });
    expectError(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const [{ n }] = (await app.container.dataSource.query('SELECT COUNT(*) AS n FROM orders WHERE user_id = ?', [learner.user.id])) as [{ n: number | string }];
    expect(Number(n)).toBe(PER_MINUTE);

    // Another learner is not held back.
    const other = await registerUser(app);
    expect((await app.request('POST', '/api/orders/', { token: other.token, body: { course: courses[PER_MINUTE] } })).status).toBe(201);
  });
});

describe('login', () => {
  it('holds an account to its limit whatever X-Forwarded-For claims', async () => {
    const account = await registerUser(app);
    for (let i = 0; i < 2; i++) await app.request('POST', '/api/auth/login', { body: { username: account.user.username, password: 'wrong' } });
    const blocked = await app.request('POST', '/api/auth/login', { body: { username: account.user.username, password: account.password }, headers: { 'x-forwarded-for': '10.9.8.7' } });
    expectError(blocked, 429, 'RATE_LIMITED');
  });
});
