// The instance as the reference LP reads it: the network as flat typed arrays over days 0..H-1, and
// the ULNs grouped into commodities, each with the arcs it may use and its reachability in time.
//
// A commodity is one dimension (personnel or tonnes) of a group of ULNs with the same origin,
// destination, ALD, EAD, RDD, priority and mode eligibility (see lp-reference.ts for why they
// merge): one block, a unit of flow measured as the fraction of its total.
import { canCarry, eligibilityKey } from '../objective.ts';
import { latestUlnDay, nodeLookup } from '../schedule.ts';
import type { DeploymentArc, DeploymentNetwork, Uln } from '../schedule-types.ts';
import type { ReferenceOptions } from './reference-types.ts';

/** Tolerance on cargo amounts and on row activities. */
export const EPS = 1e-7;
/** A day never reached. */
export const NEVER = 0x3fffffff;
/** Dimensions: personnel and tonnes, the index into every [.. * 2 + dimension] array. */
export const P = 0;
export const T = 1;

export interface Net {
  N: number;
  A: number;
  H: number;
  arcFrom: Int32Array;
  arcTo: Int32Array;
  arcTransit: Int32Array;
  /** [arc * 2 + dimension] */
  cap: Float64Array;
  load: Float64Array;
  whole: Uint8Array;
  /** [arc * H + day] */
  closed: Uint8Array;
  /** [node * 2 + dimension], Infinity when unlimited. */
  rec: Float64Array;
}

export interface Commodity {
  /** Indices into the ULNs. */
  members: number[];
  origin: number;
  dest: number;
  ald: number;
  ead: number;
  rdd: number;
  weight: number;
  /** [dimension]: personnel, tonnes. */
  qty: Float64Array;
  /** Usable arcs grouped by tail node: arcs[outStart[v] .. outStart[v + 1]). */
  arcs: Int32Array;
  outStart: Int32Array;
  earliestArrival: number;
}

export interface Prepared {
  net: Net;
  commodities: Commodity[];
  excluded: string[];
}

export function prepare(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: ReferenceOptions,
): Prepared {
  const weightOf = options.priorityWeight ?? ((p: number) => 1 / p);
  const nodeOf = nodeLookup(network);
  const latest = latestUlnDay(ulns);
  const net = flattenNetwork(network, nodeOf, options.horizonDays ?? latest + 61);
  const { N, H } = net;
  const commodities: Commodity[] = [];
  const excluded: string[] = [];
  const E = new Int32Array(N * H);
  for (const members of groupUlns(ulns, nodeOf, options.integer ?? false).values()) {
    const u0 = ulns[members[0]!]!;
    const units = members.map((j) => ulns[j]!);
    // One commodity per dimension the members carry (the planner may send a unit's personnel and
    // tonnes on routes of their own: see lp-reference.ts).
    const parts: Commodity[] = [];
    for (const k of [P, T]) {
      const c: Commodity = {
        members,
        origin: nodeOf(u0.origin, `ULN ${u0.uln}`),
        dest: nodeOf(u0.destination, `ULN ${u0.uln}`),
        ald: u0.ald,
        ead: u0.ead,
        rdd: u0.rdd,
        weight: weightOf(u0.priority),
        qty: new Float64Array(2),
        arcs: new Int32Array(0),
        outStart: new Int32Array(N + 1),
        earliestArrival: NEVER,
      };
      for (const u of units) c.qty[k] = c.qty[k]! + (k === P ? u.personnel : u.tonnes);
      if (c.qty[k]! <= 0) continue;
      usableArcs(net, network.arcs, c, units);
      if (c.origin !== c.dest && c.ald >= 0 && c.ald < H) {
        backwardEarliest(net, c, E);
        c.earliestArrival = E[c.origin * H + c.ald]!;
      }
      parts.push(c);
    }
    if (parts.length === 0 || parts.some((c) => c.earliestArrival >= NEVER)) {
      for (const j of members) excluded.push(ulns[j]!.uln);
    } else commodities.push(...parts);
  }
  return { net, commodities, excluded };
}

/** The network as typed arrays over `H` days; a RangeError names an arc that takes no whole day. */
function flattenNetwork(
  network: DeploymentNetwork,
  nodeOf: (id: string, what: string) => number,
  H: number,
): Net {
  const N = network.nodes.length;
  const A = network.arcs.length;
  const net: Net = {
    N,
    A,
    H,
    arcFrom: new Int32Array(A),
    arcTo: new Int32Array(A),
    arcTransit: new Int32Array(A),
    cap: new Float64Array(2 * A),
    load: new Float64Array(2 * A),
    whole: new Uint8Array(A),
    closed: new Uint8Array(A * H),
    rec: new Float64Array(2 * N).fill(Infinity),
  };
  network.arcs.forEach((arc, a) => {
    net.arcFrom[a] = nodeOf(arc.from, `arc ${arc.id}`);
    net.arcTo[a] = nodeOf(arc.to, `arc ${arc.id}`);
    if (!Number.isInteger(arc.transitDays) || arc.transitDays < 1) {
      throw new RangeError(`arc ${arc.id} must take a whole number of days, at least 1`);
    }
    net.arcTransit[a] = arc.transitDays;
    const cp = arc.capacityPerDay.personnel;
    const ct = arc.capacityPerDay.tonnes;
    net.cap[2 * a] = cp;
    net.cap[2 * a + 1] = ct;
    // As the planner: a load is at most a day's capacity, and a zero load size means one day's worth.
    net.load[2 * a] = arc.loadSize.personnel > 0 ? Math.min(arc.loadSize.personnel, cp) : cp;
    net.load[2 * a + 1] = arc.loadSize.tonnes > 0 ? Math.min(arc.loadSize.tonnes, ct) : ct;
    net.whole[a] = arc.wholeUnit ? 1 : 0;
    for (const c of arc.closures) {
      for (let d = Math.max(0, c.from); d <= Math.min(H - 1, c.to); d++) net.closed[a * H + d] = 1;
    }
  });
  network.nodes.forEach((n, i) => {
    if (n.receptionPerDay) {
      net.rec[2 * i] = n.receptionPerDay.personnel;
      net.rec[2 * i + 1] = n.receptionPerDay.tonnes;
    }
  });
  return net;
}

/**
 * ULN indices in groups that may merge: equal origin, destination, timing, priority and mode
 * eligibility. With `integer` (the MIP, whose binaries are per ULN) every ULN is a group of its own.
 */
function groupUlns(
  ulns: readonly Uln[],
  nodeOf: (id: string, what: string) => number,
  integer: boolean,
): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  ulns.forEach((u, j) => {
    const o = nodeOf(u.origin, `ULN ${u.uln}`);
    const dst = nodeOf(u.destination, `ULN ${u.uln}`);
    // Eligibility after a ';' (mode names may hold commas): units that may use different arcs take
    // different routes, so their sum is no flow of one commodity.
    const key = integer
      ? String(j)
      : `${[o, dst, u.ald, u.ead, u.rdd, u.priority].join(',')};${eligibilityKey(u)}`;
    const group = groups.get(key);
    if (group) group.push(j);
    else groups.set(key, [j]);
  });
  return groups;
}

/**
 * The arcs the planner could use for at least one member, grouped by tail: none the member's modes
 * or largest item rule out (canCarry), none with no capacity in a dimension it carries, none whose
 * load (or, on a whole-unit arc, the unit) exceeds the head's reception or the arc's capacity.
 */
function usableArcs(
  net: Net,
  arcList: readonly DeploymentArc[],
  c: Commodity,
  members: readonly Uln[],
): void {
  const { A, arcFrom, arcTo, cap, load, rec, whole } = net;
  const ok = new Uint8Array(A);
  let count = 0;
  for (let a = 0; a < A; a++) {
    const from = arcFrom[a]!;
    const to = arcTo[a]!;
    if (from === to || to === c.origin || from === c.dest) continue;
    if (!(cap[2 * a]! > 0 || cap[2 * a + 1]! > 0)) continue;
    const fits = members.some((u) => {
      if (!canCarry(u, arcList[a]!)) return false;
      const q = [u.personnel, u.tonnes];
      for (let k = 0; k < 2; k++) {
        if (q[k]! <= EPS || c.qty[k]! <= EPS) continue;
        if (cap[2 * a + k]! <= 0) return false;
        const piece = whole[a] ? q[k]! : Math.min(load[2 * a + k]!, q[k]!);
        if (piece > rec[2 * to + k]! + EPS) return false;
        if (whole[a] && q[k]! > cap[2 * a + k]! + EPS) return false;
      }
      return true;
    });
    if (fits) {
      ok[a] = 1;
      count++;
    }
  }
  const arcs = new Int32Array(count);
  const start = c.outStart;
  start.fill(0);
  for (let a = 0; a < A; a++) if (ok[a]) start[arcFrom[a]! + 1]!++;
  for (let v = 0; v < net.N; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, net.N);
  for (let a = 0; a < A; a++) if (ok[a]) arcs[fill[arcFrom[a]!]!++] = a;
  c.arcs = arcs;
}

/** E[v * H + d]: earliest arrival at the destination (not before EAD) leaving v on day d or later. */
export function backwardEarliest(net: Net, c: Commodity, E: Int32Array): void {
  const { N, H, arcTo, arcTransit, closed } = net;
  E.fill(NEVER);
  for (let d = H - 1; d >= 0; d--) {
    for (let v = 0; v < N; v++) {
      if (v === c.dest) continue;
      let best = d + 1 < H ? E[v * H + d + 1]! : NEVER;
      for (let i = c.outStart[v]!; i < c.outStart[v + 1]!; i++) {
        const a = c.arcs[i]!;
        if (closed[a * H + d]) continue;
        const t = d + arcTransit[a]!;
        if (t >= H) continue;
        const w = arcTo[a]!;
        const arrive = w === c.dest ? (t >= c.ead ? t : NEVER) : E[w * H + t]!;
        if (arrive < best) best = arrive;
      }
      E[v * H + d] = best;
    }
  }
}

/** ear[v]: earliest day the commodity can be at v. */
export function forwardEarliest(net: Net, c: Commodity, ear: Int32Array): void {
  const { H, arcFrom, arcTo, arcTransit, closed } = net;
  ear.fill(NEVER);
  ear[c.origin] = c.ald;
  for (let d = c.ald; d < H; d++) {
    for (let i = 0; i < c.arcs.length; i++) {
      const a = c.arcs[i]!;
      if (ear[arcFrom[a]!]! > d || closed[a * H + d]) continue;
      const t = d + arcTransit[a]!;
      if (t < H && t < ear[arcTo[a]!]!) ear[arcTo[a]!] = t;
    }
  }
}
