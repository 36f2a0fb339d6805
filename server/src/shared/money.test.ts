import { assertFen, fenToYuan, yuanToFen } from './money';

describe('money', () => {
  it('shows fen as yuan with two decimals', () => {
    expect(fenToYuan(9999)).toBe(99.99);
    expect(fenToYuan(0)).toBe(0);
    expect(fenToYuan(1)).toBe(0.01);
  });
  it('converts yuan to fen exactly, despite binary floats', () => {
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen(0.07)).toBe(7);
    expect(yuanToFen(1234567.89)).toBe(123456789);
  });
  it('refuses more than two decimals, negatives and non-numbers', () => {
    expect(yuanToFen(1.005)).toBeNull();
    expect(yuanToFen(-1)).toBeNull();
    expect(yuanToFen(Number.NaN)).toBeNull();
    expect(yuanToFen(Number.POSITIVE_INFINITY)).toBeNull();
  });
  it('rejects fractional or negative fen', () => {
    expect(() => assertFen(1.5)).toThrow(RangeError);
    expect(() => assertFen(-1)).toThrow(RangeError);
    expect(() => assertFen(100)).not.toThrow();
  });
});
