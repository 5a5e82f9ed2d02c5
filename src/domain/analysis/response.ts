// Who can respond (issue 15): at each rung of the escalation ladder, which of the coalition's units
// can reach a threatened sector within 24, 48 and 72 hours, from where the deployment plan puts them
// on the day of the threat, their readiness, and the network's transit times.
//
// The model, each part a stated planning assumption the analysis echoes back:
// - A unit in theatre on the day (the plan has it at its destination by then) moves on its notice to
//   move (NTM, hours) and then as its APP-6 symbol says it moves (movementOf): a ground unit by road,
//   the great-circle distance times a circuity factor at a march rate (km/h, halts included), so a
//   ground-based air defence battery of the air domain drives; an aviation (helicopter) unit and an
//   aircraft fly, at a rotary or a cruise speed; a sea unit answers only in the sector it stands in.
//   Enablers (logistics, medical, headquarters) are not a response force: listed, never counted.
// - A unit not yet in theatre on the day starts from home: its readiness (the offer's days to ready)
//   plus the uncontended transit of its planned route (the sum of its legs' transit days; the plan's
//   queues are the deployment's, not a reinforcement's), then the same move from its destination.
// - Caveats and red lines bind: a sector the offer excludes, a sector nearer the line than its caveat
//   or a red line in effect at the rung allows, and the share of a nation withdrawn at the rung.
import type { ForceDomain } from '../scenario-schema.ts';
import { haversineKm } from '../geo/line-length.ts';

/** The response windows of the tiered response reported on 3 February 2026: 24, 48 and 72 hours. */
export const RESPONSE_WINDOWS_HOURS = [24, 48, 72] as const;

export interface ResponseSettings {
  /** Notice to move, hours: a ground or aviation unit (land), an aircraft (air), a ship (maritime). */
  noticeHours: { land: number; air: number; maritime: number };
  /** Road march rate of a ground unit, km/h including halts. */
  marchKmh: number;
  /** Road distance over great-circle distance. */
  roadFactor: number;
  /** Cruise speed of an aircraft, km/h. */
  airKmh: number;
  /** Transit speed of an aviation (helicopter) unit, km/h. */
  rotaryKmh: number;
}

/**
 * Planning assumptions, not doctrine figures: a 6-hour NTM for a ground, aviation or maritime unit
 * and 2 hours for an aircraft; a column's march rate of 30 km/h with halts on main roads; roads
 * 30 % longer than the great circle; 700 km/h cruise for aircraft, 200 km/h for helicopters.
 */
export const DEFAULT_RESPONSE_SETTINGS: ResponseSettings = {
  noticeHours: { land: 6, air: 2, maritime: 6 },
  marchKmh: 30,
  roadFactor: 1.3,
  airKmh: 700,
  rotaryKmh: 200,
};

/** How a unit moves to answer: by road, by helicopter, by aircraft, by sea; null: it does not. */
export type Movement = 'road' | 'rotary' | 'aircraft' | 'sea';

/**
 * How a capability moves, read from its APP-6 symbol where it says (the battle dimension of a
 * 15-letter 2525C code, the symbol set of a 20/30-digit 2525D code; a 2525C ground unit whose
 * function starts "UCV" is aviation), else from its domain. An enabler never responds.
 */
export function movementOf(capability: { domain: ForceDomain; app6: string }): Movement | null {
  if (capability.domain === 'enabler') return null;
  const code = capability.app6;
  if (/^[A-Z*-]{15}$/.test(code)) {
    const dimension = code[2];
    if (dimension === 'A') return 'aircraft';
    if (dimension === 'S' || dimension === 'U') return 'sea';
    if (dimension === 'G' || dimension === 'F') return code.slice(4, 7) === 'UCV' ? 'rotary' : 'road';
  } else if (/^\d{20}(\d{10})?$/.test(code)) {
    const set = code.slice(4, 6);
    if (set === '01' || set === '02') return 'aircraft';
    if (set === '30' || set === '35' || set === '36') return 'sea';
    if (set === '10' || set === '11' || set === '15' || set === '20') return 'road';
  }
  return capability.domain === 'air' ? 'aircraft' : capability.domain === 'maritime' ? 'sea' : 'road';
}

export interface Responder {
  /** ULN id. */
  id: string;
  nation: string;
  capability: string;
  domain: ForceDomain;
  /** How it moves to answer (movementOf); null for an enabler. */
  movement: Movement | null;
  personnel: number;
  /** Where it stands (or will stand) in theatre: its destination. */
  lon: number;
  lat: number;
  /** Its destination's sector, when the destination is a sector's. */
  sector: string | null;
  /** C-day it stands at its destination; null when the plan does not deliver it. */
  fromDay: number | null;
  /** Hours from home to its destination: readiness plus uncontended transit; null without a route. */
  homeHours: number | null;
  excludedSectors: readonly string[];
  /** Its offer's caveat: least distance from the line, km. */
  minDistanceKm?: number | undefined;
}

export interface ResponseSector {
  name: string;
  lon: number;
  lat: number;
  /** Distance from its destination to the line of contact; null without a line. */
  distanceToLineKm: number | null;
}

/** What is in effect at a rung: the share of each nation withdrawn and its keep-away distance. */
export interface RungConstraints {
  rung: string;
  hoursToRespond: number;
  withdrawn: ReadonlyMap<string, number>;
  keepAwayKm: ReadonlyMap<string, number>;
}

export type ResponseRoute = 'in-sector' | 'road' | 'rotary' | 'air' | 'from-home';

export interface UnitResponse {
  id: string;
  nation: string;
  capability: string;
  domain: ForceDomain;
  personnel: number;
  /** In theatre on the day, or still at home. */
  from: 'theatre' | 'home';
  route: ResponseRoute | null;
  /** Hours to reach the sector; null when it cannot (see `cannot`). */
  hours: number | null;
  /** Why it cannot respond at any rung: a caveat, an enabler, no route. */
  cannot: string | null;
}

export interface RungResponse {
  rung: string;
  hoursToRespond: number;
  /** Personnel able to reach the sector within each window, after the rung's withdrawals. */
  personnel: number[];
  /** Personnel within the rung's own time to respond. */
  personnelWithinRungTime: number;
  nations: { nation: string; personnel: number[] }[];
  /** Nations whose red lines in effect at the rung keep them from the sector. */
  keptAway: string[];
}

export interface SectorResponse {
  sector: string;
  distanceToLineKm: number | null;
  /** Personnel within each window at the lowest rung (or with no ladder, all nations delivering). */
  personnel: number[];
}

export interface ResponseReport {
  sector: string;
  day: number;
  windows: number[];
  units: UnitResponse[];
  rungs: RungResponse[];
  sectors: SectorResponse[];
}

export interface ResponseInput {
  responders: readonly Responder[];
  sectors: readonly ResponseSector[];
  /** The threatened sector: one of `sectors`. */
  sector: string;
  /** C-day of the threat. */
  day: number;
  rungs: readonly RungConstraints[];
  settings?: ResponseSettings;
}

/**
 * What the red lines put in effect at each rung (given lowest first): per nation the largest share
 * withdrawn and the largest keep-away distance of its red lines at that rung or below, as the
 * escalation Monte Carlo applies them; conditional on the rung being reached, they are certain.
 */
export function rungConstraintsOf(
  rungs: readonly { id: string; hoursToRespond: number }[],
  redLines: readonly {
    nation: string;
    rung: string;
    effect: string;
    share?: number | undefined;
    km?: number | undefined;
  }[],
): RungConstraints[] {
  const withdrawn = new Map<string, number>();
  const keepAwayKm = new Map<string, number>();
  return rungs.map((rung) => {
    for (const l of redLines) {
      if (l.rung !== rung.id) continue;
      if (l.effect === 'withdraws')
        withdrawn.set(l.nation, Math.max(withdrawn.get(l.nation) ?? 0, l.share ?? 1));
      else if (l.km !== undefined) keepAwayKm.set(l.nation, Math.max(keepAwayKm.get(l.nation) ?? 0, l.km));
    }
    return {
      rung: rung.id,
      hoursToRespond: rung.hoursToRespond,
      withdrawn: new Map([...withdrawn].filter(([, share]) => share > 0)),
      keepAwayKm: new Map(keepAwayKm),
    };
  });
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Hours for a unit at its destination to reach the sector, or why it cannot. */
function moveHours(
  r: Responder,
  to: ResponseSector,
  s: ResponseSettings,
): { route: ResponseRoute; hours: number } | { cannot: string } {
  const inSector = r.sector === to.name;
  const km = haversineKm([r.lon, r.lat], [to.lon, to.lat]);
  switch (r.movement) {
    case null:
      return { cannot: 'an enabler, not a response force' };
    case 'sea':
      return inSector
        ? { route: 'in-sector', hours: s.noticeHours.maritime }
        : { cannot: 'a maritime unit answers only in the sector it stands in' };
    case 'aircraft':
      return inSector
        ? { route: 'in-sector', hours: s.noticeHours.air }
        : { route: 'air', hours: s.noticeHours.air + km / s.airKmh };
    case 'rotary':
      return inSector
        ? { route: 'in-sector', hours: s.noticeHours.land }
        : { route: 'rotary', hours: s.noticeHours.land + km / s.rotaryKmh };
    case 'road':
      return inSector
        ? { route: 'in-sector', hours: s.noticeHours.land }
        : { route: 'road', hours: s.noticeHours.land + (km * s.roadFactor) / s.marchKmh };
  }
}

/** A caveat that keeps the unit out of the sector at every rung, in words; null when none. */
function caveatBars(r: Responder, to: ResponseSector): string | null {
  if (r.excludedSectors.includes(to.name)) return `its offer's caveat excludes the ${to.name} sector`;
  if (r.minDistanceKm !== undefined && to.distanceToLineKm !== null && to.distanceToLineKm < r.minDistanceKm)
    return `its offer's caveat keeps it ${r.minDistanceKm} km from the line; ${to.name} is ${Math.round(to.distanceToLineKm)} km`;
  return null;
}

function unitResponse(r: Responder, to: ResponseSector, day: number, s: ResponseSettings): UnitResponse {
  const common = {
    id: r.id,
    nation: r.nation,
    capability: r.capability,
    domain: r.domain,
    personnel: r.personnel,
  };
  const inTheatre = r.fromDay !== null && r.fromDay <= day;
  const from = inTheatre ? ('theatre' as const) : ('home' as const);
  const bar = caveatBars(r, to);
  if (bar) return { ...common, from, route: null, hours: null, cannot: bar };
  const move = moveHours(r, to, s);
  if ('cannot' in move) return { ...common, from, route: null, hours: null, cannot: move.cannot };
  if (inTheatre) return { ...common, from, route: move.route, hours: round1(move.hours), cannot: null };
  if (r.homeHours === null)
    return { ...common, from, route: null, hours: null, cannot: 'the plan has no route for it' };
  // From home it arrives at its destination and moves on from there; a unit whose destination is
  // the sector's answers on arrival.
  const onward = move.route === 'in-sector' ? 0 : move.hours;
  return { ...common, from, route: 'from-home', hours: round1(r.homeHours + onward), cannot: null };
}

/** Personnel per window, per nation, for the units able to respond, after a rung's constraints. */
function tally(
  units: readonly UnitResponse[],
  windows: readonly number[],
  to: ResponseSector,
  c: Pick<RungConstraints, 'withdrawn' | 'keepAwayKm'> | null,
  extraHours: number | null,
) {
  const total = windows.map(() => 0);
  let withinExtra = 0;
  const byNation = new Map<string, number[]>();
  const keptAway = new Set<string>();
  for (const u of units) {
    if (u.hours === null) continue;
    const km = c?.keepAwayKm.get(u.nation);
    if (km !== undefined && to.distanceToLineKm !== null && to.distanceToLineKm < km) {
      keptAway.add(u.nation);
      continue;
    }
    const kept = u.personnel * (1 - (c?.withdrawn.get(u.nation) ?? 0));
    if (kept <= 0) continue;
    const row = byNation.get(u.nation) ?? windows.map(() => 0);
    byNation.set(u.nation, row);
    windows.forEach((w, i) => {
      if (u.hours! <= w) {
        total[i]! += kept;
        row[i]! += kept;
      }
    });
    if (extraHours !== null && u.hours <= extraHours) withinExtra += kept;
  }
  const whole = (v: number) => Math.round(v);
  return {
    personnel: total.map(whole),
    withinExtra: whole(withinExtra),
    nations: [...byNation]
      .map(([nation, p]) => ({ nation, personnel: p.map(whole) }))
      .filter((n) => n.personnel.some((v) => v > 0))
      .sort(
        (a, b) =>
          b.personnel[b.personnel.length - 1]! - a.personnel[a.personnel.length - 1]! ||
          (a.nation < b.nation ? -1 : 1),
      ),
    keptAway: [...keptAway].sort(),
  };
}

/** Who can reach the threatened sector, per rung and window (see the header). */
export function computeResponse(input: ResponseInput): ResponseReport {
  const s = input.settings ?? DEFAULT_RESPONSE_SETTINGS;
  const windows = [...RESPONSE_WINDOWS_HOURS];
  const to = input.sectors.find((x) => x.name === input.sector);
  if (!to) throw new RangeError(`no sector "${input.sector}" among the sectors given`);
  const unitsFor = (sector: ResponseSector) =>
    input.responders
      .map((r) => unitResponse(r, sector, input.day, s))
      .sort(
        (a, b) => (a.hours ?? Infinity) - (b.hours ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
  const units = unitsFor(to);
  const lowest = input.rungs[0] ?? null;
  return {
    sector: to.name,
    day: input.day,
    windows,
    units,
    rungs: input.rungs.map((c) => {
      const t = tally(units, windows, to, c, c.hoursToRespond);
      return {
        rung: c.rung,
        hoursToRespond: c.hoursToRespond,
        personnel: t.personnel,
        personnelWithinRungTime: t.withinExtra,
        nations: t.nations,
        keptAway: t.keptAway,
      };
    }),
    sectors: input.sectors.map((sector) => ({
      sector: sector.name,
      distanceToLineKm: sector.distanceToLineKm === null ? null : round1(sector.distanceToLineKm),
      personnel: tally(unitsFor(sector), windows, sector, lowest, null).personnel,
    })),
  };
}
