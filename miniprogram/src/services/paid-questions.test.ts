import { askerState, formatTimeLeft } from './paid-questions';

describe('askerState', () => {
  it('names each state of a question and its order', () => {
    expect(askerState({ status: 'AWAITING_PAYMENT', order_status: 'PENDING' })).toBe('unpaid');
    expect(askerState({ status: 'AWAITING_PAYMENT', order_status: 'EXPIRED' })).toBe('closed');
    expect(askerState({ status: 'OPEN', order_status: 'PAID' })).toBe('waiting');
    expect(askerState({ status: 'ANSWERED', order_status: 'PAID' })).toBe('answered');
    expect(askerState({ status: 'EXPIRED', order_status: 'PAID' })).toBe('refunding');
    expect(askerState({ status: 'EXPIRED', order_status: 'REFUNDED' })).toBe('refunded');
    expect(askerState({ status: 'REFUNDED', order_status: 'REFUNDED' })).toBe('refunded');
  });
});

describe('formatTimeLeft', () => {
  it('shows days and hours, then hours and minutes, then minutes', () => {
    expect(formatTimeLeft(2 * 86_400 + 3 * 3600 + 59)).toBe('2天3小时');
    expect(formatTimeLeft(5 * 3600 + 12 * 60 + 30)).toBe('5小时12分');
    expect(formatTimeLeft(12 * 60 + 5)).toBe('12分');
    expect(formatTimeLeft(20)).toBe('1分');
  });

  it('is empty once the time is up', () => {
    expect(formatTimeLeft(0)).toBe('');
    expect(formatTimeLeft(-5)).toBe('');
  });
});
