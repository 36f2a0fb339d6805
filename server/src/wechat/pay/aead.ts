import { createDecipheriv } from 'node:crypto';

/** The `resource` of a notification (and of each certificate from /v3/certificates). */
export interface EncryptedResource {
  ciphertext: string;
  nonce: string;
  associated_data?: string;
}

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

const TAG_BYTES = 16;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * AEAD_AES_256_GCM as WeChat Pay uses it: the key is the APIv3 key's 32 ASCII bytes (not hex, not
 * base64), the IV the nonce's bytes, the AAD associated_data, and the ciphertext base64 of
 * encrypted bytes followed by the 16-byte tag. A failed tag check means tampered or wrong key.
 */
export function decryptResource(resource: EncryptedResource, apiv3Key: string): string {
  const key = Buffer.from(apiv3Key, 'utf8');
  if (key.length !== 32) throw new DecryptionError('the APIv3 key must be 32 bytes');
  if (!resource.nonce) throw new DecryptionError('the resource has no nonce');
  if (!BASE64.test(resource.ciphertext)) throw new DecryptionError('the ciphertext is not base64');
  const sealed = Buffer.from(resource.ciphertext, 'base64');
  if (sealed.length <= TAG_BYTES) throw new DecryptionError('the ciphertext is shorter than its tag');

  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(resource.nonce, 'utf8'), { authTagLength: TAG_BYTES });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError('the resource does not decrypt: tampered, or encrypted with another APIv3 key');
  }
}
