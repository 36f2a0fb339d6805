import { generateKeyPairSync, verify } from 'node:crypto';
import { RequestSigner, requestSignatureMessage } from './request-signer';

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** Reads the header the way WeChat does: key="value" pairs in any order. */
function parseAuthorization(header: string): { schema: string; params: Record<string, string> } {
  const space = header.indexOf(' ');
  const params: Record<string, string> = {};
  for (const match of header.slice(space + 1).matchAll(/(\w+)="([^"]*)"/g)) params[match[1]!] = match[2]!;
  return { schema: header.slice(0, space), params };
}

describe('requestSignatureMessage', () => {
  it('joins method, path with query, timestamp, nonce and body, each line ending in \\n', () => {
    expect(
      requestSignatureMessage({
        method: 'post',
        pathAndQuery: '/v3/pay/transactions/jsapi',
        body: '{"a":1}',
        timestamp: 1554208460,
        nonce: '593BEC0C930BF1AFEB40B4A08C8FB242',
      }),
    ).toBe('POST\n/v3/pay/transactions/jsapi\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n{"a":1}\n');
  });

  it('keeps the trailing newline of an empty body and the query exactly as sent', () => {
    expect(
      requestSignatureMessage({ method: 'GET', pathAndQuery: '/v3/pay/transactions/out-trade-no/KP1?mchid=1230000109', body: '', timestamp: 1, nonce: 'N' }),
    ).toBe('GET\n/v3/pay/transactions/out-trade-no/KP1?mchid=1230000109\n1\nN\n\n');
  });

  it('refuses a full URL, whose scheme and host must not be signed', () => {
    expect(() => requestSignatureMessage({ method: 'GET', pathAndQuery: 'https://api.mch.weixin.qq.com/v3/x', body: '', timestamp: 1, nonce: 'N' })).toThrow(
      RangeError,
    );
  });
});

describe('RequestSigner', () => {
  const signer = new RequestSigner('1230000109', '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', merchant.privateKey);
  const request = { method: 'POST', pathAndQuery: '/v3/refund/domestic/refunds', body: '{"out_refund_no":"R1"}', timestamp: 1700000000, nonce: 'ABC123' };

  it('builds a WECHATPAY2-SHA256-RSA2048 header carrying mchid, nonce, timestamp and serial', () => {
    const { schema, params } = parseAuthorization(signer.authorization(request));
    expect(schema).toBe('WECHATPAY2-SHA256-RSA2048');
    expect(params).toMatchObject({
      mchid: '1230000109',
      nonce_str: 'ABC123',
      timestamp: '1700000000',
      serial_no: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
    });
  });

  it('signs the message with SHA256withRSA, verifiable with the merchant public key', () => {
    const { params } = parseAuthorization(signer.authorization(request));
    const signature = Buffer.from(params.signature!, 'base64');
    expect(verify('sha256', Buffer.from(requestSignatureMessage(request)), merchant.publicKey, signature)).toBe(true);
    // The body is covered: the same signature does not fit another body.
    const altered = requestSignatureMessage({ ...request, body: '{"out_refund_no":"R2"}' });
    expect(verify('sha256', Buffer.from(altered), merchant.publicKey, signature)).toBe(false);
  });
});
