import { formatPrice } from './money';

describe('formatPrice', () => {
  it('shows yuan with two decimals', () => {
    expect(formatPrice(9900)).toBe('¥99.00');
    expect(formatPrice(9999)).toBe('¥99.99');
    expect(formatPrice(1)).toBe('¥0.01');
    expect(formatPrice(10)).toBe('¥0.10');
    expect(formatPrice(129900)).toBe('¥1299.00');
  });

  it('stays exact where floats would not', () => {
    // 1.15 * 100 is 114.99999999999999 in floating point; fen arithmetic never sees it.
    expect(formatPrice(115)).toBe('¥1.15');
    expect(formatPrice(Number.MAX_SAFE_INTEGER)).toBe('¥90071992547409.91');
  });

  it('calls a zero price free', () => {
    expect(formatPrice(0)).toBe('免费');
  });

  it.each([-1, 99.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %p', (fen) => {
    expect(() => formatPrice(fen)).toThrow(RangeError);
  });
});
