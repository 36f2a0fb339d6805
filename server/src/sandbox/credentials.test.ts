import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config';
import { ensureSandboxCredentials, readSandboxCredentials, sandboxCredentialsPath } from './credentials';

describe('sandbox credentials', () => {
  let varDir: string;
  beforeEach(() => {
    varDir = mkdtempSync(join(tmpdir(), 'kp-sandbox-creds-'));
  });
  afterEach(() => rmSync(varDir, { recursive: true, force: true }));

  it('generates every field in the shape WeChat uses', () => {
    const c = ensureSandboxCredentials(varDir);
    expect(c.appid).toMatch(/^wx[0-9a-f]{16}$/);
    expect(c.app_secret).toMatch(/^[0-9a-f]{32}$/);
    expect(c.mchid).toMatch(/^\d{10}$/);
    expect(c.merchant_serial).toMatch(/^[0-9A-F]{40}$/);
    expect(c.wechatpay_public_key_id).toMatch(/^PUB_KEY_ID_\d+$/);
    expect(c.apiv3_key).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(c.merchant_private_key).toContain('-----BEGIN PRIVATE KEY-----');
    expect(c.merchant_public_key).toContain('-----BEGIN PUBLIC KEY-----');
  });

  it('pairs each private key with its public key, and the two pairs differ', () => {
    const c = ensureSandboxCredentials(varDir);
    for (const [priv, pub] of [
      [c.merchant_private_key, c.merchant_public_key],
      [c.wechatpay_private_key, c.wechatpay_public_key],
    ] as const) {
      const key = createPrivateKey(priv);
      expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
      const signature = sign('sha256', Buffer.from('message'), key);
      expect(verify('sha256', Buffer.from('message'), createPublicKey(pub), signature)).toBe(true);
    }
    expect(c.merchant_public_key).not.toBe(c.wechatpay_public_key);
  });

  it('writes the file once, readable by its owner only, and reuses it', () => {
    const first = ensureSandboxCredentials(varDir);
    const file = sandboxCredentialsPath(varDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(ensureSandboxCredentials(varDir)).toEqual(first);
    expect(readSandboxCredentials(varDir)).toEqual(first);
    // No temporary files are left next to it.
    expect(readdirSync(join(varDir, 'sandbox'))).toEqual(['credentials.json']);
  });

  it('refuses to read credentials that do not exist yet', () => {
    expect(() => readSandboxCredentials(varDir)).toThrow(ConfigError);
    expect(() => readSandboxCredentials(varDir)).toThrow(/npm run sandbox/);
  });

  it('names the bad fields of a damaged file without quoting its secrets', () => {
    const good = ensureSandboxCredentials(varDir);
    writeFileSync(sandboxCredentialsPath(varDir), JSON.stringify({ ...good, apiv3_key: 'short-secret' }));
    expect(() => ensureSandboxCredentials(varDir)).toThrow(/apiv3_key: must be 32 letters or digits/);
    try {
      readSandboxCredentials(varDir);
    } catch (err) {
      expect((err as Error).message).not.toContain('short-secret');
    }
    writeFileSync(sandboxCredentialsPath(varDir), '{not json');
    expect(() => readSandboxCredentials(varDir)).toThrow(/not valid JSON/);
  });
});
