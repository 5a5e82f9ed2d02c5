// Recording a plan: each ULN's loads (executed, kept or run along its chosen routes), its legs
// numbered main route first, its result and its part of the objective, the closure curve, and its
// missed LAD, if any, recorded as days on every pass and worded once the plan is chosen.
import { choose } from './choose-route.ts';
import type { ChooseState } from './choose-route.ts';
import type { ExecutedLoads } from './network-arrays.ts';
import { runChosen } from './hold-on-time.ts';
import { deliveredDay, personnelMass } from './objective.ts';
import { sameArcs } from './routes.ts';
import type { Route } from './routes.ts';
import type {
  DeploymentNetwork,
  LegSchedule,
  MissedLad,
  Movement,
  Uln,
  UlnSchedule,
  UlnStatus,
} from './schedule-types.ts';

/**
 * A missed LAD as the schedule records it: its kind and the days that explain it (`a`, `b`: the
 * ready day and shortest transit, today and the earliest arrival, or the arrival), or, for a ULN
 * that cannot move at all, the reason in words.
 */
type MissedLadEntry = { index: number; uln: MissedLad['uln'] } & (
  | { kind: 'readiness' | 'already-late' | 'congestion'; a: number; b: number; lad: number }
  | { kind: 'no-route' | 'beyond-horizon'; text: string }
);

/** The results of the latest recording pass and the objective's parts (see DeploymentPlan.objective). */
export class PlanRecord {
  readonly results: UlnSchedule[];
  /** Personnel arriving at their destination per day (cumulated once the plan is chosen). */
  readonly closureCurve: Float64Array;
  objective = 0;
  personnelDaysLate = 0;
  unitDaysLate = 0;
  weightedUnitDaysLate = 0;
  unplannedPenalty = 0;
  closureDay = -1;
  unscheduled = 0;
  // Recorded on every pass, worded once at the end: the words of thousands of late ULNs on every
  // re-ordering pass would cost the planner's hot loop for nothing.
  readonly missedLad: MissedLadEntry[] = [];
  /** Per ULN: weighted personnel-days late of its planned loads in the latest pass. */
  readonly plannedLate: Float64Array;
  /** Scratch of leg numbering: each arc's leg, -1 between ULNs. */
  readonly legOf: Int32Array;

  constructor(ulnCount: number, horizonDays: number, arcCount: number) {
    this.results = new Array<UlnSchedule>(ulnCount);
    this.closureCurve = new Float64Array(horizonDays);
    this.plannedLate = new Float64Array(ulnCount);
    this.legOf = new Int32Array(arcCount).fill(-1);
  }

  /** Empties what a recording pass fills but the ledgers. */
  clear(): void {
    this.closureCurve.fill(0);
    this.objective = 0;
    this.personnelDaysLate = 0;
    this.unitDaysLate = 0;
    this.weightedUnitDaysLate = 0;
    this.unplannedPenalty = 0;
    this.closureDay = -1;
    this.unscheduled = 0;
    this.missedLad.length = 0;
  }

  /** The missed LADs in ULN order, worded. */
  missedLads(): MissedLad[] {
    this.missedLad.sort((x, y) => x.index - y.index);
    return this.missedLad.map((m) => ({ uln: m.uln, kind: m.kind, reason: missedLadReason(m) }));
  }
}

/** The parts of a plan's state recording reads and writes. */
export interface RecordState extends ChooseState {
  network: DeploymentNetwork;
  exec: ExecutedLoads;
  today: number;
  /** The day an unplanned ULN counts as delivered (objective.ts penaltyDay). */
  penalty: number;
  /** Candidate routes from each ULN's origin. */
  ulnRoutes: Route[][];
  record: PlanRecord;
}

/** What an unplanned ULN adds to the objective: delivered on the penalty day. */
export const penaltyOf = (s: Pick<RecordState, 'weightOf' | 'penalty'>, u: Uln): number =>
  s.weightOf(u.priority) * personnelMass(u) * Math.max(0, s.penalty - u.rdd);

/** Empties everything a recording pass fills, for another. */
export function resetRecord(s: RecordState): void {
  s.ledger.reset();
  s.ledger.clearWaiting();
  s.record.clear();
}

/** Schedules every ULN in `order`, recording movements, utilisation and the results; returns the order. */
export function recordPass(s: RecordState, order: readonly number[]): number[] {
  for (const j of order) recordUln(s, j, null);
  return order as number[];
}

/**
 * Schedules ULN j, or records its `kept` loads (keep-previous.ts, which left its groups in
 * s.cargo), recording movements, utilisation and its result.
 */
export function recordUln(s: RecordState, j: number, kept: Movement[] | null): void {
  const { ulns, cargo, choice } = s;
  const u = ulns[j]!;
  const dst = cargo.destOf[j]!;
  const weight = s.weightOf(u.priority);
  s.lift.followOn = s.holdOnTime;
  if (kept) keptChoice(s, j);
  else choose(s, j);
  // One planned route from the origin and nothing executed: the legs are that route, and the
  // run numbered them already.
  const simple =
    !cargo.execOf[j] &&
    !kept &&
    choice.chosen.length === 1 &&
    !choice.splitT &&
    (!choice.followRoute || sameArcs(choice.followRoute.arcs, choice.chosen[0]!.arcs));
  /** Arc index of each movement; unused when simple. */
  const moveArcs: number[] = [];
  const movements = movementsOf(s, j, kept, simple, weight, moveArcs);
  const legArcs: number[] = simple
    ? Array.from(choice.chosen[0]!.arcs)
    : choice.failed
      ? []
      : cargo.mainPath(cargo.originOf[j]!, dst, moveArcs, movements);
  const routeLength = legArcs.length;
  if (!simple) numberLegs(s.record.legOf, legArcs, moveArcs, movements);
  const unitLegs = legArcs.length;
  followOnLegs(s.record.legOf, legArcs, simple ? null : moveArcs, movements);
  const summary = summariseLegs(s, legArcs, unitLegs, movements, dst);
  const base: UlnSchedule = {
    uln: u.uln,
    status: 'scheduled',
    route: [],
    legs: summary.legs,
    movements,
    arrivalDay: null,
    deliveredDay: null,
    daysLate: 0,
    personnelDaysLate: 0,
    weightedPersonnelDaysLate: 0,
  };
  const originRoutes = s.ulnRoutes[j]!;
  const shortest = originRoutes.length ? originRoutes[0]!.transit : -1;
  const hopeless = shortest >= 0 && u.ald + shortest > u.lad;
  if (hopeless) {
    s.record.missedLad.push({ index: j, uln: u.uln, kind: 'readiness', a: u.ald, b: shortest, lad: u.lad });
  }
  if (choice.failed) recordFailed(s, j, base, choice.failed, hopeless);
  else recordScheduled(s, j, weight, base, legArcs.slice(0, routeLength), summary, hopeless);
}

/** Kept whole: nothing to choose; the earliest arrival from where its cargo is, for missed LADs. */
function keptChoice(s: RecordState, j: number): void {
  const { choice, cargo } = s;
  choice.chosen.length = 0;
  choice.splitT = null;
  choice.followRoute = null;
  choice.failed = null;
  choice.earliest = -1;
  for (let g = 0; g < choice.groups; g++) {
    const routes = s.routes.routesFor(s.classOf[j]!, cargo.groupNode[g]!, cargo.destOf[j]!);
    if (routes.length)
      choice.earliest = Math.max(choice.earliest, cargo.groupDay[cargo.groupStart[g]!]! + routes[0]!.transit);
  }
}

/**
 * ULN j's movements: executed, then kept or run (recorded) along the chosen routes; the arc index
 * of each is pushed to `moveArcs` unless `simple`.
 */
function movementsOf(
  s: RecordState,
  j: number,
  kept: Movement[] | null,
  simple: boolean,
  weight: number,
  moveArcs: number[],
): Movement[] {
  const { choice, lift } = s;
  const u = s.ulns[j]!;
  const es = s.cargo.execOf[j];
  let movements: Movement[] = [];
  if (es) {
    const { executed, arc, arrive } = s.exec;
    for (const e of es) {
      const m = executed[e]!;
      const a = arc[e]!;
      movements.push({
        leg: -1,
        arc: s.net.arcIds[a]!,
        departDay: m.departDay,
        arriveDay: arrive[e]!,
        personnel: m.personnel,
        tonnes: m.tonnes,
        executed: true,
        followOn: false,
      });
      moveArcs.push(a);
    }
  }
  if (kept) {
    for (const m of kept) {
      movements.push(m);
      moveArcs.push(s.net.arcIndex.get(m.arc)!);
    }
  } else if (simple) {
    runChosen(s, u, weight, 0, true);
    movements = lift.movements!;
  } else if (!choice.failed) {
    for (let k = 0; k < choice.groups; k++) {
      const arcsOfRoute = choice.chosen[k]!.arcs;
      runChosen(s, u, weight, k, true);
      // Split (choose-route.ts): the personnel's loads first, on chosen[0], then the tonnes'; the
      // follow-on tonnes' last, on their own route when they have one.
      const split = choice.splitT ? lift.splitAt : Infinity;
      lift.movements!.forEach((m, i) => {
        movements.push(m);
        const own = i < split ? arcsOfRoute : choice.splitT!.arcs;
        moveArcs.push((m.followOn && choice.followRoute ? choice.followRoute.arcs : own)[m.leg]!);
      });
    }
  }
  return movements;
}

/**
 * Numbers the legs of movements on several routes: the main route's arcs (`legArcs` on entry),
 * then the others by first departure, then arc order, appended to `legArcs`. Follow-on movements
 * are left to followOnLegs. `legOf` is scratch, all -1 on entry and on return.
 */
function numberLegs(
  legOf: Int32Array,
  legArcs: number[],
  moveArcs: readonly number[],
  movements: Movement[],
): void {
  const routeLength = legArcs.length;
  legArcs.forEach((a, l) => (legOf[a] = l));
  const firstDeparture: number[] = [];
  moveArcs.forEach((a, i) => {
    if (movements[i]!.followOn || legOf[a]! >= 0) return;
    legOf[a] = legArcs.length;
    legArcs.push(a);
    firstDeparture.push(movements[i]!.departDay);
  });
  for (let i = 0; i < movements.length; i++) {
    const l = movements[i]!.followOn ? -1 : legOf[moveArcs[i]!]! - routeLength;
    if (l >= 0) firstDeparture[l] = Math.min(firstDeparture[l]!, movements[i]!.departDay);
  }
  if (legArcs.length > routeLength) {
    const others = legArcs.slice(routeLength).map((a, l) => [a, firstDeparture[l]!] as const);
    others.sort((x, y) => x[1] - y[1] || x[0] - y[0]);
    others.forEach(([a], l) => (legArcs[routeLength + l] = a));
    legArcs.forEach((a, l) => (legOf[a] = l));
  }
  for (let i = 0; i < movements.length; i++)
    if (!movements[i]!.followOn) movements[i]!.leg = legOf[moveArcs[i]!]!;
  for (const a of legArcs) legOf[a] = -1;
}

/**
 * Appends to `legArcs` the legs of the follow-on movements, numbering them: their own path after
 * the unit's legs, even over the same arcs, so that no leg of the unit's waits for them (the
 * report's holds, the map's place of the unit). Their arcs are `moveArcs`, or, when null, the
 * unit's route (`legArcs` on entry), which their legs index. `legOf` is scratch as numberLegs'.
 */
function followOnLegs(
  legOf: Int32Array,
  legArcs: number[],
  moveArcs: readonly number[] | null,
  movements: Movement[],
): void {
  const base = legArcs.length;
  if (!movements.some((m) => m.followOn)) return;
  if (moveArcs === null) {
    for (let l = 0; l < base; l++) legArcs.push(legArcs[l]!);
    for (const m of movements) if (m.followOn) m.leg += base;
    return;
  }
  // One path, leg after leg: by first departure, then arc order.
  const first = new Map<number, number>();
  movements.forEach((m, i) => {
    if (!m.followOn) return;
    const a = moveArcs[i]!;
    first.set(a, Math.min(first.get(a) ?? Infinity, m.departDay));
  });
  const arcs = [...first].sort((x, y) => x[1] - y[1] || x[0] - y[0]).map(([a]) => a);
  arcs.forEach((a, l) => {
    legOf[a] = base + l;
    legArcs.push(a);
  });
  movements.forEach((m, i) => {
    if (m.followOn) m.leg = legOf[moveArcs[i]!]!;
  });
  for (const a of arcs) legOf[a] = -1;
}

interface LegSummary {
  legs: LegSchedule[];
  /** Movements arriving at the destination. */
  arrivals: Movement[];
  /** Latest arrival at the destination, of any load and of an executed one; -1 if none. */
  arrival: number;
  executedArrival: number;
}

/**
 * Each leg's departures, arrivals and loads (the unit's first `unitLegs` legs, the follow-on's
 * after), and the arrivals at `dst`, counted into the closure curve.
 */
function summariseLegs(
  s: RecordState,
  legArcs: readonly number[],
  unitLegs: number,
  movements: readonly Movement[],
  dst: number,
): LegSummary {
  const { arcTo } = s.net;
  const closureCurve = s.record.closureCurve;
  const legs: LegSchedule[] = legArcs.map((a, l) => {
    const arc = s.network.arcs[a]!;
    return {
      arc: arc.id,
      from: arc.from,
      to: arc.to,
      mode: arc.mode,
      firstDeparture: Infinity,
      lastDeparture: -1,
      firstArrival: Infinity,
      lastArrival: -1,
      loads: 0,
      personnel: 0,
      tonnes: 0,
      followOn: l >= unitLegs,
    };
  });
  let arrival = -1;
  let executedArrival = -1;
  const arrivals: Movement[] = [];
  for (let i = 0; i < movements.length; i++) {
    const m = movements[i]!;
    const l = legs[m.leg]!;
    l.firstDeparture = Math.min(l.firstDeparture, m.departDay);
    l.lastDeparture = Math.max(l.lastDeparture, m.departDay);
    l.firstArrival = Math.min(l.firstArrival, m.arriveDay);
    l.lastArrival = Math.max(l.lastArrival, m.arriveDay);
    l.loads++;
    l.personnel += m.personnel;
    l.tonnes += m.tonnes;
    if (arcTo[legArcs[m.leg]!] === dst) {
      closureCurve[m.arriveDay] = closureCurve[m.arriveDay]! + m.personnel;
      arrivals.push(m);
      arrival = Math.max(arrival, m.arriveDay);
      if (m.executed) executedArrival = Math.max(executedArrival, m.arriveDay);
    }
  }
  return { legs, arrivals, arrival, executedArrival };
}

/** Records ULN j as not planned (`failed`): the penalty, and why unless its LAD was hopeless anyway. */
function recordFailed(
  s: RecordState,
  j: number,
  base: UlnSchedule,
  failed: UlnStatus,
  hopeless: boolean,
): void {
  const rec = s.record;
  const u = s.ulns[j]!;
  rec.unscheduled++;
  const late = Math.max(0, s.penalty - u.rdd);
  rec.plannedLate[j] = penaltyOf(s, u);
  rec.unplannedPenalty += rec.plannedLate[j]!;
  rec.results[j] = {
    ...base,
    status: failed,
    daysLate: late,
    personnelDaysLate: u.personnel * late,
    weightedPersonnelDaysLate: rec.plannedLate[j]!,
  };
  if (!hopeless) {
    rec.missedLad.push({
      index: j,
      uln: u.uln,
      kind: failed === 'beyond-horizon' ? 'beyond-horizon' : 'no-route',
      text:
        failed === 'beyond-horizon'
          ? `cannot reach ${u.destination} within the ${s.net.H}-day horizon`
          : `no route from ${s.network.nodes[s.choice.failNode]!.id} to ${u.destination}${liftText(u)}`,
    });
  }
}

/** Records ULN j (priority weight `weight`) as planned on `route` (arc indices): its delivery, lateness and missed LAD. */
function recordScheduled(
  s: RecordState,
  j: number,
  weight: number,
  base: UlnSchedule,
  route: readonly number[],
  summary: LegSummary,
  hopeless: boolean,
): void {
  const rec = s.record;
  const u = s.ulns[j]!;
  const { arrival, executedArrival } = summary;
  rec.closureDay = Math.max(rec.closureDay, arrival);
  // Every scheduled ULN's cargo is all in, so it is delivered (on its last arrival at worst).
  const delivered = deliveredDay(u, summary.arrivals) ?? arrival;
  const daysLate = Math.max(0, delivered - u.rdd);
  rec.plannedLate[j] = weight * personnelMass(u) * daysLate;
  rec.objective += rec.plannedLate[j]!;
  rec.personnelDaysLate += u.personnel * daysLate;
  rec.unitDaysLate += daysLate;
  rec.weightedUnitDaysLate += weight * daysLate;
  rec.results[j] = {
    ...base,
    route: route.map((a) => s.net.arcIds[a]!),
    arrivalDay: arrival,
    deliveredDay: delivered,
    daysLate,
    personnelDaysLate: u.personnel * daysLate,
    weightedPersonnelDaysLate: rec.plannedLate[j]!,
  };
  if (arrival > u.lad && !hopeless) {
    // Late already where the cargo stands today, or made late by the plan's own congestion.
    const bound = Math.max(s.choice.earliest, executedArrival);
    rec.missedLad.push(
      bound > u.lad
        ? { index: j, uln: u.uln, kind: 'already-late', a: s.today, b: bound, lad: u.lad }
        : { index: j, uln: u.uln, kind: 'congestion', a: arrival, b: 0, lad: u.lad },
    );
  }
}

/** The words of a missed LAD, written once the plan is chosen. */
function missedLadReason(m: MissedLadEntry): string {
  switch (m.kind) {
    case 'readiness':
      return (
        `ready ${cd(m.a)} + ${daysText(m.b)} shortest transit = ${cd(m.a + m.b)}, ` +
        `after its LAD ${cd(m.lad)}`
      );
    case 'already-late':
      return (
        `already late on ${cd(m.a)}: from where its cargo is, it cannot arrive before ` +
        `${cd(m.b)}, after its LAD ${cd(m.lad)}`
      );
    case 'congestion':
      return `arrives ${cd(m.a)}: LAD ${cd(m.lad)} missed by ${daysText(m.a - m.lad)}`;
    default:
      return m.text;
  }
}

/** What limits the arcs a ULN may use, for a reason: " its lift allows (road, rail; largest item 62 t)". */
function liftText(u: Uln): string {
  const parts: string[] = [];
  if (u.modes) parts.push(`modes ${u.modes.join(', ')}`);
  if (u.largestItemTonnes !== undefined && u.tonnes > 0) parts.push(`largest item ${u.largestItemTonnes} t`);
  return parts.length ? ` that its lift allows (${parts.join('; ')})` : '';
}

/** A C-day as people read it, the sign always written ("C+12", "C-3"). */
const cd = (day: number): string => (day < 0 ? `C-${-day}` : `C+${day}`);
const daysText = (n: number): string => `${n} ${n === 1 ? 'day' : 'days'}`;
