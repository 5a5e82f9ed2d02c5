// The deployment network as flat typed arrays for the scheduler's inner loops, checked once: arc
// ends, whole-day transit, daily capacity, lift load sizes, closures by day, node reception and the
// arcs leaving each node that carry anything. Also the executed loads resolved to arc indices and
// arrival days. Per-day arrays are indexed [arc * H + day]; H is the plan's horizon in days.
import type { DeploymentArc, DeploymentNetwork, ExecutedMovement } from './schedule-types.ts';

/**
 * The index of each node by id, throwing a RangeError on a duplicate id or (when looked up) an
 * unknown one, `what` naming the referrer. Shared with the LP reference, which reads the same input.
 */
export function nodeLookup(network: DeploymentNetwork): (id: string, what: string) => number {
  const nodeIndex = new Map<string, number>();
  network.nodes.forEach((n, i) => {
    if (nodeIndex.has(n.id)) throw new RangeError(`duplicate node ${n.id}`);
    nodeIndex.set(n.id, i);
  });
  return (id, what) => {
    const i = nodeIndex.get(id);
    if (i === undefined) throw new RangeError(`${what} names unknown node ${id}`);
    return i;
  };
}

/** The index of each arc by id. */
export function arcIndexOf(network: DeploymentNetwork): Map<string, number> {
  const arcIndex = new Map<string, number>();
  network.arcs.forEach((arc, a) => arcIndex.set(arc.id, a));
  return arcIndex;
}

export interface NetworkArrays {
  /** Nodes, arcs, and days in the horizon. */
  N: number;
  A: number;
  H: number;
  arcIds: string[];
  arcIndex: Map<string, number>;
  arcFrom: Int32Array;
  arcTo: Int32Array;
  arcTransit: Int32Array;
  /** Daily capacity of each arc, personnel and tonnes. */
  capP: Float64Array;
  capT: Float64Array;
  /** Lift load size of each arc, never above its daily capacity. */
  loadP: Float64Array;
  loadT: Float64Array;
  /** 1 where the arc carries a unit in one lift. */
  whole: Uint8Array;
  /** 1 where the arc is closed that day: [arc * H + day]. */
  closed: Uint8Array;
  /** Arcs out of each node that carry anything. */
  outArcs: number[][];
  /** Daily reception of each node, Infinity where unlimited. */
  recP: Float64Array;
  recT: Float64Array;
}

/** An arc's transit in days; a RangeError unless it is a whole number of days, at least 1. */
export function checkedTransit(arc: Pick<DeploymentArc, 'id' | 'transitDays'>): number {
  if (!Number.isInteger(arc.transitDays) || arc.transitDays < 1) {
    throw new RangeError(`arc ${arc.id} must take a whole number of days, at least 1`);
  }
  return arc.transitDays;
}

/** The network's arcs and nodes as typed arrays over `H` days; a RangeError names a bad arc. */
export function networkArrays(
  network: DeploymentNetwork,
  nodeOf: (id: string, what: string) => number,
  arcIndex: Map<string, number>,
  H: number,
): NetworkArrays {
  const N = network.nodes.length;
  const A = network.arcs.length;
  const arcFrom = new Int32Array(A);
  const arcTo = new Int32Array(A);
  const arcTransit = new Int32Array(A);
  const capP = new Float64Array(A);
  const capT = new Float64Array(A);
  const loadP = new Float64Array(A);
  const loadT = new Float64Array(A);
  const whole = new Uint8Array(A);
  const closed = new Uint8Array(A * H);
  const outArcs: number[][] = Array.from({ length: N }, () => []);
  network.arcs.forEach((arc, a) => {
    arcFrom[a] = nodeOf(arc.from, `arc ${arc.id}`);
    arcTo[a] = nodeOf(arc.to, `arc ${arc.id}`);
    arcTransit[a] = checkedTransit(arc);
    capP[a] = arc.capacityPerDay.personnel;
    capT[a] = arc.capacityPerDay.tonnes;
    // A load larger than a day's capacity could never fit; a zero load size would never finish.
    loadP[a] = arc.loadSize.personnel > 0 ? Math.min(arc.loadSize.personnel, capP[a]!) : capP[a]!;
    loadT[a] = arc.loadSize.tonnes > 0 ? Math.min(arc.loadSize.tonnes, capT[a]!) : capT[a]!;
    whole[a] = arc.wholeUnit ? 1 : 0;
    for (const c of arc.closures) {
      for (let d = Math.max(0, c.from); d <= Math.min(H - 1, c.to); d++) closed[a * H + d] = 1;
    }
    if (capP[a]! > 0 || capT[a]! > 0) outArcs[arcFrom[a]!]!.push(a);
  });
  const recP = new Float64Array(N).fill(Infinity);
  const recT = new Float64Array(N).fill(Infinity);
  network.nodes.forEach((n, i) => {
    if (n.receptionPerDay) {
      recP[i] = n.receptionPerDay.personnel;
      recT[i] = n.receptionPerDay.tonnes;
    }
  });
  const arcIds = network.arcs.map((a) => a.id);
  return {
    N,
    A,
    H,
    arcIds,
    arcIndex,
    arcFrom,
    arcTo,
    arcTransit,
    capP,
    capT,
    loadP,
    loadT,
    whole,
    closed,
    outArcs,
    recP,
    recT,
  };
}

/** The executed loads (already validated), each resolved to its arc and arrival day. */
export interface ExecutedLoads {
  executed: readonly ExecutedMovement[];
  arc: Int32Array;
  arrive: Int32Array;
  personnel: Float64Array;
  tonnes: Float64Array;
  /** The latest arrival day of any executed load, -1 when none. */
  latestArrival: number;
}

/** Resolves validated executed loads: an arrival not yet reported is assumed after the arc's transit. */
export function executedLoads(
  network: DeploymentNetwork,
  executed: readonly ExecutedMovement[],
  arcIndex: Map<string, number>,
): ExecutedLoads {
  const arc = new Int32Array(executed.length);
  const arrive = new Int32Array(executed.length);
  const personnel = new Float64Array(executed.length);
  const tonnes = new Float64Array(executed.length);
  let latestArrival = -1;
  executed.forEach((m, e) => {
    const a = arcIndex.get(m.arc)!;
    arc[e] = a;
    arrive[e] = m.arriveDay ?? m.departDay + network.arcs[a]!.transitDays;
    personnel[e] = m.personnel;
    tonnes[e] = m.tonnes;
    latestArrival = Math.max(latestArrival, arrive[e]!);
  });
  return { executed, arc, arrive, personnel, tonnes, latestArrival };
}
