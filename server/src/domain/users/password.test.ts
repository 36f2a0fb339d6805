import { hashPassword, passwordWeakness, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse 42');
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse 42', hash)).toBe(true);
    expect(await verifyPassword('correct horse 43', hash)).toBe(false);
  });
  it('salts every hash', async () => {
    expect(await hashPassword('same-pass-1')).not.toBe(await hashPassword('same-pass-1'));
  });
  it('rejects malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});

describe('passwordWeakness', () => {
  it.each([
    ['short1', 'must be at least 8 characters'],
    ['onlyletters', 'must contain both letters and digits'],
    ['1234567890', 'must contain both letters and digits'],
    ['password123', 'is too common'],
    ['alice2024x', 'must not contain the username'],
  ])('%s → %s', (password, reason) => {
    expect(passwordWeakness(password, 'alice')).toBe(reason);
  });
  it('accepts a decent password, Chinese letters included', () => {
    expect(passwordWeakness('学习使我快乐2026', 'alice')).toBeNull();
    expect(passwordWeakness('tr0ub4dor&3', 'alice')).toBeNull();
  });
});
