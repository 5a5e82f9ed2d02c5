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

/**
 * Distance from p to the minor arc a–b by the navigators' cross-track and along-track formulas
 * (bearings and haversine, no vectors): an oracle independent of the code under test.
 */
function arcOracleKm(p: LonLat, a: LonLat, b: LonLat): number {
  const angle = (x: LonLat, y: LonLat) => haversine(x, y) / EARTH_RADIUS_KM;
  const bearing = ([lon1, lat1]: LonLat, [lon2, lat2]: LonLat) =>
    Math.atan2(
      Math.sin(rad(lon2 - lon1)) * Math.cos(rad(lat2)),
      Math.cos(rad(lat1)) * Math.sin(rad(lat2)) -
        Math.sin(rad(lat1)) * Math.cos(rad(lat2)) * Math.cos(rad(lon2 - lon1)),
    );
  const d13 = angle(a, p);
  const d12 = angle(a, b);
  const ends = Math.min(d13, angle(b, p));
  if (d12 === 0) return ends * EARTH_RADIUS_KM;
  const turn = bearing(a, p) - bearing(a, b);
  const crossTrack = Math.asin(Math.sin(d13) * Math.sin(turn));
  const alongTrack = Math.atan2(Math.sin(d13) * Math.cos(turn), Math.cos(d13));
  const within = alongTrack >= 0 && alongTrack <= d12;
  return (within ? Math.min(Math.abs(crossTrack), ends) : ends) * EARTH_RADIUS_KM;
}

/** The naive exact scan: the oracle's distance to every segment, the least. */
function scanOracleKm(polylines: LonLat[][], p: LonLat): number {
  let best = Infinity;
  for (const line of polylines) {
    if (line.length === 1) best = Math.min(best, haversine(p, line[0]!));
    for (let i = 1; i < line.length; i++) best = Math.min(best, arcOracleKm(p, line[i - 1]!, line[i]!));
  }
  return best;
}

describe('distanceToLine: the prefilter skips only what cannot be nearest', () => {
  it('equals the naive exact scan on long lines of several parts, short and long segments mixed (property)', () => {
    const lon = fc.double({ min: 22, max: 42, noNaN: true });
    const lat = fc.double({ min: 44, max: 54, noNaN: true });
    // A part is a random walk: mostly steps of a few km (many blocks of short segments), sometimes a
    // jump of hundreds of km (a long segment, whose sagitta is large).
    const step = fc.oneof(
      {
        weight: 9,
        arbitrary: fc.tuple(
          fc.double({ min: -0.05, max: 0.05, noNaN: true }),
          fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        ),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(
          fc.double({ min: -8, max: 8, noNaN: true }),
          fc.double({ min: -4, max: 4, noNaN: true }),
        ),
      },
    );
    const part = fc.tuple(fc.tuple(lon, lat), fc.array(step, { maxLength: 120 })).map(([start, steps]) => {
      const out: LonLat[] = [start as LonLat];
      for (const [dx, dy] of steps) {
        const [x, y] = out.at(-1)!;
        out.push([Math.min(44, Math.max(20, x + dx)), Math.min(56, Math.max(42, y + dy))]);
      }
      return out;
    });
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(lon, lat), { minLength: 1, maxLength: 8 }),
        (parts, places) => {
          const line = prepareLine(parts);
          for (const p of places as LonLat[])
            expect(distanceToLine(line, p)).toBeCloseTo(scanOracleKm(parts, p), 6);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('finds a dense zig-zag’s nearest segment beside a 1,500 km segment, and a point near the long one', () => {
    const zigzag: LonLat[] = Array.from({ length: 400 }, (_, i) => [30 + i * 0.01, 48 + (i % 2) * 0.01]);
    const parts: LonLat[][] = [
      zigzag,
      [
        [25, 44],
        [45, 52],
      ],
    ];
    const line = prepareLine(parts);
    for (const p of [
      [31.003, 48.02],
      [32.5, 47.9],
      [35, 48.2],
      [40, 50.3],
      [24, 44],
      [33.1, 48.005],
    ] as LonLat[])
      expect(distanceToLine(line, p)).toBeCloseTo(scanOracleKm(parts, p), 6);
  });

  it('gives the same answer whatever was asked before (the scratch arrays are reused)', () => {
    const parts: LonLat[][] = [
      Array.from({ length: 100 }, (_, i) => [30 + i * 0.1, 47 + Math.sin(i) * 0.3] as LonLat),
    ];
    const line = prepareLine(parts);
    const places: LonLat[] = [
      [31, 48],
      [45, 40],
      [33.3, 47.1],
      [31, 48],
    ];
    const answers = places.map((p) => distanceToLine(line, p));
    expect(answers[3]).toBe(answers[0]);
    places.forEach((p, i) => expect(distanceToLine(prepareLine(parts), p)).toBe(answers[i]));
  });
});
