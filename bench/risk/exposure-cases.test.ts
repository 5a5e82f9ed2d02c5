import { describe, expect, it } from 'vitest';
import { computeExposure } from '../../src/domain/analysis/exposure.ts';
import { buildCase, CASES } from './exposure-cases.ts';
import { EQUAL_KM } from './exposure.ts';
import { naiveDistanceKm } from './reference.ts';

const SMALL = { vertices: 300, positions: 200 };

describe('the exposure case family', () => {
  it('builds the same case from the same seed, and another from another seed', () => {
    for (const spec of CASES) {
      const a = buildCase(spec, 7, SMALL);
      expect(JSON.stringify(buildCase(spec, 7, SMALL).input)).toBe(JSON.stringify(a.input));
      expect(JSON.stringify(buildCase(spec, 8, SMALL).input)).not.toBe(JSON.stringify(a.input));
      expect(a.input.positions).toHaveLength(SMALL.positions);
    }
  });

  it('gives every shape the vertices asked for (but the few long segments) and the parts it names', () => {
    const built = Object.fromEntries(CASES.map((c) => [c.name, buildCase(c, 1, SMALL)]));
    expect(built['zig-zag, clustered']!.vertices).toBe(300);
    expect(built['mixed, clustered']!.vertices).toBe(300);
    expect(built['long segments, clustered']!.vertices).toBe(8);
    expect(built['multi-part, spread']!.parts).toBe(30);
  });

  it('agrees with the naive reference on every shape (what the benchmark checks)', () => {
    for (const spec of CASES) {
      const { input } = buildCase(spec, 3, SMALL);
      const fast = computeExposure(input);
      input.positions.forEach((p, i) =>
        expect(
          Math.abs(fast.positions[i]!.distanceKm - naiveDistanceKm(input.line, [p.lon, p.lat])),
        ).toBeLessThan(EQUAL_KM),
      );
    }
  });
});
