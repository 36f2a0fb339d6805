import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { RateLimitedError, ServiceUnavailableError, SubscribeRefusedError, UnauthorizedError, UpstreamError } from '../src/errors';
import { createLogger } from '../src/logger';
import { type RunningSandbox, startSandbox } from '../src/sandbox/app';
import { ManualClock } from '../src/sandbox/clock';
import { MiniProgramClient, type MiniProgramClientOptions } from '../src/wechat/mini-program.client';

describe('MiniProgramClient against the sandbox', () => {
  const clock = new ManualClock(Date.UTC(2025, 5, 1, 2));
  let varDir: string;
  let sandbox: RunningSandbox;
  let logLines: string[];
  let logger: pino.Logger;

  beforeAll(async () => {
    varDir = mkdtempSync(join(tmpdir(), 'kp-wechat-client-'));
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, varDir, logger: createLogger('silent'), clock });
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(varDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    logLines = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    logger = pino({ level: 'trace' }, sink);
  });

  function client(overrides: Partial<MiniProgramClientOptions> = {}): MiniProgramClient {
    return new MiniProgramClient({
      apiBase: sandbox.url,
      appid: sandbox.credentials.appid,
      appSecret: sandbox.credentials.app_secret,
      logger,
      clock,
      ...overrides,
    });
  }

  async function wxLogin(openid: string, unionid?: string): Promise<string> {
    const res = await fetch(`${sandbox.url}/sandbox/wx-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid, unionid }),
    });
    return ((await res.json()) as { code: string }).code;
  }

  /** Counts the requests a client makes while passing them to the real sandbox. */
  function countingFetch(): { fetchFn: typeof fetch; urls: string[] } {
    const urls: string[] = [];
    const fetchFn: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    };
    return { fetchFn, urls };
  }

  async function rejection(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => {
        throw new Error('expected a rejection');
      },
      (err: unknown) => err,
    );
  }

  describe('code2Session', () => {
    it('returns the identity behind a login code', async () => {
      const wechat = client({ apiBase: `${sandbox.url}/` });
      const session = await wechat.code2Session(await wxLogin('o_client_alice', 'u_client_alice'));
      expect(session).toEqual({ openid: 'o_client_alice', unionid: 'u_client_alice', sessionKey: expect.any(String) });
      expect(session.sessionKey.length).toBeGreaterThan(0);
      expect((await wechat.code2Session(await wxLogin('o_client_bob'))).unionid).toBeNull();
    });

    it('turns a used or unknown code into WECHAT_CODE_INVALID', async () => {
      const wechat = client();
      const code = await wxLogin('o_client_twice');
      await wechat.code2Session(code);
      for (const bad of [code, 'never-issued']) {
        const err = await rejection(wechat.code2Session(bad));
        expect(err).toBeInstanceOf(UnauthorizedError);
        expect(err).toMatchObject({ code: 'WECHAT_CODE_INVALID', status: 401 });
      }
    });

    it('reports a wrong secret as an upstream error, logged without the secret or session keys', async () => {
      const wrongSecret = 'e'.repeat(32);
      const err = await rejection(client({ appSecret: wrongSecret }).code2Session(await wxLogin('o_client_secret')));
      expect(err).toBeInstanceOf(UpstreamError);
      expect(err).toMatchObject({ upstreamCode: 40125, status: 502 });

      const session = await client().code2Session(await wxLogin('o_client_logs'));
      const logs = logLines.join('');
      expect(logs).toContain('40125');
      expect(logs).toMatch(/"level":50/);
      for (const secret of [wrongSecret, sandbox.credentials.app_secret, session.sessionKey]) expect(logs).not.toContain(secret);
    });

    it('reports a wrong appid as an upstream error', async () => {
      const err = await rejection(client({ appid: 'wx0000000000000000' }).code2Session(await wxLogin('o_client_appid')));
      expect(err).toBeInstanceOf(UpstreamError);
      expect(err).toMatchObject({ upstreamCode: 40013 });
    });
  });

  describe('when WeChat cannot be reached', () => {
    let silentServer: Server;
    let silentUrl: string;
    let closedUrl: string;

    beforeAll(async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
      await new Promise<void>((resolve) => closed.close(() => resolve()));

      // Accepts connections and never answers: only the client's timeout can end the call.
      silentServer = createServer(() => undefined);
      await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve));
      silentUrl = `http://127.0.0.1:${(silentServer.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      silentServer.closeAllConnections();
      await new Promise<void>((resolve) => silentServer.close(() => resolve()));
    });

    it('answers WECHAT_UNAVAILABLE for a closed port', async () => {
      const wechat = client({ apiBase: closedUrl });
      for (const call of [wechat.code2Session('any-code'), wechat.getAccessToken()]) {
        const err = await rejection(call);
        expect(err).toBeInstanceOf(ServiceUnavailableError);
        expect(err).toMatchObject({ code: 'WECHAT_UNAVAILABLE', status: 503 });
      }
      expect(logLines.join('')).not.toContain(sandbox.credentials.app_secret);
    });

    it('answers WECHAT_UNAVAILABLE when WeChat does not answer in time', async () => {
      const err = await rejection(client({ apiBase: silentUrl, timeoutMs: 200 }).code2Session('any-code'));
      expect(err).toBeInstanceOf(ServiceUnavailableError);
      expect(err).toMatchObject({ code: 'WECHAT_UNAVAILABLE' });
    });
  });

  describe('errcode mapping for answers the sandbox does not give', () => {
    function answering(body: unknown): typeof fetch {
      return async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }

    it('maps 45011 to rate limiting and -1 to unavailable, and reads errcode 0 as success', async () => {
      const limited = await rejection(client({ fetchFn: answering({ errcode: 45011, errmsg: 'api minute-quota reach limit' }) }).code2Session('c'));
      expect(limited).toBeInstanceOf(RateLimitedError);
      expect(limited).toMatchObject({ retryAfterSeconds: 60 });
      const busy = await rejection(client({ fetchFn: answering({ errcode: -1, errmsg: 'system error' }) }).code2Session('c'));
      expect(busy).toBeInstanceOf(ServiceUnavailableError);
      const ok = await client({ fetchFn: answering({ errcode: 0, errmsg: 'ok', openid: 'o1', session_key: 'k' }) }).code2Session('c');
      expect(ok).toEqual({ openid: 'o1', unionid: null, sessionKey: 'k' });
    });

    it('treats an answer without the expected fields as an upstream error', async () => {
      const err = await rejection(client({ fetchFn: answering({ hello: 'world' }) }).code2Session('c'));
      expect(err).toBeInstanceOf(UpstreamError);
    });
  });

  describe('getAccessToken', () => {
    it('caches the token: two calls, one request, one token', async () => {
      const { fetchFn, urls } = countingFetch();
      const wechat = client({ fetchFn });
      const first = await wechat.getAccessToken();
      const second = await wechat.getAccessToken();
      expect(second).toBe(first);
      expect(urls).toHaveLength(1);
      expect(urls[0]).toBe(`${sandbox.url}/cgi-bin/stable_token`);
      const check = await fetch(`${sandbox.url}/cgi-bin/get_api_domain_ip?access_token=${encodeURIComponent(first)}`);
      expect(await check.json()).toEqual({ ip_list: expect.any(Array) });
    });

    it('shares one request among concurrent callers', async () => {
      const { fetchFn, urls } = countingFetch();
      const wechat = client({ fetchFn });
      const tokens = await Promise.all(Array.from({ length: 5 }, () => wechat.getAccessToken()));
      expect(new Set(tokens).size).toBe(1);
      expect(urls).toHaveLength(1);
    });

    it('asks again five minutes before expiry, and gets a new token once the old one expired', async () => {
      const { fetchFn, urls } = countingFetch();
      const wechat = client({ fetchFn });
      clock.advance(7200_000);
      const first = await wechat.getAccessToken();
      clock.advance(7200_000 - 300_000 - 1);
      expect(await wechat.getAccessToken()).toBe(first);
      expect(urls).toHaveLength(1);
      clock.advance(1);
      // The sandbox still hands out the same stable token with 300 s left; the client asks anyway.
      expect(await wechat.getAccessToken()).toBe(first);
      expect(urls).toHaveLength(2);
      clock.advance(300_000);
      const renewed = await wechat.getAccessToken();
      expect(renewed).not.toBe(first);
      expect(urls).toHaveLength(3);
    });

    it('forgets a token the caller was told is invalid', async () => {
      const { fetchFn, urls } = countingFetch();
      const wechat = client({ fetchFn });
      const token = await wechat.getAccessToken();
      wechat.invalidateAccessToken(token);
      await wechat.getAccessToken();
      expect(urls).toHaveLength(2);
    });

    it('reports a wrong secret as an upstream error and caches nothing', async () => {
      const wechat = client({ appSecret: 'd'.repeat(32) });
      const err = await rejection(wechat.getAccessToken());
      expect(err).toBeInstanceOf(UpstreamError);
      expect(err).toMatchObject({ upstreamCode: 40001 });
      expect(logLines.join('')).not.toContain('d'.repeat(32));
      await expect(wechat.getAccessToken()).rejects.toBeInstanceOf(UpstreamError);
    });
  });
  describe('sendSubscribeMessage', () => {
    const templateId = 'kpClientTemplate_0001';
    const data = { thing1: { value: '零基础学摄影' }, amount2: { value: '¥99.90' } };

    async function subscribe(openid: string): Promise<void> {
      await wxLogin(openid);
      const res = await fetch(`${sandbox.url}/sandbox/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid, template_ids: [templateId] }),
      });
      expect(res.status).toBe(200);
    }

    async function delivered(touser: string): Promise<Array<Record<string, unknown>>> {
      const res = await fetch(`${sandbox.url}/sandbox/messages?touser=${touser}`);
      return ((await res.json()) as { results: Array<Record<string, unknown>> }).results;
    }

    it('delivers the message in WeChat\'s field names', async () => {
      await subscribe('o_client_sub');
      await client().sendSubscribeMessage({ touser: 'o_client_sub', templateId, page: 'pages/orders/index?id=1', data, miniprogramState: 'trial' });
      expect(await delivered('o_client_sub')).toEqual([
        expect.objectContaining({ touser: 'o_client_sub', template_id: templateId, page: 'pages/orders/index?id=1', data, miniprogram_state: 'trial' }),
      ]);
    });

    it('reports a user without a grant as SubscribeRefusedError, quietly', async () => {
      await wxLogin('o_client_unsubscribed');
      const err = await rejection(client().sendSubscribeMessage({ touser: 'o_client_unsubscribed', templateId, data }));
      expect(err).toBeInstanceOf(SubscribeRefusedError);
      expect(err).toBeInstanceOf(UpstreamError);
      expect(err).toMatchObject({ upstreamCode: 43101 });
      expect(logLines.join('')).not.toMatch(/"level":(40|50)/);
    });

    it('takes a fresh token and sends again once when the cached one was replaced', async () => {
      await subscribe('o_client_replaced');
      const { fetchFn, urls } = countingFetch();
      const wechat = client({ fetchFn });
      const stale = await wechat.getAccessToken();
      // Another process forces a new stable token: ours stops working at once.
      clock.advance(31_000);
      const forced = await fetch(`${sandbox.url}/cgi-bin/stable_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: sandbox.credentials.appid, secret: sandbox.credentials.app_secret, force_refresh: true }),
      });
      expect(((await forced.json()) as { access_token: string }).access_token).not.toBe(stale);

      await wechat.sendSubscribeMessage({ touser: 'o_client_replaced', templateId, data });
      expect(urls.map((u) => new URL(u).pathname)).toEqual([
        '/cgi-bin/stable_token',
        '/cgi-bin/message/subscribe/send',
        '/cgi-bin/stable_token',
        '/cgi-bin/message/subscribe/send',
      ]);
      expect(await delivered('o_client_replaced')).toHaveLength(1);
      expect(logLines.join('')).not.toContain(stale);
    });

    it('sends at most twice when WeChat keeps refusing the token', async () => {
      const sends: string[] = [];
      const fetchFn: typeof fetch = async (input, init) => {
        if (!String(input).includes('/subscribe/send')) return fetch(input, init);
        sends.push(String(input));
        return new Response(JSON.stringify({ errcode: 42001, errmsg: 'access_token expired' }), { headers: { 'content-type': 'application/json' } });
      };
      const err = await rejection(client({ fetchFn }).sendSubscribeMessage({ touser: 'o_client_sub', templateId, data }));
      expect(err).toBeInstanceOf(UpstreamError);
      expect(err).toMatchObject({ upstreamCode: 42001 });
      expect(sends).toHaveLength(2);
    });

    it('reports data WeChat refuses as an upstream error, logged for an operator', async () => {
      await subscribe('o_client_baddata');
      const err = await rejection(client().sendSubscribeMessage({ touser: 'o_client_baddata', templateId, data: { thing1: { value: 'x'.repeat(21) } } }));
      expect(err).toBeInstanceOf(UpstreamError);
      expect(err).not.toBeInstanceOf(SubscribeRefusedError);
      expect(err).toMatchObject({ upstreamCode: 47003 });
      expect(logLines.join('')).toMatch(/"level":50.*47003|47003.*"level":50/);
    });
  });
});
