// What the deployment planner minimises, defined once for the planner, the bound and the reports.
//
// A unit is delivered on the day its personnel and its critical equipment are all at the destination:
// a battalion whose soldiers are in but whose vehicles are still at sea is not operational, and
// deployment simulations close a unit on a share of its equipment, not its last crate. Its lateness is
// counted against the RDD from that day, for all its personnel: priority weight × personnel × days
// late. A ULN the plan cannot move is not left out (which would reward dropping hard units): it counts
// as delivered on the penalty day, twice the horizon, later than any plan inside the horizon delivers
// it. A ULN with no personnel (equipment or sustainment only) weighs as one person, so delaying or
// dropping it is never free.
import { DEFAULT_CRITICAL_SHARE } from '../../domain/deployment/settings.ts';
import type { DeploymentArc, Uln } from './schedule-types.ts';

/**
 * The share of a ULN's tonnes that must be in for it to count as delivered when the ULN does not
 * say: its critical equipment. An assumption (the rest is spares, stocks and second-line vehicles
 * that can follow), set per ULN from the scenario's deployment settings.
 */
export { DEFAULT_CRITICAL_SHARE };

/** Tolerance on cargo sums: loads are cut and summed in floating point. */
const TOLERANCE = 1e-6;

/** The personnel a ULN's lateness is weighed by: its personnel, at least one. */
export const personnelMass = (u: Pick<Uln, 'personnel'>): number => Math.max(u.personnel, 1);

/** The share of the ULN's tonnes that must arrive before it counts as delivered. */
export const criticalShareOf = (u: Pick<Uln, 'criticalShare'>): number =>
  u.criticalShare ?? DEFAULT_CRITICAL_SHARE;

/** The tonnes that must be at the destination before the ULN counts as delivered. */
export const criticalTonnes = (u: Pick<Uln, 'tonnes' | 'criticalShare'>): number =>
  u.tonnes * criticalShareOf(u);

/** The day an unplanned ULN counts as delivered: twice the horizon. */
export const penaltyDay = (horizonDays: number): number => 2 * horizonDays;

/** Days late of a ULN delivered on `day` (null: not planned, delivered on the penalty day). */
export function daysLateOf(u: Pick<Uln, 'rdd'>, day: number | null, horizonDays: number): number {
  const delivered = day ?? penaltyDay(horizonDays);
  return Math.max(0, delivered - u.rdd);
}

/** What the ULN adds to the objective when delivered on `day` (null: unplanned). */
export function ulnObjective(
  u: Pick<Uln, 'rdd' | 'personnel' | 'priority'>,
  day: number | null,
  horizonDays: number,
  weightOf: (priority: number) => number,
): number {
  return weightOf(u.priority) * personnelMass(u) * daysLateOf(u, day, horizonDays);
}

/**
 * The day a ULN is delivered, from its arrivals at the destination (any order): the last personnel
 * arrival and the day the arrived tonnes first reach its critical tonnes, whichever is later. Null
 * when they never do.
 */
export function deliveredDay(
  u: Pick<Uln, 'personnel' | 'tonnes' | 'criticalShare'>,
  arrivals: ReadonlyArray<{ arriveDay: number; personnel: number; tonnes: number }>,
): number | null {
  const sorted = [...arrivals].sort((x, y) => x.arriveDay - y.arriveDay);
  const needT = criticalTonnes(u) - TOLERANCE * Math.max(1, u.tonnes);
  const needP = u.personnel - TOLERANCE * Math.max(1, u.personnel);
  let p = 0;
  let t = 0;
  for (const m of sorted) {
    p += m.personnel;
    t += m.tonnes;
    if (p >= needP && t >= needT) return m.arriveDay;
  }
  return null;
}

/**
 * Whether an arc may carry the ULN: its mode is one the ULN may use, and its lift load can take the
 * ULN's largest item (a whole-unit arc, a ship or a train, takes the unit as one lift). Outsized
 * equipment does not fly on tactical lift.
 */
export function canCarry(
  u: Pick<Uln, 'modes' | 'largestItemTonnes' | 'tonnes'>,
  arc: Pick<DeploymentArc, 'mode' | 'loadSize' | 'wholeUnit'>,
): boolean {
  if (u.modes && !u.modes.includes(arc.mode)) return false;
  // A load size of 0 sets no per-lift limit (the planner then loads a day's capacity at once).
  if (u.largestItemTonnes !== undefined && u.tonnes > 0 && !arc.wholeUnit && arc.loadSize.tonnes > 0) {
    if (arc.loadSize.tonnes + TOLERANCE < u.largestItemTonnes) return false;
  }
  return true;
}

/** A key equal for ULNs that may use the same arcs (routes are shared between them). */
export const eligibilityKey = (u: Pick<Uln, 'modes' | 'largestItemTonnes' | 'tonnes'>): string =>
  `${u.modes ? [...u.modes].sort().join('+') : '*'}|${u.tonnes > 0 ? (u.largestItemTonnes ?? 0) : 0}`;
