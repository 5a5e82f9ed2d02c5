// The arithmetic behind the deployment pages, kept apart from React so it can be tested on its own:
// the RDD demand curve, why a force does not close, the Gantt chart's scale and rows, the heat maps'
// data, and where each ULN is on a given day (at a node, or part-way along the arc it is moving on)
// with ULNs at one place gathered into one group, so a force list of 5,000 stays readable on a map.
import type { PlanArc, PlanLeg, PlanNode, PlanReport, PlanUln } from '../../../src/contract/plan.ts';
import { cDayToDate, formatIsoDate } from '../../../src/domain/deployment/c-day.ts';
import type { IsoDate } from '../../../src/domain/ids.ts';

// ---- Words ----

/**
 * A day label with its calendar date once the plan's scenario sets a C-day: `offset` writes the
 * C-day ("C+12") and the date follows it, "C+12 (14 Apr 2025)"; without a C-day, `offset` alone.
 * The date comes from the one domain helper the CLI and the plan report use too.
 */
export function datedDay(cDay: string | null, offset: (day: number) => string): (day: number) => string {
  if (!cDay) return offset;
  return (day) => `${offset(day)} (${formatIsoDate(cDayToDate(cDay as IsoDate, day))})`;
}

/** "C+1 to C+4" or "on C+1", each day as `day` writes it. */
export function daySpan(from: number, to: number, day: (d: number) => string): string {
  return from === to ? `on ${day(from)}` : `${day(from)} to ${day(to)}`;
}

export const MODE_LABELS: Readonly<Record<string, string>> = {
  road: 'Road',
  rail: 'Rail',
  air: 'Air',
  sea: 'Sea',
};

/** Colours of the transport modes (Gantt bars, map lines); the mode is always named beside them. */
export const MODE_COLOURS: Readonly<Record<string, string>> = {
  road: '#8a5a1f',
  rail: '#6a3fa0',
  air: '#0b6fc2',
  sea: '#0f7f7a',
};
const OTHER_MODE_COLOUR = '#4f5b67';

export function modeColour(mode: string): string {
  return MODE_COLOURS[mode] ?? OTHER_MODE_COLOUR;
}

export function modeLabel(mode: string): string {
  return MODE_LABELS[mode] ?? mode;
}

export const NODE_KIND_LABELS: Readonly<Record<string, string>> = {
  garrison: 'Garrison',
  apoe: 'APOE (aerial port of embarkation)',
  spoe: 'SPOE (sea port of embarkation)',
  railhead: 'Railhead',
  'border-crossing': 'Border crossing',
  apod: 'APOD (aerial port of debarkation)',
  spod: 'SPOD (sea port of debarkation)',
  'staging-area': 'Staging area (RSOM)',
  destination: 'Destination',
};

export function nodeKindLabel(kind: string): string {
  return NODE_KIND_LABELS[kind] ?? kind;
}

export const ULN_STATUS_LABELS: Readonly<Record<PlanUln['status'], string>> = {
  scheduled: 'Scheduled',
  'no-route': 'No route',
  'beyond-horizon': 'Beyond the horizon',
};

/**
 * What may carry a ULN, from its capability's lift: "Sea only; largest item 62 t", "Any mode; largest
 * item 35 t"; null when its capability sets no limit.
 */
export function liftSummary(u: Pick<PlanUln, 'modes' | 'largestItemTonnes'>): string | null {
  if (u.modes === null && u.largestItemTonnes === null) return null;
  const modes = u.modes ? `${u.modes.map(modeLabel).join(', ')} only` : 'Any mode';
  return u.largestItemTonnes === null ? modes : `${modes}; largest item ${u.largestItemTonnes} t`;
}

/** "Medyka (POL)"; the id when the node is not in the plan. */
export function nodeName(nodes: ReadonlyMap<string, PlanNode>, id: string): string {
  const n = nodes.get(id);
  return n ? `${n.name} (${n.nation})` : id;
}

/** "Medyka (POL) → Shehyni (UKR), road", as the plan's bottlenecks name arcs. */
export function arcName(
  nodes: ReadonlyMap<string, PlanNode>,
  arc: Pick<PlanArc, 'from' | 'to' | 'mode'>,
): string {
  return `${nodeName(nodes, arc.from)} → ${nodeName(nodes, arc.to)}, ${arc.mode}`;
}

/** A place's name without its explanations in brackets: "Port of Gdańsk", not "… (Westerplatte)". */
export function shortName(name: string): string {
  return name.replace(/\s*\([^)]*\)/g, '').trim() || name;
}

/** "Marchwood Military Port → Port of Gdańsk, sea": short enough for a chart's axis. */
export function shortArcName(
  nodes: ReadonlyMap<string, PlanNode>,
  arc: Pick<PlanArc, 'from' | 'to' | 'mode'>,
): string {
  const short = (id: string) => {
    const n = nodes.get(id);
    return n ? shortName(n.name) : id;
  };
  return `${short(arc.from)} → ${short(arc.to)}, ${arc.mode}`;
}

export function nodesById(report: Pick<PlanReport, 'nodes'>): Map<string, PlanNode> {
  return new Map(report.nodes.map((n) => [n.id, n]));
}

// ---- Closure ----

/**
 * Personnel required in place by the end of each day: the sum over ULNs whose RDD is that day or
 * earlier (an RDD before day 0 is due from day 0). Same length as the closure curve.
 */
export function rddDemandCurve(ulns: readonly Pick<PlanUln, 'rdd' | 'personnel'>[], days: number): number[] {
  const due = new Array<number>(Math.max(0, days)).fill(0);
  if (days <= 0) return due;
  for (const u of ulns) {
    if (u.rdd >= days) continue;
    due[Math.max(0, u.rdd)]! += u.personnel;
  }
  for (let d = 1; d < days; d++) due[d]! += due[d - 1]!;
  return due;
}

/** Why the force never reaches the mission's target, in one sentence; null when it does. */
export function whyNoClosure(report: PlanReport): string | null {
  if (report.closure.targetDay !== null) return null;
  const { target, objective, closure } = report;
  if (target.notInForceList > 0)
    return `The force list holds ${target.inForceList.toLocaleString('en-GB')} of the ${target.personnel.toLocaleString('en-GB')} personnel the mission needs: ${target.notInForceList.toLocaleString('en-GB')} are not offered or not matched to a requirement line.`;
  if (objective.unscheduled > 0)
    return `${objective.unscheduled.toLocaleString('en-GB')} ULNs cannot be moved (no route their lift allows, or not within the ${report.horizonDays}-day horizon), so the personnel in place never reach the target.`;
  const inPlace = closure.curve.length > 0 ? closure.curve[closure.curve.length - 1]! : 0;
  return `Only ${inPlace.toLocaleString('en-GB')} personnel are in place by the end of the ${report.horizonDays}-day horizon.`;
}

// ---- Gantt chart ----

export type GanttSort = 'ald' | 'rdd' | 'arrival' | 'late' | 'priority' | 'nation' | 'uln';
export type GanttState = 'all' | 'late' | 'on-time' | 'unscheduled';

export interface GanttFilter {
  /** ISO3 code, or empty for every nation. */
  nation: string;
  /** Priority as text, or empty for every priority. */
  priority: string;
  state: GanttState;
  sort: GanttSort;
}

export const DEFAULT_GANTT_FILTER: GanttFilter = { nation: '', priority: '', state: 'all', sort: 'ald' };

export const GANTT_SORT_LABELS: Readonly<Record<GanttSort, string>> = {
  ald: 'ALD (ready to load)',
  rdd: 'RDD (required delivery)',
  arrival: 'Arrival',
  late: 'Days late, most first',
  priority: 'Priority',
  nation: 'Nation',
  uln: 'ULN',
};

export const GANTT_STATE_LABELS: Readonly<Record<GanttState, string>> = {
  all: 'Every ULN',
  late: 'Late (after RDD)',
  'on-time': 'By RDD',
  unscheduled: 'Cannot be moved',
};

export function isUnscheduled(u: Pick<PlanUln, 'status'>): boolean {
  return u.status !== 'scheduled';
}

/** The ULNs the filter keeps, in its order (ties by ULN, so the order never changes between renders). */
export function filterGanttRows(ulns: readonly PlanUln[], f: GanttFilter): PlanUln[] {
  const rows = ulns.filter(
    (u) =>
      (f.nation === '' || u.nation === f.nation) &&
      (f.priority === '' || String(u.priority) === f.priority) &&
      (f.state === 'all' ||
        // An unmoved ULN's days late run to the penalty day: it is unscheduled, not late.
        (f.state === 'late' && !isUnscheduled(u) && u.daysLate > 0) ||
        (f.state === 'unscheduled' && isUnscheduled(u)) ||
        (f.state === 'on-time' && !isUnscheduled(u) && u.daysLate === 0)),
  );
  const never = Number.POSITIVE_INFINITY;
  const key: Record<Exclude<GanttSort, 'nation'>, (u: PlanUln) => number> = {
    ald: (u) => u.ald,
    rdd: (u) => u.rdd,
    arrival: (u) => u.arrivalDay ?? never,
    late: (u) => -(isUnscheduled(u) ? never : u.daysLate),
    priority: (u) => u.priority,
    uln: () => 0,
  };
  const byUln = (a: PlanUln, b: PlanUln) => (a.uln < b.uln ? -1 : a.uln > b.uln ? 1 : 0);
  if (f.sort === 'nation')
    return rows.sort((a, b) =>
      a.nation < b.nation ? -1 : a.nation > b.nation ? 1 : a.ald - b.ald || byUln(a, b),
    );
  const k = key[f.sort];
  return rows.sort((a, b) => k(a) - k(b) || byUln(a, b));
}

/** The days a Gantt chart must show: every ALD, leg, LAD and RDD, and the re-plan day. */
export function ganttDayRange(ulns: readonly PlanUln[], today: number): { first: number; last: number } {
  let first = Math.min(0, today);
  let last = today + 1;
  for (const u of ulns) {
    first = Math.min(first, u.ald, u.rdd, u.lad);
    last = Math.max(last, u.rdd + 1, u.lad + 1, u.ald + 1);
    for (const l of u.legs) {
      first = Math.min(first, l.firstDeparture);
      last = Math.max(last, l.lastArrival);
    }
    if (u.arrivalDay !== null) last = Math.max(last, u.arrivalDay);
  }
  return { first, last };
}

export interface GanttScale {
  first: number;
  last: number;
  /** Left edge of day `day` in pixels (the start of the day; `day + 1` is its end). */
  x: (day: number) => number;
  pxPerDay: number;
  /** Days to label on the axis, a round step apart. */
  ticks: number[];
}

const TICK_STEPS = [1, 2, 5, 7, 10, 14, 20, 28, 30, 50, 60, 90, 100, 120, 180, 365];

/** Maps days `first`..`last` onto `left`..`left + width` pixels, with about `maxTicks` labels. */
export function ganttScale(
  range: { first: number; last: number },
  left: number,
  width: number,
  maxTicks = 12,
): GanttScale {
  const span = Math.max(1, range.last - range.first);
  const pxPerDay = width / span;
  const step = TICK_STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks);
  const ticks: number[] = [];
  // Ticks on multiples of the step, C-day itself among them when it is in range.
  for (let d = Math.ceil(range.first / step) * step; d <= range.last; d += step) ticks.push(d);
  return {
    first: range.first,
    last: range.last,
    pxPerDay,
    ticks,
    x: (day) => left + (day - range.first) * pxPerDay,
  };
}

export interface GanttBar {
  leg: number;
  x: number;
  width: number;
  mode: string;
  colour: string;
  /** "Leg 2: Rzeszów (POL) → Lviv (UKR), rail, departs C+12–C+13, arrives C+14–C+15" */
  title: string;
}

/** A ULN's route as people read it: one path, or its personnel's and its equipment's. */
export interface RoutePath {
  /** null for the one path of the whole unit. */
  carries: 'Personnel' | 'Equipment' | 'Follow-on equipment' | null;
  legs: PlanLeg[];
}

/**
 * The paths of a ULN's legs: one when every leg carries both its personnel and its tonnes (or the
 * unit has only one), else the personnel's and the equipment's, each chained from the origin. The
 * planner sends a late unit's personnel by one route and its equipment by another when they marry
 * up sooner at the destination (the soldiers fly while the vehicles sail). A unit's follow-on
 * equipment, sent after it by a path of its own (often the sea while the unit flies), is a path of
 * its own after the unit's.
 */
export function routePaths(u: Pick<PlanUln, 'origin' | 'legs' | 'personnel' | 'tonnes'>): RoutePath[] {
  const unitLegs = u.legs.filter((l) => !l.followOn);
  const chain = (carried: (l: PlanLeg) => boolean, legs = unitLegs): PlanLeg[] => {
    const left = legs.filter(carried);
    const out: PlanLeg[] = [];
    for (let at = u.origin, k = left.findIndex((l) => l.from === at); k >= 0;) {
      out.push(left[k]!);
      at = left[k]!.to;
      left.splice(k, 1);
      k = left.findIndex((l) => l.from === at);
    }
    // Legs no chain from the origin reaches (cargo split by execution) follow in their order.
    return out.concat(left);
  };
  const both = u.personnel > 0 && u.tonnes > 0;
  const followOn: RoutePath[] =
    unitLegs.length < u.legs.length
      ? [{ carries: 'Follow-on equipment', legs: chain((l) => l.followOn, u.legs) }]
      : [];
  if (!both || unitLegs.every((l) => l.personnel > 0 && l.tonnes > 0))
    return [{ carries: null, legs: unitLegs }, ...followOn];
  return [
    { carries: 'Personnel', legs: chain((l) => l.personnel > 0) },
    { carries: 'Equipment', legs: chain((l) => l.tonnes > 0) },
    ...followOn,
  ];
}

/** One bar per leg, from its first departure to its last arrival, at least a pixel wide. */
export function legBars(
  legs: readonly PlanLeg[],
  scale: Pick<GanttScale, 'x'>,
  nodes: ReadonlyMap<string, PlanNode>,
  dayLabel: (day: number) => string,
): GanttBar[] {
  return legs.map((l, i) => {
    const x = scale.x(l.firstDeparture);
    const span = (a: number, b: number) => (a === b ? dayLabel(a) : `${dayLabel(a)}–${dayLabel(b)}`);
    return {
      leg: i,
      x,
      width: Math.max(1, scale.x(l.lastArrival) - x),
      mode: l.mode,
      colour: modeColour(l.mode),
      title: `Leg ${i + 1}${l.followOn ? ' (follow-on equipment)' : ''}: ${nodeName(nodes, l.from)} → ${nodeName(nodes, l.to)}, ${l.mode}, departs ${span(l.firstDeparture, l.lastDeparture)}, arrives ${span(l.firstArrival, l.lastArrival)}`,
    };
  });
}

/** The rows of a scrolled list to draw: those in view plus `overscan` either side. */
export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): { first: number; last: number } {
  if (count === 0) return { first: 0, last: -1 };
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last: Math.max(first - 1, last) };
}

// ---- Heat maps ----

export interface HeatSource {
  id: string;
  label: string;
  peak: number;
  daysAtCapacity: number;
  utilisation: readonly number[];
}

export interface HeatMapData<T extends HeatSource> {
  /** Busiest first: by peak, then days at capacity, then name. */
  rows: T[];
  /** Rows left out by the limit or because they carry nothing. */
  hidden: number;
  unused: number;
  /** Days shown: 0 .. days-1, up to the last day any shown row is used. */
  days: number;
  /** [day, row, utilisation] for every used cell (empty cells are left out). */
  cells: [number, number, number][];
}

/**
 * The rows of a utilisation heat map (arcs or nodes): those used at all, busiest first, at most
 * `limit` of them, and the used cells as ECharts heat-map data.
 */
export function heatMapData<T extends HeatSource>(sources: readonly T[], limit = Infinity): HeatMapData<T> {
  const used = sources.filter((s) => s.peak > 0);
  const sorted = [...used].sort(
    (a, b) =>
      b.peak - a.peak ||
      b.daysAtCapacity - a.daysAtCapacity ||
      (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  );
  const rows = sorted.slice(0, Math.max(0, limit));
  const cells: [number, number, number][] = [];
  let days = 0;
  rows.forEach((r, i) => {
    r.utilisation.forEach((u, d) => {
      if (u > 0) {
        cells.push([d, i, u]);
        days = Math.max(days, d + 1);
      }
    });
  });
  return { rows, hidden: sorted.length - rows.length, unused: sources.length - used.length, days, cells };
}

/** The first day a row is at capacity (utilisation 100% or more), or null. */
export function firstDayAtCapacity(utilisation: readonly number[]): number | null {
  const d = utilisation.findIndex((u) => u >= 0.999);
  return d < 0 ? null : d;
}

// ---- Where each ULN is ----

export type UlnPlace =
  | { kind: 'node'; node: string; stage: 'origin' | 'en-route' | 'destination' }
  | { kind: 'arc'; arc: string; from: string; to: string; mode: string; leg: number; fraction: number };

/**
 * Where a ULN is at the start of day `day` (`day` may be fractional): at its origin until its first
 * leg departs; on a leg from its first departure to its last arrival, `fraction` of the way along
 * (0 at the start, near 1 at the end); at the leg's far end between legs; at its destination once
 * the last leg has arrived. A ULN that cannot be moved stays at its origin. Legs overlap when early
 * loads go on while later ones are still moving: the latest leg that has begun is the current one.
 * A unit is where its people are: when its personnel and equipment took routes of their own, only
 * the legs that carry personnel place it (its equipment's legs place a unit with no personnel).
 * Its follow-on equipment, which leaves after it, never places it.
 */
export function ulnPlaceOnDay(uln: Pick<PlanUln, 'origin' | 'destination' | 'legs'>, day: number): UlnPlace {
  const { legs } = uln;
  const people = legs.some((l) => l.personnel > 0);
  let current = -1;
  let last = -1;
  for (let i = 0; i < legs.length; i++) {
    if (legs[i]!.followOn || (people && !(legs[i]!.personnel > 0))) continue;
    last = i;
    if (legs[i]!.firstDeparture <= day) current = i;
  }
  if (current < 0) return { kind: 'node', node: uln.origin, stage: 'origin' };
  const leg = legs[current]!;
  if (day >= leg.lastArrival) {
    const stage = leg.to === uln.destination && current === last ? 'destination' : 'en-route';
    return { kind: 'node', node: leg.to, stage };
  }
  const span = leg.lastArrival - leg.firstDeparture;
  const fraction = span > 0 ? Math.min(1, Math.max(0, (day - leg.firstDeparture) / span)) : 0;
  return { kind: 'arc', arc: leg.arc, from: leg.from, to: leg.to, mode: leg.mode, leg: current, fraction };
}

export interface Point {
  x: number;
  y: number;
}

/** The map position of a place, from its nodes' projected positions; null when a node has none. */
export function placePoint(place: UlnPlace, points: ReadonlyMap<string, Point>): Point | null {
  if (place.kind === 'node') return points.get(place.node) ?? null;
  const a = points.get(place.from);
  const b = points.get(place.to);
  if (!a || !b) return null;
  return pointOnArc(a, b, place.mode, place.fraction);
}

/** How far an air arc bows from the straight line, as a share of its length. */
const AIR_BOW = 0.18;

function bowControl(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2 - (b.y - a.y) * AIR_BOW, y: (a.y + b.y) / 2 + (b.x - a.x) * AIR_BOW };
}

/** The point `t` (0 to 1) of the way along an arc as `arcPath` draws it. */
export function pointOnArc(a: Point, b: Point, mode: string, t: number): Point {
  if (mode !== 'air') return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
  const c = bowControl(a, b);
  const u = 1 - t;
  return { x: u * u * a.x + 2 * u * t * c.x + t * t * b.x, y: u * u * a.y + 2 * u * t * c.y + t * t * b.y };
}

export interface UlnGroup {
  /** `node:<id>` or `arc:<id>`. */
  key: string;
  place: UlnPlace;
  ulns: PlanUln[];
  personnel: number;
  /** ULNs by capability code, most first. */
  capabilities: [string, number][];
}

/**
 * ULNs gathered by where they are on `day`: one group per node, and one per arc for those moving
 * along it, placed at their mean progress. Largest groups first.
 */
export function groupUlnsOnDay(ulns: readonly PlanUln[], day: number): UlnGroup[] {
  const groups = new Map<string, { place: UlnPlace; ulns: PlanUln[]; fractionSum: number }>();
  for (const u of ulns) {
    const place = ulnPlaceOnDay(u, day);
    const key = place.kind === 'node' ? `node:${place.node}` : `arc:${place.arc}`;
    let g = groups.get(key);
    if (!g) {
      g = { place, ulns: [], fractionSum: 0 };
      groups.set(key, g);
    } else if (place.kind === 'node' && g.place.kind === 'node' && g.place.stage !== place.stage) {
      // One node can be an origin for some ULNs and a destination for others: say "en route" only
      // when every ULN there is passing through.
      if (g.place.stage === 'en-route') g.place = place;
    }
    g.ulns.push(u);
    if (place.kind === 'arc') g.fractionSum += place.fraction;
  }
  const out: UlnGroup[] = [];
  for (const [key, g] of groups) {
    const place: UlnPlace =
      g.place.kind === 'arc' ? { ...g.place, fraction: g.fractionSum / g.ulns.length } : g.place;
    const caps = new Map<string, number>();
    let personnel = 0;
    for (const u of g.ulns) {
      caps.set(u.capability, (caps.get(u.capability) ?? 0) + 1);
      personnel += u.personnel;
    }
    out.push({
      key,
      place,
      ulns: g.ulns,
      personnel,
      capabilities: [...caps].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
    });
  }
  return out.sort((a, b) => b.ulns.length - a.ulns.length || (a.key < b.key ? -1 : 1));
}

/** A friendly land unit with no function: the symbol of a group of mixed capabilities. */
export const GENERIC_UNIT_SIDC = 'SFGPU----------';

/** The symbol code of a group: its capability's when it has one, otherwise a generic unit. */
export function groupSidc(group: Pick<UlnGroup, 'capabilities'>, app6: ReadonlyMap<string, string>): string {
  if (group.capabilities.length === 1) return app6.get(group.capabilities[0]![0]) ?? GENERIC_UNIT_SIDC;
  return GENERIC_UNIT_SIDC;
}

/** How many ULNs are at their origin, moving, between legs, at their destination, or stuck. */
export function ulnStages(ulns: readonly PlanUln[], day: number) {
  const counts = { origin: 0, moving: 0, enRoute: 0, destination: 0, unscheduled: 0 };
  for (const u of ulns) {
    if (isUnscheduled(u) && u.legs.length === 0) {
      counts.unscheduled++;
      continue;
    }
    const p = ulnPlaceOnDay(u, day);
    if (p.kind === 'arc') counts.moving++;
    else if (p.stage === 'origin') counts.origin++;
    else if (p.stage === 'destination') counts.destination++;
    else counts.enRoute++;
  }
  return counts;
}

// ---- The network on the map ----

/** A map projection: [x, y] in the map's box for a longitude and latitude, or null where it has none. */
export type Projector = (lon: number, lat: number) => [number, number] | null;

/**
 * Every node's position on the map. Nodes outside the box (a garrison in North America) keep their
 * position, so arcs from them run off the edge towards them, and are also listed as off the map.
 */
export function projectNodes(
  nodes: readonly PlanNode[],
  project: Projector,
  width: number,
  height: number,
): { points: Map<string, Point>; offMap: PlanNode[] } {
  const points = new Map<string, Point>();
  const offMap: PlanNode[] = [];
  for (const n of nodes) {
    const p = project(n.lon, n.lat);
    if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      offMap.push(n);
      continue;
    }
    points.set(n.id, { x: p[0], y: p[1] });
    if (p[0] < 0 || p[0] > width || p[1] < 0 || p[1] > height) offMap.push(n);
  }
  return { points, offMap };
}

/** Line width of an arc on the map: thin when idle, thicker the more of its capacity is used. */
export function arcStrokeWidth(utilisation: number): number {
  return 1.25 + 4.75 * Math.min(1, Math.max(0, utilisation));
}

/**
 * SVG path of an arc between two points: straight by road, rail and sea, bowed for air (so a flight
 * beside a road stays visible), always bowing to the same side of the direction of travel.
 */
export function arcPath(a: Point, b: Point, mode: string): string {
  const r = (n: number) => Math.round(n * 10) / 10;
  if (mode !== 'air') return `M${r(a.x)},${r(a.y)}L${r(b.x)},${r(b.y)}`;
  const c = bowControl(a, b);
  return `M${r(a.x)},${r(a.y)}Q${r(c.x)},${r(c.y)} ${r(b.x)},${r(b.y)}`;
}
