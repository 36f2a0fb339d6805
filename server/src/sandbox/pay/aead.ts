import { createCipheriv } from 'node:crypto';
import { randomNonce } from './ids';

export const AEAD_ALGORITHM = 'AEAD_AES_256_GCM';

export interface EncryptedResource {
  algorithm: typeof AEAD_ALGORITHM;
  ciphertext: string;
  associated_data: string;
  nonce: string;
}

/**
 * Encrypts a notification's resource as WeChat Pay does: AES-256-GCM keyed by the APIv3 key's
 * ASCII bytes, a 12-character nonce used as the IV bytes, and base64(ciphertext ‖ 16-byte tag).
 */
export function encryptResource(apiv3Key: string, associatedData: string, plaintext: string): EncryptedResource {
  const nonce = randomNonce(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiv3Key, 'ascii'), Buffer.from(nonce, 'ascii'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: AEAD_ALGORITHM, ciphertext: sealed.toString('base64'), associated_data: associatedData, nonce };
}
