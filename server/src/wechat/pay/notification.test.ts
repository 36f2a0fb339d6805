import { createCipheriv, generateKeyPairSync, sign } from 'node:crypto';
import { NotificationRejectedError } from './errors';
import { parseNotification } from './notification';
import { SignatureVerifier } from './signature-verifier';

const wechatpay = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KEY_ID = 'PUB_KEY_ID_0112345678902025010100000000000001';
const APIV3_KEY = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6';
const NOW = new Date('2025-06-01T02:00:00Z');
const verifier = new SignatureVerifier({ wechatpayPublicKeyId: KEY_ID, wechatpayPublicKey: wechatpay.publicKey, clock: { now: () => NOW } });

const transaction = {
  appid: 'wxd678efh567hg6787',
  mchid: '1230000109',
  out_trade_no: 'KP2025060100000001',
  transaction_id: '4200000001202506010000000001',
  trade_type: 'JSAPI',
  trade_state: 'SUCCESS',
  trade_state_desc: '支付成功',
  bank_type: 'OTHERS',
  attach: 'order:1',
  success_time: '2025-06-01T10:00:00+08:00',
  payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
  amount: { total: 9999, payer_total: 9999, currency: 'CNY', payer_currency: 'CNY' },
};
const refund = {
  mchid: '1230000109',
  out_trade_no: 'KP2025060100000001',
  transaction_id: '4200000001202506010000000001',
  out_refund_no: 'RF2025060100000001',
  refund_id: '50000000382019052709732678859',
  refund_status: 'SUCCESS',
  success_time: '2025-06-01T11:00:00+08:00',
  user_received_account: '支付用户零钱',
  amount: { total: 9999, refund: 9999, payer_total: 9999, payer_refund: 9999 },
};

/** A notification as WeChat Pay sends it: encrypted resource in an envelope, the raw body signed. */
function notification(eventType: string, plain: unknown, opts: { timestamp?: number; body?: (body: string) => string } = {}) {
  const nonce = 'fdasflkja484';
  const associatedData = eventType.startsWith('REFUND') ? 'refund' : 'transaction';
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(APIV3_KEY), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(plain)), cipher.final(), cipher.getAuthTag()]).toString('base64');
  const envelope = {
    id: 'EV-2018022511223320873',
    create_time: '2025-06-01T10:00:01+08:00',
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: '支付成功',
    resource: { original_type: associatedData, algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: associatedData, nonce },
  };
  const body = (opts.body ?? ((b) => b))(JSON.stringify(envelope));
  const timestamp = String(opts.timestamp ?? NOW.getTime() / 1000);
  const signature = sign('sha256', Buffer.from(`${timestamp}\n5K8264ILTKCH\n${body}\n`), wechatpay.privateKey).toString('base64');
  const headers = {
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': '5K8264ILTKCH',
    'wechatpay-signature': signature,
    'wechatpay-serial': KEY_ID,
    'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
  };
  return { headers, body };
}

function rejection(headers: Record<string, string | undefined>, body: string): NotificationRejectedError {
  try {
    parseNotification({ verifier, apiv3Key: APIV3_KEY }, headers, body);
  } catch (err) {
    if (err instanceof NotificationRejectedError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('parseNotification', () => {
  it('answers the decrypted transaction of TRANSACTION.SUCCESS', () => {
    const { headers, body } = notification('TRANSACTION.SUCCESS', transaction);
    expect(parseNotification({ verifier, apiv3Key: APIV3_KEY }, headers, body)).toEqual({
      id: 'EV-2018022511223320873',
      eventType: 'TRANSACTION.SUCCESS',
      createTime: '2025-06-01T10:00:01+08:00',
      transaction,
    });
  });

  it('answers the decrypted refund of REFUND.* events', () => {
    const { headers, body } = notification('REFUND.SUCCESS', refund);
    expect(parseNotification({ verifier, apiv3Key: APIV3_KEY }, headers, body)).toMatchObject({ eventType: 'REFUND.SUCCESS', refund });
    const closed = notification('REFUND.CLOSED', { ...refund, refund_status: 'CLOSED', success_time: undefined });
    expect(parseNotification({ verifier, apiv3Key: APIV3_KEY }, closed.headers, closed.body)).toMatchObject({ eventType: 'REFUND.CLOSED' });
  });

  it('rejects a body changed after signing, before reading it', () => {
    const { headers, body } = notification('TRANSACTION.SUCCESS', transaction);
    expect(rejection(headers, body.replace('EV-2018', 'EV-2019')).reason).toBe('signature');
    // Even garbage is a signature failure, not a format one: nothing unverified gets parsed.
    expect(rejection(headers, 'not json').reason).toBe('signature');
  });

  it('rejects missing headers and old timestamps', () => {
    const { headers, body } = notification('TRANSACTION.SUCCESS', transaction);
    expect(rejection({ ...headers, 'wechatpay-signature': undefined }, body).reason).toBe('headers');
    const old = notification('TRANSACTION.SUCCESS', transaction, { timestamp: NOW.getTime() / 1000 - 360 });
    expect(rejection(old.headers, old.body).reason).toBe('timestamp');
  });

  it('rejects a signed body whose ciphertext does not decrypt', () => {
    const tampered = notification('TRANSACTION.SUCCESS', transaction, {
      body: (b) => {
        const envelope = JSON.parse(b) as { resource: { ciphertext: string } };
        const bytes = Buffer.from(envelope.resource.ciphertext, 'base64');
        bytes[0] = bytes[0]! ^ 0xff;
        envelope.resource.ciphertext = bytes.toString('base64');
        return JSON.stringify(envelope);
      },
    });
    expect(rejection(tampered.headers, tampered.body).reason).toBe('decrypt');
  });

  it('rejects signed bodies that are not notifications, or whose content contradicts the event', () => {
    const notJson = notification('TRANSACTION.SUCCESS', transaction, { body: () => 'hello' });
    expect(rejection(notJson.headers, notJson.body).reason).toBe('format');
    const unknownEvent = notification('TRANSACTION.SOMETHING', transaction);
    expect(rejection(unknownEvent.headers, unknownEvent.body).reason).toBe('format');
    const notPaid = notification('TRANSACTION.SUCCESS', { ...transaction, trade_state: 'NOTPAY' });
    expect(rejection(notPaid.headers, notPaid.body).reason).toBe('format');
    const mismatch = notification('REFUND.SUCCESS', { ...refund, refund_status: 'ABNORMAL' });
    expect(rejection(mismatch.headers, mismatch.body).reason).toBe('format');
    const fractional = notification('TRANSACTION.SUCCESS', { ...transaction, amount: { total: 99.99 } });
    expect(rejection(fractional.headers, fractional.body).reason).toBe('format');
  });
});
