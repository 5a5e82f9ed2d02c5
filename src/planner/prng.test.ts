import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SEED, bernoulliThreshold, xoshiro128StarStar } from './prng.ts';

// Outputs of the authors' reference C code (xoshiro128starstar.c seeded by splitmix64.c, state
// words = low and high halves of the first two splitmix64 outputs): the first six, then the 10,001st.
const REFERENCE: [number, number[], number][] = [
  [0, [3737715805, 2584255861, 2876756834, 3286328325, 1553311962, 1625202774], 307619042],
  [1, [1695105466, 1423115009, 634581793, 1068227753, 716759206, 4186505319], 1746127888],
  [42, [1776835114, 4165204688, 17111135, 2317295270, 2792088233, 2554630222], 2073376576],
  [MAX_SEED, [1233166643, 1287031142, 661813442, 2960669951, 2601079046, 1036114921], 3895977644],
];

describe('xoshiro128StarStar', () => {
  it.each(REFERENCE)('matches the reference C implementation for seed %d', (seed, first, later) => {
    const rng = xoshiro128StarStar(seed);
    expect(Array.from({ length: 6 }, () => rng.nextUint32())).toEqual(first);
    for (let i = 0; i < 9994; i++) rng.nextUint32();
    expect(rng.nextUint32()).toBe(later);
  });

  it('gives the same stream for the same seed, and floats in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_SEED }), (seed) => {
        const a = xoshiro128StarStar(seed);
        const b = xoshiro128StarStar(seed);
        for (let i = 0; i < 20; i++) {
          const f = a.nextFloat();
          expect(f).toBe(b.nextFloat());
          expect(f >= 0 && f < 1).toBe(true);
        }
      }),
    );
  });

  it('is roughly uniform: each tenth of [0, 1) gets about a tenth of 100,000 draws', () => {
    const rng = xoshiro128StarStar(7);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[Math.floor(rng.nextFloat() * 10)]!++;
    // Chi-square with 9 degrees of freedom: 27.9 is the 0.1 % critical value.
    const chi2 = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(27.9);
  });

  it('refuses seeds that are not whole, negative or beyond the safe integers', () => {
    for (const seed of [-1, 1.5, Number.NaN, MAX_SEED + 1]) {
      expect(() => xoshiro128StarStar(seed)).toThrow(RangeError);
    }
  });
});

describe('bernoulliThreshold', () => {
  it('is never passed at 0 and always at 1', () => {
    expect(0 < bernoulliThreshold(0)).toBe(false);
    expect(0xffffffff < bernoulliThreshold(1)).toBe(true);
    expect(bernoulliThreshold(0.5)).toBe(2 ** 31);
  });

  it('refuses a probability outside 0 to 1', () => {
    for (const p of [-0.01, 1.01, Number.NaN]) expect(() => bernoulliThreshold(p)).toThrow(RangeError);
  });
});
