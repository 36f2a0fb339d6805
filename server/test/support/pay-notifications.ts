import { createCipheriv, createSign, randomBytes, randomUUID } from 'node:crypto';
import type { SandboxCredentials } from '../../src/sandbox/credentials';
import type { TestApp } from './harness';

/**
 * Builds WeChat Pay notifications the way WeChat Pay does (signed with the platform key, resource
 * encrypted with the APIv3 key), so tests can deliver exact, duplicated, stale or tampered ones.
 */
export interface NotificationOptions {
  eventType?: 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS';
  timestamp?: number;
  /** Sign with this key instead of the platform's (a forger). */
  signingKey?: string;
}

export function buildNotification(creds: SandboxCredentials, resource: object, options: NotificationOptions = {}) {
  const nonce = randomBytes(6).toString('hex');
  const aad = options.eventType?.startsWith('REFUND') ? 'refund' : 'transaction';
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(creds.apiv3_key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(resource), 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
  const body = JSON.stringify({
    id: randomUUID(),
    create_time: new Date().toISOString(),
    event_type: options.eventType ?? 'TRANSACTION.SUCCESS',
    resource_type: 'encrypt-resource',
    summary: '支付成功',
    resource: { algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: aad, nonce, original_type: aad },
  });
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signNonce = randomBytes(16).toString('hex');
  const signature = createSign('RSA-SHA256')
    .update(`${timestamp}\n${signNonce}\n${body}\n`)
    .sign(options.signingKey ?? creds.wechatpay_private_key, 'base64');
  const headers = {
    'content-type': 'application/json',
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': signNonce,
    'wechatpay-signature': signature,
    'wechatpay-serial': creds.wechatpay_public_key_id,
    'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
  };
  return { body, headers };
}

/** The decrypted transaction WeChat Pay would send for a paid order. */
export function paidTransaction(creds: SandboxCredentials, order: { out_trade_no: string; amount_fen: number }, openid = 'o_payer') {
  return {
    appid: creds.appid,
    mchid: creds.mchid,
    out_trade_no: order.out_trade_no,
    transaction_id: `4200${Date.now()}${Math.floor(Math.random() * 1e8)}`.slice(0, 28),
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    success_time: new Date().toISOString(),
    payer: { openid },
    amount: { total: order.amount_fen, payer_total: order.amount_fen, currency: 'CNY', payer_currency: 'CNY' },
  };
}

export async function deliver(app: TestApp, notification: { body: string; headers: Record<string, string> }) {
  const res = await fetch(`${app.baseUrl}/api/pay/wechat/notify`, { method: 'POST', headers: notification.headers, body: notification.body });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as { code?: string; message?: string }) : null };
}
