import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM } from './line-distance.ts';
import { haversineKm, lineLengthKm } from './line-length.ts';

describe('lineLengthKm', () => {
  it('measures a degree of the equator and of a meridian as the sphere has it', () => {
    const degree = (Math.PI / 180) * EARTH_RADIUS_KM;
    expect(haversineKm([0, 0], [1, 0])).toBeCloseTo(degree, 6);
    expect(haversineKm([30, 45], [30, 46])).toBeCloseTo(degree, 6);
  });

  it('sums the segments of every polyline and not the gaps between them', () => {
    const a: [number, number][] = [
      [0, 0],
      [1, 0],
      [2, 0],
    ];
    const b: [number, number][] = [
      [10, 0],
      [10, 1],
    ];
    const degree = (Math.PI / 180) * EARTH_RADIUS_KM;
    expect(lineLengthKm([a])).toBeCloseTo(2 * degree, 6);
    expect(lineLengthKm([a, b])).toBeCloseTo(3 * degree, 6);
    expect(lineLengthKm([[[5, 5]]])).toBe(0);
    expect(lineLengthKm([])).toBe(0);
  });
});
