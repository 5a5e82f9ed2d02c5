import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, type LonLat } from '../geo/line-distance.ts';
import { DEFAULT_EXPOSURE_BANDS, type Zone } from '../theatre.ts';
import {
  bandIndexOf,
  computeExposure,
  exposureOnDay,
  publicExposure,
  REAR_BAND_NAME,
  type ExposureInput,
  type UnitPosition,
} from './exposure.ts';

const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** Haversine distance between two places, km: the oracle. */
function haversine([lon1, lat1]: LonLat, [lon2, lat2]: LonLat): number {
  const h =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

// The hand-made line: the meridian 35° E from 46° N to 49° N (a meridian is a great circle). The
// nearest point of the meridian to (lon, lat) is the foot of the great circle through the place
// perpendicular to it, at latitude atan(tan(lat) / cos(lon − 35°)); the distance is the haversine
// distance to that foot when it falls within the segment, else to the nearer end.
const LINE: LonLat[][] = [
  [
    [35, 46],
    [35, 48],
    [35, 49],
  ],
];
function oracleKm([lon, lat]: LonLat): number {
  const footLat = deg(Math.atan(Math.tan(rad(lat)) / Math.cos(rad(lon - 35))));
  if (footLat >= 46 && footLat <= 49) return haversine([lon, lat], [35, footLat]);
  return Math.min(haversine([lon, lat], [35, 46]), haversine([lon, lat], [35, 49]));
}

const BANDS = DEFAULT_EXPOSURE_BANDS.map((b) => ({ name: b.name, maxKm: b.maxKm })); // 7.5/50/75/150

const unit = (id: string, lon: number, lat: number, over: Partial<UnitPosition> = {}): UnitPosition => ({
  id,
  nation: id.slice(0, 3),
  personnel: 100,
  lon,
  lat,
  fromDay: 10,
  ...over,
});

const exposure = (positions: UnitPosition[], over: Partial<ExposureInput> = {}) =>
  computeExposure({ line: LINE, bands: BANDS, positions, ...over });

describe('computeExposure: distances and bands', () => {
  // Expected band per place, from the oracle's distance (in brackets).
  const cases: [string, LonLat, number][] = [
    ['GBR-0001', [35, 47.5], 0], // on the line
    ['GBR-0002', [35.05, 47.5], 0], // 3.76 km
    ['FRA-0001', [35.4, 47], 1], // 30.3 km
    ['FRA-0002', [35.9, 48], 2], // 67.0 km
    ['DEU-0001', [36.5, 47], 3], // 113.7 km
    ['DEU-0002', [35, 51], 4], // 222.4 km beyond the north end: rear
    ['DEU-0003', [33.2, 45.1], 4], // south-west, beyond the south end
  ];

  it('measures each place against the haversine oracle and puts it in its band', () => {
    const result = exposure(cases.map(([id, [lon, lat]]) => unit(id, lon, lat)));
    expect(result.bands.map((b) => b.name)).toEqual([...BANDS.map((b) => b.name), REAR_BAND_NAME]);
    expect(result.bands[0]).toMatchObject({ fromKm: 0, toKm: 7.5 });
    expect(result.bands[4]).toMatchObject({ fromKm: 150, toKm: null });
    result.positions.forEach((p, i) => {
      const [id, place, band] = cases[i]!;
      expect(p.id).toBe(id);
      expect(p.distanceKm).toBeCloseTo(oracleKm(place), 6);
      expect(p.band).toBe(band);
    });
  });

  it('counts placed personnel per band, per nation and band, and apart the unplaced', () => {
    const result = exposure([
      unit('GBR-0001', 35.05, 47.5, { personnel: 300 }),
      unit('GBR-0002', 35.4, 47, { personnel: 200 }),
      unit('FRA-0001', 35.4, 47.2, { personnel: 50 }),
      unit('FRA-0002', 35, 51, { personnel: 70, fromDay: null }),
    ]);
    expect(result.personnel).toEqual([300, 250, 0, 0, 0]);
    expect(result.placedPersonnel).toBe(550);
    expect(result.unplacedPersonnel).toBe(70);
    expect(result.nations).toEqual([
      { nation: 'GBR', personnel: [300, 200, 0, 0, 0], unplacedPersonnel: 0 },
      { nation: 'FRA', personnel: [0, 50, 0, 0, 0], unplacedPersonnel: 70 },
    ]);
    // The unplaced unit still has its distance and band (where it is bound).
    expect(result.positions[3]!.band).toBe(4);
  });

  it('gives the timeline as cumulative change points, read by day', () => {
    const result = exposure([
      unit('GBR-0001', 35.05, 47.5, { personnel: 300, fromDay: 12 }),
      unit('GBR-0002', 35.4, 47, { personnel: 200, fromDay: 5 }),
      unit('FRA-0001', 35.05, 47.2, { personnel: 50, fromDay: 12 }),
      unit('FRA-0002', 36.5, 47, { personnel: 70, fromDay: null }),
    ]);
    expect(result.timeline.days).toEqual([5, 12]);
    expect(result.timeline.personnel).toEqual([
      [0, 350],
      [200, 200],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(exposureOnDay(result.timeline, 4)).toEqual([0, 0, 0, 0, 0]);
    expect(exposureOnDay(result.timeline, 5)).toEqual([0, 200, 0, 0, 0]);
    expect(exposureOnDay(result.timeline, 11)).toEqual([0, 200, 0, 0, 0]);
    expect(exposureOnDay(result.timeline, 12)).toEqual([350, 200, 0, 0, 0]);
    expect(exposureOnDay(result.timeline, 400)).toEqual(result.personnel);
  });

  it('refuses bands that do not run nearest first, and a unit without a place', () => {
    expect(() =>
      exposure([], {
        bands: [
          { name: 'a', maxKm: 50 },
          { name: 'b', maxKm: 50 },
        ],
      }),
    ).toThrow(/increasing maxKm/);
    expect(() => exposure([unit('GBR-0001', Number.NaN, 47)])).toThrow(/GBR-0001 has no place/);
    // No bands: everything is rear.
    expect(exposure([unit('GBR-0001', 35, 47)], { bands: [] }).personnel).toEqual([100]);
  });
});

describe('computeExposure: band boundaries (upper bound inclusive, lower exclusive)', () => {
  it('puts a distance equal to a band’s maxKm in that band, and just beyond in the next', () => {
    expect(bandIndexOf(BANDS, 0)).toBe(0);
    expect(bandIndexOf(BANDS, 7.5)).toBe(0);
    expect(bandIndexOf(BANDS, 7.5 + 1e-9)).toBe(1);
    expect(bandIndexOf(BANDS, 50)).toBe(1);
    expect(bandIndexOf(BANDS, 75)).toBe(2);
    expect(bandIndexOf(BANDS, 150)).toBe(3);
    expect(bandIndexOf(BANDS, 150 + 1e-9)).toBe(4);
  });

  it('holds at the boundary through the whole computation', () => {
    const place = unit('GBR-0001', 35.4, 47);
    const d = exposure([place]).positions[0]!.distanceKm;
    const at = (maxKm: number) => exposure([place], { bands: [{ name: 'near', maxKm }] }).positions[0]!.band;
    expect(at(d)).toBe(0);
    expect(at(d * (1 - 1e-12))).toBe(1);
  });

  it('puts a unit exactly on the line in the first band, at a vertex or between two', () => {
    const result = exposure(
      [unit('GBR-0001', 35, 48), unit('GBR-0002', 35, 46.7), unit('GBR-0003', 35, 49)],
      {
        bands: [{ name: 'tiny', maxKm: 1e-6 }, ...BANDS.slice(1)],
      },
    );
    for (const p of result.positions) {
      expect(p.distanceKm).toBeLessThan(1e-9);
      expect(p.band).toBe(0);
    }
  });

  it('never moves a unit to a nearer band as it moves farther away (property)', () => {
    const lon = fc.double({ min: 30, max: 40, noNaN: true });
    const lat = fc.double({ min: 44, max: 51, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(lon, lat), { minLength: 2, maxLength: 30 }), (places) => {
        const result = exposure(places.map(([x, y], i) => unit(`GBR-${i}`, x, y)));
        const sorted = [...result.positions].sort((a, b) => a.distanceKm - b.distanceKm);
        for (let i = 1; i < sorted.length; i++)
          expect(sorted[i]!.band).toBeGreaterThanOrEqual(sorted[i - 1]!.band);
      }),
      { numRuns: 100 },
    );
    // And literally moving one unit east, away from the meridian line, step by step.
    const bands = Array.from(
      { length: 60 },
      (_, i) => exposure([unit('GBR-0001', 35 + i * 0.05, 47.3)]).positions[0]!,
    );
    for (let i = 1; i < bands.length; i++) {
      expect(bands[i]!.distanceKm).toBeGreaterThan(bands[i - 1]!.distanceKm);
      expect(bands[i]!.band).toBeGreaterThanOrEqual(bands[i - 1]!.band);
    }
    expect(bands.at(-1)!.band).toBe(4);
  });

  it('sums the personnel per band to the placed personnel, per nation too (property)', () => {
    const position = fc.record({
      nation: fc.constantFrom('GBR', 'FRA', 'DEU'),
      personnel: fc.integer({ min: 0, max: 5000 }),
      lon: fc.double({ min: 30, max: 40, noNaN: true }),
      lat: fc.double({ min: 44, max: 51, noNaN: true }),
      fromDay: fc.option(fc.integer({ min: -10, max: 200 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(position, { maxLength: 40 }), (drawn) => {
        const positions = drawn.map((p, i) => ({ ...p, id: `${p.nation}-${i}` }));
        const result = exposure(positions);
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        const placed = sum(positions.filter((p) => p.fromDay !== null).map((p) => p.personnel));
        const unplaced = sum(positions.filter((p) => p.fromDay === null).map((p) => p.personnel));
        expect(sum(result.personnel)).toBe(placed);
        expect(result.placedPersonnel).toBe(placed);
        expect(result.unplacedPersonnel).toBe(unplaced);
        expect(sum(result.nations.flatMap((n) => n.personnel))).toBe(placed);
        result.personnel.forEach((p, b) => expect(sum(result.nations.map((n) => n.personnel[b]!))).toBe(p));
        // The timeline ends at the totals, never falls, and starts at nothing.
        expect(exposureOnDay(result.timeline, 10_000)).toEqual(result.personnel);
        expect(sum(exposureOnDay(result.timeline, -11))).toBe(0);
        for (const series of result.timeline.personnel)
          for (let k = 1; k < series.length; k++) expect(series[k]!).toBeGreaterThanOrEqual(series[k - 1]!);
      }),
      { numRuns: 100 },
    );
  });
});

describe('computeExposure: flags', () => {
  it('flags a unit whose offer’s caveat keeps it farther from the line than it stands', () => {
    const result = exposure([
      unit('DEU-0003', 35.4, 47, { offer: 'OFF-DEU-01', minDistanceKm: 50, label: 'Zaporizhzhia' }),
      unit('DEU-0004', 36.5, 47, { offer: 'OFF-DEU-01', minDistanceKm: 50, label: 'Dnipro' }),
      unit('DEU-0005', 35.4, 47, {
        offer: 'OFF-DEU-02',
        minDistanceKm: 50,
        fromDay: null,
        label: 'Zaporizhzhia',
      }),
    ]);
    expect(result.flags).toEqual([
      {
        kind: 'caveat',
        unit: 'DEU-0003',
        nation: 'DEU',
        offer: 'OFF-DEU-01',
        minKm: 50,
        distanceKm: result.positions[0]!.distanceKm,
        band: 1,
        placed: true,
        text: "OFF-DEU-01's caveat keeps it 50 km from the line; its ULN DEU-0003 stands 30 km away at Zaporizhzhia",
      },
      expect.objectContaining({
        kind: 'caveat',
        unit: 'DEU-0005',
        placed: false,
        text: "OFF-DEU-02's caveat keeps it 50 km from the line; its ULN DEU-0005 is bound for Zaporizhzhia, 30 km away (not yet scheduled)",
      }),
    ]);
  });

  it('lets a unit stand exactly at its caveat’s distance, and says 66.9 rather than 67 km just inside', () => {
    const place = unit('DEU-0003', 35.9, 48); // 66.96 km
    const d = exposure([place]).positions[0]!.distanceKm;
    expect(exposure([{ ...place, minDistanceKm: d }]).flags).toEqual([]);
    const inside = exposure([
      { ...place, lon: 35, minDistanceKm: 0.04 },
      { ...place, minDistanceKm: 67 },
    ]);
    expect(inside.flags.map((f) => f.text)).toEqual([
      'The caveat of ULN DEU-0003 keeps it 0.04 km from the line; it stands 0 km away',
      'The caveat of ULN DEU-0003 keeps it 67 km from the line; it stands 66.9 km away',
    ]);
  });

  it('flags the units of a nation whose no-deploy-within red line they stand inside', () => {
    const result = exposure(
      [unit('DEU-0001', 35.4, 47), unit('DEU-0002', 36.5, 47), unit('FRA-0001', 35.4, 47)],
      {
        redLines: [
          { id: 'RL-DEU-1', nation: 'DEU', rung: 'attack-on-coalition', effect: 'no-deploy-within', km: 75 },
          { id: 'RL-DEU-2', nation: 'DEU', rung: 'wider-war', effect: 'withdraws' },
        ],
      },
    );
    expect(result.flags).toEqual([
      expect.objectContaining({
        kind: 'red-line',
        unit: 'DEU-0001',
        redLine: 'RL-DEU-1',
        rung: 'attack-on-coalition',
        minKm: 75,
        text: "DEU's red line RL-DEU-1 keeps its units 75 km from the line from rung attack-on-coalition; its ULN DEU-0001 stands 30 km away",
      }),
    ]);
  });

  it('finds the zones a unit stands in (holes are holes) and flags demilitarised and no-deploy ones', () => {
    const square = (w: number, s: number, e: number, n: number): [number, number][] => [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ];
    const zones: Pick<Zone, 'id' | 'name' | 'kind' | 'geometry'>[] = [
      {
        id: 'DMZ',
        name: 'Demilitarised zone',
        kind: 'demilitarised',
        geometry: {
          type: 'Polygon',
          coordinates: [square(34.9, 45.9, 35.1, 49.1), square(34.95, 47.9, 35.05, 48.1)],
        },
      },
      {
        id: 'NPP',
        name: 'Around the power plant',
        kind: 'no-deploy',
        geometry: {
          type: 'MultiPolygon',
          coordinates: [[square(34.0, 47.4, 34.2, 47.6)], [square(36.0, 47.9, 36.2, 48.1)]],
        },
      },
      {
        id: 'AO',
        name: 'Area of operations',
        kind: 'other',
        geometry: { type: 'Polygon', coordinates: [square(30, 44, 40, 52)] },
      },
    ];
    const result = exposure(
      [
        unit('GBR-0001', 35.05, 47.5, { label: 'Forward post' }), // DMZ
        unit('GBR-0002', 35.0, 48.0), // in the DMZ's hole
        unit('GBR-0003', 36.1, 48.0, { personnel: 40 }), // the no-deploy zone's second polygon
        unit('GBR-0004', 34.1, 47.5, { fromDay: null }), // its first polygon, unplaced
        unit('GBR-0005', 41, 47.5), // outside every zone
      ],
      { zones },
    );
    expect(result.positions.map((p) => p.zones)).toEqual([
      ['DMZ', 'AO'],
      ['AO'],
      ['NPP', 'AO'],
      ['NPP', 'AO'],
      [],
    ]);
    expect(result.zones).toEqual([
      { id: 'DMZ', name: 'Demilitarised zone', kind: 'demilitarised', units: 1, personnel: 100 },
      { id: 'NPP', name: 'Around the power plant', kind: 'no-deploy', units: 1, personnel: 40 },
      { id: 'AO', name: 'Area of operations', kind: 'other', units: 3, personnel: 240 },
    ]);
    expect(result.flags.map((f) => [f.kind, f.unit, f.kind === 'zone' ? f.zone : '', f.placed])).toEqual([
      ['zone', 'GBR-0001', 'DMZ', true],
      ['zone', 'GBR-0003', 'NPP', true],
      ['zone', 'GBR-0004', 'NPP', false],
    ]);
    expect(result.flags[0]!.text).toBe(
      'ULN GBR-0001 stands in demilitarised zone "Demilitarised zone" at Forward post',
    );
  });
});

describe('publicExposure', () => {
  const full = exposure(
    [
      unit('DEU-0003', 35.4321, 47.0123, { offer: 'OFF-DEU-01', minDistanceKm: 50, label: 'Zaporizhzhia' }),
      unit('GBR-0001', 36.5678, 47.9876, { label: 'Dnipro staging area' }),
      unit('GBR-0002', 35.04, 47.55, { fromDay: null }),
    ],
    {
      zones: [
        {
          id: 'DMZ',
          name: 'Demilitarised zone',
          kind: 'demilitarised',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [34.9, 45.9],
                [35.1, 45.9],
                [35.1, 49.1],
                [34.9, 49.1],
                [34.9, 45.9],
              ],
            ],
          },
        },
      ],
    },
  );

  it('gives places only as grid-cell centres and distances only as bands', () => {
    const view = publicExposure(full);
    expect(view.gridDegrees).toBe(0.1);
    expect(view.positions.map((p) => [p.id, p.lon, p.lat, p.band])).toEqual([
      ['DEU-0003', 35.45, 47.05, 1],
      ['GBR-0001', 36.55, 47.95, 3],
      ['GBR-0002', 35.05, 47.55, 0],
    ]);
    full.positions.forEach((p, i) => {
      expect(Math.abs(view.positions[i]!.lon - p.lon)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.abs(view.positions[i]!.lat - p.lat)).toBeLessThanOrEqual(0.05 + 1e-9);
    });
    const json = JSON.stringify(view);
    expect(json).not.toMatch(/distanceKm|label|Zaporizhzhia|Dnipro|35\.4321|47\.0123|36\.5678|47\.9876/);
    for (const p of full.positions) {
      expect(json).not.toContain(String(p.distanceKm));
      expect(json).not.toContain(p.distanceKm.toFixed(1));
      expect(json).not.toContain(` ${Math.round(p.distanceKm)} km`);
    }
  });

  it('keeps the aggregates and the caveat flags (in bands), drops which unit is in which zone', () => {
    const view = publicExposure(full);
    expect(view.personnel).toEqual(full.personnel);
    expect(view.nations).toEqual(full.nations);
    expect(view.timeline).toEqual(full.timeline);
    expect(view.zones).toEqual(full.zones);
    expect(full.flags.map((f) => f.kind)).toEqual(['caveat', 'zone']);
    expect(view.flags).toEqual([
      {
        kind: 'caveat',
        unit: 'DEU-0003',
        nation: 'DEU',
        offer: 'OFF-DEU-01',
        minKm: 50,
        band: 1,
        placed: true,
        text: "OFF-DEU-01's caveat keeps it 50 km from the line; its ULN DEU-0003 stands in the Artillery reach band (7.5–50 km)",
      },
    ]);
  });

  it('takes another grid, and refuses a grid that hides nothing or everything', () => {
    expect(publicExposure(full, 1).positions[0]).toMatchObject({ lon: 35.5, lat: 47.5 });
    expect(() => publicExposure(full, 0)).toThrow(RangeError);
    expect(() => publicExposure(full, 11)).toThrow(RangeError);
  });
});
