import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FC_SEED, fastCheckSeed } from './test-seed.ts';

describe('fastCheckSeed', () => {
  it('is FC_SEED when set, else the fixed default', () => {
    expect(fastCheckSeed({})).toBe(DEFAULT_FC_SEED);
    expect(fastCheckSeed({ FC_SEED: '' })).toBe(DEFAULT_FC_SEED);
    expect(fastCheckSeed({ FC_SEED: ' -930702599 ' })).toBe(-930702599);
  });

  it('refuses what is not a 32-bit whole number', () => {
    for (const bad of ['abc', '1.5', '1e12', '-3000000000']) {
      expect(() => fastCheckSeed({ FC_SEED: bad })).toThrow(/FC_SEED/);
    }
  });

  it("is this worker's fast-check seed: vitest.setup.ts ran here before the tests", () => {
    expect(fc.readConfigureGlobal().seed).toBe(fastCheckSeed());
  });
});
