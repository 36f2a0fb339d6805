import { createCipheriv } from 'node:crypto';
import { DecryptionError, type EncryptedResource, decryptResource } from './aead';

const APIV3_KEY = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6';

/** Encrypts the way WeChat Pay does, written here independently of the code under test. */
function encrypt(plaintext: string, nonce: string, associatedData: string, key = APIV3_KEY): EncryptedResource {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key, 'ascii'), Buffer.from(nonce, 'ascii'));
  cipher.setAAD(Buffer.from(associatedData, 'ascii'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { ciphertext: body.toString('base64'), nonce, associated_data: associatedData };
}

describe('decryptResource', () => {
  const plaintext = JSON.stringify({ out_trade_no: 'KP2025060100000001', trade_state: 'SUCCESS', trade_state_desc: '支付成功' });

  it('decrypts with the APIv3 key, the nonce and the associated data', () => {
    expect(decryptResource(encrypt(plaintext, 'fdasflkja484', 'transaction'), APIV3_KEY)).toBe(plaintext);
  });

  it('accepts empty or absent associated data', () => {
    const resource = encrypt(plaintext, 'fdasflkja484', '');
    expect(decryptResource(resource, APIV3_KEY)).toBe(plaintext);
    expect(decryptResource({ ciphertext: resource.ciphertext, nonce: resource.nonce }, APIV3_KEY)).toBe(plaintext);
  });

  it('rejects a changed ciphertext byte, nonce or associated data', () => {
    const resource = encrypt(plaintext, 'fdasflkja484', 'transaction');
    const bytes = Buffer.from(resource.ciphertext, 'base64');
    bytes[3] = bytes[3]! ^ 0x01;
    expect(() => decryptResource({ ...resource, ciphertext: bytes.toString('base64') }, APIV3_KEY)).toThrow(DecryptionError);
    expect(() => decryptResource({ ...resource, nonce: 'fdasflkja485' }, APIV3_KEY)).toThrow(DecryptionError);
    expect(() => decryptResource({ ...resource, associated_data: 'refund' }, APIV3_KEY)).toThrow(DecryptionError);
  });

  it('rejects another APIv3 key', () => {
    const resource = encrypt(plaintext, 'fdasflkja484', 'transaction');
    expect(() => decryptResource(resource, 'Z'.repeat(32))).toThrow(DecryptionError);
  });

  it('rejects malformed input before trying', () => {
    expect(() => decryptResource({ ciphertext: 'not base64!', nonce: 'n' }, APIV3_KEY)).toThrow('not base64');
    expect(() => decryptResource({ ciphertext: Buffer.alloc(16).toString('base64'), nonce: 'n' }, APIV3_KEY)).toThrow('shorter than its tag');
    expect(() => decryptResource({ ciphertext: 'AAAA', nonce: '' }, APIV3_KEY)).toThrow('no nonce');
    expect(() => decryptResource({ ciphertext: 'AAAA', nonce: 'n' }, 'short')).toThrow('32 bytes');
  });
});
