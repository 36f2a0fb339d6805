import { startTestApp, type ErrorBody, type TestApp } from './support/harness';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** What wx.login does on a phone: the sandbox hands out a one-time code for an openid. */
async function wxLogin(openid: string, unionid?: string): Promise<string> {
  const res = await fetch(`${app.sandbox.url}/sandbox/wx-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid, nickname: '小明', ...(unionid ? { unionid } : {}) }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { code: string }).code;
}

interface SignIn {
  token: string;
  user: { id: number; role: string; wechat_bound: boolean; username: string };
}

describe('WeChat sign-in through the sandbox over HTTP', () => {
  it('creates a learner on first sign-in and finds the same one afterwards', async () => {
    const openid = `o_test_${Date.now()}`;
    const first = await app.request<SignIn>('POST', '/api/auth/wechat', { body: { code: await wxLogin(openid) } });
    expect(first.status).toBe(201);
    expect(first.body.user).toMatchObject({ role: 'learner', wechat_bound: true });
    expect(first.body.user.username).toMatch(/^wx_/);

    const again = await app.request<SignIn>('POST', '/api/auth/wechat', { body: { code: await wxLogin(openid, 'union-1') } });
    expect(again.status).toBe(200);
    expect(again.body.user.id).toBe(first.body.user.id);

    const me = await app.request<{ id: number }>('GET', '/api/me', { token: again.body.token });
    expect(me.body.id).toBe(first.body.user.id);
    expect(JSON.stringify(me.body)).not.toContain(openid);
  });

  it('refuses a code used twice, an unknown code and an expired one with 401 WECHAT_CODE_INVALID', async () => {
    const code = await wxLogin('o_twice');
    expect((await app.request('POST', '/api/auth/wechat', { body: { code } })).status).toBe(201);
    const reused = await app.request('POST', '/api/auth/wechat', { body: { code } });
    expect(reused.status).toBe(401);
    expect((reused.body as ErrorBody).error.code).toBe('WECHAT_CODE_INVALID');

    const unknown = await app.request('POST', '/api/auth/wechat', { body: { code: 'never-issued-code' } });
    expect((unknown.body as ErrorBody).error.code).toBe('WECHAT_CODE_INVALID');

    const late = await wxLogin('o_late');
    app.clock.advance(301);
    try {
      const expired = await app.request('POST', '/api/auth/wechat', { body: { code: late } });
      expect(expired.status).toBe(401);
      expect((expired.body as ErrorBody).error.code).toBe('WECHAT_CODE_INVALID');
    } finally {
      app.clock.advance(-301);
    }
  });

  it('refuses a missing or malformed code with 400 naming code', async () => {
    for (const body of [{}, { code: '' }, { code: 'a b;DROP' }, { code: 12345 }]) {
      const res = await app.request('POST', '/api/auth/wechat', { body });
      expect(res.status).toBe(400);
      expect((res.body as ErrorBody).error.details?.fields?.[0]?.field).toBe('code');
    }
  });

  it('answers 503 when WeChat cannot be reached, without creating anything', async () => {
    const offline = await startTestApp({ SANDBOX_PORT: '1' });
    try {
      const res = await offline.request('POST', '/api/auth/wechat', { body: { code: 'whatever-code' } });
      expect(res.status).toBe(503);
      expect((res.body as ErrorBody).error.code).toBe('WECHAT_UNAVAILABLE');
      const [{ n }] = await offline.container.dataSource.query('SELECT COUNT(*) AS n FROM users');
      expect(Number(n)).toBe(0);
    } finally {
      await offline.close();
    }
  });
});
