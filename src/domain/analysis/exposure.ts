// Exposure of the force to the line of contact (issue 15): where each unit stands, how far that is
// from the line and in which distance band, whether it stands in a zone (demilitarised, no-deploy),
// the personnel per band and per nation × band, the same over the plan's timeline, and the units
// whose offer's caveat or whose nation's red line forbids where they stand. Pure: the caller gives
// the line's polylines, the bands (exposureBandsOf), the zones, the red lines and the positions (for
// a plan, src/planner/exposure-positions.ts builds them from the plan report).
//
// Bands run nearest first. A band holds the distances d with fromKm < d ≤ toKm: its upper bound is
// inclusive, its lower bound exclusive, except the first band's, which holds the line itself
// (0 ≤ d ≤ toKm). Beyond the last band is "rear" (d > the last band's maxKm). A caveat or red line
// of m km forbids d < m: a unit standing exactly m km away keeps to it. A red line binds from its
// rung up, yet every no-deploy-within red line is checked here whatever the rung today: its flag
// names the rung, since a unit standing inside it must move when that rung is reached.
//
// Distances are great-circle distances on the sphere (src/domain/geo/line-distance.ts). Zones are
// tested on plain longitude/latitude (ray casting, even-odd over every ring, so holes are holes):
// a zone's edges are taken as straight in degrees rather than as great-circle arcs, which for an
// edge of 100 km at 48° N moves it by some 200 m, far below the resolution of a drawn zone. A point
// exactly on a zone's edge may count either way; zones crossing the antimeridian are not supported.
//
// Personnel count where the unit stands from the day it arrives (fromDay); a unit the plan has not
// scheduled (fromDay null) is "unplaced": its distance, band, zones and flags are still given (it is
// bound for that place), but it counts in no band's personnel, only in `unplacedPersonnel`.
import { distanceToLine, prepareLine, type LonLat } from '../geo/line-distance.ts';
import type { RedLine } from '../escalation.ts';
import type { AreaGeometry, ExposureBand, Zone, ZoneKind } from '../theatre.ts';

/** One unit where it stands (a ULN at its destination). */
export interface UnitPosition {
  /** The unit: a ULN id ("DEU-0003"). */
  id: string;
  nation: string;
  personnel: number;
  lon: number;
  lat: number;
  /** C-day from which it stands there (its arrival day); null: not placed (not scheduled). */
  fromDay: number | null;
  /** Where it stands, in words ("Zaporizhzhia"), for the flags; a public view drops it. */
  label?: string;
  /** The offer it comes from ("OFF-DEU-01"). */
  offer?: string;
  /** Its offer's caveat: the least distance from the line it may stand, km. */
  minDistanceKm?: number;
}

export interface ExposureInput {
  /** The line of contact as polylines of [longitude, latitude] (polylinesOf). */
  line: readonly (readonly LonLat[])[];
  /** Nearest first, maxKm strictly increasing (exposureBandsOf); may be empty (all is rear). */
  bands: readonly Pick<ExposureBand, 'name' | 'maxKm'>[];
  zones?: readonly Pick<Zone, 'id' | 'name' | 'kind' | 'geometry'>[];
  /** Red lines; only `no-deploy-within` ones with a `km` are read here. */
  redLines?: readonly Pick<RedLine, 'id' | 'nation' | 'rung' | 'effect' | 'km'>[];
  positions: readonly UnitPosition[];
}

/** A band as counted: fromKm < d ≤ toKm (the first band from 0 inclusive); toKm null for the rear. */
export interface BandRange {
  name: string;
  fromKm: number;
  toKm: number | null;
}

export const REAR_BAND_NAME = 'Rear';

export interface PositionExposure extends UnitPosition {
  distanceKm: number;
  /** Index into Exposure.bands; the last index is the rear. */
  band: number;
  /** Ids of the zones it stands in, in the zones' order. */
  zones: string[];
}

export interface NationExposure {
  nation: string;
  /** Placed personnel per band (Exposure.bands' order, rear last). */
  personnel: number[];
  unplacedPersonnel: number;
}

/**
 * Placed personnel per band over the plan's timeline, as change points: `personnel[b][k]` is the
 * personnel of band b in place by the end of day `days[k]` (cumulative). Before days[0], none;
 * between two change points, the earlier one's figures (exposureOnDay reads a day).
 */
export interface ExposureTimeline {
  days: number[];
  personnel: number[][];
}

export interface ZoneExposure {
  id: string;
  name: string;
  kind: ZoneKind;
  /** Placed units and their personnel standing in the zone. */
  units: number;
  personnel: number;
}

interface FlagBase {
  /** The unit (ULN id). */
  unit: string;
  nation: string;
  offer: string | null;
  distanceKm: number;
  band: number;
  placed: boolean;
  /** The finding in words. */
  text: string;
}

export type ExposureFlag =
  | (FlagBase & { kind: 'caveat'; minKm: number })
  | (FlagBase & { kind: 'red-line'; redLine: string; rung: string; minKm: number })
  | (FlagBase & { kind: 'zone'; zone: string; zoneName: string; zoneKind: 'demilitarised' | 'no-deploy' });

export interface Exposure {
  /** The bands as given, then the rear. */
  bands: BandRange[];
  /** One per input position, in the input order. */
  positions: PositionExposure[];
  /** Placed personnel per band. */
  personnel: number[];
  placedPersonnel: number;
  unplacedPersonnel: number;
  /** Per nation (in order of first appearance among the positions). */
  nations: NationExposure[];
  timeline: ExposureTimeline;
  zones: ZoneExposure[];
  /** Caveats, red lines and zones that forbid where a unit stands, in the positions' order. */
  flags: ExposureFlag[];
}

/** Computes the exposure of the positions to the line (see the header for the rules). */
export function computeExposure(input: ExposureInput): Exposure {
  const bands = bandRanges(input.bands);
  const rear = bands.length - 1;
  const line = prepareLine(input.line);
  const zones = (input.zones ?? []).map((z) => ({ zone: z, test: prepareArea(z.geometry) }));
  const redLinesByNation = new Map<string, KeepAway[]>();
  for (const r of input.redLines ?? [])
    if (r.effect === 'no-deploy-within' && r.km !== undefined) {
      const list = redLinesByNation.get(r.nation) ?? [];
      list.push({ id: r.id, nation: r.nation, rung: r.rung, km: r.km });
      redLinesByNation.set(r.nation, list);
    }

  const personnel = new Array<number>(bands.length).fill(0);
  const nations = new Map<string, NationExposure>();
  const zoneCounts = zones.map(({ zone }) => ({
    id: zone.id,
    name: zone.name,
    kind: zone.kind,
    units: 0,
    personnel: 0,
  }));
  const arrivals = new Map<number, number[]>();
  const flags: ExposureFlag[] = [];
  let placedPersonnel = 0;
  let unplacedPersonnel = 0;

  // The distances first, in one tight loop over the prepared line.
  const distances = new Float64Array(input.positions.length);
  input.positions.forEach((u, i) => {
    if (!Number.isFinite(u.lon) || !Number.isFinite(u.lat))
      throw new RangeError(`unit ${u.id} has no place: [${u.lon}, ${u.lat}]`);
    distances[i] = distanceToLine(line, [u.lon, u.lat]);
  });

  const positions = input.positions.map((u, i): PositionExposure => {
    const distanceKm = distances[i]!;
    const band = bandOf(bands, distanceKm, rear);
    const placed = u.fromDay !== null;
    let inZones: number[] | null = null;
    for (let z = 0; z < zones.length; z++) {
      if (!zones[z]!.test(u.lon, u.lat)) continue;
      (inZones ??= []).push(z);
      if (placed) {
        zoneCounts[z]!.units += 1;
        zoneCounts[z]!.personnel += u.personnel;
      }
    }

    let nation = nations.get(u.nation);
    if (!nation) {
      nation = { nation: u.nation, personnel: new Array<number>(bands.length).fill(0), unplacedPersonnel: 0 };
      nations.set(u.nation, nation);
    }
    if (u.fromDay !== null) {
      personnel[band]! += u.personnel;
      nation.personnel[band]! += u.personnel;
      placedPersonnel += u.personnel;
      let day = arrivals.get(u.fromDay);
      if (!day) arrivals.set(u.fromDay, (day = new Array<number>(bands.length).fill(0)));
      day[band]! += u.personnel;
    } else {
      nation.unplacedPersonnel += u.personnel;
      unplacedPersonnel += u.personnel;
    }

    const position: PositionExposure = {
      id: u.id,
      nation: u.nation,
      personnel: u.personnel,
      lon: u.lon,
      lat: u.lat,
      fromDay: u.fromDay,
      distanceKm,
      band,
      zones: inZones ? inZones.map((z) => zones[z]!.zone.id) : [],
    };
    if (u.label !== undefined) position.label = u.label;
    if (u.offer !== undefined) position.offer = u.offer;
    if (u.minDistanceKm !== undefined) position.minDistanceKm = u.minDistanceKm;
    const nationRedLines = redLinesByNation.get(u.nation);
    const caveat = u.minDistanceKm !== undefined && u.minDistanceKm > 0 && distanceKm < u.minDistanceKm;
    if (caveat || nationRedLines || inZones)
      addFlags(
        flags,
        position,
        nationRedLines ?? [],
        (inZones ?? []).map((z) => zones[z]!.zone),
      );
    return position;
  });

  return {
    bands,
    positions,
    personnel,
    placedPersonnel,
    unplacedPersonnel,
    nations: [...nations.values()],
    timeline: cumulative(arrivals, bands.length),
    zones: zoneCounts,
    flags,
  };
}

/** Placed personnel per band in place by the end of `day` (from the timeline's change points). */
export function exposureOnDay(timeline: ExposureTimeline, day: number): number[] {
  const { days, personnel } = timeline;
  // The last change point on or before `day`.
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return personnel.map((series) => (lo === 0 ? 0 : series[lo - 1]!));
}

/** The band index of a distance: the first band whose maxKm it does not exceed, else the rear. */
export function bandIndexOf(bands: readonly Pick<ExposureBand, 'maxKm'>[], distanceKm: number): number {
  for (let i = 0; i < bands.length; i++) if (distanceKm <= bands[i]!.maxKm) return i;
  return bands.length;
}

function bandOf(bands: readonly BandRange[], distanceKm: number, rear: number): number {
  for (let i = 0; i < rear; i++) if (distanceKm <= bands[i]!.toKm!) return i;
  return rear;
}

function bandRanges(bands: ExposureInput['bands']): BandRange[] {
  const out: BandRange[] = [];
  let fromKm = 0;
  for (const b of bands) {
    if (!(b.maxKm > fromKm))
      throw new RangeError(
        `exposure bands run nearest first with increasing maxKm: "${b.name}" (${b.maxKm} km) after ${fromKm} km`,
      );
    out.push({ name: b.name, fromKm, toKm: b.maxKm });
    fromKm = b.maxKm;
  }
  out.push({ name: REAR_BAND_NAME, fromKm, toKm: null });
  return out;
}

function cumulative(arrivals: Map<number, number[]>, bandCount: number): ExposureTimeline {
  const days = [...arrivals.keys()].sort((a, b) => a - b);
  const personnel = Array.from({ length: bandCount }, () => new Array<number>(days.length).fill(0));
  const running = new Array<number>(bandCount).fill(0);
  days.forEach((d, k) => {
    const add = arrivals.get(d)!;
    for (let b = 0; b < bandCount; b++) {
      running[b]! += add[b]!;
      personnel[b]![k] = running[b]!;
    }
  });
  return { days, personnel };
}

// ---- Flags ----

/** A no-deploy-within red line, its distance known. */
interface KeepAway {
  id: string;
  nation: string;
  rung: string;
  km: number;
}

/** Adds the flags of one position: its caveat, its nation's red lines, the zones it stands in. */
function addFlags(
  flags: ExposureFlag[],
  u: PositionExposure,
  redLines: readonly KeepAway[],
  zonesIn: readonly Pick<Zone, 'id' | 'name' | 'kind'>[],
): void {
  const placed = u.fromDay !== null;
  const offer = u.offer ?? null;
  const stands = (minKm: number) =>
    placed
      ? `stands ${kmBelow(u.distanceKm, minKm)} km away${u.label ? ` at ${u.label}` : ''}`
      : `is bound for ${u.label ?? 'a place'}, ${kmBelow(u.distanceKm, minKm)} km away (not yet scheduled)`;
  // Object literals of one shape per kind (no spread): thousands of flags are made in a large plan.
  const m = u.minDistanceKm;
  if (m !== undefined && m > 0 && u.distanceKm < m) {
    const whose = u.offer ? `${u.offer}'s caveat keeps it` : `The caveat of ULN ${u.id} keeps it`;
    flags.push({
      kind: 'caveat',
      unit: u.id,
      nation: u.nation,
      offer,
      distanceKm: u.distanceKm,
      band: u.band,
      placed,
      minKm: m,
      text: `${whose} ${km(m)} km from the line; ${u.offer ? `its ULN ${u.id}` : 'it'} ${stands(m)}`,
    });
  }
  for (const r of redLines) {
    if (!(u.distanceKm < r.km)) continue;
    flags.push({
      kind: 'red-line',
      unit: u.id,
      nation: u.nation,
      offer,
      distanceKm: u.distanceKm,
      band: u.band,
      placed,
      redLine: r.id,
      rung: r.rung,
      minKm: r.km,
      text: `${r.nation}'s red line ${r.id} keeps its units ${km(r.km)} km from the line from rung ${r.rung}; its ULN ${u.id} ${stands(r.km)}`,
    });
  }
  for (const z of zonesIn) {
    if (z.kind !== 'demilitarised' && z.kind !== 'no-deploy') continue;
    flags.push({
      kind: 'zone',
      unit: u.id,
      nation: u.nation,
      offer,
      distanceKm: u.distanceKm,
      band: u.band,
      placed,
      zone: z.id,
      zoneName: z.name,
      zoneKind: z.kind,
      text: `ULN ${u.id} ${placed ? 'stands' : 'is bound to stand'} in ${z.kind} zone "${z.name}"${u.label ? ` at ${u.label}` : ''}`,
    });
  }
}

/** A limit or band bound as it was written: 50, 7.5 (at most two decimals). */
function km(v: number): string {
  return String(Number(v.toFixed(2)));
}

/** A distance below a limit in words: whole km, or one decimal (rounded down) where whole would reach it. */
function kmBelow(d: number, limit: number): string {
  const whole = Math.round(d);
  return whole < limit ? String(whole) : (Math.floor(d * 10) / 10).toFixed(1);
}

// ---- Zones: point in polygon on longitude/latitude ----

type AreaTest = (lon: number, lat: number) => boolean;

/** A test for the area, with a bounding box so most places are answered without the rings. */
function prepareArea(geometry: AreaGeometry): AreaTest {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const prepared = polygons.map((rings) => {
    const flat = rings.map((r) => Float64Array.from(r.flatMap((p) => [p[0], p[1]])));
    let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of rings[0] ?? []) {
      minLon = Math.min(minLon, p[0]);
      maxLon = Math.max(maxLon, p[0]);
      minLat = Math.min(minLat, p[1]);
      maxLat = Math.max(maxLat, p[1]);
    }
    return { flat, minLon, minLat, maxLon, maxLat };
  });
  return (lon, lat) =>
    prepared.some(
      (p) =>
        lon >= p.minLon &&
        lon <= p.maxLon &&
        lat >= p.minLat &&
        lat <= p.maxLat &&
        p.flat.reduce((inside, ring) => (crossesOdd(ring, lon, lat) ? !inside : inside), false),
    );
}

/** Ray casting: does a ray east from (x, y) cross the ring an odd number of times? */
function crossesOdd(ring: Float64Array, x: number, y: number): boolean {
  let odd = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[2 * i]!;
    const yi = ring[2 * i + 1]!;
    const xj = ring[2 * j]!;
    const yj = ring[2 * j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

// ---- The public view ----

/** Grid of the public view: 0.1° is about 11 km north–south and 7 km east–west at 48° N. */
export const PUBLIC_GRID_DEGREES = 0.1;

export interface PublicPosition {
  id: string;
  nation: string;
  personnel: number;
  /** The centre of the grid cell it stands in, not where it stands. */
  lon: number;
  lat: number;
  fromDay: number | null;
  band: number;
}

export type PublicFlag =
  | {
      kind: 'caveat';
      unit: string;
      nation: string;
      offer: string | null;
      minKm: number;
      band: number;
      placed: boolean;
      text: string;
    }
  | {
      kind: 'red-line';
      unit: string;
      nation: string;
      offer: string | null;
      redLine: string;
      rung: string;
      minKm: number;
      band: number;
      placed: boolean;
      text: string;
    };

export interface PublicExposure {
  gridDegrees: number;
  bands: BandRange[];
  positions: PublicPosition[];
  personnel: number[];
  placedPersonnel: number;
  unplacedPersonnel: number;
  nations: NationExposure[];
  timeline: ExposureTimeline;
  /** Units and personnel per zone, without saying which units. */
  zones: ZoneExposure[];
  flags: PublicFlag[];
}

/**
 * What a public viewer may see of an exposure. The rule: a unit's place only as the centre of the
 * grid cell it stands in (cells of `gridDegrees` in longitude and latitude, aligned on 0°), its
 * distance from the line only as its band, and not the name of its place. The aggregates (personnel
 * per band, per nation × band, over time, per zone) are kept: they name no place. Which zone a unit
 * stands in is dropped (a zone may be smaller than a cell), and so are the zone flags; the caveat and
 * red-line flags keep their limit and give the band instead of the distance.
 */
export function publicExposure(
  exposure: Exposure,
  gridDegrees: number = PUBLIC_GRID_DEGREES,
): PublicExposure {
  if (!(gridDegrees > 0 && gridDegrees <= 10))
    throw new RangeError(`the public grid must be more than 0° and at most 10° (got ${gridDegrees})`);
  const cell = (v: number) => roundTo((Math.floor(v / gridDegrees) + 0.5) * gridDegrees, gridDegrees);
  const bandWords = (b: number) => bandInWords(exposure.bands[b]!);
  const flags: PublicFlag[] = [];
  for (const f of exposure.flags) {
    const who = `its ULN ${f.unit} ${f.placed ? 'stands' : 'is bound to stand'} ${bandWords(f.band)}`;
    const common = {
      unit: f.unit,
      nation: f.nation,
      offer: f.offer,
      band: f.band,
      placed: f.placed,
    };
    if (f.kind === 'caveat')
      flags.push({
        ...common,
        kind: 'caveat',
        minKm: f.minKm,
        text: `${f.offer ? `${f.offer}'s caveat` : `The caveat of ULN ${f.unit}`} keeps it ${km(f.minKm)} km from the line; ${who}`,
      });
    else if (f.kind === 'red-line')
      flags.push({
        ...common,
        kind: 'red-line',
        redLine: f.redLine,
        rung: f.rung,
        minKm: f.minKm,
        text: `${f.nation}'s red line ${f.redLine} keeps its units ${km(f.minKm)} km from the line from rung ${f.rung}; ${who}`,
      });
  }
  return {
    gridDegrees,
    bands: exposure.bands.map((b) => ({ ...b })),
    positions: exposure.positions.map((p) => ({
      id: p.id,
      nation: p.nation,
      personnel: p.personnel,
      lon: cell(p.lon),
      lat: cell(p.lat),
      fromDay: p.fromDay,
      band: p.band,
    })),
    personnel: [...exposure.personnel],
    placedPersonnel: exposure.placedPersonnel,
    unplacedPersonnel: exposure.unplacedPersonnel,
    nations: exposure.nations.map((n) => ({ ...n, personnel: [...n.personnel] })),
    timeline: {
      days: [...exposure.timeline.days],
      personnel: exposure.timeline.personnel.map((s) => [...s]),
    },
    zones: exposure.zones.map((z) => ({ ...z })),
    flags,
  };
}

/** "in the Artillery reach band (7.5–50 km)" or "in the rear (beyond 150 km)". */
function bandInWords(b: BandRange): string {
  return b.toKm === null
    ? `in the rear (beyond ${km(b.fromKm)} km)`
    : `in the ${b.name} band (${km(b.fromKm)}–${km(b.toKm)} km)`;
}

/** Rounds away the binary noise of a grid multiple (0.30000000000000004 → 0.3). */
function roundTo(v: number, grid: number): number {
  const decimals = Math.min(12, Math.max(0, Math.ceil(-Math.log10(grid)) + 2));
  return Number(v.toFixed(decimals));
}
