import { NotificationRejectedError, WechatPayApiError, normalizeErrorCode } from './errors';

describe('normalizeErrorCode', () => {
  it.each([
    ['NOTENOUGH', 'NOT_ENOUGH'],
    ['ORDERNOTEXIST', 'ORDER_NOT_EXIST'],
    ['SYSTEMERROR', 'SYSTEM_ERROR'],
    ['BANKERROR', 'BANK_ERROR'],
    ['ORDERPAID', 'ORDERPAID'],
    ['ORDER_PAID', 'ORDERPAID'],
    ['ORDERCLOSED', 'ORDER_CLOSED'],
    ['SIGNERROR', 'SIGN_ERROR'],
    ['NOAUTH', 'NO_AUTH'],
    ['PARAM_ERROR', 'PARAM_ERROR'],
    ['not_enough', 'NOT_ENOUGH'],
    ['RATELIMIT_EXCEEDED', 'FREQUENCY_LIMITED'],
    ['SOMETHING_NEW', 'SOMETHING_NEW'],
  ])('%s → %s', (given, expected) => {
    expect(normalizeErrorCode(given)).toBe(expected);
  });
});

describe('error classes', () => {
  it('carry their name and fields, so callers and logs can tell them apart', () => {
    const api = new WechatPayApiError(403, 'NOT_ENOUGH', 'balance too low', { field: 'amount' });
    expect(api).toBeInstanceOf(Error);
    expect({ name: api.name, status: api.httpStatus, code: api.code, detail: api.detail }).toEqual({
      name: 'WechatPayApiError',
      status: 403,
      code: 'NOT_ENOUGH',
      detail: { field: 'amount' },
    });
    const rejected = new NotificationRejectedError('timestamp', 'too old');
    expect({ name: rejected.name, reason: rejected.reason }).toEqual({ name: 'NotificationRejectedError', reason: 'timestamp' });
  });
});
