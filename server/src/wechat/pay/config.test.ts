import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../config';
import { ensureSandboxCredentials } from '../../sandbox/credentials';
import { wechatPayConfig } from './config';

const keys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

describe('WeChat Pay configuration', () => {
  let varDir: string;
  beforeEach(() => {
    varDir = mkdtempSync(join(tmpdir(), 'kp-pay-config-'));
  });
  afterEach(() => rmSync(varDir, { recursive: true, force: true }));

  const base = (): NodeJS.ProcessEnv => ({ VAR_DIR: varDir, JWT_SECRET: 'j'.repeat(32), MEDIA_SIGNING_SECRET: 'm'.repeat(32) });
  const production = (): NodeJS.ProcessEnv => ({
    ...base(),
    WECHAT_MODE: 'production',
    WECHAT_APPID: 'wxd678efh567hg6787',
    WECHAT_APP_SECRET: 's'.repeat(32),
    PUBLIC_URL: 'https://pay.example.com/',
    WECHATPAY_MCHID: '1230000109',
    WECHATPAY_MERCHANT_SERIAL: '5157f09efdc096de15ebe81a47057a7232f1b8e1',
    WECHATPAY_MERCHANT_PRIVATE_KEY: keys.privateKey,
    WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0112300001092025010100000000000001',
    WECHATPAY_PUBLIC_KEY: keys.publicKey,
    WECHATPAY_APIV3_KEY: 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6',
  });

  function configError(env: NodeJS.ProcessEnv): string {
    try {
      loadConfig(env);
    } catch (err) {
      if (err instanceof ConfigError) return err.message;
      throw err;
    }
    throw new Error('expected a ConfigError');
  }

  it('in sandbox mode, uses the sandbox credentials and URL, and notifies PUBLIC_URL by default', () => {
    const config = loadConfig({ ...base(), SANDBOX_PORT: '4555', PUBLIC_URL: 'http://127.0.0.1:3000' });
    const sandbox = ensureSandboxCredentials(varDir);
    expect(wechatPayConfig(config)).toEqual({
      apiBase: 'http://127.0.0.1:4555',
      appid: sandbox.appid,
      mchid: sandbox.mchid,
      merchantSerial: sandbox.merchant_serial,
      merchantPrivateKey: sandbox.merchant_private_key,
      wechatpayPublicKeyId: sandbox.wechatpay_public_key_id,
      wechatpayPublicKey: sandbox.wechatpay_public_key,
      apiv3Key: sandbox.apiv3_key,
      notifyUrl: 'http://127.0.0.1:3000/api/pay/wechat/notify',
    });
  });

  it('in production, reads the WECHATPAY_* variables', () => {
    const pay = wechatPayConfig(loadConfig(production()));
    expect(pay).toMatchObject({
      apiBase: 'https://api.mch.weixin.qq.com',
      appid: 'wxd678efh567hg6787',
      mchid: '1230000109',
      merchantSerial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
      wechatpayPublicKeyId: 'PUB_KEY_ID_0112300001092025010100000000000001',
      apiv3Key: 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6',
      notifyUrl: 'https://pay.example.com/api/pay/wechat/notify',
    });
    expect(pay.merchantPrivateKey).toContain('-----BEGIN PRIVATE KEY-----');
  });

  it('reads keys from _FILE variables and one-line values with escaped newlines', () => {
    const file = join(varDir, 'apiclient_key.pem');
    writeFileSync(file, keys.privateKey);
    const env = { ...production(), WECHATPAY_MERCHANT_PRIVATE_KEY: undefined, WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: file };
    expect(wechatPayConfig(loadConfig(env)).merchantPrivateKey.trim()).toBe(keys.privateKey.trim());
    const oneLine = { ...production(), WECHATPAY_PUBLIC_KEY: keys.publicKey.replace(/\n/g, '\\n'), PAY_NOTIFY_URL: 'https://pay.example.com/notify' };
    const pay = wechatPayConfig(loadConfig(oneLine));
    expect(pay.wechatpayPublicKey.trim()).toBe(keys.publicKey.trim());
    expect(pay.notifyUrl).toBe('https://pay.example.com/notify');
  });

  it('lists every missing merchant setting in production', () => {
    const env = production();
    for (const name of ['WECHATPAY_MCHID', 'WECHATPAY_MERCHANT_PRIVATE_KEY', 'WECHATPAY_APIV3_KEY']) delete env[name];
    expect(configError(env)).toContain('WECHATPAY_MCHID, WECHATPAY_MERCHANT_PRIVATE_KEY, WECHATPAY_APIV3_KEY: required when WECHAT_MODE=production');
  });

  it('rejects bad values without echoing them', () => {
    expect(configError({ ...production(), WECHATPAY_APIV3_KEY: 'short-secret' })).toMatch(/WECHATPAY_APIV3_KEY: must be exactly 32 characters/);
    const notPem = configError({ ...production(), WECHATPAY_MERCHANT_PRIVATE_KEY: 'hunter2-not-a-key' });
    expect(notPem).toContain('WECHATPAY_MERCHANT_PRIVATE_KEY: must be a PEM private key');
    expect(notPem).not.toContain('hunter2');
    expect(configError({ ...production(), WECHATPAY_PUBLIC_KEY_FILE: join(varDir, 'absent.pem') })).toContain('set only one');
    expect(configError({ ...production(), PAY_NOTIFY_URL: 'https://pay.example.com/notify?x=1' })).toContain('PAY_NOTIFY_URL: must not have a query string');
  });
});
