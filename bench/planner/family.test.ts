import { describe, expect, it } from 'vitest';
import { congested, familyInstances, gapToBound, medianAndWorst, specName } from './family.ts';

describe('the benchmark family', () => {
  it('is seeds × normal and surge × sizes on the layered network, three shapes, and one large instance', () => {
    const specs = familyInstances({ seeds: 6, sizes: [500, 2000, 5000], shapeN: 2000, largeN: 50_000 });
    expect(specs.filter((s) => s.shape === 'layered' && s.n <= 5000)).toHaveLength(6 * 2 * 3);
    for (const shape of ['single-crossing', 'corridor-detour', 'mid-closure'] as const)
      expect(specs.filter((s) => s.shape === shape).map((s) => [s.load, s.n])).toEqual(
        Array.from({ length: 6 }, () => ['surge', 2000]),
      );
    const large = specs.filter((s) => s.n === 50_000);
    expect(large).toEqual([
      { shape: 'layered', load: 'normal', n: 50_000, seed: 1, bound: false, horizonDays: 600 },
    ]);
    expect(new Set(specs.map(specName)).size).toBe(specs.length);
  });

  it('has no large instance when asked for none', () => {
    expect(familyInstances({ seeds: 1, sizes: [500], shapeN: 500, largeN: 0 }).every((s) => s.bound)).toBe(
      true,
    );
  });
});

describe('gapToBound', () => {
  it('is the excess over the bound as a share of it', () => {
    expect(gapToBound(110, 100)).toBeCloseTo(0.1, 12);
    expect(gapToBound(100, 100)).toBe(0);
  });

  it('is 0 when nobody is late, infinite when a zero bound proves nothing, null without a bound', () => {
    expect(gapToBound(0, 0)).toBe(0);
    expect(gapToBound(5, 0)).toBe(Infinity);
    expect(gapToBound(5, null)).toBeNull();
  });
});

describe('medianAndWorst', () => {
  it('takes the middle and the largest, an infinite gap counting as the worst', () => {
    expect(medianAndWorst([3, 1, 2])).toEqual({ median: 2, worst: 3, count: 3 });
    expect(medianAndWorst([4, 1, 2, 3])).toEqual({ median: 2.5, worst: 4, count: 4 });
    expect(medianAndWorst([0.1, Infinity])).toEqual({ median: Infinity, worst: Infinity, count: 2 });
    expect(medianAndWorst([])).toBeNull();
  });

  it('calls an instance congested when its plan is later than the capacity-free bound', () => {
    expect(congested(1246, 1246)).toBe(false);
    expect(congested(1300, 1246)).toBe(true);
    // Without a bound: when anyone is late.
    expect(congested(0, null)).toBe(false);
    expect(congested(1, null)).toBe(true);
  });
});
