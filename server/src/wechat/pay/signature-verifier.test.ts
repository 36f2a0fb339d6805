import { type KeyObject, generateKeyPairSync, sign } from 'node:crypto';
import { type PlatformCertificateStore, SignatureVerifier, type WechatpaySignatureHeaders, wechatpayHeadersFrom } from './signature-verifier';

const wechatpay = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KEY_ID = 'PUB_KEY_ID_0112345678902025010100000000000001';
const NOW = new Date('2025-06-01T02:00:00Z');
const NOW_S = NOW.getTime() / 1000;

function signed(body: string, opts: { timestamp?: number; key?: KeyObject; serial?: string } = {}): WechatpaySignatureHeaders {
  const timestamp = String(opts.timestamp ?? NOW_S);
  const nonce = 'n0nce';
  const signature = sign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`), opts.key ?? wechatpay.privateKey).toString('base64');
  return { timestamp, nonce, signature, serial: opts.serial ?? KEY_ID, signatureType: 'WECHATPAY2-SHA256-RSA2048' };
}

function verifier(platformCertificates?: PlatformCertificateStore): SignatureVerifier {
  return new SignatureVerifier({ wechatpayPublicKeyId: KEY_ID, wechatpayPublicKey: wechatpay.publicKey, clock: { now: () => NOW }, platformCertificates });
}

describe('SignatureVerifier', () => {
  const body = '{"prepay_id":"wx201410272009395522657a690389285100"}';

  it('accepts a body signed by WeChat Pay under its public key id', () => {
    expect(verifier().verify(signed(body), body)).toEqual({ ok: true });
    expect(verifier().verify(signed(body), Buffer.from(body))).toEqual({ ok: true });
  });

  it('accepts a signed empty body (a 204 signs "ts\\nnonce\\n\\n")', () => {
    expect(verifier().verify(signed(''), '')).toEqual({ ok: true });
  });

  it('rejects a body changed by one byte', () => {
    expect(verifier().verify(signed(body), body.replace('wx2', 'wx3'))).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('rejects a signature made with another key', () => {
    expect(verifier().verify(signed(body, { key: stranger.privateKey }), body)).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('rejects a serial it has no key for: another public key id, or a platform certificate without a store', () => {
    expect(verifier().verify(signed(body, { serial: 'PUB_KEY_ID_0199999999' }), body)).toMatchObject({ ok: false, reason: 'signature' });
    expect(verifier().verify(signed(body, { serial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1' }), body)).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('asks the platform certificate store for other serials', () => {
    const certSerial = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
    const store: PlatformCertificateStore = { keyFor: (serial) => (serial === certSerial ? stranger.publicKey : undefined) };
    expect(verifier(store).verify(signed(body, { serial: certSerial, key: stranger.privateKey }), body)).toEqual({ ok: true });
    // The store never answers for a PUB_KEY_ID_ serial: that mode has exactly one key.
    expect(verifier(store).verify(signed(body, { key: stranger.privateKey }), body)).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('rejects timestamps 300 s or more away from now, either way', () => {
    expect(verifier().verify(signed(body, { timestamp: NOW_S - 299 }), body)).toEqual({ ok: true });
    expect(verifier().verify(signed(body, { timestamp: NOW_S + 299 }), body)).toEqual({ ok: true });
    expect(verifier().verify(signed(body, { timestamp: NOW_S - 300 }), body)).toMatchObject({ ok: false, reason: 'timestamp' });
    expect(verifier().verify(signed(body, { timestamp: NOW_S + 300 }), body)).toMatchObject({ ok: false, reason: 'timestamp' });
  });

  it('fails WeChat Pay signature probes', () => {
    const probe = { ...signed(body), signature: 'WECHATPAY/SIGNTEST/AAAA' };
    expect(verifier().verify(probe, body)).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('rejects missing headers, a non-numeric timestamp and an unknown signature type', () => {
    const good = signed(body);
    for (const missing of ['timestamp', 'nonce', 'signature', 'serial'] as const) {
      expect(verifier().verify({ ...good, [missing]: undefined }, body)).toMatchObject({ ok: false, reason: 'headers' });
    }
    expect(verifier().verify({ ...good, timestamp: '17e8' }, body)).toMatchObject({ ok: false, reason: 'headers' });
    expect(verifier().verify({ ...good, signatureType: 'WECHATPAY2-SM2-WITH-SM3' }, body)).toMatchObject({ ok: false, reason: 'headers' });
  });
});

describe('wechatpayHeadersFrom', () => {
  it('reads Node header records in any case, and fetch Headers', () => {
    const expected = { timestamp: '1', nonce: 'n', signature: 's', serial: 'PUB_KEY_ID_1', signatureType: undefined };
    expect(wechatpayHeadersFrom({ 'wechatpay-timestamp': '1', 'Wechatpay-Nonce': 'n', 'wechatpay-signature': ['s'], 'WECHATPAY-SERIAL': 'PUB_KEY_ID_1' })).toEqual(expected);
    const headers = new Headers({ 'Wechatpay-Timestamp': '1', 'Wechatpay-Nonce': 'n', 'Wechatpay-Signature': 's', 'Wechatpay-Serial': 'PUB_KEY_ID_1' });
    expect(wechatpayHeadersFrom(headers)).toEqual(expected);
  });

  it('treats a header sent twice as absent', () => {
    expect(wechatpayHeadersFrom({ 'wechatpay-signature': ['a', 'b'] }).signature).toBeUndefined();
  });
});
