import { generateKeyPairSync, verify } from 'node:crypto';
import { paySignMessage, requestPaymentParams } from './pay-sign';

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('requestPaymentParams', () => {
  const params = requestPaymentParams({
    appId: 'wxd678efh567hg6787',
    prepayId: 'wx201410272009395522657a690389285100',
    timestamp: 1414561699,
    nonce: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
    privateKey: merchant.privateKey,
  });

  it('answers the fields wx.requestPayment takes, timeStamp as a string', () => {
    expect(params).toMatchObject({
      appId: 'wxd678efh567hg6787',
      timeStamp: '1414561699',
      nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
      package: 'prepay_id=wx201410272009395522657a690389285100',
      signType: 'RSA',
    });
  });

  it('signs appId, timeStamp, nonceStr and package, each followed by \\n, with the merchant key', () => {
    const message = 'wxd678efh567hg6787\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n';
    expect(paySignMessage(params)).toBe(message);
    expect(verify('sha256', Buffer.from(message), merchant.publicKey, Buffer.from(params.paySign, 'base64'))).toBe(true);
    expect(verify('sha256', Buffer.from(message.replace('1414561699', '1414561700')), merchant.publicKey, Buffer.from(params.paySign, 'base64'))).toBe(false);
  });
});
