// Password hashing: the cost new hashes get, and that a stored hash verifies whatever its own cost.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_N, hashPassword, scryptCost, verifyPassword } from './passwords.ts';

const PASSWORD = 'correct horse battery staple';

describe('scryptCost', () => {
  it('is 2^15 unless COALITION_SCRYPT_N says otherwise', () => {
    expect(DEFAULT_SCRYPT_N).toBe(32768);
    expect(scryptCost({})).toBe(32768);
    expect(scryptCost({ COALITION_SCRYPT_N: '' })).toBe(32768);
    expect(scryptCost({ COALITION_SCRYPT_N: '1024' })).toBe(1024);
    expect(scryptCost({ COALITION_SCRYPT_N: '65536' })).toBe(65536);
  });

  it('refuses a cost that is not a power of two in range, naming the variable', () => {
    for (const bad of ['1000', '512', '2097152', 'cheap', '1024.5']) {
      expect(() => scryptCost({ COALITION_SCRYPT_N: bad })).toThrow(
        `COALITION_SCRYPT_N: must be a power of two from 1024 to 1048576, not "${bad}"`,
      );
    }
  });
});

describe('hashPassword / verifyPassword', () => {
  it('writes the cost into the hash, and a hash of either cost verifies', async () => {
    const saved = process.env.COALITION_SCRYPT_N;
    try {
      delete process.env.COALITION_SCRYPT_N;
      const strong = await hashPassword(PASSWORD);
      process.env.COALITION_SCRYPT_N = '1024';
      const cheap = await hashPassword(PASSWORD);
      expect(strong).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
      for (const hash of [strong, cheap]) {
        expect(await verifyPassword(PASSWORD, hash)).toBe(true);
        expect(await verifyPassword(`${PASSWORD}!`, hash)).toBe(false);
      }
    } finally {
      if (saved === undefined) delete process.env.COALITION_SCRYPT_N;
      else process.env.COALITION_SCRYPT_N = saved;
    }
  });

  it('treats a hash with implausible parameters as a mismatch', async () => {
    const hash = await hashPassword(PASSWORD);
    const [, , r, p, salt, key] = hash.split('$');
    expect(await verifyPassword(PASSWORD, ['scrypt', 2 ** 21, r, p, salt, key].join('$'))).toBe(false);
    expect(await verifyPassword(PASSWORD, ['scrypt', 1000, r, p, salt, key].join('$'))).toBe(false);
    expect(await verifyPassword(PASSWORD, 'bcrypt$whatever')).toBe(false);
  });
});
