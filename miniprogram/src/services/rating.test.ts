import { coverTone, starsOf } from './rating';

describe('ratings and covers', () => {
  it('fills stars to the nearer whole star, within 0..5', () => {
    expect(starsOf(4.5)).toBe(5);
    expect(starsOf(3.4)).toBe(3);
    expect(starsOf(0)).toBe(0);
    expect(starsOf(7)).toBe(5);
    expect(starsOf(Number.NaN)).toBe(0);
  });

  it('gives a category one cover colour every time', () => {
    expect(coverTone('数据科学')).toBe(coverTone('数据科学'));
    expect(coverTone('数据科学')).toBeGreaterThanOrEqual(0);
    expect(coverTone('数据科学')).toBeLessThan(6);
  });
});
