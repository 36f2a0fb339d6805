import { type KeyObject, createDecipheriv, createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../src/logger';
import { type RunningSandbox, startSandbox } from '../src/sandbox/app';
import { ManualClock } from '../src/sandbox/clock';

/*
 * The merchant's side of WeChat Pay v3, written here from the protocol with node:crypto alone: the
 * sandbox is checked from outside, not with the code it is meant to check.
 */

type Json = Record<string, unknown>;

interface PayAnswer {
  status: number;
  raw: Buffer;
  body: Json;
  header(name: string): string | undefined;
}

interface ReceivedNotification {
  path: string;
  raw: Buffer;
  headers: IncomingHttpHeaders;
}

interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  associated_data: string;
  nonce: string;
  original_type: string;
}

interface SignOptions {
  timestamp?: string;
  key?: KeyObject;
  mchid?: string;
  serial?: string;
  /** Sends these bytes instead of the ones signed. */
  sentBody?: string;
  reversePairs?: boolean;
  signature?: string;
}

const logger = createLogger('silent');

/** Beijing time as WeChat writes it, e.g. 2025-06-01T10:00:00+08:00. */
function chinaTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

async function waitFor<T>(probe: () => T | Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A merchant's notify_url: records every request and answers with planned statuses, then 204. */
class NotifyReceiver {
  readonly received: ReceivedNotification[] = [];
  private readonly plans = new Map<string, number[]>();
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '';
      this.received.push({ path, raw: Buffer.concat(chunks), headers: req.headers });
      const status = this.plans.get(path)?.shift() ?? 204;
      res.statusCode = status;
      res.end(status === 204 ? undefined : JSON.stringify({ code: 'FAIL', message: 'planned failure' }));
    });
  });
  private base = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  answer(path: string, statuses: number[]): void {
    this.plans.set(path, [...statuses]);
  }

  at(path: string): ReceivedNotification[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Signs requests as a merchant and checks answers as a merchant must. */
class Merchant {
  private readonly merchantKey: KeyObject;
  private readonly wechatpayKey: KeyObject;

  constructor(
    readonly sandbox: RunningSandbox,
    private readonly clock: ManualClock,
  ) {
    this.merchantKey = createPrivateKey(sandbox.credentials.merchant_private_key);
    this.wechatpayKey = createPublicKey(sandbox.credentials.wechatpay_public_key);
  }

  get credentials() {
    return this.sandbox.credentials;
  }

  authorization(method: string, target: string, body: string, opts: SignOptions = {}): string {
    const timestamp = opts.timestamp ?? Math.floor(this.clock.now() / 1000).toString();
    const nonce = randomBytes(16).toString('hex').toUpperCase();
    const message = `${method}\n${target}\n${timestamp}\n${nonce}\n${body}\n`;
    const signature = opts.signature ?? sign('sha256', Buffer.from(message, 'utf8'), opts.key ?? this.merchantKey).toString('base64');
    const pairs = [
      `mchid="${opts.mchid ?? this.credentials.mchid}"`,
      `nonce_str="${nonce}"`,
      `signature="${signature}"`,
      `timestamp="${timestamp}"`,
      `serial_no="${opts.serial ?? this.credentials.merchant_serial}"`,
    ];
    if (opts.reversePairs) pairs.reverse();
    return `WECHATPAY2-SHA256-RSA2048 ${pairs.join(',')}`;
  }

  async request(method: 'GET' | 'POST', target: string, body?: unknown, opts: SignOptions & { unsigned?: boolean } = {}): Promise<PayAnswer> {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
    if (!opts.unsigned) headers.Authorization = this.authorization(method, target, text, opts);
    const res = await fetch(`${this.sandbox.url}${target}`, {
      method,
      headers,
      body: method === 'GET' ? undefined : (opts.sentBody ?? text),
    });
    const raw = Buffer.from(await res.arrayBuffer());
    return {
      status: res.status,
      raw,
      body: raw.length ? (JSON.parse(raw.toString('utf8')) as Json) : {},
      header: (name) => res.headers.get(name) ?? undefined,
    };
  }

  /** What a client must check before trusting an answer or a notification. */
  verifies(header: (name: string) => string | undefined, raw: Buffer): boolean {
    const timestamp = header('wechatpay-timestamp');
    const nonce = header('wechatpay-nonce');
    const signature = header('wechatpay-signature');
    if (!timestamp || !nonce || !signature) return false;
    if (header('wechatpay-serial') !== this.credentials.wechatpay_public_key_id) return false;
    if (header('wechatpay-signature-type') !== 'WECHATPAY2-SHA256-RSA2048') return false;
    if (Math.abs(this.clock.now() - Number(timestamp) * 1000) >= 300_000) return false;
    const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), raw, Buffer.from('\n')]);
    return verify('sha256', message, this.wechatpayKey, Buffer.from(signature, 'base64'));
  }

  verifiesNotification(notification: ReceivedNotification): boolean {
    const value = (name: string) => {
      const v = notification.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    return this.verifies(value, notification.raw);
  }

  decrypt(resource: EncryptedResource): Json {
    const sealed = Buffer.from(resource.ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(this.credentials.apiv3_key, 'ascii'), Buffer.from(resource.nonce, 'ascii'));
    decipher.setAAD(Buffer.from(resource.associated_data, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8')) as Json;
  }

  order(outTradeNo: string, notifyUrl: string, openid: string, extra: Json = {}): Json {
    return {
      appid: this.credentials.appid,
      mchid: this.credentials.mchid,
      description: '课程：TypeScript 从入门到精通',
      out_trade_no: outTradeNo,
      notify_url: notifyUrl,
      amount: { total: 9900, currency: 'CNY' },
      payer: { openid },
      ...extra,
    };
  }

  prepay(order: Json): Promise<PayAnswer> {
    return this.request('POST', '/v3/pay/transactions/jsapi', order);
  }

  query(outTradeNo: string): Promise<PayAnswer> {
    return this.request('GET', `/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${this.credentials.mchid}`);
  }

  close(outTradeNo: string): Promise<PayAnswer> {
    return this.request('POST', `/v3/pay/transactions/out-trade-no/${outTradeNo}/close`, { mchid: this.credentials.mchid });
  }

  refund(body: Json): Promise<PayAnswer> {
    return this.request('POST', '/v3/refund/domestic/refunds', body);
  }

  async phone(path: string, body: Json): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${this.sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Json };
  }

  async login(openid: string): Promise<void> {
    expect((await this.phone('/sandbox/wx-login', { openid })).status).toBe(200);
  }

  async deliveries(outTradeNo: string): Promise<Json[]> {
    const res = await fetch(`${this.sandbox.url}/sandbox/pay/notifications?out_trade_no=${outTradeNo}`);
    return ((await res.json()) as { results: Json[] }).results;
  }
}

describe('sandbox: WeChat Pay API v3 over HTTP', () => {
  const clock = new ManualClock(Date.now());
  const receiver = new NotifyReceiver();
  const learner = 'o_pay_learner';
  let varDir: string;
  let sandbox: RunningSandbox;
  let merchant: Merchant;
  let counter = 0;

  const newOutTradeNo = () => `KP${Date.now().toString(36)}_${(counter += 1)}`;

  beforeAll(async () => {
    varDir = mkdtempSync(join(tmpdir(), 'kp-sandbox-pay-'));
    await receiver.start();
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, varDir, logger, clock, notifyScale: 0.001, refundDelayMs: 50 });
    merchant = new Merchant(sandbox, clock);
    await merchant.login(learner);
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.stop();
    rmSync(varDir, { recursive: true, force: true });
  });

  /** A fresh order, prepaid, with its own notify path. */
  async function prepaid(extra: Json = {}): Promise<{ outTradeNo: string; prepayId: string; notifyPath: string }> {
    const outTradeNo = newOutTradeNo();
    const notifyPath = `/notify/${outTradeNo}`;
    const answer = await merchant.prepay(merchant.order(outTradeNo, receiver.url(notifyPath), learner, extra));
    expect(answer.status).toBe(200);
    return { outTradeNo, prepayId: answer.body.prepay_id as string, notifyPath };
  }

  async function paid(extra: Json = {}): Promise<{ outTradeNo: string; prepayId: string; transactionId: string; notifyPath: string }> {
    const order = await prepaid(extra);
    const confirmed = await merchant.phone('/sandbox/pay/confirm', { prepay_id: order.prepayId });
    expect(confirmed.status).toBe(200);
    await waitFor(() => receiver.at(order.notifyPath).length, (n) => n >= 1, 'the payment notification');
    return { ...order, transactionId: confirmed.body.transaction_id as string };
  }

  describe('merchant request signatures', () => {
    const target = () => `/v3/pay/transactions/out-trade-no/NO_SUCH_ORDER?mchid=${merchant.credentials.mchid}`;

    it('accepts a good signature whatever the order of the Authorization pairs', async () => {
      expect((await merchant.request('GET', target())).status).toBe(404);
      expect((await merchant.request('GET', target(), undefined, { reversePairs: true })).status).toBe(404);
    });

    it('answers 401 SIGN_ERROR without an Authorization header, and signs that answer too', async () => {
      const answer = await merchant.request('GET', target(), undefined, { unsigned: true });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ code: 'SIGN_ERROR', message: expect.any(String) });
      expect(merchant.verifies(answer.header, answer.raw)).toBe(true);
    });

    it('answers 401 SIGN_ERROR when the body sent is not the body signed', async () => {
      const order = merchant.order(newOutTradeNo(), receiver.url('/n'), learner);
      const answer = await merchant.request('POST', '/v3/pay/transactions/jsapi', order, {
        sentBody: JSON.stringify({ ...order, amount: { total: 1 } }),
      });
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe('SIGN_ERROR');
    });

    it('answers 401 SIGN_ERROR for a signature by another key, a probe signature or another serial', async () => {
      const otherKey = createPrivateKey(merchant.credentials.wechatpay_private_key);
      expect((await merchant.request('GET', target(), undefined, { key: otherKey })).body.code).toBe('SIGN_ERROR');
      expect((await merchant.request('GET', target(), undefined, { signature: 'WECHATPAY/SIGNTEST/AAAA' })).status).toBe(401);
      const serial = await merchant.request('GET', target(), undefined, { serial: '0'.repeat(40) });
      expect(serial.status).toBe(401);
      expect(serial.body.code).toBe('SIGN_ERROR');
    });

    it('signs over the query as sent: a different query fails', async () => {
      const signedFor = merchant.authorization('GET', target(), '');
      const res = await fetch(`${sandbox.url}${target()}&extra=1`, { headers: { Authorization: signedFor } });
      expect(res.status).toBe(401);
    });

    it('answers 401 SIGN_ERROR for a timestamp five minutes or more away', async () => {
      const now = Math.floor(clock.now() / 1000);
      const stale = await merchant.request('GET', target(), undefined, { timestamp: String(now - 301) });
      expect(stale.status).toBe(401);
      expect(stale.body.code).toBe('SIGN_ERROR');
      expect((await merchant.request('GET', target(), undefined, { timestamp: String(now + 301) })).status).toBe(401);
      expect((await merchant.request('GET', target(), undefined, { timestamp: String(now - 290) })).status).toBe(404);
    });

    it('answers 400 MCH_NOT_EXISTS for another mchid in Authorization', async () => {
      const answer = await merchant.request('GET', target(), undefined, { mchid: '1900000109' });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('MCH_NOT_EXISTS');
    });
  });

  describe('POST /v3/pay/transactions/jsapi', () => {
    it('answers a signed prepay_id', async () => {
      const answer = await merchant.prepay(merchant.order(newOutTradeNo(), receiver.url('/n'), learner));
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ prepay_id: expect.stringMatching(/^wx\w{20,}$/) });
      expect(answer.header('wechatpay-serial')).toBe(merchant.credentials.wechatpay_public_key_id);
      expect(answer.header('request-id')).toEqual(expect.any(String));
      expect(merchant.verifies(answer.header, answer.raw)).toBe(true);
      // A verifier must not accept the same headers over other bytes.
      expect(merchant.verifies(answer.header, Buffer.from(`${answer.raw.toString()} `))).toBe(false);
    });

    it('gives the same prepay_id for the same order, OUT_TRADE_NO_USED for a changed one', async () => {
      const order = merchant.order(newOutTradeNo(), receiver.url('/n'), learner, { attach: 'course=7', time_expire: chinaTime(clock.now() + 900_000) });
      const first = await merchant.prepay(order);
      const again = await merchant.prepay(order);
      expect(again.status).toBe(200);
      expect(again.body.prepay_id).toBe(first.body.prepay_id);
      const changed = await merchant.prepay({ ...order, amount: { total: 1, currency: 'CNY' } });
      expect(changed.status).toBe(403);
      expect(changed.body.code).toBe('OUT_TRADE_NO_USED');
      expect(merchant.verifies(changed.header, changed.raw)).toBe(true);
    });

    it('refuses a payer openid the sandbox never issued', async () => {
      const answer = await merchant.prepay(merchant.order(newOutTradeNo(), receiver.url('/n'), 'o_never_logged_in'));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'PARAM_ERROR', detail: { field: '/payer/openid', location: 'body' } });
    });

    it('refuses another appid with APPID_MCHID_NOT_MATCH', async () => {
      const answer = await merchant.prepay(merchant.order(newOutTradeNo(), receiver.url('/n'), learner, { appid: 'wx0000000000000000' }));
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('APPID_MCHID_NOT_MATCH');
    });

    it.each<[string, Json, string]>([
      ['a short out_trade_no', { out_trade_no: 'abc' }, '/out_trade_no'],
      ['an out_trade_no with other characters', { out_trade_no: 'order#123456' }, '/out_trade_no'],
      ['a zero amount', { amount: { total: 0 } }, '/amount/total'],
      ['a fractional amount', { amount: { total: 9.9 } }, '/amount/total'],
      ['another currency', { amount: { total: 100, currency: 'USD' } }, '/amount/currency'],
      ['a notify_url on http to another host', { notify_url: 'http://merchant.example.com/notify' }, '/notify_url'],
      ['a notify_url with a query string', { notify_url: 'https://merchant.example.com/notify?order=1' }, '/notify_url'],
      ['a description over 127 characters', { description: 'x'.repeat(128) }, '/description'],
      ['no payer', { payer: undefined }, '/payer'],
      ['a time_expire that is not RFC 3339', { time_expire: '2025-06-01 10:00:00' }, '/time_expire'],
    ])('answers PARAM_ERROR for %s', async (_what, change, field) => {
      const answer = await merchant.prepay(merchant.order(newOutTradeNo(), receiver.url('/n'), learner, change));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'PARAM_ERROR', message: expect.any(String), detail: { field, location: 'body' } });
    });

    it('answers PARAM_ERROR for a time_expire already past, and for a body that is not JSON', async () => {
      const past = await merchant.prepay(merchant.order(newOutTradeNo(), receiver.url('/n'), learner, { time_expire: chinaTime(clock.now() - 1000) }));
      expect(past.status).toBe(400);
      expect(past.body.code).toBe('PARAM_ERROR');
      const garbled = await merchant.request('POST', '/v3/pay/transactions/jsapi', '{"appid":');
      expect(garbled.status).toBe(400);
      expect(garbled.body.code).toBe('PARAM_ERROR');
    });
  });

  describe('query, confirm and the payment notification', () => {
    it('answers 404 ORDER_NOT_EXIST for unknown orders and PARAM_ERROR without mchid', async () => {
      const unknown = await merchant.query('NO_SUCH_ORDER_1');
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('ORDER_NOT_EXIST');
      const byId = await merchant.request('GET', `/v3/pay/transactions/id/4200000000202501010000000000?mchid=${merchant.credentials.mchid}`);
      expect(byId.body.code).toBe('ORDER_NOT_EXIST');
      const noMchid = await merchant.request('GET', '/v3/pay/transactions/out-trade-no/NO_SUCH_ORDER_1');
      expect(noMchid.status).toBe(400);
      expect(noMchid.body.code).toBe('PARAM_ERROR');
    });

    it('shows an unpaid order as NOTPAY, without payment fields', async () => {
      const { outTradeNo } = await prepaid({ attach: 'course=9' });
      const answer = await merchant.query(outTradeNo);
      expect(answer.status).toBe(200);
      expect(merchant.verifies(answer.header, answer.raw)).toBe(true);
      expect(answer.body).toMatchObject({ out_trade_no: outTradeNo, trade_state: 'NOTPAY', trade_type: 'JSAPI', attach: 'course=9' });
      expect(answer.body).not.toHaveProperty('transaction_id');
      expect(answer.body).not.toHaveProperty('success_time');
    });

    it('confirm pays the order: the query shows SUCCESS and a signed, encrypted notification arrives', async () => {
      const { outTradeNo, prepayId, notifyPath } = await prepaid({ attach: 'course=12' });
      const confirmed = await merchant.phone('/sandbox/pay/confirm', { prepay_id: prepayId });
      expect(confirmed).toEqual({ status: 200, body: { ok: true, out_trade_no: outTradeNo, transaction_id: expect.stringMatching(/^\d{28,32}$/) } });

      const query = await merchant.query(outTradeNo);
      expect(query.body).toEqual({
        appid: merchant.credentials.appid,
        mchid: merchant.credentials.mchid,
        out_trade_no: outTradeNo,
        transaction_id: confirmed.body.transaction_id,
        trade_type: 'JSAPI',
        trade_state: 'SUCCESS',
        trade_state_desc: expect.any(String),
        bank_type: expect.any(String),
        attach: 'course=12',
        success_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/),
        payer: { openid: learner },
        amount: { total: 9900, payer_total: 9900, currency: 'CNY', payer_currency: 'CNY' },
      });
      const byId = await merchant.request('GET', `/v3/pay/transactions/id/${confirmed.body.transaction_id as string}?mchid=${merchant.credentials.mchid}`);
      expect(byId.body).toEqual(query.body);

      const [notification] = await waitFor(() => receiver.at(notifyPath), (list) => list.length >= 1, 'the payment notification');
      expect(merchant.verifiesNotification(notification!)).toBe(true);
      const envelope = JSON.parse(notification!.raw.toString('utf8')) as Json & { resource: EncryptedResource };
      expect(envelope).toEqual({
        id: expect.any(String),
        create_time: expect.stringMatching(/\+08:00$/),
        resource_type: 'encrypt-resource',
        event_type: 'TRANSACTION.SUCCESS',
        summary: expect.any(String),
        resource: {
          original_type: 'transaction',
          algorithm: 'AEAD_AES_256_GCM',
          ciphertext: expect.any(String),
          associated_data: 'transaction',
          nonce: expect.stringMatching(/^[A-Za-z0-9]{12}$/),
        },
      });
      expect(merchant.decrypt(envelope.resource)).toEqual(query.body);
      // Tampering with the ciphertext must be caught by the tag.
      const flipped = Buffer.from(envelope.resource.ciphertext, 'base64');
      flipped[0]! ^= 1;
      expect(() => merchant.decrypt({ ...envelope.resource, ciphertext: flipped.toString('base64') })).toThrow();
    });

    it('refuses to pay twice, to prepay or close a paid order', async () => {
      const { outTradeNo, prepayId } = await paid();
      const again = await merchant.phone('/sandbox/pay/confirm', { prepay_id: prepayId });
      expect(again.status).toBe(409);
      expect(again.body).toEqual({ error: { code: 'ORDER_PAID', message: expect.any(String) } });
      const order = merchant.order(outTradeNo, receiver.url(`/notify/${outTradeNo}`), learner);
      const prepay = await merchant.prepay(order);
      expect(prepay.status).toBe(403);
      expect(prepay.body.code).toBe('ORDERPAID');
      const close = await merchant.close(outTradeNo);
      expect(close.status).toBe(403);
      expect(close.body.code).toBe('ORDERPAID');
    });

    it('answers the cashier in the sandbox shape for unknown or missing prepay_ids', async () => {
      expect(await merchant.phone('/sandbox/pay/confirm', { prepay_id: 'wx_no_such' })).toEqual({
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: expect.any(String) } },
      });
      const missing = await merchant.phone('/sandbox/pay/confirm', {});
      expect(missing.status).toBe(400);
      expect((missing.body.error as Json).code).toBe('VALIDATION_ERROR');
    });

    it('a failed payment reads PAYERROR, sends nothing, and the learner can still pay', async () => {
      const { outTradeNo, prepayId, notifyPath } = await prepaid();
      expect(await merchant.phone('/sandbox/pay/fail', { prepay_id: prepayId })).toEqual({
        status: 200,
        body: { ok: true, out_trade_no: outTradeNo, trade_state: 'PAYERROR' },
      });
      expect((await merchant.query(outTradeNo)).body.trade_state).toBe('PAYERROR');
      expect(await merchant.deliveries(outTradeNo)).toEqual([]);
      expect(receiver.at(notifyPath)).toEqual([]);
      expect((await merchant.phone('/sandbox/pay/confirm', { prepay_id: prepayId })).status).toBe(200);
      expect((await merchant.query(outTradeNo)).body.trade_state).toBe('SUCCESS');
    });
  });

  describe('notification retries', () => {
    it('retries a notify_url that answers 500 twice, on the scaled schedule, and stops once it gets a 204', async () => {
      const { outTradeNo, prepayId, notifyPath } = await prepaid();
      receiver.answer(notifyPath, [500, 500]);
      await merchant.phone('/sandbox/pay/confirm', { prepay_id: prepayId });

      const log = await waitFor(() => merchant.deliveries(outTradeNo), (l) => l.some((a) => a.outcome === 'received'), 'a received delivery');
      // Long enough for a fourth attempt to show up if one had been scheduled (the next wait would be 30 ms).
      await pause(150);
      expect(receiver.at(notifyPath)).toHaveLength(3);
      expect(await merchant.deliveries(outTradeNo)).toEqual(log);
      expect(log.map((a) => [a.attempt, a.status, a.outcome, a.retry_in_ms])).toEqual([
        [1, 500, 'will_retry', 15],
        [2, 500, 'will_retry', 15],
        [3, 204, 'received', undefined],
      ]);
      expect(new Set(log.map((a) => a.notification_id)).size).toBe(1);
      expect(log[0]).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', url: receiver.url(notifyPath), error: null, at: expect.stringMatching(/\+08:00$/) });

      // The same notification each time, each attempt signed afresh.
      const bodies = receiver.at(notifyPath).map((r) => r.raw.toString('utf8'));
      expect(new Set(bodies).size).toBe(1);
      for (const attempt of receiver.at(notifyPath)) expect(merchant.verifiesNotification(attempt)).toBe(true);
    });

    it('logs network errors as failed attempts', async () => {
      const { outTradeNo, prepayId } = await prepaid({ notify_url: 'http://127.0.0.1:9/closed-port' });
      await merchant.phone('/sandbox/pay/confirm', { prepay_id: prepayId });
      const [first] = await waitFor(() => merchant.deliveries(outTradeNo), (l) => l.length >= 1, 'a delivery attempt');
      expect(first).toMatchObject({ attempt: 1, status: null, error: expect.any(String), outcome: 'will_retry', retry_in_ms: 15 });
    });

    it('gives up after the last retry of the schedule: sixteen attempts in all', async () => {
      const fast = await startSandbox({ host: '127.0.0.1', port: 0, varDir, logger, clock, notifyScale: 0.00001 });
      try {
        const other = new Merchant(fast, clock);
        await other.login(learner);
        const outTradeNo = newOutTradeNo();
        const notifyPath = `/notify/${outTradeNo}`;
        receiver.answer(notifyPath, new Array<number>(20).fill(503));
        const prepay = await other.prepay(other.order(outTradeNo, receiver.url(notifyPath), learner));
        await other.phone('/sandbox/pay/confirm', { prepay_id: prepay.body.prepay_id });
        const log = await waitFor(() => other.deliveries(outTradeNo), (l) => l.some((a) => a.outcome === 'gave_up'), 'giving up', 15_000);
        expect(log).toHaveLength(16);
        expect(log.map((a) => a.status)).toEqual(new Array<number>(16).fill(503));
        expect(log.at(-1)).toMatchObject({ attempt: 16, outcome: 'gave_up' });
        expect(log.at(-1)).not.toHaveProperty('retry_in_ms');
        expect(receiver.at(notifyPath)).toHaveLength(16);
      } finally {
        await fast.close();
      }
    });

    it('sends nothing more once the sandbox is closed', async () => {
      const slow = await startSandbox({ host: '127.0.0.1', port: 0, varDir, logger, clock, notifyScale: 0.01 });
      const other = new Merchant(slow, clock);
      await other.login(learner);
      const outTradeNo = newOutTradeNo();
      const notifyPath = `/notify/${outTradeNo}`;
      receiver.answer(notifyPath, [500, 500, 500]);
      const prepay = await other.prepay(other.order(outTradeNo, receiver.url(notifyPath), learner));
      await other.phone('/sandbox/pay/confirm', { prepay_id: prepay.body.prepay_id });
      await waitFor(() => other.deliveries(outTradeNo), (l) => l.length >= 1, 'the first attempt');
      await slow.close();
      // The second attempt was due 150 ms after the first.
      await pause(400);
      expect(receiver.at(notifyPath)).toHaveLength(1);
    });
  });

  describe('close and time_expire', () => {
    it('closes with a signed 204, reads CLOSED, refuses payment, and closes again with 204', async () => {
      const { outTradeNo, prepayId } = await prepaid();
      const closed = await merchant.close(outTradeNo);
      expect(closed.status).toBe(204);
      expect(closed.raw.length).toBe(0);
      expect(merchant.verifies(closed.header, closed.raw)).toBe(true);
      expect((await merchant.query(outTradeNo)).body.trade_state).toBe('CLOSED');

      const confirm = await merchant.phone('/sandbox/pay/confirm', { prepay_id: prepayId });
      expect(confirm.status).toBe(409);
      expect((confirm.body.error as Json).code).toBe('ORDER_CLOSED');
      expect((await merchant.close(outTradeNo)).status).toBe(204);

      const reopen = await merchant.prepay(merchant.order(outTradeNo, receiver.url(`/notify/${outTradeNo}`), learner));
      expect(reopen.status).toBe(400);
      expect(reopen.body.code).toBe('ORDER_CLOSED');
    });

    it('answers 404 ORDER_NOT_EXIST when closing an unknown order', async () => {
      const answer = await merchant.close('NO_SUCH_ORDER_2');
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('ORDER_NOT_EXIST');
    });

    it('reads an unpaid order as CLOSED once its time_expire has passed, and refuses to pay it', async () => {
      const { outTradeNo, prepayId } = await prepaid({ time_expire: chinaTime(clock.now() + 60_000) });
      expect((await merchant.query(outTradeNo)).body.trade_state).toBe('NOTPAY');
      clock.advance(61_000);
      expect((await merchant.query(outTradeNo)).body.trade_state).toBe('CLOSED');
      expect((await merchant.phone('/sandbox/pay/confirm', { prepay_id: prepayId })).status).toBe(409);
    });
  });

  describe('refunds', () => {
    const refundOf = (outTradeNo: string, outRefundNo: string, refund: number, extra: Json = {}): Json => ({
      out_trade_no: outTradeNo,
      out_refund_no: outRefundNo,
      reason: '学员申请退款',
      amount: { refund, total: 9900, currency: 'CNY' },
      ...extra,
    });

    it('accepts a refund as PROCESSING, then succeeds, notifies REFUND.SUCCESS and marks the order REFUND', async () => {
      const { outTradeNo, transactionId } = await paid();
      const outRefundNo = `R${outTradeNo}`;
      const refundPath = `/refund-notify/${outRefundNo}`;
      const created = await merchant.refund(refundOf(outTradeNo, outRefundNo, 3000, { notify_url: receiver.url(refundPath) }));
      expect(created.status).toBe(200);
      expect(merchant.verifies(created.header, created.raw)).toBe(true);
      expect(created.body).toMatchObject({
        refund_id: expect.stringMatching(/^\d+$/),
        out_refund_no: outRefundNo,
        transaction_id: transactionId,
        out_trade_no: outTradeNo,
        channel: 'ORIGINAL',
        user_received_account: '支付用户零钱',
        create_time: expect.stringMatching(/\+08:00$/),
        status: 'PROCESSING',
        amount: { total: 9900, refund: 3000, payer_total: 9900, payer_refund: 3000, currency: 'CNY' },
      });
      expect(created.body).not.toHaveProperty('success_time');

      const [notification] = await waitFor(() => receiver.at(refundPath), (l) => l.length >= 1, 'the refund notification');
      expect(merchant.verifiesNotification(notification!)).toBe(true);
      const envelope = JSON.parse(notification!.raw.toString('utf8')) as Json & { resource: EncryptedResource };
      expect(envelope).toMatchObject({ event_type: 'REFUND.SUCCESS', resource_type: 'encrypt-resource' });
      expect(envelope.resource).toMatchObject({ original_type: 'refund', associated_data: 'refund', algorithm: 'AEAD_AES_256_GCM' });
      expect(merchant.decrypt(envelope.resource)).toEqual({
        mchid: merchant.credentials.mchid,
        out_trade_no: outTradeNo,
        transaction_id: transactionId,
        out_refund_no: outRefundNo,
        refund_id: created.body.refund_id,
        refund_status: 'SUCCESS',
        success_time: expect.stringMatching(/\+08:00$/),
        user_received_account: '支付用户零钱',
        amount: { total: 9900, refund: 3000, payer_total: 9900, payer_refund: 3000 },
      });

      const queried = await merchant.request('GET', `/v3/refund/domestic/refunds/${outRefundNo}`);
      expect(queried.status).toBe(200);
      expect(queried.body).toMatchObject({ refund_id: created.body.refund_id, status: 'SUCCESS', success_time: expect.stringMatching(/\+08:00$/) });
      expect((await merchant.query(outTradeNo)).body).toMatchObject({ trade_state: 'REFUND', transaction_id: transactionId });
    });

    it('is idempotent by out_refund_no, refuses more than was paid with NOT_ENOUGH, and sends refund notifications to the order notify_url by default', async () => {
      const { outTradeNo, transactionId, notifyPath } = await paid();
      const first = await merchant.refund(refundOf(outTradeNo, `A${outTradeNo}`, 5000));
      const repeated = await merchant.refund(refundOf(outTradeNo, `A${outTradeNo}`, 5000));
      expect(repeated.status).toBe(200);
      expect(repeated.body.refund_id).toBe(first.body.refund_id);

      const tooMuch = await merchant.refund(refundOf(outTradeNo, `B${outTradeNo}`, 5000));
      expect(tooMuch.status).toBe(403);
      expect(tooMuch.body.code).toBe('NOT_ENOUGH');
      expect(merchant.verifies(tooMuch.header, tooMuch.raw)).toBe(true);

      // By transaction_id this time: the rest of the order, to the fen.
      const rest = await merchant.refund({ transaction_id: transactionId, out_refund_no: `C${outTradeNo}`, amount: { refund: 4900, total: 9900, currency: 'CNY' } });
      expect(rest.status).toBe(200);
      expect((await merchant.refund(refundOf(outTradeNo, `D${outTradeNo}`, 1))).body.code).toBe('NOT_ENOUGH');

      // Both refunds had no notify_url of their own: their notifications go to the payment's.
      const refundNotices = await waitFor(
        () => receiver.at(notifyPath).filter((n) => n.raw.toString().includes('REFUND.SUCCESS')),
        (l) => l.length >= 2,
        'two refund notifications',
      );
      const decrypted = refundNotices.map((n) => merchant.decrypt((JSON.parse(n.raw.toString()) as { resource: EncryptedResource }).resource));
      expect(decrypted.map((d) => d.out_refund_no).sort()).toEqual([`A${outTradeNo}`, `C${outTradeNo}`]);
    });

    it('refuses a wrong total, an unpaid order and an unknown order', async () => {
      const { outTradeNo } = await paid();
      const wrongTotal = await merchant.refund(refundOf(outTradeNo, `W${outTradeNo}`, 100, { amount: { refund: 100, total: 100, currency: 'CNY' } }));
      expect(wrongTotal.status).toBe(400);
      expect(wrongTotal.body).toMatchObject({ code: 'PARAM_ERROR', detail: { field: '/amount/total' } });

      const unpaid = await prepaid();
      const notPaid = await merchant.refund(refundOf(unpaid.outTradeNo, `U${unpaid.outTradeNo}`, 100));
      expect(notPaid.status).toBe(403);
      expect(notPaid.body.code).toBe('TRADE_ERROR');

      const unknown = await merchant.refund(refundOf('NO_SUCH_ORDER_3', 'R_NO_SUCH_ORDER_3', 100));
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('ORDER_NOT_EXIST');
    });

    it('answers 404 RESOURCE_NOT_EXISTS for an unknown refund', async () => {
      const answer = await merchant.request('GET', '/v3/refund/domestic/refunds/NO_SUCH_REFUND');
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('RESOURCE_NOT_EXISTS');
      expect(merchant.verifies(answer.header, answer.raw)).toBe(true);
    });
  });

  it('lets tests look at the pay state directly', async () => {
    const { outTradeNo } = await prepaid();
    expect(sandbox.pay.transaction(outTradeNo)).toMatchObject({ out_trade_no: outTradeNo, trade_state: 'NOTPAY' });
    expect(sandbox.pay.transaction('NO_SUCH_ORDER_4')).toBeNull();
  });
});
