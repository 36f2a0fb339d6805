import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../config';

describe('notification settings', () => {
  let varDir: string;
  beforeEach(() => {
    varDir = mkdtempSync(join(tmpdir(), 'kp-notice-config-'));
  });
  afterEach(() => rmSync(varDir, { recursive: true, force: true }));

  const base = (): NodeJS.ProcessEnv => ({ VAR_DIR: varDir, JWT_SECRET: 'j'.repeat(32), MEDIA_SIGNING_SECRET: 'm'.repeat(32) });

  it('use the built-in template ids with the sandbox, one message a second by default', () => {
    const { notifications } = loadConfig(base());
    expect(notifications.chatRatePerSecond).toBe(1);
    expect(Object.keys(notifications.templates).sort()).toEqual(['answer', 'course-review', 'live-reminder', 'membership-expiring', 'new-lesson', 'order-expiring', 'purchase', 'refund']);
    for (const id of Object.values(notifications.templates)) expect(id).toMatch(/^[A-Za-z0-9_-]{10,64}$/);
    expect(new Set(Object.values(notifications.templates)).size).toBe(8);
  });

  it('take template ids and the chat rate from the environment', () => {
    const { notifications } = loadConfig({ ...base(), SUBSCRIBE_TEMPLATE_LESSON: 'wDBPaD3Q3oW5jwPnmVtmYfQ6Z4UI2lb-8dHfTUJcJ7k', BOT_OUTBOX_RATE_PER_S: '0.5' });
    expect(notifications.templates['new-lesson']).toBe('wDBPaD3Q3oW5jwPnmVtmYfQ6Z4UI2lb-8dHfTUJcJ7k');
    expect(notifications.chatRatePerSecond).toBe(0.5);
  });

  it('refuse malformed template ids and rates, naming each variable', () => {
    let message = '';
    try {
      loadConfig({ ...base(), SUBSCRIBE_TEMPLATE_PURCHASE: 'has spaces', SUBSCRIBE_TEMPLATE_ANSWER: 'short', BOT_OUTBOX_RATE_PER_S: '0' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toMatch(/SUBSCRIBE_TEMPLATE_PURCHASE: must be a template id/);
    expect(message).toMatch(/SUBSCRIBE_TEMPLATE_ANSWER: must be a template id/);
    expect(message).toMatch(/BOT_OUTBOX_RATE_PER_S/);
  });

  it('in production, send no subscribe message of a kind whose template is not set', () => {
    const keys = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const { notifications } = loadConfig({
      ...base(),
      WECHAT_MODE: 'production',
      WECHAT_APPID: 'wxd678efh567hg6787',
      WECHAT_APP_SECRET: 's'.repeat(32),
      WECHATPAY_MCHID: '1230000109',
      WECHATPAY_MERCHANT_SERIAL: '5157f09efdc096de15ebe81a47057a7232f1b8e1',
      WECHATPAY_MERCHANT_PRIVATE_KEY: keys.privateKey,
      WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0112300001092025010100000000000001',
      WECHATPAY_PUBLIC_KEY: keys.publicKey,
      WECHATPAY_APIV3_KEY: 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6',
      SUBSCRIBE_TEMPLATE_PURCHASE: 'wDBPaD3Q3oW5jwPnmVtmYfQ6Z4UI2lb-8dHfTUJcJ7k',
    });
    expect(notifications.templates).toEqual({
      purchase: 'wDBPaD3Q3oW5jwPnmVtmYfQ6Z4UI2lb-8dHfTUJcJ7k',
      refund: null,
      'new-lesson': null,
      'order-expiring': null,
      'membership-expiring': null,
      answer: null,
      'live-reminder': null,
      'course-review': null,
    });
  });
});
