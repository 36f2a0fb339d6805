import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../src/logger';
import { type RunningSandbox, startSandbox } from '../src/sandbox/app';
import { ManualClock } from '../src/sandbox/clock';
import { sandboxCredentialsPath } from '../src/sandbox/credentials';

type Json = Record<string, unknown>;

describe('sandbox: mini-program API over HTTP', () => {
  const logger = createLogger('silent');
  const clock = new ManualClock(Date.UTC(2025, 5, 1, 2));
  let varDir: string;
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    varDir = mkdtempSync(join(tmpdir(), 'kp-sandbox-mp-'));
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, varDir, logger, clock });
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(varDir, { recursive: true, force: true });
  });

  async function get(path: string, query: Record<string, string | undefined> = {}): Promise<{ status: number; body: Json }> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
    const res = await fetch(`${sandbox.url}${path}?${params}`);
    return { status: res.status, body: (await res.json()) as Json };
  }

  async function post(path: string, body: unknown, contentType = 'application/json'): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  async function wxLogin(openid: string, extra: Json = {}): Promise<string> {
    const { status, body } = await post('/sandbox/wx-login', { openid, ...extra });
    expect(status).toBe(200);
    expect(body.code).toEqual(expect.any(String));
    return body.code as string;
  }

  function session(jsCode: string | undefined, overrides: Record<string, string | undefined> = {}) {
    return get('/sns/jscode2session', {
      appid: sandbox.credentials.appid,
      secret: sandbox.credentials.app_secret,
      js_code: jsCode,
      grant_type: 'authorization_code',
      ...overrides,
    });
  }

  const tokenQuery = () => ({ grant_type: 'client_credential', appid: sandbox.credentials.appid, secret: sandbox.credentials.app_secret });
  const stableBody = () => ({ grant_type: 'client_credential', appid: sandbox.credentials.appid, secret: sandbox.credentials.app_secret });
  /** Asks the sandbox whether a token works, through an endpoint that only checks it. */
  const tokenErrcode = async (token: string) => (await get('/cgi-bin/get_api_domain_ip', { access_token: token })).body.errcode ?? 0;

  describe('service endpoints', () => {
    it('answers healthz', async () => {
      expect(await get('/sandbox/healthz')).toEqual({ status: 200, body: { ok: true } });
    });

    it('answers unknown routes with a JSON 404', async () => {
      const { status, body } = await get('/no/such/thing');
      expect(status).toBe(404);
      expect(body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    });

    it('listens where it says it does', () => {
      expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
      expect(sandbox.port).toBeGreaterThan(0);
    });
  });

  describe('credentials file', () => {
    it('is created once, owner-only, and reused by the next start', async () => {
      const file = sandboxCredentialsPath(varDir);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const written = statSync(file).mtimeMs;
      const second = await startSandbox({ host: '127.0.0.1', port: 0, varDir, logger, clock });
      try {
        expect(second.credentials).toEqual(sandbox.credentials);
        expect(statSync(file).mtimeMs).toBe(written);
      } finally {
        await second.close();
      }
    });
  });

  describe('POST /sandbox/wx-login', () => {
    it('issues a different code every time', async () => {
      expect(await wxLogin('o_same')).not.toBe(await wxLogin('o_same'));
    });

    it.each([
      [{}, 'openid'],
      [{ openid: '' }, 'openid'],
      [{ openid: 'has space' }, 'openid'],
      [{ openid: 'x'.repeat(65) }, 'openid'],
      [{ openid: 'o_ok', unionid: 'bad/unionid' }, 'unionid'],
      [{ openid: 'o_ok', nickname: 'n'.repeat(65) }, 'nickname'],
    ])('rejects %j naming %s', async (body, field) => {
      const res = await post('/sandbox/wx-login', body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: { code: 'VALIDATION_ERROR', message: expect.stringContaining(`${field}:`), details: { fields: expect.any(Array) } },
      });
    });

    it('rejects a body that is not JSON', async () => {
      const res = await post('/sandbox/wx-login', '{"openid":', 'application/json');
      expect(res.status).toBe(400);
      expect((res.body.error as Json).code).toBe('VALIDATION_ERROR');
    });

    it('rejects bodies over the size limit', async () => {
      const res = await post('/sandbox/wx-login', { openid: 'o_big', nickname: 'x'.repeat(70 * 1024) });
      expect(res.status).toBe(413);
    });
  });

  describe('GET /sns/jscode2session', () => {
    it('exchanges a code for the openid, a session key and the unionid', async () => {
      const code = await wxLogin('o_alice', { unionid: 'u_alice', nickname: '爱丽丝' });
      const { status, body } = await session(code);
      expect(status).toBe(200);
      expect(body).toEqual({ openid: 'o_alice', unionid: 'u_alice', session_key: expect.any(String) });
      expect(body).not.toHaveProperty('errcode');
    });

    it('leaves unionid out when the user has none', async () => {
      const { body } = await session(await wxLogin('o_bob'));
      expect(body.openid).toBe('o_bob');
      expect(body).not.toHaveProperty('unionid');
    });

    it('answers 40163 for a code used before, in an HTTP 200', async () => {
      const code = await wxLogin('o_twice');
      expect((await session(code)).body.openid).toBe('o_twice');
      const again = await session(code);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ errcode: 40163, errmsg: expect.stringMatching(/^code been used/) });
    });

    it('answers 40029 for a code it never issued', async () => {
      expect((await session('not-a-real-code')).body.errcode).toBe(40029);
    });

    it('answers 40029 for a code older than five minutes', async () => {
      const code = await wxLogin('o_slow');
      clock.advance(301_000);
      expect((await session(code)).body.errcode).toBe(40029);
    });

    it('checks the app before the code, and does not consume the code when it fails', async () => {
      const code = await wxLogin('o_app');
      expect((await session(code, { appid: 'wx0000000000000000' })).body.errcode).toBe(40013);
      expect((await session(code, { secret: 'f'.repeat(32) })).body.errcode).toBe(40125);
      expect((await session(code)).body.openid).toBe('o_app');
    });

    it('names missing parameters: 41002 appid, 41004 secret, 41008 code', async () => {
      const code = await wxLogin('o_missing');
      expect((await session(code, { appid: undefined })).body.errcode).toBe(41002);
      expect((await session(code, { secret: undefined })).body.errcode).toBe(41004);
      expect((await session(undefined)).body.errcode).toBe(41008);
      expect((await session('')).body.errcode).toBe(41008);
    });
  });

  describe('GET /cgi-bin/token', () => {
    it('issues a 7200 s token, and keeps the previous one working for five minutes', async () => {
      const first = await get('/cgi-bin/token', tokenQuery());
      expect(first.body).toEqual({ access_token: expect.any(String), expires_in: 7200 });
      const firstToken = first.body.access_token as string;
      expect(await tokenErrcode(firstToken)).toBe(0);

      const second = await get('/cgi-bin/token', tokenQuery());
      const secondToken = second.body.access_token as string;
      expect(secondToken).not.toBe(firstToken);
      clock.advance(299_000);
      expect(await tokenErrcode(firstToken)).toBe(0);
      clock.advance(1_000);
      expect(await tokenErrcode(firstToken)).toBe(40001);
      expect(await tokenErrcode(secondToken)).toBe(0);

      clock.advance(7200_000);
      expect(await tokenErrcode(secondToken)).toBe(42001);
    });

    it('refuses bad requests with WeChat codes', async () => {
      const q = tokenQuery();
      expect((await get('/cgi-bin/token', { ...q, grant_type: 'password' })).body.errcode).toBe(40002);
      expect((await get('/cgi-bin/token', { ...q, appid: undefined })).body.errcode).toBe(41002);
      expect((await get('/cgi-bin/token', { ...q, secret: undefined })).body.errcode).toBe(41004);
      expect((await get('/cgi-bin/token', { ...q, appid: 'wx0000000000000000' })).body.errcode).toBe(40013);
      expect((await get('/cgi-bin/token', { ...q, secret: 'short' })).body.errcode).toBe(40125);
      expect((await get('/cgi-bin/token', { ...q, secret: '0'.repeat(32) })).body.errcode).toBe(40001);
    });

    it('answers 41001 and 40001 for missing and unknown tokens', async () => {
      expect((await get('/cgi-bin/get_api_domain_ip')).body.errcode).toBe(41001);
      expect(await tokenErrcode('forged')).toBe(40001);
    });
  });

  describe('POST /cgi-bin/stable_token', () => {
    it('returns one token while it is valid, separate from /cgi-bin/token', async () => {
      const first = await post('/cgi-bin/stable_token', stableBody());
      expect(first.body).toEqual({ access_token: expect.any(String), expires_in: 7200 });
      const token = first.body.access_token as string;

      clock.advance(60_000);
      await get('/cgi-bin/token', tokenQuery());
      await get('/cgi-bin/token', tokenQuery());
      clock.advance(300_000);
      const again = await post('/cgi-bin/stable_token', { ...stableBody(), force_refresh: false });
      expect(again.body).toEqual({ access_token: token, expires_in: 7200 - 360 });
      expect(await tokenErrcode(token)).toBe(0);
    });

    it('force_refresh issues a new token and retires the old one, at most once per 30 s', async () => {
      clock.advance(60_000);
      const old = (await post('/cgi-bin/stable_token', stableBody())).body.access_token as string;
      const fresh = await post('/cgi-bin/stable_token', { ...stableBody(), force_refresh: true });
      expect(fresh.body.access_token).not.toBe(old);
      expect(await tokenErrcode(old)).toBe(40001);
      expect(await tokenErrcode(fresh.body.access_token as string)).toBe(0);

      const tooSoon = await post('/cgi-bin/stable_token', { ...stableBody(), force_refresh: true });
      expect(tooSoon.status).toBe(200);
      expect(tooSoon.body.errcode).toBe(45009);
      clock.advance(30_000);
      expect((await post('/cgi-bin/stable_token', { ...stableBody(), force_refresh: true })).body.access_token).toEqual(expect.any(String));
    });

    it('refuses bad requests with WeChat codes', async () => {
      expect((await post('/cgi-bin/stable_token', { ...stableBody(), grant_type: undefined })).body.errcode).toBe(40002);
      expect((await post('/cgi-bin/stable_token', { ...stableBody(), appid: 'wx0000000000000000' })).body.errcode).toBe(40013);
      expect((await post('/cgi-bin/stable_token', { ...stableBody(), secret: '1'.repeat(32) })).body.errcode).toBe(40001);
      expect((await post('/cgi-bin/stable_token', { ...stableBody(), force_refresh: 'yes' })).body.errcode).toBe(47001);
      const garbled = await post('/cgi-bin/stable_token', '{"grant_type":');
      expect(garbled).toEqual({ status: 200, body: { errcode: 47001, errmsg: expect.stringMatching(/^data format error/) } });
    });
  });
});
