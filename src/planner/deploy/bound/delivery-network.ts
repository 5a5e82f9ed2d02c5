// The input of the delivery-day bound (delivery-bound.ts) as flat typed arrays: the network in
// days, the ULNs' figures, the sources (groups of ULNs that share one cheapest-path tree) and the
// constraints worth pricing. Built once per bound; the ascent loop only reads it.
//
// A source is every ULN leaving the same origin on the same first day (max(ALD, today)) over the
// same arcs: prices do not depend on who pays them, so one forward pass per dimension prices every
// arrival of all its members, whatever their destinations, windows and weights. "The same arcs" is
// the set canCarry allows, not the eligibility key: ULNs whose largest items differ by a tonne
// mostly fit the same lifts, and grouping by the set they fit keeps the passes few.
import { canCarry, eligibilityKey, penaltyDay } from '../objective.ts';
import type { DeploymentNetwork, Uln } from '../schedule-types.ts';
import { MAX_COUPLING_MODES, boundArcs, boundUlns, groupSources, lessTolerance } from './bound-input.ts';
import type { BoundOptions, BoundUlns } from './bound-input.ts';

export { MAX_COUPLING_MODES };

/**
 * Added to every capacity and reception: the planner admits a load that exceeds what is left by at
 * most its EPS (ledger.ts), so a plan may fill an arc-day or node-day that much beyond its limit.
 */
export const CAPACITY_SLACK = 1e-7;

export interface DeliveryNetworkOptions extends BoundOptions {
  /**
   * Modes whose use a ULN's personnel and tonnes must share, at most MAX_COUPLING_MODES: valid only
   * for plans that move each ULN on one route, which the planner does not keep to (see
   * delivery-bound.ts). Default none.
   */
  couplingModes?: readonly string[];
}

/** A price (or usage) index set: which arc-days or node-days of one dimension are priced. */
export interface PricedSet {
  /** Index into the [arc * H + day] or [node * H + day] array. */
  index: Int32Array;
  /** Its right-hand side: capacity or reception plus CAPACITY_SLACK. */
  rhs: Float64Array;
}

/** Per ULN (BoundUlns): destination, EAD, RDD, weight, personnel P' and critical tonnes C' to be in. */
export interface DeliveryNetwork extends Omit<BoundUlns, 'origin'> {
  /** Days 0 .. H - 1. */
  H: number;
  N: number;
  A: number;
  /** Route classes: 2^(coupling modes). */
  K: number;
  /** The class bit each arc sets (0 for modes that do not couple). */
  arcBit: Int32Array;
  arcFrom: Int32Array;
  arcTo: Int32Array;
  arcTransit: Int32Array;
  /** [a * H + d]: 1 when nothing may depart on arc a on day d. */
  closed: Uint8Array;
  /** Sources: origin, first departure day, the arcs each dimension may use (pruned to its members). */
  sourceOrigin: Int32Array;
  sourceStart: Int32Array;
  sourceArcsP: Int32Array[];
  sourceArcsT: Int32Array[];
  /** Members of source s: ulnOfSource[sourceFirst[s] .. sourceFirst[s + 1]). */
  sourceFirst: Int32Array;
  ulnOfSource: Int32Array;
  /** Per ULN, input order. Source -1: it starts too late to arrive inside the horizon. */
  ulnSource: Int32Array;
  /** The rest of its tonnes, which must be in by H − 1 (all of them less the tolerance, less C'). */
  ulnRestT: Float64Array;
  /** What it carries at all: bit 1 personnel, bit 2 tonnes (its delivery day is an arrival day). */
  ulnCargo: Uint8Array;
  /** Its objective when not planned: weight × (penalty day − RDD)+. */
  ulnPenalty: Float64Array;
  /**
   * [j * K + class]: the earliest day ULN j can be delivered in the route class with the network to
   * itself (see earliestDelivery); H when it cannot be planned in it at all.
   */
  ulnEarliest: Int32Array;
  /** Priced constraints per dimension. */
  arcP: PricedSet;
  arcT: PricedSet;
  nodeP: PricedSet;
  nodeT: PricedSet;
  /** Distinct arc sets ULNs may use (canCarry). */
  arcClasses: number;
}

/**
 * Flattens the input. RangeErrors as the planner's for unknown nodes, bad days, bad transit and bad
 * weights.
 */
export function buildDeliveryNetwork(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: DeliveryNetworkOptions = {},
): DeliveryNetwork {
  const base = boundArcs(network, ulns, options, options.couplingModes ?? []);
  const { H, N, A, K, arcFrom, arcTo, arcTransit, arcBit, closed } = base;

  // Per ULN.
  const M = ulns.length;
  const { origin, ulnDest, ulnEad, ulnRdd, ulnWeight, ulnP, ulnC } = boundUlns(ulns, base);
  const ulnRestT = new Float64Array(M);
  const ulnCargo = new Uint8Array(M);
  const ulnPenalty = new Float64Array(M);
  const penalty = penaltyDay(H);
  let totalP = 0;
  let totalT = 0;
  ulns.forEach((u, j) => {
    // A planned ULN's cargo all arrives inside the horizon, up to the same tolerance (the checker's
    // conservation).
    ulnRestT[j] = Math.max(0, lessTolerance(u.tonnes) - ulnC[j]!);
    ulnCargo[j] = (u.personnel > 0 ? 1 : 0) | (u.tonnes > 0 ? 2 : 0);
    ulnPenalty[j] = ulnWeight[j]! * Math.max(0, penalty - u.rdd);
    totalP += u.personnel;
    totalT += u.tonnes;
  });

  // Arc classes: the arcs each dimension may use, by eligibility key first (cheap), then by the set.
  const setOfKey = new Map<string, number>();
  const setIndex = new Map<string, number>();
  const classArcsP: Int32Array[] = [];
  const classArcsT: Int32Array[] = [];
  const arcClassOf = new Int32Array(M);
  ulns.forEach((u, j) => {
    const key = eligibilityKey(u);
    let c = setOfKey.get(key);
    if (c === undefined) {
      const allowed = network.arcs.flatMap((arc, a) => (canCarry(u, arc) ? [a] : []));
      const set = allowed.join(',');
      c = setIndex.get(set);
      if (c === undefined) {
        c = classArcsP.length;
        setIndex.set(set, c);
        classArcsP.push(
          Int32Array.from(allowed.filter((a) => network.arcs[a]!.capacityPerDay.personnel > 0)),
        );
        classArcsT.push(Int32Array.from(allowed.filter((a) => network.arcs[a]!.capacityPerDay.tonnes > 0)));
      }
      setOfKey.set(key, c);
    }
    arcClassOf[j] = c;
  });

  // Sources: ULNs by (arc class, origin, first day), in order of first appearance.
  const sources = groupSources(ulns, origin, arcClassOf, base);
  const { members, ulnSource, sourceFirst, ulnOfSource } = sources;
  const S = members.length;

  // A source's arcs: those on some walk from its origin to one of its members' destinations (the
  // others never lie on a cheapest path to a destination, so dropping them changes no price).
  const out: number[][] = Array.from({ length: N }, () => []);
  const into: number[][] = Array.from({ length: N }, () => []);
  for (let a = 0; a < A; a++) {
    out[arcFrom[a]!]!.push(a);
    into[arcTo[a]!]!.push(a);
  }
  const reach = (seeds: readonly number[], allowed: Uint8Array, forward: boolean): Uint8Array => {
    const seen = new Uint8Array(N);
    const stack = [...seeds];
    for (const v of seeds) seen[v] = 1;
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const a of forward ? out[v]! : into[v]!) {
        if (!allowed[a]) continue;
        const w = forward ? arcTo[a]! : arcFrom[a]!;
        if (!seen[w]) {
          seen[w] = 1;
          stack.push(w);
        }
      }
    }
    return seen;
  };
  const pruned = (s: number, arcs: Int32Array): Int32Array => {
    const allowed = new Uint8Array(A);
    for (const a of arcs) allowed[a] = 1;
    const dests = [...new Set(members[s]!.map((j) => ulnDest[j]!))];
    const fromOrigin = reach([sources.sourceOrigin[s]!], allowed, true);
    const toDest = reach(dests, allowed, false);
    return arcs.filter((a) => fromOrigin[arcFrom[a]!] === 1 && toDest[arcTo[a]!] === 1);
  };
  const sourceArcsP: Int32Array[] = [];
  const sourceArcsT: Int32Array[] = [];
  const usedP = new Uint8Array(A);
  const usedT = new Uint8Array(A);
  for (let s = 0; s < S; s++) {
    const p = pruned(s, classArcsP[sources.sourceClass[s]!]!);
    const t = pruned(s, classArcsT[sources.sourceClass[s]!]!);
    for (const a of p) usedP[a] = 1;
    for (const a of t) usedT[a] = 1;
    sourceArcsP.push(p);
    sourceArcsT.push(t);
  }

  // Priced constraints: open arc-days some source may use and nodes with a reception limit, where
  // the force's whole cargo of that dimension exceeds the limit (any other constraint holds at every
  // subproblem solution, so its best price is 0). Arc-days whose arrival falls beyond the horizon
  // carry nothing.
  const arcSet = (used: Uint8Array, total: number, cap: (a: number) => number): PricedSet => {
    const index: number[] = [];
    const rhs: number[] = [];
    for (let a = 0; a < A; a++) {
      if (!used[a] || !(cap(a) < total)) continue;
      for (let d = 0; d + arcTransit[a]! < H; d++) {
        if (closed[a * H + d]) continue;
        index.push(a * H + d);
        rhs.push(cap(a) + CAPACITY_SLACK);
      }
    }
    return { index: Int32Array.from(index), rhs: Float64Array.from(rhs) };
  };
  const nodeSet = (used: Uint8Array, total: number, rec: (v: number) => number | undefined): PricedSet => {
    const entered = new Uint8Array(N);
    for (let a = 0; a < A; a++) if (used[a]) entered[arcTo[a]!] = 1;
    const index: number[] = [];
    const rhs: number[] = [];
    for (let v = 0; v < N; v++) {
      const r = rec(v);
      if (!entered[v] || r === undefined || !(r < total)) continue;
      for (let d = 1; d < H; d++) {
        index.push(v * H + d);
        rhs.push(r + CAPACITY_SLACK);
      }
    }
    return { index: Int32Array.from(index), rhs: Float64Array.from(rhs) };
  };
  const arcs = network.arcs;
  const nodes = network.nodes;

  // Per dimension, the flat capacities and receptions (plus the slack) the cuts read.
  const capOf = (dim: 0 | 1): Float64Array =>
    Float64Array.from(
      arcs,
      (a) => (dim === 0 ? a.capacityPerDay.personnel : a.capacityPerDay.tonnes) + CAPACITY_SLACK,
    );
  const recOf = (dim: 0 | 1): Float64Array =>
    Float64Array.from(nodes, (n) =>
      n.receptionPerDay
        ? (dim === 0 ? n.receptionPerDay.personnel : n.receptionPerDay.tonnes) + CAPACITY_SLACK
        : Infinity,
    );
  const cuts: CutInput = {
    H,
    N,
    arcFrom,
    arcTo,
    arcTransit,
    closed,
    cap: [capOf(0), capOf(1)],
    rec: [recOf(0), recOf(1)],
  };
  // The arcs of one dimension a walk in route class c may use: those of the ULN's arc class whose
  // coupling mode, if any, is in c.
  const arcsCache = new Map<string, Int32Array>();
  const classArcs = (cls: number, dim: 0 | 1, c: number): Int32Array => {
    const key = `${cls}|${dim}|${c}`;
    let arcs = arcsCache.get(key);
    if (!arcs) {
      arcs = (dim === 0 ? classArcsP : classArcsT)[cls]!.filter((a) => (arcBit[a]! & ~c) === 0);
      arcsCache.set(key, arcs);
    }
    return arcs;
  };
  const transitCache = new Map<string, Float64Array>();
  const leastTransitCached = (
    cls: number,
    dim: 0 | 1,
    c: number,
    node: number,
    forward: boolean,
  ): Float64Array => {
    const key = `${cls}|${dim}|${c}|${node}|${forward ? 1 : 0}`;
    let t = transitCache.get(key);
    if (!t) {
      t = leastTransit(cuts, classArcs(cls, dim, c), node, forward);
      transitCache.set(key, t);
    }
    return t;
  };
  const scratch = new Float64Array(2 * H);
  const ulnEarliest = new Int32Array(M * K).fill(H);
  for (let j = 0; j < M; j++) {
    const s = ulnSource[j]!;
    if (s < 0) continue;
    const start = sources.sourceStart[s]!;
    const first = Math.max(ulnEad[j]!, start + 1);
    if (first > H - 1) continue;
    for (let c = 0; c < K; c++) {
      let earliest = first;
      if (origin[j] !== ulnDest[j]) {
        const cls = arcClassOf[j]!;
        for (const dim of [0, 1] as const) {
          const need = dim === 0 ? ulnP[j]! : ulnC[j]!;
          const all = lessTolerance(dim === 0 ? ulns[j]!.personnel : ulns[j]!.tonnes);
          if (all <= 0) continue;
          const day = earliestDelivery(
            cuts,
            dim,
            classArcs(cls, dim, c),
            origin[j]!,
            ulnDest[j]!,
            start,
            first,
            need,
            all,
            leastTransitCached(cls, dim, c, origin[j]!, true),
            leastTransitCached(cls, dim, c, ulnDest[j]!, false),
            scratch,
          );
          earliest = Math.max(earliest, day);
        }
      }
      ulnEarliest[j * K + c] = earliest;
    }
  }

  return {
    H,
    N,
    A,
    K,
    arcBit,
    arcFrom,
    arcTo,
    arcTransit,
    closed,
    sourceOrigin: Int32Array.from(sources.sourceOrigin),
    sourceStart: Int32Array.from(sources.sourceStart),
    sourceArcsP,
    sourceArcsT,
    sourceFirst,
    ulnOfSource,
    ulnSource,
    ulnDest,
    ulnEad,
    ulnRdd,
    ulnWeight,
    ulnP,
    ulnC,
    ulnRestT,
    ulnCargo,
    ulnPenalty,
    ulnEarliest,
    arcP: arcSet(usedP, totalP, (a) => arcs[a]!.capacityPerDay.personnel),
    arcT: arcSet(usedT, totalT, (a) => arcs[a]!.capacityPerDay.tonnes),
    nodeP: nodeSet(usedP, totalP, (v) => nodes[v]!.receptionPerDay?.personnel),
    nodeT: nodeSet(usedT, totalT, (v) => nodes[v]!.receptionPerDay?.tonnes),
    arcClasses: classArcsP.length,
  };
}

/** What the single-ULN cuts read: the network in days, capacities and receptions per dimension. */
interface CutInput {
  H: number;
  N: number;
  arcFrom: Int32Array;
  arcTo: Int32Array;
  arcTransit: Int32Array;
  closed: Uint8Array;
  /** Per dimension (0 personnel, 1 tonnes): per arc capacity, per node reception, slack added. */
  cap: [Float64Array, Float64Array];
  rec: [Float64Array, Float64Array];
}

/**
 * Least transit days over `arcs`, closures ignored: from `node` to every node (forward) or from every
 * node to `node` (backward). Infinity where there is no walk.
 */
function leastTransit(net: CutInput, arcs: Int32Array, node: number, forward: boolean): Float64Array {
  const { N, arcFrom, arcTo, arcTransit } = net;
  const dist = new Float64Array(N).fill(Infinity);
  dist[node] = 0;
  // Bellman-Ford: a few dozen nodes, every transit at least a day.
  for (let pass = 0; pass < N; pass++) {
    let changed = false;
    for (const a of arcs) {
      const [u, v] = forward ? [arcFrom[a]!, arcTo[a]!] : [arcTo[a]!, arcFrom[a]!];
      const d = dist[u]! + arcTransit[a]!;
      if (d < dist[v]!) {
        dist[v] = d;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return dist;
}

/**
 * The earliest day by which `need` of one dimension of a ULN could be at its destination, and
 * whether `all` of it could be by H − 1, with the network to itself and only `arcs` (those its
 * eligibility and route class allow): two cuts every unit of its cargo crosses in any plan, the
 * arcs leaving its origin and the arrivals at its destination.
 *  - Leaving the origin on arc a on day d, cargo reaches the destination no earlier than d + transit
 *    + the least transit from a's head to the destination, and not before `first` (EAD, and a day
 *    after its start); a walk that returns to the origin crosses the cut again, so the capacity of
 *    the cut's arc-days bounds what can arrive by each day.
 *  - Arriving at the destination on day t ≥ first: at most its reception that day, and at most the
 *    capacity of the arcs into it that depart on an open day the cargo can have reached their tail by
 *    (start + the least transit from the origin).
 * Its own cargo uses no more of any arc-day or node-day than the plan as a whole may, so in every plan
 * its delivery day is at least the first day both cuts carry `need`: a valid restriction of the
 * delivery day, which the relaxation's convex hull alone does not see when a ULN is bigger than a
 * day's lift. Returns H when `all` cannot arrive by H − 1 (it cannot be planned).
 */
function earliestDelivery(
  net: CutInput,
  dim: 0 | 1,
  arcs: Int32Array,
  origin: number,
  dest: number,
  start: number,
  first: number,
  need: number,
  all: number,
  fromOrigin: Float64Array,
  toDest: Float64Array,
  scratch: Float64Array,
): number {
  const { H, arcFrom, arcTo, arcTransit, closed } = net;
  const cap = net.cap[dim];
  const leave = scratch.subarray(0, H).fill(0);
  const enter = scratch.subarray(H, 2 * H).fill(0);
  for (const a of arcs) {
    const tr = arcTransit[a]!;
    if (arcFrom[a] === origin) {
      const rest = arcTo[a] === dest ? 0 : toDest[arcTo[a]!]!;
      if (rest === Infinity) continue;
      for (let d = start; d + tr + rest < H; d++) {
        if (!closed[a * H + d]) {
          const t = Math.max(d + tr + rest, first);
          leave[t] = leave[t]! + cap[a]!;
        }
      }
    }
    if (arcTo[a] === dest) {
      const ready = fromOrigin[arcFrom[a]!]!;
      if (ready === Infinity) continue;
      for (let d = Math.max(start + ready, first - tr); d + tr < H; d++) {
        if (!closed[a * H + d]) enter[d + tr] = enter[d + tr]! + cap[a]!;
      }
    }
  }
  const reception = net.rec[dim][dest]!;
  let byLeave = 0;
  let byEnter = 0;
  let earliest = H;
  for (let t = 0; t < H; t++) {
    byLeave += leave[t]!;
    if (t >= first) byEnter += Math.min(reception, enter[t]!);
    if (earliest === H && t >= first && byLeave >= need && byEnter >= need) earliest = t;
  }
  return byLeave >= all && byEnter >= all ? earliest : H;
}
