import { type KeyObject, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { ConfigError } from '../../config';

/**
 * Parses a PEM once, so a bad key fails at start instead of at the first payment. The message names
 * only which key: node's own error could echo parts of the input.
 */
export function loadPrivateKey(pem: string, what: string): KeyObject {
  try {
    const key = createPrivateKey(pem);
    assertRsa2048(key, what);
    return key;
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${what} is not a readable PEM private key`);
  }
}

export function loadPublicKey(pem: string, what: string): KeyObject {
  try {
    const key = createPublicKey(pem);
    assertRsa2048(key, what);
    return key;
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${what} is not a readable PEM public key`);
  }
}

/** 32 upper-case hex characters: WeChat allows up to 32 and only needs them unguessable. */
export function randomNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

// WECHATPAY2-SHA256-RSA2048 names the only scheme WeChat Pay accepts; anything else is a mix-up of keys.
function assertRsa2048(key: KeyObject, what: string): void {
  if (key.asymmetricKeyType !== 'rsa') throw new ConfigError(`${what} must be an RSA key`);
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits !== undefined && bits < 2048) throw new ConfigError(`${what} must be RSA of at least 2048 bits`);
}
