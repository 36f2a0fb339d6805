import { SignJWT } from 'jose';
import { registerUser, uniqueName } from './support/fixtures';
import { startTestApp, type ErrorBody, type TestApp } from './support/harness';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ LOGIN_MAX_PER_MINUTE: '5' });
});
afterAll(() => app.close());

function fieldsOf(body: unknown): string[] {
  return ((body as ErrorBody).error.details?.fields ?? []).map((f) => f.field);
}

describe('POST /api/auth/register', () => {
  it('creates a learner and returns a token that works on /api/me', async () => {
    const username = uniqueName('reg');
    const res = await app.request<{ token: string; user: { username: string; role: string } }>('POST', '/api/auth/register', {
      body: { username, password: 'study-hard-2026', email: 'Someone@Example.com', phone: '13800138000' },
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ username, role: 'learner', email: 'someone@example.com', phone: '13800138000' });
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
    const me = await app.request<{ username: string }>('GET', '/api/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(username);
  });

  it('refuses a taken username, email and phone with 409 naming the field', async () => {
    const first = await registerUser(app, { email: `${uniqueName()}@example.com`, phone: '13900000001' });
    const dupName = await app.request('POST', '/api/auth/register', { body: { username: first.user.username, password: 'another-pass-1' } });
    expect(dupName.status).toBe(409);
    expect((dupName.body as ErrorBody).error.code).toBe('USERNAME_TAKEN');
    const dupPhone = await app.request('POST', '/api/auth/register', { body: { username: uniqueName(), password: 'another-pass-1', phone: '13900000001' } });
    expect(dupPhone.status).toBe(409);
    expect((dupPhone.body as ErrorBody).error.code).toBe('PHONE_TAKEN');
  });

  it.each([
    [{ password: 'short1' }, 'password', 'WEAK_PASSWORD'],
    [{ password: 'password123' }, 'password', 'WEAK_PASSWORD'],
    [{ password: 'onlyletterspass' }, 'password', 'WEAK_PASSWORD'],
    [{ email: 'not-an-email' }, 'email', 'VALIDATION_ERROR'],
    [{ phone: '12345' }, 'phone', 'VALIDATION_ERROR'],
    [{ username: 'ab' }, 'username', 'VALIDATION_ERROR'],
    [{ username: 'x'.repeat(33) }, 'username', 'VALIDATION_ERROR'],
    [{ username: "robert'); DROP TABLE users;--" }, 'username', 'VALIDATION_ERROR'],
    [{ username: 'wx_pretender' }, 'username', 'VALIDATION_ERROR'],
    [{ username: 42 }, 'username', 'VALIDATION_ERROR'],
    [{ password: 'y'.repeat(129) + '1' }, 'password', 'VALIDATION_ERROR'],
    [{ role: 'admin' }, 'role', 'VALIDATION_ERROR'],
  ])('refuses %j with 400 naming %s', async (override, field, code) => {
    const res = await app.request('POST', '/api/auth/register', {
      body: { username: uniqueName(), password: 'good-pass-123', ...override },
    });
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error.code).toBe(code);
    expect(fieldsOf(res.body).join(' ') + (res.body as ErrorBody).error.message).toContain(field);
  });

  it('names every missing field at once', async () => {
    const res = await app.request('POST', '/api/auth/register', { body: {} });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(['username', 'password']));
  });
});

describe('POST /api/auth/login', () => {
  it('signs in with the right password and refuses a wrong one without saying which part was wrong', async () => {
    const account = await registerUser(app);
    const ok = await app.request<{ token: string }>('POST', '/api/auth/login', { body: { username: account.user.username, password: account.password } });
    expect(ok.status).toBe(200);
    expect(ok.body.token).toEqual(expect.any(String));

    const wrong = await app.request('POST', '/api/auth/login', { body: { username: account.user.username, password: 'wrong-pass-1' } });
    const unknown = await app.request('POST', '/api/auth/login', { body: { username: uniqueName(), password: 'wrong-pass-1' } });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect((res.body as ErrorBody).error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'wrong username or password' });
    }
  });

  it('refuses missing and wrongly typed fields with 400', async () => {
    const res = await app.request('POST', '/api/auth/login', { body: { username: ['a'], password: 5 } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['username', 'password']);
  });

  it('rate limits repeated attempts on one account with 429 and Retry-After, even with the right password', async () => {
    const account = await registerUser(app);
    for (let i = 0; i < 5; i++) {
      const res = await app.request('POST', '/api/auth/login', { body: { username: account.user.username, password: 'wrong-pass-1' } });
      expect(res.status).toBe(401);
    }
    const blocked = await app.request('POST', '/api/auth/login', { body: { username: account.user.username, password: account.password } });
    expect(blocked.status).toBe(429);
    expect((blocked.body as ErrorBody).error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('tokens', () => {
  it('refuses requests without, with malformed, tampered, expired or wrongly signed tokens', async () => {
    const account = await registerUser(app);
    const anonymous = await app.request('GET', '/api/me');
    expect(anonymous.status).toBe(401);
    expect((anonymous.body as ErrorBody).error.code).toBe('UNAUTHORIZED');

    const malformed = await app.request('GET', '/api/me', { headers: { authorization: 'Token abc' } });
    expect(malformed.status).toBe(401);
    expect((malformed.body as ErrorBody).error.code).toBe('TOKEN_INVALID');

    const [header, payload, signature] = account.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const escalated = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    const tampered = await app.request('GET', '/api/me', { token: `${header}.${escalated}.${signature}` });
    expect(tampered.status).toBe(401);
    expect((tampered.body as ErrorBody).error.code).toBe('TOKEN_INVALID');

    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect((await app.request('GET', '/api/me', { token: none })).status).toBe(401);

    const otherKey = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(account.user.id))
      .setIssuer('knowpay')
      .setAudience('knowpay-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-secret-that-is-not-the-servers-0123456789'));
    expect((await app.request('GET', '/api/me', { token: otherKey })).status).toBe(401);

    app.clock.advance(8 * 24 * 3600);
    try {
      const expired = await app.request('GET', '/api/me', { token: account.token });
      expect(expired.status).toBe(401);
      expect((expired.body as ErrorBody).error.code).toBe('TOKEN_EXPIRED');
    } finally {
      app.clock.advance(-8 * 24 * 3600);
    }
  });

  it('lets a learner become a creator, with a new token carrying the role', async () => {
    const account = await registerUser(app);
    const res = await app.request<{ token: string; user: { role: string } }>('POST', '/api/me/become-creator', { token: account.token });
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe('creator');
    const me = await app.request<{ role: string }>('GET', '/api/me', { token: res.body.token });
    expect(me.body.role).toBe('creator');
  });
});

describe('registration limits', () => {
  it('caps sign-ups per address per hour', async () => {
    const limited = await startTestApp({ REGISTER_MAX_PER_HOUR: '2' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await limited.request('POST', '/api/auth/register', { body: { username: uniqueName(), password: 'good-pass-123' } });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([201, 201, 429]);
    } finally {
      await limited.close();
    }
  });
});
