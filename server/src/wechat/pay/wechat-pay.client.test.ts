import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { ResponseSignatureError, WechatPayApiError, WechatPayUnavailableError } from './errors';
import { requestSignatureMessage } from './request-signer';
import { UNEXPECTED_RESPONSE, WechatPayClient, type WechatPayClientOptions, rfc3339Shanghai } from './wechat-pay.client';

function rsaPem(): { publicKey: string; privateKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}
const merchant = rsaPem();
const wechatpay = rsaPem();
const KEY_ID = 'PUB_KEY_ID_0112300001092025010100000000000001';
const APIV3_KEY = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6';
const NOW = new Date('2025-06-01T02:00:00Z');

interface SeenRequest {
  method: string;
  pathAndQuery: string;
  body: string;
  headers: Headers;
}

interface Reply {
  status: number;
  body?: unknown;
  /** 'valid' (default for 2xx), 'none' (default for errors), or a function spoiling a valid signature. */
  signature?: 'valid' | 'none' | 'wrong-key';
}

/**
 * A stand-in for WeChat Pay at the fetch boundary, so the client's HTTP handling runs without a
 * network: it records what was sent and answers, signed with WeChat Pay's key unless told otherwise.
 */
function fakeWechatPay(replies: (req: SeenRequest) => Reply | 'hang') {
  const seen: SeenRequest[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const req = { method: init?.method ?? 'GET', pathAndQuery: url.pathname + url.search, body: String(init?.body ?? ''), headers: new Headers(init?.headers) };
    seen.push(req);
    const reply = replies(req);
    if (reply === 'hang') {
      return new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    }
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const headers = new Headers({ 'request-id': 'req-1' });
    if (text) headers.set('content-type', 'application/json');
    const mode = reply.signature ?? (reply.status < 300 ? 'valid' : 'none');
    if (mode !== 'none') {
      const timestamp = String(NOW.getTime() / 1000);
      const key = mode === 'valid' ? wechatpay.privateKey : merchant.privateKey;
      headers.set('Wechatpay-Timestamp', timestamp);
      headers.set('Wechatpay-Nonce', 'n0nce');
      headers.set('Wechatpay-Serial', KEY_ID);
      headers.set('Wechatpay-Signature', sign('sha256', Buffer.from(`${timestamp}\nn0nce\n${text}\n`), key).toString('base64'));
    }
    return new Response(reply.status === 204 ? null : text, { status: reply.status, headers });
  };
  return { fetchFn, seen };
}

const transaction = {
  appid: 'wxd678efh567hg6787',
  mchid: '1230000109',
  out_trade_no: 'KP2025060100000001',
  trade_state: 'NOTPAY',
  trade_state_desc: '订单未支付',
  payer: {},
  amount: { total: 9999, currency: 'CNY' },
};

describe('WechatPayClient', () => {
  let logText: string;

  function client(fetchFn: typeof fetch, overrides: Partial<WechatPayClientOptions> = {}): WechatPayClient {
    logText = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logText += chunk.toString();
        done();
      },
    });
    return new WechatPayClient({
      apiBase: 'https://api.mch.weixin.qq.com/',
      appid: 'wxd678efh567hg6787',
      mchid: '1230000109',
      merchantSerial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
      merchantPrivateKey: merchant.privateKey,
      wechatpayPublicKeyId: KEY_ID,
      wechatpayPublicKey: wechatpay.publicKey,
      apiv3Key: APIV3_KEY,
      notifyUrl: 'https://pay.example.com/api/pay/wechat/notify',
      logger: pino({ level: 'trace' }, sink),
      clock: { now: () => NOW },
      fetchFn,
      ...overrides,
    });
  }

  async function rejection(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => {
        throw new Error('expected a rejection');
      },
      (err: unknown) => err,
    );
  }

  it('sends a signed JSAPI prepay request with the documented fields and answers the prepay id', async () => {
    const fake = fakeWechatPay(() => ({ status: 200, body: { prepay_id: 'wx201410272009395522657a690389285100' } }));
    const answer = await client(fake.fetchFn).jsapiPrepay({
      outTradeNo: 'KP2025060100000001',
      description: 'Course: TypeScript in depth',
      amountFen: 9999,
      payerOpenid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      timeExpire: new Date('2025-06-01T02:15:00.500Z'),
      attach: 'order:1',
    });
    expect(answer).toEqual({ prepayId: 'wx201410272009395522657a690389285100' });

    const req = fake.seen[0]!;
    expect(req.method).toBe('POST');
    expect(req.pathAndQuery).toBe('/v3/pay/transactions/jsapi');
    expect(JSON.parse(req.body)).toEqual({
      appid: 'wxd678efh567hg6787',
      mchid: '1230000109',
      description: 'Course: TypeScript in depth',
      out_trade_no: 'KP2025060100000001',
      time_expire: '2025-06-01T10:15:00+08:00',
      attach: 'order:1',
      notify_url: 'https://pay.example.com/api/pay/wechat/notify',
      amount: { total: 9999, currency: 'CNY' },
      payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    });
    expect(req.headers.get('content-type')).toBe('application/json');
    expect(req.headers.get('accept')).toBe('application/json');

    // What WeChat Pay checks: the signature over exactly what was sent, under the merchant key.
    const authorization = req.headers.get('authorization')!;
    const params = Object.fromEntries([...authorization.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    expect(authorization.startsWith('WECHATPAY2-SHA256-RSA2048 ')).toBe(true);
    expect(params).toMatchObject({ mchid: '1230000109', serial_no: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', timestamp: String(NOW.getTime() / 1000) });
    const message = requestSignatureMessage({ method: 'POST', pathAndQuery: req.pathAndQuery, body: req.body, timestamp: Number(params.timestamp), nonce: params.nonce_str! });
    expect(verify('sha256', Buffer.from(message), merchant.publicKey, Buffer.from(params.signature!, 'base64'))).toBe(true);
  });

  it('queries by out_trade_no with mchid in the signed query string, and reads an unpaid order', async () => {
    const fake = fakeWechatPay(() => ({ status: 200, body: transaction }));
    const found = await client(fake.fetchFn).queryByOutTradeNo('KP2025060100000001');
    expect(fake.seen[0]!.pathAndQuery).toBe('/v3/pay/transactions/out-trade-no/KP2025060100000001?mchid=1230000109');
    expect(found).toMatchObject({ out_trade_no: 'KP2025060100000001', trade_state: 'NOTPAY', amount: { total: 9999 } });
    expect(found.payer).toBeUndefined();
  });

  it('turns a 404 on a query into ORDER_NOT_EXIST, whatever code came with it', async () => {
    const fake = fakeWechatPay(() => ({ status: 404, body: { code: 'RESOURCE_NOT_EXISTS', message: '订单不存在' } }));
    const err = await rejection(client(fake.fetchFn).queryRefund('RF2025060100000001'));
    expect(err).toBeInstanceOf(WechatPayApiError);
    expect(err).toMatchObject({ httpStatus: 404, code: 'ORDER_NOT_EXIST' });
  });

  it('normalizes old error spellings and keeps the detail', async () => {
    const fake = fakeWechatPay(() => ({ status: 403, body: { code: 'NOTENOUGH', message: '余额不足', detail: { location: 'body' } } }));
    const err = await rejection(client(fake.fetchFn).refund({ outTradeNo: 'KP2025060100000001', outRefundNo: 'RF1', refundFen: 100, totalFen: 9999 }));
    expect(err).toMatchObject({ name: 'WechatPayApiError', httpStatus: 403, code: 'NOT_ENOUGH', message: '余额不足', detail: { location: 'body' } });
  });

  it('accepts a signed 204 from close, and sends mchid in the body', async () => {
    const fake = fakeWechatPay(() => ({ status: 204 }));
    await client(fake.fetchFn).close('KP2025060100000001');
    expect(fake.seen[0]).toMatchObject({ method: 'POST', pathAndQuery: '/v3/pay/transactions/out-trade-no/KP2025060100000001/close', body: '{"mchid":"1230000109"}' });
  });

  it('refuses an unsigned 204: a success WeChat Pay did not sign may be forged', async () => {
    const fake = fakeWechatPay(() => ({ status: 204, signature: 'none' }));
    expect(await rejection(client(fake.fetchFn).close('KP2025060100000001'))).toBeInstanceOf(ResponseSignatureError);
  });

  it('refuses a 2xx signed with another key, and a signed error answer that does not verify', async () => {
    const forged = fakeWechatPay(() => ({ status: 200, body: { ...transaction, trade_state: 'SUCCESS' }, signature: 'wrong-key' }));
    expect(await rejection(client(forged.fetchFn).queryByOutTradeNo('KP2025060100000001'))).toBeInstanceOf(ResponseSignatureError);
    const forgedError = fakeWechatPay(() => ({ status: 400, body: { code: 'ORDER_CLOSED', message: 'closed' }, signature: 'wrong-key' }));
    expect(await rejection(client(forgedError.fetchFn).queryByOutTradeNo('KP2025060100000001'))).toBeInstanceOf(ResponseSignatureError);
  });

  it('retries SYSTEM_ERROR with the very same body, then answers', async () => {
    let calls = 0;
    const fake = fakeWechatPay(() => {
      calls += 1;
      return calls < 3 ? { status: 500, body: { code: 'SYSTEMERROR', message: '系统错误' } } : { status: 200, body: { prepay_id: 'wx1' } };
    });
    const answer = await client(fake.fetchFn).jsapiPrepay({
      outTradeNo: 'KP2025060100000002',
      description: 'Course',
      amountFen: 1,
      payerOpenid: 'o1',
      timeExpire: NOW,
    });
    expect(answer.prepayId).toBe('wx1');
    expect(fake.seen).toHaveLength(3);
    expect(new Set(fake.seen.map((r) => r.body)).size).toBe(1);
    // Each attempt is signed afresh (new nonce), since WeChat may reject a replayed nonce.
    expect(new Set(fake.seen.map((r) => r.headers.get('authorization'))).size).toBe(3);
  });

  it('gives up after two retries of a 5xx with WechatPayUnavailableError', async () => {
    const fake = fakeWechatPay(() => ({ status: 500, body: { code: 'BANK_ERROR', message: '银行系统异常' } }));
    const err = await rejection(client(fake.fetchFn).queryByOutTradeNo('KP2025060100000001'));
    expect(err).toBeInstanceOf(WechatPayUnavailableError);
    expect(fake.seen).toHaveLength(3);
  });

  it('does not retry refusals', async () => {
    const fake = fakeWechatPay(() => ({ status: 403, body: { code: 'OUT_TRADE_NO_USED', message: 'used' } }));
    expect(await rejection(client(fake.fetchFn).queryByOutTradeNo('KP2025060100000001'))).toMatchObject({ code: 'OUT_TRADE_NO_USED' });
    expect(fake.seen).toHaveLength(1);
  });

  it('times out with WechatPayUnavailableError, without repeating the request', async () => {
    const fake = fakeWechatPay(() => 'hang');
    const err = await rejection(client(fake.fetchFn, { timeoutMs: 50 }).queryByOutTradeNo('KP2025060100000001'));
    expect(err).toBeInstanceOf(WechatPayUnavailableError);
    expect(fake.seen).toHaveLength(1);
  });

  it('reports a verified answer of the wrong shape as UNEXPECTED_RESPONSE', async () => {
    const fake = fakeWechatPay(() => ({ status: 200, body: { ...transaction, trade_state: 'PAID' } }));
    expect(await rejection(client(fake.fetchFn).queryByOutTradeNo('KP2025060100000001'))).toMatchObject({ code: UNEXPECTED_RESPONSE });
  });

  it('refuses malformed numbers and amounts before calling WeChat Pay', async () => {
    const fake = fakeWechatPay(() => ({ status: 200, body: transaction }));
    const c = client(fake.fetchFn);
    await expect(c.queryByOutTradeNo('../x')).rejects.toThrow(RangeError);
    await expect(c.refund({ outTradeNo: 'KP2025060100000001', outRefundNo: 'RF1', refundFen: 9.5, totalFen: 9999 })).rejects.toThrow(RangeError);
    expect(fake.seen).toHaveLength(0);
  });

  it('refuses bad keys at construction, naming the key but not its content', () => {
    const fake = fakeWechatPay(() => ({ status: 200 }));
    expect(() => client(fake.fetchFn, { merchantPrivateKey: 'not a key' })).toThrow('merchant private key');
    expect(() => client(fake.fetchFn, { apiv3Key: 'short' })).toThrow('32 characters');
  });

  it('never logs keys, signatures or the APIv3 key', async () => {
    const fake = fakeWechatPay(() => ({ status: 401, body: { code: 'SIGN_ERROR', message: '签名错误' } }));
    await rejection(client(fake.fetchFn).queryByOutTradeNo('KP2025060100000001'));
    expect(logText).toContain('SIGN_ERROR');
    const authorization = fake.seen[0]!.headers.get('authorization')!;
    for (const secret of [APIV3_KEY, 'BEGIN PRIVATE KEY', authorization.match(/signature="([^"]+)"/)![1]!]) expect(logText).not.toContain(secret);
  });
});

describe('rfc3339Shanghai', () => {
  it('writes the instant in China time with its offset, to the second', () => {
    expect(rfc3339Shanghai(new Date('2018-06-08T02:34:56.789Z'))).toBe('2018-06-08T10:34:56+08:00');
    expect(rfc3339Shanghai(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01T00:00:00+08:00');
  });
});
