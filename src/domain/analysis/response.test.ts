import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKm } from '../geo/line-length.ts';
import {
  computeResponse,
  DEFAULT_RESPONSE_SETTINGS as S,
  movementOf,
  type Responder,
  type ResponseSector,
  type RungConstraints,
} from './response.ts';

// Two sectors 100 km apart on the parallel 48° N, and a rear sector far west.
const EAST: ResponseSector = { name: 'East', lon: 35, lat: 48, distanceToLineKm: 20 };
const WEST: ResponseSector = { name: 'West', lon: 33.66, lat: 48, distanceToLineKm: 120 };
const REAR: ResponseSector = { name: 'Rear', lon: 24, lat: 49.8, distanceToLineKm: 800 };
const SECTORS = [EAST, WEST, REAR];

const unit = (id: string, at: ResponseSector, over: Partial<Responder> = {}): Responder => ({
  id,
  nation: id.slice(0, 3),
  capability: 'MECH-INF-BN',
  domain: 'land',
  movement: 'road',
  personnel: 600,
  lon: at.lon,
  lat: at.lat,
  sector: at.name,
  fromDay: 10,
  homeHours: 10 * 24,
  excludedSectors: [],
  ...over,
});

const rung = (id: string, over: Partial<RungConstraints> = {}): RungConstraints => ({
  rung: id,
  hoursToRespond: 24,
  withdrawn: new Map(),
  keepAwayKm: new Map(),
  ...over,
});

const respond = (responders: Responder[], rungs: RungConstraints[] = [rung('r1')], day = 30) =>
  computeResponse({ responders, sectors: SECTORS, sector: 'East', day, rungs });

const roadHours = (from: ResponseSector, to: ResponseSector) =>
  S.noticeHours.land + (haversineKm([from.lon, from.lat], [to.lon, to.lat]) * S.roadFactor) / S.marchKmh;

describe('computeResponse: hours to the threatened sector', () => {
  it('a unit in the sector answers on its notice to move; a neighbour drives; the rear drives longer', () => {
    const r = respond([unit('AAA-1', EAST), unit('BBB-1', WEST), unit('CCC-1', REAR)]);
    const hours = Object.fromEntries(r.units.map((u) => [u.id, u.hours]));
    expect(hours['AAA-1']).toBe(S.noticeHours.land);
    expect(hours['BBB-1']).toBeCloseTo(roadHours(WEST, EAST), 1);
    expect(hours['CCC-1']).toBeCloseTo(roadHours(REAR, EAST), 1);
    // ~100 km at 30 km/h with 1.3 circuity and 6 h NTM: inside 24 h; ~870 km: beyond 24 h, inside 48 h.
    expect(hours['BBB-1']!).toBeLessThan(24);
    expect(hours['CCC-1']!).toBeGreaterThan(24);
    expect(r.rungs[0]!.personnel).toEqual([1200, 1800, 1800]);
    expect(r.units.map((u) => u.id)).toEqual(['AAA-1', 'BBB-1', 'CCC-1']);
  });

  it('aircraft and helicopters fly, a ship answers only where it stands, an enabler never counts', () => {
    const r = respond([
      unit('AIR-1', REAR, { domain: 'air', movement: 'aircraft' }),
      unit('AVN-1', REAR, { movement: 'rotary' }),
      unit('SEA-1', WEST, { domain: 'maritime', movement: 'sea' }),
      unit('SEA-2', EAST, { domain: 'maritime', movement: 'sea' }),
      unit('LOG-1', EAST, { domain: 'enabler', movement: null }),
    ]);
    const by = new Map(r.units.map((u) => [u.id, u]));
    const km = haversineKm([REAR.lon, REAR.lat], [EAST.lon, EAST.lat]);
    expect(by.get('AIR-1')!.hours).toBeCloseTo(S.noticeHours.air + km / S.airKmh, 1);
    expect(by.get('AVN-1')!.hours).toBeCloseTo(S.noticeHours.land + km / S.rotaryKmh, 1);
    expect(by.get('SEA-1')!.cannot).toMatch(/maritime unit answers only in the sector it stands in/);
    expect(by.get('SEA-2')!.hours).toBe(S.noticeHours.maritime);
    expect(by.get('LOG-1')!.cannot).toMatch(/enabler/);
    // AIR, AVN and SEA-2 within 24 h; the enabler and the ship elsewhere never.
    expect(r.rungs[0]!.personnel).toEqual([1800, 1800, 1800]);
  });

  it('a unit not yet in theatre on the day comes from home: readiness plus transit, then onward', () => {
    const home = unit('HOM-1', WEST, { fromDay: 40, homeHours: 2 * 24 });
    const r = respond([home], [rung('r1')], 30);
    const u = r.units[0]!;
    expect(u.from).toBe('home');
    expect(u.route).toBe('from-home');
    expect(u.hours).toBeCloseTo(48 + roadHours(WEST, EAST), 1);
    expect(r.rungs[0]!.personnel).toEqual([0, 0, 600]);
    // The day it has arrived, it is in theatre.
    expect(respond([home], [rung('r1')], 40).units[0]!.from).toBe('theatre');
    // The plan does not deliver it: it cannot come.
    const lost = respond([unit('LOS-1', WEST, { fromDay: null, homeHours: null })]).units[0]!;
    expect(lost.hours).toBeNull();
    expect(lost.cannot).toMatch(/no route/);
  });
});

describe('computeResponse: caveats and red lines', () => {
  it("an offer's excluded sector or distance caveat bars a unit at every rung", () => {
    const r = respond([
      unit('EXC-1', WEST, { excludedSectors: ['East'] }),
      unit('FAR-1', WEST, { minDistanceKm: 50 }),
      unit('NEA-1', WEST, { minDistanceKm: 10 }),
    ]);
    const by = new Map(r.units.map((u) => [u.id, u]));
    expect(by.get('EXC-1')!.cannot).toMatch(/excludes the East sector/);
    expect(by.get('FAR-1')!.cannot).toMatch(/keeps it 50 km from the line; East is 20 km/);
    expect(by.get('NEA-1')!.cannot).toBeNull();
    expect(r.rungs[0]!.personnel[0]).toBe(600);
  });

  it('a withdrawal at a rung takes its share; a keep-away red line takes the nation from a sector nearer the line', () => {
    const units = [unit('AAA-1', EAST), unit('BBB-1', EAST), unit('CCC-1', WEST)];
    const r = respond(units, [
      rung('calm'),
      rung('attack', {
        hoursToRespond: 48,
        withdrawn: new Map([['AAA', 1]]),
        keepAwayKm: new Map([['CCC', 30]]),
      }),
      rung('war', {
        hoursToRespond: 72,
        withdrawn: new Map([
          ['AAA', 1],
          ['BBB', 0.5],
        ]),
      }),
    ]);
    expect(r.rungs.map((g) => g.personnel[0])).toEqual([1800, 600, 900]);
    expect(r.rungs[1]!.keptAway).toEqual(['CCC']);
    expect(r.rungs[1]!.nations.map((n) => n.nation)).toEqual(['BBB']);
    expect(r.rungs[2]!.personnelWithinRungTime).toBe(900);
  });

  it('totals are the sum over nations and never grow with the window shrinking (property)', () => {
    const place = fc.constantFrom(EAST, WEST, REAR);
    const responder = fc.record({
      nation: fc.constantFrom('AAA', 'BBB', 'CCC'),
      at: place,
      personnel: fc.integer({ min: 1, max: 900 }),
      movement: fc.constantFrom('road', 'rotary', 'aircraft', 'sea', null),
      fromDay: fc.option(fc.integer({ min: 0, max: 60 })),
      share: fc.constantFrom(0, 0.5, 1),
    });
    fc.assert(
      fc.property(fc.array(responder, { maxLength: 30 }), (rs) => {
        const units = rs.map((x, i) =>
          unit(`${x.nation}-${i}`, x.at, {
            personnel: x.personnel,
            movement: x.movement as Responder['movement'],
            fromDay: x.fromDay,
          }),
        );
        const withdrawn = new Map(rs.map((x) => [x.nation, x.share]));
        const r = respond(units, [rung('r', { withdrawn })]);
        const g = r.rungs[0]!;
        for (let i = 0; i < r.windows.length; i++) {
          const sum = g.nations.reduce((s, n) => s + n.personnel[i]!, 0);
          expect(Math.abs(sum - g.personnel[i]!)).toBeLessThanOrEqual(g.nations.length);
          if (i > 0) expect(g.personnel[i]!).toBeGreaterThanOrEqual(g.personnel[i - 1]!);
        }
      }),
    );
  });

  it('refuses a threatened sector it was not given', () => {
    expect(() =>
      computeResponse({ responders: [], sectors: SECTORS, sector: 'Nowhere', day: 0, rungs: [] }),
    ).toThrow(/no sector "Nowhere"/);
  });
});

describe('movementOf', () => {
  it('reads the APP-6 battle dimension or symbol set before the domain', () => {
    expect(movementOf({ domain: 'air', app6: 'SFGPUCDM---E---' })).toBe('road'); // GBAD battery
    expect(movementOf({ domain: 'air', app6: 'SFAPMFF--------' })).toBe('aircraft');
    expect(movementOf({ domain: 'land', app6: 'SFGPUCV----F---' })).toBe('rotary'); // aviation
    expect(movementOf({ domain: 'maritime', app6: 'SFSPCLFF-------' })).toBe('sea');
    expect(movementOf({ domain: 'land', app6: '10031000001211000000' })).toBe('road');
    expect(movementOf({ domain: 'land', app6: '10030100001101000000' })).toBe('aircraft');
    expect(movementOf({ domain: 'enabler', app6: 'SFGPUSS----F---' })).toBeNull();
    expect(movementOf({ domain: 'maritime', app6: '***************' })).toBe('sea');
  });
});
