import { SignJWT } from 'jose';
import { User } from '../../src/domain/users/user.entity';
import { expectError } from '../support/expect-error';
import { registerCreator, registerUser } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/harness';

/** What auth.test.ts does not already cover: other algorithms with the right key, accounts that changed after the token was issued. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const secret = () => new TextEncoder().encode(app.container.config.jwt.secret);
const claimsFor = (userId: number, role: string) => new SignJWT({ role }).setSubject(String(userId)).setIssuer('knowpay').setAudience('knowpay-api').setIssuedAt().setExpirationTime('1h');

describe('bearer tokens', () => {
  it('refuses the right claims signed with the server key under another algorithm (HS384, HS512)', async () => {
    const account = await registerUser(app);
    for (const alg of ['HS384', 'HS512']) {
      const token = await claimsFor(account.user.id, 'learner').setProtectedHeader({ alg }).sign(secret());
      expectError(await app.request('GET', '/api/me', { token }), 401, 'TOKEN_INVALID');
    }
    // The same claims under HS256 are accepted: the refusals above are about the algorithm alone.
    const good = await claimsFor(account.user.id, 'learner').setProtectedHeader({ alg: 'HS256' }).sign(secret());
    expect((await app.request('GET', '/api/me', { token: good })).status).toBe(200);
  });

  it('refuses a token whose header claims RS256 or none over an HMAC signature', async () => {
    const account = await registerUser(app);
    const [, payload, signature] = account.token.split('.');
    for (const alg of ['RS256', 'none', 'ES256']) {
      const header = Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
      expectError(await app.request('GET', '/api/me', { token: `${header}.${payload}.${signature}` }), 401, 'TOKEN_INVALID');
    }
  });

  it('refuses a token for another audience or issuer signed with the server key', async () => {
    const account = await registerUser(app);
    const dashboard = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject(String(account.user.id)).setIssuer('knowpay').setAudience('knowpay-queue-dashboard').setExpirationTime('1h').sign(secret());
    expectError(await app.request('GET', '/api/me', { token: dashboard }), 401, 'TOKEN_INVALID');
    const foreign = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject(String(account.user.id)).setIssuer('elsewhere').setAudience('knowpay-api').setExpirationTime('1h').sign(secret());
    expectError(await app.request('GET', '/api/me', { token: foreign }), 401, 'TOKEN_INVALID');
  });

  it('takes the role from the account, not the token: a valid token claiming admin gets no admin route', async () => {
    const account = await registerUser(app);
    const claimsAdmin = await claimsFor(account.user.id, 'admin').setProtectedHeader({ alg: 'HS256' }).sign(secret());
    expectError(await app.request('GET', '/api/admin/courses/review-queue', { token: claimsAdmin }), 403, 'ROLE_REQUIRED');
  });

  it('takes powers away at once from a demoted creator and a deleted account', async () => {
    const creator = await registerCreator(app);
    expect((await app.request('GET', '/api/creator/courses', { token: creator.token })).status).toBe(200);
    await app.container.dataSource.getRepository(User).update(creator.user.id, { role: 'learner' });
    expectError(await app.request('GET', '/api/creator/courses', { token: creator.token }), 403, 'ROLE_REQUIRED');

    const gone = await registerUser(app);
    await app.container.dataSource.getRepository(User).delete(gone.user.id);
    expectError(await app.request('GET', '/api/me', { token: gone.token }), 401, 'TOKEN_INVALID');
  });
});
