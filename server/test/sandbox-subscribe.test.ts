import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../src/logger';
import { type RunningSandbox, startSandbox } from '../src/sandbox/app';
import { ManualClock } from '../src/sandbox/clock';

type Json = Record<string, unknown>;

const TEMPLATE = 'kpTestTemplate_purchase01';
const OTHER_TEMPLATE = 'kpTestTemplate_refund0001';
const DATA = { thing1: { value: '零基础学摄影' }, amount2: { value: '¥99.90' }, time3: { value: '2025-06-01 10:00' } };

describe('sandbox: subscribe messages over HTTP', () => {
  const logger = createLogger('silent');
  const clock = new ManualClock(Date.UTC(2025, 5, 1, 2));
  let varDir: string;
  let sandbox: RunningSandbox;
  let lenient: RunningSandbox;

  beforeAll(async () => {
    varDir = mkdtempSync(join(tmpdir(), 'kp-sandbox-subscribe-'));
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, varDir, logger, clock });
    lenient = await startSandbox({ host: '127.0.0.1', port: 0, varDir, logger, clock, subscribeGrantAll: true });
  });
  afterAll(async () => {
    await Promise.all([sandbox.close(), lenient.close()]);
    rmSync(varDir, { recursive: true, force: true });
  });

  async function call(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  async function wxLogin(base: string, openid: string): Promise<void> {
    expect((await call(base, 'POST', '/sandbox/wx-login', { openid })).status).toBe(200);
  }

  async function accessToken(base: string, forceRefresh = false): Promise<string> {
    const credentials = sandbox.credentials;
    const { body } = await call(base, 'POST', '/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: credentials.appid,
      secret: credentials.app_secret,
      force_refresh: forceRefresh,
    });
    return body.access_token as string;
  }

  function send(token: string, message: Json, base = sandbox.url) {
    return call(base, 'POST', `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, message);
  }

  const grant = (openid: string, templateIds: string[], base = sandbox.url) =>
    call(base, 'POST', '/sandbox/subscribe', { openid, template_ids: templateIds });
  const messages = async (touser: string, base = sandbox.url) =>
    (await call(base, 'GET', `/sandbox/messages?touser=${encodeURIComponent(touser)}`)).body.results as Json[];

  it('delivers one message per one-time grant, logs it, and refuses the next with 43101', async () => {
    await wxLogin(sandbox.url, 'o_sub_alice');
    const token = await accessToken(sandbox.url);
    const granted = await grant('o_sub_alice', [TEMPLATE]);
    expect(granted).toEqual({ status: 200, body: { results: { [TEMPLATE]: 'accept' }, grants: { [TEMPLATE]: 1 } } });

    const message = { touser: 'o_sub_alice', template_id: TEMPLATE, page: 'pages/orders/index?id=7', data: DATA, miniprogram_state: 'developer' };
    expect((await send(token, message)).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await messages('o_sub_alice')).toEqual([
      { touser: 'o_sub_alice', template_id: TEMPLATE, page: 'pages/orders/index?id=7', data: DATA, miniprogram_state: 'developer', lang: 'zh_CN', sent_at: new Date(clock.now()).toISOString() },
    ]);

    const again = await send(token, message);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ errcode: 43101, errmsg: expect.stringMatching(/^user refuse to accept the msg, rid: /) });
    expect(await messages('o_sub_alice')).toHaveLength(1);
  });

  it('counts grants per template and adds them up', async () => {
    await wxLogin(sandbox.url, 'o_sub_bob');
    const token = await accessToken(sandbox.url);
    await grant('o_sub_bob', [TEMPLATE]);
    expect((await grant('o_sub_bob', [TEMPLATE, OTHER_TEMPLATE])).body.grants).toEqual({ [TEMPLATE]: 2, [OTHER_TEMPLATE]: 1 });
    const base = { touser: 'o_sub_bob', data: DATA };
    for (const templateId of [TEMPLATE, TEMPLATE, OTHER_TEMPLATE]) expect((await send(token, { ...base, template_id: templateId })).body.errcode).toBe(0);
    for (const templateId of [TEMPLATE, OTHER_TEMPLATE]) expect((await send(token, { ...base, template_id: templateId })).body.errcode).toBe(43101);
    expect(await messages('o_sub_bob')).toHaveLength(3);
  });

  it('checks the access token first: missing, unknown and replaced tokens are refused', async () => {
    await wxLogin(sandbox.url, 'o_sub_token');
    await grant('o_sub_token', [TEMPLATE]);
    const message = { touser: 'o_sub_token', template_id: TEMPLATE, data: DATA };
    expect((await call(sandbox.url, 'POST', '/cgi-bin/message/subscribe/send', message)).body.errcode).toBe(41001);
    expect((await send('not-a-token', message)).body.errcode).toBe(40001);
    const old = await accessToken(sandbox.url);
    clock.advance(60_000);
    const fresh = await accessToken(sandbox.url, true);
    expect(fresh).not.toBe(old);
    expect((await send(old, message)).body.errcode).toBe(40001);
    expect((await send(fresh, message)).body.errcode).toBe(0);
  });

  it('answers 42001 for an expired token', async () => {
    const token = await accessToken(sandbox.url);
    clock.advance(7200_000);
    expect((await send(token, { touser: 'o_sub_alice', template_id: TEMPLATE, data: DATA })).body.errcode).toBe(42001);
  });

  it('refuses users it never issued (40003) and malformed template ids (40037)', async () => {
    const token = await accessToken(sandbox.url);
    expect((await send(token, { touser: 'o_never_logged_in', template_id: TEMPLATE, data: DATA })).body.errcode).toBe(40003);
    expect((await send(token, { template_id: TEMPLATE, data: DATA })).body.errcode).toBe(40003);
    for (const templateId of [undefined, 'short', 'has spaces in it ok', 'x'.repeat(65)]) {
      expect((await send(token, { touser: 'o_sub_alice', template_id: templateId, data: DATA })).body.errcode).toBe(40037);
    }
  });

  it('refuses data that breaks the key-type rules with 47003, naming the key, and keeps the grant', async () => {
    await wxLogin(sandbox.url, 'o_sub_data');
    const token = await accessToken(sandbox.url);
    await grant('o_sub_data', [TEMPLATE]);
    const cases: Array<[Record<string, { value: string }> | undefined, string]> = [
      [{ ...DATA, thing1: { value: '这是一个超过二十个字的课程名称所以会被拒绝的' } }, 'data.thing1.value invalid'],
      [{ ...DATA, phrase4: { value: '购买成功了呀' } }, 'data.phrase4.value invalid'],
      [{ ...DATA, amount2: { value: '99块' } }, 'data.amount2.value invalid'],
      [{ ...DATA, time3: { value: '明天' } }, 'data.time3.value invalid'],
      [{ ...DATA, character_string5: { value: '中文订单号' } }, 'data.character_string5.value invalid'],
      [{ mystery1: { value: 'x' } }, 'data.mystery1.value invalid'],
      [{}, 'data is empty'],
      [undefined, 'data is empty'],
    ];
    for (const [data, message] of cases) {
      const { body } = await send(token, { touser: 'o_sub_data', template_id: TEMPLATE, data });
      expect(body).toEqual({ errcode: 47003, errmsg: expect.stringContaining(`argument invalid! ${message}`) });
    }
    expect((await send(token, { touser: 'o_sub_data', template_id: TEMPLATE, data: DATA, miniprogram_state: 'beta' })).body.errcode).toBe(47003);
    expect((await send(token, { touser: 'o_sub_data', template_id: TEMPLATE, data: DATA, lang: 'fr_FR' })).body.errcode).toBe(47003);
    // None of the refusals used the grant up.
    expect((await send(token, { touser: 'o_sub_data', template_id: TEMPLATE, data: DATA })).body.errcode).toBe(0);
  });

  it('answers 47001 for bodies it cannot read', async () => {
    const token = await accessToken(sandbox.url);
    const path = `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`;
    expect((await call(sandbox.url, 'POST', path, '{not json')).body.errcode).toBe(47001);
    expect((await call(sandbox.url, 'POST', path, { touser: 'o_sub_alice', template_id: TEMPLATE, data: { thing1: { value: 5 } } })).body.errcode).toBe(47001);
  });

  it('validates what the phone asks for', async () => {
    const unknown = await grant('o_nobody_here', [TEMPLATE]);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: { code: 'UNKNOWN_OPENID' } });
    await wxLogin(sandbox.url, 'o_sub_phone');
    expect((await grant('o_sub_phone', [])).status).toBe(400);
    expect((await grant('o_sub_phone', ['bad id'])).status).toBe(400);
    const four = await grant('o_sub_phone', ['aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc', 'dddddddddd']);
    expect(four.status).toBe(400);
    expect(four.body).toMatchObject({ error: { details: { fields: [{ field: 'template_ids' }] } } });
  });

  it('lists messages for everyone, or for one user', async () => {
    const all = (await call(sandbox.url, 'GET', '/sandbox/messages')).body;
    expect(all.grant_all).toBe(false);
    expect((all.results as Json[]).map((m) => m.touser)).toEqual(expect.arrayContaining(['o_sub_alice', 'o_sub_bob']));
    expect(all.count).toBe((all.results as Json[]).length);
    expect(await messages('o_sub_nobody')).toEqual([]);
  });

  it('with grantAll, delivers without grants but still checks everything else', async () => {
    await wxLogin(lenient.url, 'o_sub_lenient');
    const token = await accessToken(lenient.url);
    for (let i = 0; i < 3; i++) expect((await send(token, { touser: 'o_sub_lenient', template_id: TEMPLATE, data: DATA }, lenient.url)).body.errcode).toBe(0);
    expect(await messages('o_sub_lenient', lenient.url)).toHaveLength(3);
    expect((await send(token, { touser: 'o_sub_lenient', template_id: TEMPLATE, data: { thing1: { value: '' } } }, lenient.url)).body.errcode).toBe(47003);
    expect((await send(token, { touser: 'o_sub_stranger', template_id: TEMPLATE, data: DATA }, lenient.url)).body.errcode).toBe(40003);
    expect((await call(lenient.url, 'GET', '/sandbox/messages')).body.grant_all).toBe(true);
  });
});
