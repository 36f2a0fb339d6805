import { parseAuthorization } from './signatures';

describe('parseAuthorization', () => {
  const pairs = ['mchid="1900000001"', 'nonce_str="ABC"', 'signature="c2ln+/=="', 'timestamp="1700000000"', 'serial_no="0F"'];
  const expected = { mchid: '1900000001', nonce_str: 'ABC', signature: 'c2ln+/==', timestamp: '1700000000', serial_no: '0F' };

  it('reads the pairs in any order, with spaces after commas', () => {
    expect(parseAuthorization(`WECHATPAY2-SHA256-RSA2048 ${pairs.join(',')}`)).toEqual(expected);
    expect(parseAuthorization(`WECHATPAY2-SHA256-RSA2048 ${[...pairs].reverse().join(', ')}`)).toEqual(expected);
  });

  it.each([
    ['no header', undefined],
    ['another scheme', `Bearer ${pairs.join(',')}`],
    ['a missing pair', `WECHATPAY2-SHA256-RSA2048 ${pairs.slice(1).join(',')}`],
    ['a repeated pair', `WECHATPAY2-SHA256-RSA2048 ${[...pairs, 'mchid="1900000002"'].join(',')}`],
    ['an unquoted value', `WECHATPAY2-SHA256-RSA2048 ${[...pairs.slice(1), 'mchid=1900000001'].join(',')}`],
    ['an empty value', `WECHATPAY2-SHA256-RSA2048 ${[...pairs.slice(1), 'mchid=""'].join(',')}`],
  ])('refuses %s', (_what, header) => {
    expect(parseAuthorization(header)).toBeNull();
  });
});
