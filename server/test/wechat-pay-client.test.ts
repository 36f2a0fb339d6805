import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { type RunningSandbox, startSandbox } from '../src/sandbox/app';
import type { Clock } from '../src/shared/clock';
import { wechatPayConfig } from '../src/wechat/pay/config';
import { NotificationRejectedError, ResponseSignatureError, WechatPayApiError, WechatPayUnavailableError } from '../src/wechat/pay/errors';
import type { WechatPayConfig } from '../src/wechat/pay/types';
import { WechatPayClient } from '../src/wechat/pay/wechat-pay.client';

interface CapturedNotification {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * The production client against the sandbox over real HTTP. The sandbox was written from the
 * protocol reference on its own, so agreement here is two independent readings agreeing.
 */
describe('WechatPayClient against the sandbox', () => {
  const logger = createLogger('silent');
  let varDir: string;
  let sandbox: RunningSandbox;
  let notifyServer: Server;
  let notifications: CapturedNotification[];
  let config: WechatPayConfig;
  let pay: WechatPayClient;
  const openid = `o_pay_client_${Date.now().toString(36)}`;
  let orderSeq = 0;

  beforeAll(async () => {
    varDir = mkdtempSync(join(tmpdir(), 'kp-wechat-pay-client-'));
    notifications = [];
    // Stands in for the merchant's notify endpoint: keeps exactly what WeChat Pay sent.
    notifyServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        notifications.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => notifyServer.listen(0, '127.0.0.1', resolve));
    const notifyPort = (notifyServer.address() as AddressInfo).port;

    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, varDir, logger, notifyScale: 0.001, refundDelayMs: 150 });
    // The same path the server takes in sandbox mode: environment → Config → WeChat Pay settings.
    const env = {
      VAR_DIR: varDir,
      SANDBOX_HOST: '127.0.0.1',
      SANDBOX_PORT: String(sandbox.port),
      PAY_NOTIFY_URL: `http://127.0.0.1:${notifyPort}/api/pay/wechat/notify`,
      JWT_SECRET: 'j'.repeat(32),
      MEDIA_SIGNING_SECRET: 'm'.repeat(32),
    };
    config = wechatPayConfig(loadConfig(env));
    pay = new WechatPayClient({ ...config, logger });

    // WeChat Pay only accepts payers who signed in to the appid: sign one in through the sandbox.
    const login = await fetch(`${sandbox.url}/sandbox/wx-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid }),
    });
    expect(login.status).toBe(200);
  });

  afterAll(async () => {
    await sandbox.close();
    await new Promise<void>((resolve) => notifyServer.close(() => resolve()));
    rmSync(varDir, { recursive: true, force: true });
  });

  function newOutTradeNo(): string {
    orderSeq += 1;
    return `KPT${Date.now().toString(36)}${orderSeq}`.slice(0, 32);
  }

  async function prepay(amountFen = 9999): Promise<{ outTradeNo: string; prepayId: string }> {
    const outTradeNo = newOutTradeNo();
    const { prepayId } = await pay.jsapiPrepay({
      outTradeNo,
      description: 'Course: TypeScript in depth',
      amountFen,
      payerOpenid: openid,
      timeExpire: new Date(Date.now() + 15 * 60_000),
      attach: `order:${orderSeq}`,
    });
    return { outTradeNo, prepayId };
  }

  /** What the learner's phone does in the cashier. */
  async function confirm(prepayId: string): Promise<{ transaction_id: string }> {
    const res = await fetch(`${sandbox.url}/sandbox/pay/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prepay_id: prepayId }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { transaction_id: string };
  }

  async function paidOrder(amountFen = 9999): Promise<{ outTradeNo: string; transactionId: string }> {
    const { outTradeNo, prepayId } = await prepay(amountFen);
    const { transaction_id: transactionId } = await confirm(prepayId);
    return { outTradeNo, transactionId };
  }

  async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** The notification whose decrypted resource names this order; the parse is what the test checks anyway. */
  async function notificationFor(outTradeNo: string, eventType: string): Promise<CapturedNotification> {
    return eventually(() => {
      return notifications.find((n) => {
        try {
          const parsed = pay.parseNotification(n.headers, n.body);
          const no = 'transaction' in parsed ? parsed.transaction.out_trade_no : parsed.refund.out_trade_no;
          return parsed.eventType === eventType && no === outTradeNo;
        } catch {
          return false;
        }
      });
    }, `${eventType} for ${outTradeNo}`);
  }

  async function rejection(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => {
        throw new Error('expected a rejection');
      },
      (err: unknown) => err,
    );
  }

  function notificationRejection(headers: IncomingHttpHeaders, body: string, client = pay): NotificationRejectedError {
    try {
      client.parseNotification(headers, body);
    } catch (err) {
      if (err instanceof NotificationRejectedError) return err;
      throw err;
    }
    throw new Error('expected the notification to be rejected');
  }

  it('creates a prepay order and signs wx.requestPayment parameters the merchant public key verifies', async () => {
    const { prepayId } = await prepay();
    expect(prepayId).toMatch(/^wx/);

    const params = pay.requestPaymentParams(prepayId);
    expect(params).toMatchObject({ appId: sandbox.credentials.appid, package: `prepay_id=${prepayId}`, signType: 'RSA' });
    expect(Math.abs(Number(params.timeStamp) - Date.now() / 1000)).toBeLessThan(5);
    const message = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    const merchantPublicKey = createPublicKey(sandbox.credentials.merchant_public_key);
    expect(verify('sha256', Buffer.from(message), merchantPublicKey, Buffer.from(params.paySign, 'base64'))).toBe(true);
  });

  it('asking again with the same out_trade_no and parameters gives the same prepay id; other parameters are refused', async () => {
    const outTradeNo = newOutTradeNo();
    const input = { outTradeNo, description: 'Course', amountFen: 100, payerOpenid: openid, timeExpire: new Date(Date.now() + 600_000) };
    const first = await pay.jsapiPrepay(input);
    expect(await pay.jsapiPrepay(input)).toEqual(first);
    expect(await rejection(pay.jsapiPrepay({ ...input, amountFen: 101 }))).toMatchObject({ httpStatus: 403, code: 'OUT_TRADE_NO_USED' });
  });

  it('refuses a payer the appid never issued, with the refusal verified', async () => {
    const err = await rejection(
      pay.jsapiPrepay({ outTradeNo: newOutTradeNo(), description: 'Course', amountFen: 100, payerOpenid: 'o_stranger', timeExpire: new Date(Date.now() + 600_000) }),
    );
    expect(err).toBeInstanceOf(WechatPayApiError);
    expect(err).toMatchObject({ httpStatus: 400, code: 'PARAM_ERROR' });
  });

  it('shows an order unpaid, then paid with its transaction id once the learner confirms', async () => {
    const { outTradeNo, prepayId } = await prepay(4999);
    expect(await pay.queryByOutTradeNo(outTradeNo)).toMatchObject({ out_trade_no: outTradeNo, trade_state: 'NOTPAY' });

    const { transaction_id: transactionId } = await confirm(prepayId);
    const paid = await pay.queryByOutTradeNo(outTradeNo);
    expect(paid).toMatchObject({
      appid: config.appid,
      mchid: config.mchid,
      out_trade_no: outTradeNo,
      transaction_id: transactionId,
      trade_state: 'SUCCESS',
      payer: { openid },
      amount: { total: 4999 },
    });
    expect(paid.success_time).toMatch(/\+08:00$/);
  });

  it('closes an unpaid order, and refuses to close a paid one', async () => {
    const { outTradeNo } = await prepay();
    await pay.close(outTradeNo);
    expect((await pay.queryByOutTradeNo(outTradeNo)).trade_state).toBe('CLOSED');

    const paid = await paidOrder();
    // ORDERPAID is WeChat's only spelling of this code, in v3 too.
    expect(await rejection(pay.close(paid.outTradeNo))).toMatchObject({ httpStatus: 403, code: 'ORDERPAID' });
  });

  it('answers ORDER_NOT_EXIST for unknown orders and refunds', async () => {
    expect(await rejection(pay.queryByOutTradeNo('KPT_never_created'))).toMatchObject({ httpStatus: 404, code: 'ORDER_NOT_EXIST' });
    expect(await rejection(pay.queryRefund('RF_never_created'))).toMatchObject({ httpStatus: 404, code: 'ORDER_NOT_EXIST' });
  });

  it('accepts a refund as PROCESSING, which later succeeds; refunding more than is left is NOT_ENOUGH', async () => {
    const { outTradeNo, transactionId } = await paidOrder(9999);
    const outRefundNo = `RF${outTradeNo}`;
    const accepted = await pay.refund({ outTradeNo, outRefundNo, refundFen: 6000, totalFen: 9999, reason: 'course not as described' });
    expect(accepted).toMatchObject({ out_refund_no: outRefundNo, out_trade_no: outTradeNo, transaction_id: transactionId, status: 'PROCESSING', amount: { total: 9999, refund: 6000 } });

    // Retrying with the same out_refund_no is the same refund, not a second one.
    expect((await pay.refund({ outTradeNo, outRefundNo, refundFen: 6000, totalFen: 9999 })).refund_id).toBe(accepted.refund_id);

    const done = await eventually(async () => {
      const refund = await pay.queryRefund(outRefundNo);
      return refund.status === 'SUCCESS' ? refund : undefined;
    }, 'the refund to succeed');
    expect(done).toMatchObject({ refund_id: accepted.refund_id, status: 'SUCCESS' });
    expect((await pay.queryByOutTradeNo(outTradeNo)).trade_state).toBe('REFUND');

    const tooMuch = await rejection(pay.refund({ outTradeNo, outRefundNo: `RF2${outTradeNo}`, refundFen: 4000, totalFen: 9999 }));
    expect(tooMuch).toBeInstanceOf(WechatPayApiError);
    expect(tooMuch).toMatchObject({ httpStatus: 403, code: 'NOT_ENOUGH' });

    const notice = await notificationFor(outTradeNo, 'REFUND.SUCCESS');
    expect(pay.parseNotification(notice.headers, notice.body)).toMatchObject({
      eventType: 'REFUND.SUCCESS',
      refund: { out_refund_no: outRefundNo, refund_status: 'SUCCESS', amount: { total: 9999, refund: 6000 } },
    });
  });

  describe('payment notifications', () => {
    let outTradeNo: string;
    let transactionId: string;
    let captured: CapturedNotification;

    beforeAll(async () => {
      ({ outTradeNo, transactionId } = await paidOrder(2999));
      captured = await notificationFor(outTradeNo, 'TRANSACTION.SUCCESS');
    });

    it('verifies and decrypts a real notification into the transaction', () => {
      const notification = pay.parseNotification(captured.headers, captured.body);
      expect(notification).toMatchObject({
        eventType: 'TRANSACTION.SUCCESS',
        transaction: { out_trade_no: outTradeNo, transaction_id: transactionId, trade_state: 'SUCCESS', mchid: config.mchid, appid: config.appid, amount: { total: 2999 } },
      });
      expect(notification.id).toEqual(expect.any(String));
    });

    it('rejects it with one byte of the signature changed', () => {
      const signature = Buffer.from(String(captured.headers['wechatpay-signature']), 'base64');
      signature[10] = signature[10]! ^ 0x01;
      const headers = { ...captured.headers, 'wechatpay-signature': signature.toString('base64') };
      expect(notificationRejection(headers, captured.body).reason).toBe('signature');
    });

    it('rejects it when it is six minutes old', () => {
      const sixMinutesLater: Clock = { now: () => new Date(Date.now() + 6 * 60_000) };
      const later = new WechatPayClient({ ...config, logger, clock: sixMinutesLater });
      expect(notificationRejection(captured.headers, captured.body, later).reason).toBe('timestamp');
    });

    it('rejects it when the ciphertext was changed, even under a valid signature', () => {
      const envelope = JSON.parse(captured.body) as { resource: { ciphertext: string } };
      const sealed = Buffer.from(envelope.resource.ciphertext, 'base64');
      sealed[5] = sealed[5]! ^ 0x01;
      envelope.resource.ciphertext = sealed.toString('base64');
      const body = JSON.stringify(envelope);
      // Re-signed with WeChat Pay's key (only the sandbox has it), so decryption is what must catch it.
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = 'resignedNonce';
      const signature = sign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`), sandbox.credentials.wechatpay_private_key).toString('base64');
      const headers = { ...captured.headers, 'wechatpay-timestamp': timestamp, 'wechatpay-nonce': nonce, 'wechatpay-signature': signature };
      expect(notificationRejection(headers, body).reason).toBe('decrypt');
      // Without re-signing, the changed body never gets as far as decryption.
      expect(notificationRejection(captured.headers, body).reason).toBe('signature');
    });
  });

  it('refuses an answer altered on the way by one byte', async () => {
    const { outTradeNo } = await prepay();
    const tampering: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const bytes = Buffer.from(await res.arrayBuffer());
      const at = bytes.indexOf('NOTPAY');
      if (at >= 0) bytes[at] = 'S'.charCodeAt(0);
      return new Response(bytes, { status: res.status, headers: res.headers });
    };
    const client = new WechatPayClient({ ...config, logger, fetchFn: tampering });
    expect(await rejection(client.queryByOutTradeNo(outTradeNo))).toBeInstanceOf(ResponseSignatureError);
    // The untouched answer still verifies.
    expect((await pay.queryByOutTradeNo(outTradeNo)).trade_state).toBe('NOTPAY');
  });

  it('is refused with SIGN_ERROR when it signs with a key WeChat Pay does not know', async () => {
    const otherKey = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
    const client = new WechatPayClient({ ...config, merchantPrivateKey: otherKey, logger });
    expect(await rejection(client.queryByOutTradeNo('KPT_any_order'))).toMatchObject({ httpStatus: 401, code: 'SIGN_ERROR' });
  });

  it('reports an unreachable WeChat Pay as WechatPayUnavailableError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = new WechatPayClient({ ...config, apiBase: `http://127.0.0.1:${port}`, logger, timeoutMs: 2000 });
    expect(await rejection(client.queryByOutTradeNo('KPT_any_order'))).toBeInstanceOf(WechatPayUnavailableError);
  });
});
