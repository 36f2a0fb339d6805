import { fenFromInput, yuan } from './format';

describe('money in the console', () => {
  it('reads yuan typed in a form as fen, exactly', () => {
    expect(fenFromInput('99.9')).toBe(9990);
    expect(fenFromInput(' 0.07 ')).toBe(7);
    expect(fenFromInput('19.99')).toBe(1999);
    expect(fenFromInput('0')).toBe(0);
    for (const bad of ['', '9.999', '-1', 'abc', '1e3', '12345678']) expect(fenFromInput(bad)).toBeNull();
  });

  it('shows zero as ¥0.00', () => {
    expect(yuan(0)).toBe('¥0.00');
    expect(yuan(12345)).toBe('¥123.45');
  });
});
