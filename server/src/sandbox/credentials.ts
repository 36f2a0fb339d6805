import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../config';

/**
 * Everything a merchant and a mini-program would get from WeChat's consoles, in the field names the
 * server reads in production too. The WeChat Pay private key exists only here: the sandbox signs with it.
 */
export interface SandboxCredentials {
  appid: string;
  app_secret: string;
  mchid: string;
  merchant_serial: string;
  merchant_private_key: string;
  merchant_public_key: string;
  wechatpay_public_key_id: string;
  wechatpay_public_key: string;
  wechatpay_private_key: string;
  apiv3_key: string;
}

const privatePem = z.string().regex(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n?$/, 'must be a PKCS#8 PEM');
const publicPem = z.string().regex(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n?$/, 'must be an SPKI PEM');

const credentialsSchema = z.object({
  appid: z.string().regex(/^wx[0-9a-f]{16}$/, 'must be wx and 16 hex digits'),
  app_secret: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 hex digits'),
  mchid: z.string().regex(/^\d{10}$/, 'must be 10 digits'),
  merchant_serial: z.string().regex(/^[0-9A-F]{40}$/, 'must be 40 upper-case hex digits'),
  merchant_private_key: privatePem,
  merchant_public_key: publicPem,
  wechatpay_public_key_id: z.string().regex(/^PUB_KEY_ID_\d+$/, 'must be PUB_KEY_ID_ and digits'),
  wechatpay_public_key: publicPem,
  wechatpay_private_key: privatePem,
  apiv3_key: z.string().regex(/^[A-Za-z0-9]{32}$/, 'must be 32 letters or digits'),
});

export function sandboxCredentialsPath(varDir: string): string {
  return join(varDir, 'sandbox', 'credentials.json');
}

/** Reads the sandbox's credentials, creating them on first use; safe when several processes start at once. */
export function ensureSandboxCredentials(varDir: string): SandboxCredentials {
  const file = sandboxCredentialsPath(varDir);
  const existing = readIfPresent(file);
  if (existing) return existing;

  mkdirSync(join(varDir, 'sandbox'), { recursive: true, mode: 0o700 });
  const fresh = generateSandboxCredentials();
  // Written aside, then linked into place: a reader never sees half a file, and link() fails with
  // EEXIST when another process won the race, in which case its credentials are the ones to keep.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, `${JSON.stringify(fresh, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temp, file);
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readSandboxCredentials(varDir);
  } finally {
    unlinkSync(temp);
  }
}

/** For processes that must not invent credentials of their own: the file has to exist already. */
export function readSandboxCredentials(varDir: string): SandboxCredentials {
  const file = sandboxCredentialsPath(varDir);
  const credentials = readIfPresent(file);
  if (!credentials) {
    throw new ConfigError(`sandbox credentials not found at ${file}: start the sandbox once (npm run sandbox) to create them`);
  }
  return credentials;
}

function readIfPresent(file: string): SandboxCredentials | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`sandbox credentials at ${file} are not valid JSON: delete the file to generate new ones`);
  }
  const parsed = credentialsSchema.safeParse(json);
  if (!parsed.success) {
    // Only field names and rules: the values are secrets.
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`sandbox credentials at ${file} are invalid (delete the file to generate new ones):\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function generateSandboxCredentials(): SandboxCredentials {
  const merchant = rsaKeyPair();
  const wechatpay = rsaKeyPair();
  const mchid = `1${digits(9)}`;
  return {
    appid: `wx${randomBytes(8).toString('hex')}`,
    app_secret: randomBytes(16).toString('hex'),
    mchid,
    merchant_serial: randomBytes(20).toString('hex').toUpperCase(),
    merchant_private_key: merchant.privateKey,
    merchant_public_key: merchant.publicKey,
    wechatpay_public_key_id: `PUB_KEY_ID_01${mchid}${digits(16)}`,
    wechatpay_public_key: wechatpay.publicKey,
    wechatpay_private_key: wechatpay.privateKey,
    apiv3_key: alphanumeric(32),
  };
}

function rsaKeyPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

function digits(count: number): string {
  return Array.from({ length: count }, () => randomInt(10).toString()).join('');
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function alphanumeric(count: number): string {
  return Array.from({ length: count }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');
}
