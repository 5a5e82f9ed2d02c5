import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceToLine, EARTH_RADIUS_KM, prepareLine, type LonLat } from './line-distance.ts';

const rad = (d: number) => (d * Math.PI) / 180;

/** Haversine distance between two places, km: the oracle for vertices and sampled arc points. */
function haversine([lon1, lat1]: LonLat, [lon2, lat2]: LonLat): number {
  const h =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Points along the great-circle arc from a to b (spherical interpolation), both ends included. */
function arcPoints(a: LonLat, b: LonLat, n: number): LonLat[] {
  const v = ([lon, lat]: LonLat) => [
    Math.cos(rad(lat)) * Math.cos(rad(lon)),
    Math.cos(rad(lat)) * Math.sin(rad(lon)),
    Math.sin(rad(lat)),
  ];
  const va = v(a);
  const vb = v(b);
  const omega = Math.acos(Math.min(1, va[0]! * vb[0]! + va[1]! * vb[1]! + va[2]! * vb[2]!));
  const out: LonLat[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const [wa, wb] =
      omega < 1e-12
        ? [1 - t, t]
        : [Math.sin((1 - t) * omega) / Math.sin(omega), Math.sin(t * omega) / Math.sin(omega)];
    const x = wa * va[0]! + wb * vb[0]!;
    const y = wa * va[1]! + wb * vb[1]!;
    const z = wa * va[2]! + wb * vb[2]!;
    out.push([(Math.atan2(y, x) * 180) / Math.PI, (Math.atan2(z, Math.hypot(x, y)) * 180) / Math.PI]);
  }
  return out;
}

describe('distanceToLine', () => {
  it('measures across a meridian and to the nearer end beyond the segment', () => {
    const line = prepareLine([
      [
        [30, 45],
        [30, 55],
      ],
    ]);
    // On the equator-perpendicular: 1° of longitude at 50° N, on the great circle through the meridian.
    expect(distanceToLine(line, [31, 50])).toBeCloseTo(
      EARTH_RADIUS_KM * Math.asin(Math.cos(rad(50)) * Math.sin(rad(1))),
      6,
    );
    expect(distanceToLine(line, [30, 57])).toBeCloseTo(haversine([30, 57], [30, 55]), 6);
    expect(distanceToLine(line, [30, 50])).toBeCloseTo(0, 9);
  });

  it('is the least distance to any point of the line (against dense sampling, property)', () => {
    const place = fc.tuple(
      fc.double({ min: 20, max: 45, noNaN: true }),
      fc.double({ min: 42, max: 56, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(place, { minLength: 1, maxLength: 12 }),
        fc.array(place, { minLength: 1, maxLength: 5 }),
        (vertices, places) => {
          const line = prepareLine([vertices as LonLat[]]);
          const samples =
            vertices.length === 1
              ? [vertices[0] as LonLat]
              : vertices
                  .slice(1)
                  .flatMap((v, i) =>
                    arcPoints(
                      vertices[i] as LonLat,
                      v as LonLat,
                      Math.max(10, Math.ceil(haversine(vertices[i] as LonLat, v as LonLat) / 0.5)),
                    ),
                  );
          for (const p of places) {
            const got = distanceToLine(line, p as LonLat);
            const sampled = Math.min(...samples.map((s) => haversine(p as LonLat, s)));
            // Never more than the nearest sample; less only by the sampling step's reach.
            expect(got).toBeLessThanOrEqual(sampled + 1e-6);
            expect(got).toBeGreaterThan(sampled - 2);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('joins several polylines: the distance is to the nearest of them', () => {
    const a: LonLat[] = [
      [35, 47],
      [36, 48],
    ];
    const b: LonLat[] = [
      [38, 48],
      [38, 49],
    ];
    const both = prepareLine([a, b]);
    const p: LonLat = [37.8, 48.5];
    expect(distanceToLine(both, p)).toBeCloseTo(
      Math.min(distanceToLine(prepareLine([a]), p), distanceToLine(prepareLine([b]), p)),
      9,
    );
  });
});
