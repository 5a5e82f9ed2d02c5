// What both proved bounds read the same way (lagrangian-bound.ts over time-expanded.ts, and
// delivery-bound.ts over delivery-network.ts): the options checked as the planner checks them, the
// arcs in days with their closures and coupling-mode bits, the ULNs' figures, and the grouping of
// ULNs into sources that share one cheapest-path tree. Each bound adds what is its own.
import { criticalTonnes, personnelMass } from '../objective.ts';
import { checkedTransit } from '../network-arrays.ts';
import { latestUlnDay, nodeLookup } from '../schedule.ts';
import type { DeploymentNetwork, Uln } from '../schedule-types.ts';

/**
 * objective.ts's tolerance on cargo sums: a ULN is delivered once all but this share (of at least
 * one unit) of its personnel and critical tonnes are in.
 */
export const DELIVERY_TOLERANCE = 1e-6;

/** An amount less the tolerance: what must arrive of it. */
export const lessTolerance = (x: number): number => Math.max(0, x - DELIVERY_TOLERANCE * Math.max(1, x));

/** Route classes are subsets of the coupling modes: 2^3 = 8 at most, each one more tree state. */
export const MAX_COUPLING_MODES = 3;

export interface BoundOptions {
  /** Days in the ledger. Default as the planner's: latest of ALD, RDD, LAD and today, plus 61. */
  horizonDays?: number;
  /** Nothing departs before this day. Default 0. */
  today?: number;
  /** Weight of a personnel-day late by priority. Default 1 / priority, as the planner's. */
  priorityWeight?: (priority: number) => number;
}

/** The network in days. */
export interface BoundArcs {
  /** Days 0 .. H - 1. */
  H: number;
  N: number;
  A: number;
  today: number;
  weightOf: (priority: number) => number;
  couplingModes: string[];
  /** Route classes: 2^(coupling modes). */
  K: number;
  nodeOf: (id: string, what: string) => number;
  arcFrom: Int32Array;
  arcTo: Int32Array;
  arcTransit: Int32Array;
  /** The class bit an arc sets (0 for modes that do not couple). */
  arcBit: Int32Array;
  /** [a * H + d]: 1 when nothing may depart on arc a on day d. */
  closed: Uint8Array;
}

/**
 * The options and arcs, checked: RangeErrors as the planner's for a bad today, horizon, node or
 * transit, and for more than MAX_COUPLING_MODES coupling modes.
 */
export function boundArcs(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: BoundOptions,
  coupling: readonly string[],
): BoundArcs {
  const today = options.today ?? 0;
  if (!Number.isInteger(today)) throw new RangeError(`today must be a whole day, not ${today}`);
  const weightOf = options.priorityWeight ?? ((p: number) => 1 / p);
  const latest = latestUlnDay(ulns);
  const H = options.horizonDays ?? Math.max(latest, today) + 61;
  if (!Number.isInteger(H) || H < 1) throw new RangeError('horizonDays must be a whole number, at least 1');
  const couplingModes = [...new Set(coupling)];
  if (couplingModes.length > MAX_COUPLING_MODES) {
    throw new RangeError(`at most ${MAX_COUPLING_MODES} coupling modes, not ${couplingModes.length}`);
  }
  const nodeOf = nodeLookup(network);
  const A = network.arcs.length;
  const arcFrom = new Int32Array(A);
  const arcTo = new Int32Array(A);
  const arcTransit = new Int32Array(A);
  const arcBit = new Int32Array(A);
  const closed = new Uint8Array(A * H);
  network.arcs.forEach((arc, a) => {
    arcFrom[a] = nodeOf(arc.from, `arc ${arc.id}`);
    arcTo[a] = nodeOf(arc.to, `arc ${arc.id}`);
    arcTransit[a] = checkedTransit(arc);
    const m = couplingModes.indexOf(arc.mode);
    arcBit[a] = m < 0 ? 0 : 1 << m;
    for (const c of arc.closures) {
      for (let d = Math.max(0, c.from); d <= Math.min(H - 1, c.to); d++) closed[a * H + d] = 1;
    }
  });
  return {
    H,
    N: network.nodes.length,
    A,
    today,
    weightOf,
    couplingModes,
    K: 1 << couplingModes.length,
    nodeOf,
    arcFrom,
    arcTo,
    arcTransit,
    arcBit,
    closed,
  };
}

/** Per ULN (input order), what both bounds read of it. */
export interface BoundUlns {
  origin: Int32Array;
  ulnDest: Int32Array;
  ulnEad: Int32Array;
  ulnRdd: Int32Array;
  /** Priority weight × personnel mass: its objective per day late. */
  ulnWeight: Float64Array;
  /** Personnel that must arrive before it is delivered (less the tolerance); 0 when none. */
  ulnP: Float64Array;
  /** Critical tonnes that must arrive (less the tolerance); 0 when none. */
  ulnC: Float64Array;
}

/** The ULNs' figures; a RangeError names a ULN at an unknown node or with a bad priority weight. */
export function boundUlns(ulns: readonly Uln[], arcs: Pick<BoundArcs, 'nodeOf' | 'weightOf'>): BoundUlns {
  const M = ulns.length;
  const out: BoundUlns = {
    origin: new Int32Array(M),
    ulnDest: new Int32Array(M),
    ulnEad: new Int32Array(M),
    ulnRdd: new Int32Array(M),
    ulnWeight: new Float64Array(M),
    ulnP: new Float64Array(M),
    ulnC: new Float64Array(M),
  };
  ulns.forEach((u, j) => {
    out.origin[j] = arcs.nodeOf(u.origin, `ULN ${u.uln}`);
    out.ulnDest[j] = arcs.nodeOf(u.destination, `ULN ${u.uln}`);
    out.ulnEad[j] = u.ead;
    out.ulnRdd[j] = u.rdd;
    const w = arcs.weightOf(u.priority);
    if (!(w >= 0 && Number.isFinite(w))) {
      throw new RangeError(`priority weight of ULN ${u.uln} must be finite and not negative, not ${w}`);
    }
    out.ulnWeight[j] = w * personnelMass(u);
    // objective.ts delivers the ULN once all but a tolerance of its personnel and critical tonnes
    // are in: only that much must arrive by the delivery day.
    out.ulnP[j] = lessTolerance(u.personnel);
    out.ulnC[j] = Math.max(0, criticalTonnes(u) - DELIVERY_TOLERANCE * Math.max(1, u.tonnes));
  });
  return out;
}

/** ULNs grouped into sources: one cheapest-path tree per source and dimension serves them all. */
export interface Sources {
  /** Per ULN its source; -1 when it cannot leave inside the horizon (it is unplanned). */
  ulnSource: Int32Array;
  /** Members of each source, in input order. */
  members: number[][];
  /** Members of source s: ulnOfSource[sourceFirst[s] .. sourceFirst[s + 1]). */
  sourceFirst: Int32Array;
  ulnOfSource: Int32Array;
  sourceOrigin: number[];
  sourceStart: number[];
  /** The arc class (eligibility) of each source. */
  sourceClass: number[];
}

/**
 * ULNs by (arc class, origin, first day max(ALD, today)), in order of first appearance: prices do
 * not depend on who pays them, so members share a tree whatever their destinations, windows and
 * weights. A ULN whose first day leaves no day to arrive in has no source.
 */
export function groupSources(
  ulns: readonly Uln[],
  origin: Int32Array,
  classOf: Int32Array,
  arcs: Pick<BoundArcs, 'N' | 'H' | 'today'>,
): Sources {
  const { N, H, today } = arcs;
  const M = ulns.length;
  const sourceKey = new Map<number, number>();
  const members: number[][] = [];
  const sourceOrigin: number[] = [];
  const sourceStart: number[] = [];
  const sourceClass: number[] = [];
  const ulnSource = new Int32Array(M).fill(-1);
  for (let j = 0; j < M; j++) {
    const start = Math.max(ulns[j]!.ald, today, 0);
    if (start >= H - 1) continue;
    const key = (classOf[j]! * N + origin[j]!) * H + start;
    let s = sourceKey.get(key);
    if (s === undefined) {
      s = members.length;
      sourceKey.set(key, s);
      members.push([]);
      sourceOrigin.push(origin[j]!);
      sourceStart.push(start);
      sourceClass.push(classOf[j]!);
    }
    members[s]!.push(j);
    ulnSource[j] = s;
  }
  const S = members.length;
  const sourceFirst = new Int32Array(S + 1);
  for (let s = 0; s < S; s++) sourceFirst[s + 1] = sourceFirst[s]! + members[s]!.length;
  return {
    ulnSource,
    members,
    sourceFirst,
    ulnOfSource: Int32Array.from(members.flat()),
    sourceOrigin,
    sourceStart,
    sourceClass,
  };
}
