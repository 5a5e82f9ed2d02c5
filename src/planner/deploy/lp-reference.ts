// A reference optimum for the deployment scheduler (schedule.ts): the same deployment written as a
// linear programme over a time-expanded network and solved with HiGHS, so that the list-scheduling
// heuristic can be measured against a proven lower bound of its own objective.
//
// Model (days 0..H-1, H as the scheduler's default: latest of ALD, RDD and LAD plus 61):
//  - A commodity is a group of ULNs with the same origin, destination, ALD, EAD, RDD and priority
//    whose personnel and tonnes are in the same ratio. Each commodity has a personnel block and a
//    tonnes block (those it carries), each a unit of flow measured as the fraction of its total.
//  - Flow x[k, a, d] of block k on arc a departing day d (none on closed days, none before ALD,
//    arrival d + transit <= H - 1, arrival at the destination not before EAD) and hold-over h[k, v, d]
//    at nodes: one conservation row per (block, node, day); the destination absorbs.
//  - Shared rows: per (arc, departure day) the personnel and tonnes capacity, per (node, arrival
//    day) the reception limits, counting arrivals at every node of a route as the scheduler does.
//  - Objective: weight(priority) * personnel * max(0, arrival - RDD) on arrivals at the destination,
//    which is the scheduler's weighted personnel-days late, term for term.
//
// Why this is a relaxation of every schedule the planner can produce (so LP <= planner):
//  - The planner splits cargo into loads and may send personnel ahead of tonnes (each dimension
//    departs as far as its own capacity and reception allow, and personnel run out after fewer
//    loads than heavy tonnes do).
//    Personnel and tonnes therefore get separate flows; what ties them is the route: a ULN takes one
//    route, so per arc the fraction of personnel and the fraction of tonnes that ever cross it are
//    equal (a coupling row per commodity and arc). Where the unit can only move as one lot (a
//    whole-unit arc: markLockstep) the fractions are equal day by day (one joint column instead
//    of two).
//  - Merging ULNs keeps a relaxation only when they are proportional: the sum of their schedules is
//    then a flow of the merged commodity whose personnel and tonnes fractions still agree per arc.
//    Merging different ratios would break the coupling rows (a heavy unit by sea and a light one by
//    air give different personnel and tonnes fractions per arc), so those stay separate commodities.
//  - Loads are continuous, whole-unit departures may split across days and a ULN may split across
//    routes: all relaxations. Arcs the scheduler can never use for a unit (a dimension with no
//    capacity, a load bigger than the head node's reception, a whole unit bigger than capacity) are
//    left out for it, as are arcs into its origin or out of its destination (routes are simple).
//  - Pruning (arc, day) columns to days the commodity can reach the tail by (forward earliest times)
//    and from which it can still reach its destination inside the horizon (backward earliest
//    arrival) removes only columns that are zero in every feasible flow, so it changes nothing.
//
// The MIP (options.integer, small instances, one commodity per ULN) adds what holds for every
// planner schedule as integrality: a binary per arc of the one route (simple: at most one route arc
// into each node); whole-unit departures as binaries; and load granularity per (dimension, arc,
// day): the amount leaving is a whole number of loads unless the dimension's pool at the tail
// empties that day (only the pool's last load may be short). The planner also couples personnel
// and tonnes inside a load and fills loads in a fixed order; the MIP ignores that, so it stays a
// relaxation: LP <= MIP <= planner, with equality where the heuristic is optimal.
//
// Two ways to solve the LP:
//  - 'arc-flow': the model above as one sparse matrix (CSC typed arrays passed to HiGHS). Exact, but
//    its size is commodities x arcs x days: at 2,000 ULNs on the generated network it has millions
//    of columns, beyond what HiGHS compiled to WebAssembly solves in reasonable time and memory.
//  - 'column-generation': the same LP in path form (flow decomposition: every block's flow is a
//    convex combination of time-expanded walks from (origin, ALD) to the destination). A restricted
//    master holds the walks found so far plus the shared and coupling rows they touch; pricing is a
//    shortest path per block over the time-expanded network (acyclic: every arc takes at least a
//    day) with the duals as arc costs. Pricing keeps to simple routes (pricingStates), so its
//    optimum is at least the arc-flow LP's, and equal to it on networks without cycles; still a
//    relaxation of every planner schedule. Every round gives a Lagrangian lower bound (duals with the
//    right signs, plus each block's cheapest walk), so a time limit still leaves a valid bound. It
//    starts from the planner's own schedule cut into walks and prices at smoothed duals.
//
// The closure day is not optimised; closureDayLowerBound is each unit's earliest possible arrival
// ignoring capacity, and closureCurve the LP solution's (one optimal solution among many).
import type { Highs, ModelData } from 'highs';
import { latestUlnDay, nodeLookup, planDeployment } from './schedule.ts';
import type { DeploymentNetwork, Movement, Uln } from './schedule.ts';

export type ReferenceMethod = 'arc-flow' | 'column-generation';

export interface ReferenceOptions {
  /** Days in the model. Default: as planDeployment, latest of ALD, RDD and LAD plus 61. */
  horizonDays?: number;
  /** Weight of a personnel-day late by priority. Default 1 / priority, as planDeployment. */
  priorityWeight?: (priority: number) => number;
  /** Solve the MIP instead of the LP (arc-flow only; meant for small instances). Default false. */
  integer?: boolean;
  /** Default 'auto': arc-flow when it has at most `maxArcFlowColumns` columns, else column generation. */
  method?: 'auto' | ReferenceMethod;
  /** Wall-clock limit for the whole solve, HiGHS's `time_limit` included. Default none. */
  timeLimitSeconds?: number;
  /** Default 150,000. */
  maxArcFlowColumns?: number;
  /** Relative MIP gap at which HiGHS may stop. Default 0: prove the optimum. */
  mipRelGap?: number;
  /** Column generation: start from the planner's schedule (planDeployment). Default true. */
  warmStart?: boolean;
  /** Column generation: called after every round. */
  onProgress?: (progress: ReferenceProgress) => void;
}

export interface ReferenceProgress {
  iteration: number;
  /** Restricted master objective: an upper bound on the LP optimum once no artificial is used. */
  objective: number;
  /** Best Lagrangian lower bound so far. */
  lowerBound: number;
  columns: number;
  rows: number;
  elapsedSeconds: number;
}

export type ReferenceStatus = 'optimal' | 'infeasible' | 'time-limit' | 'error';

export interface ReferenceModelSize {
  rows: number;
  columns: number;
  nonzeros: number;
}

export interface ReferenceResult {
  status: ReferenceStatus;
  method: ReferenceMethod;
  integer: boolean;
  /** The optimum when optimal; otherwise the best feasible value found, NaN when none. */
  objective: number;
  /**
   * A lower bound on the objective of any schedule the planner can produce for the included ULNs:
   * the LP (or MIP) optimum when optimal; after a time limit, the best bound proved (0 when none).
   */
  lowerBound: number;
  /** Wall-clock seconds of the whole solve: building, HiGHS and (column generation) pricing. */
  solveSeconds: number;
  /** Seconds inside HiGHS. */
  highsSeconds: number;
  /** The model HiGHS solved (for column generation: the last restricted master). */
  size: ReferenceModelSize;
  horizonDays: number;
  /** ULNs in the model. */
  ulns: number;
  commodities: number;
  /** ULNs that cannot reach their destination inside the horizon at all, left out of the model. */
  excluded: string[];
  /** Latest over the included ULNs of their earliest possible arrival, ignoring capacity. */
  closureDayLowerBound: number | null;
  /** When optimal: personnel at their destinations by the end of each day in the optimal solution. */
  closureCurve: Float64Array | null;
  /** Column generation rounds (1 for arc-flow). */
  iterations: number;
  message?: string;
}

export interface ReferenceGap {
  /**
   * (planner - reference) / reference when reference > tolerance. When the reference is 0 (every
   * unit can be on time), a relative gap means nothing: it is 0 when the planner is 0 too and
   * Infinity otherwise; read `absolute` then.
   */
  gap: number;
  /** planner - reference, in weighted personnel-days. */
  absolute: number;
}

export function referenceGap(planner: number, reference: number, tolerance = 1e-6): ReferenceGap {
  const absolute = planner - reference;
  if (reference > tolerance) return { gap: absolute / reference, absolute };
  return { gap: planner > tolerance ? Infinity : 0, absolute };
}

const EPS = 1e-7;
const NEVER = 0x3fffffff;
const P = 0;
const T = 1;
/** A column generation block carrying personnel and tonnes together. */
const J = 2;

// ---------------------------------------------------------------------------------------------
// The instance as flat arrays, and the commodities.

interface Net {
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

interface Commodity {
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
  /** [arc]: personnel and tonnes leave together, day by day (see markLockstep). */
  lockstep: Uint8Array;
  earliestArrival: number;
}

interface Prepared {
  net: Net;
  commodities: Commodity[];
  excluded: string[];
}

function prepare(network: DeploymentNetwork, ulns: readonly Uln[], options: ReferenceOptions): Prepared {
  const weightOf = options.priorityWeight ?? ((p: number) => 1 / p);
  const nodeOf = nodeLookup(network);
  const N = network.nodes.length;
  const A = network.arcs.length;
  const latest = latestUlnDay(ulns);
  const H = options.horizonDays ?? latest + 61;

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

  // Group proportional ULNs with equal timing and priority (never for the MIP, whose binaries are
  // per ULN).
  const groups = new Map<string, number[][]>();
  ulns.forEach((u, j) => {
    const o = nodeOf(u.origin, `ULN ${u.uln}`);
    const dst = nodeOf(u.destination, `ULN ${u.uln}`);
    const key = options.integer ? String(j) : [o, dst, u.ald, u.ead, u.rdd, u.priority].join(',');
    let clusters = groups.get(key);
    if (!clusters) groups.set(key, (clusters = []));
    const same = clusters.find((cl) => {
      const v = ulns[cl[0]!]!;
      const cross = u.personnel * v.tonnes - u.tonnes * v.personnel;
      return (
        Math.abs(cross) <= 1e-12 * (u.personnel * v.tonnes + u.tonnes * v.personnel) &&
        u.personnel > 0 === v.personnel > 0 &&
        u.tonnes > 0 === v.tonnes > 0
      );
    });
    if (same) same.push(j);
    else clusters.push([j]);
  });

  const commodities: Commodity[] = [];
  const excluded: string[] = [];
  const E = new Int32Array(N * H);
  for (const clusters of groups.values()) {
    for (const members of clusters) {
      const u0 = ulns[members[0]!]!;
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
        lockstep: new Uint8Array(A),
        earliestArrival: NEVER,
      };
      for (const j of members) {
        c.qty[P] = c.qty[P]! + ulns[j]!.personnel;
        c.qty[T] = c.qty[T]! + ulns[j]!.tonnes;
      }
      const units = members.map((j) => ulns[j]!);
      usableArcs(net, c, units);
      markLockstep(net, c);
      if (c.origin !== c.dest && c.ald >= 0 && c.ald < H) {
        backwardEarliest(net, c, E);
        c.earliestArrival = E[c.origin * H + c.ald]!;
      }
      if (c.earliestArrival >= NEVER) {
        for (const j of members) excluded.push(ulns[j]!.uln);
      } else commodities.push(c);
    }
  }
  return { net, commodities, excluded };
}

/** The arcs the planner could use for at least one member, grouped by tail. */
function usableArcs(net: Net, c: Commodity, members: readonly Uln[]): void {
  const { A, arcFrom, arcTo, cap, load, rec, whole } = net;
  const ok = new Uint8Array(A);
  let count = 0;
  for (let a = 0; a < A; a++) {
    const from = arcFrom[a]!;
    const to = arcTo[a]!;
    if (from === to || to === c.origin || from === c.dest) continue;
    if (!(cap[2 * a]! > 0 || cap[2 * a + 1]! > 0)) continue;
    const fits = members.some((u) => {
      const q = [u.personnel, u.tonnes];
      for (let k = 0; k < 2; k++) {
        if (q[k]! <= EPS) continue;
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

/**
 * Arcs on which a unit's personnel and tonnes can only leave together: the whole-unit arcs, which
 * wait for all of the unit and send it as one lift. Elsewhere the planner fills each dimension's
 * loads as its own capacity allows (personnel may fly while tonnes wait), so their fractions are
 * tied only per arc (the route), not day by day.
 */
function markLockstep(net: Net, c: Commodity): void {
  c.lockstep.fill(0);
  for (const a of c.arcs) if (net.whole[a]) c.lockstep[a] = 1;
}

/** E[v * H + d]: earliest arrival at the destination (not before EAD) leaving v on day d or later. */
function backwardEarliest(net: Net, c: Commodity, E: Int32Array): void {
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
function forwardEarliest(net: Net, c: Commodity, ear: Int32Array): void {
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

// ---------------------------------------------------------------------------------------------
// Growable typed arrays and a column-wise matrix builder.

class Grow<T extends Float64Array | Int32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
const f64 = (): Grow<Float64Array> => new Grow(new Float64Array(64), (n) => new Float64Array(n));
const i32 = (): Grow<Int32Array> => new Grow(new Int32Array(64), (n) => new Int32Array(n));

class MatrixBuilder {
  readonly starts = i32();
  readonly index = i32();
  readonly value = f64();
  readonly cost = f64();
  readonly lower = f64();
  readonly upper = f64();
  readonly integrality = i32();
  readonly rowLower = f64();
  readonly rowUpper = f64();
  /** 1 for a capacity or reception row (all coefficients positive): dropped when it can never bind. */
  readonly rowShared = i32();

  row(lower: number, upper: number, shared = false): number {
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    this.rowShared.push(shared ? 1 : 0);
    return this.rowLower.length - 1;
  }
  column(cost: number, lower: number, upper: number, integer = false): number {
    this.starts.push(this.index.length);
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integrality.push(integer ? 1 : 0);
    return this.cost.length - 1;
  }
  entry(row: number, value: number): void {
    this.index.push(row);
    this.value.push(value);
  }

  /** Drops shared rows whose largest possible activity is within their bound, renumbering the rest. */
  finish(): { numRows: number; numCols: number; starts: Int32Array; index: Int32Array; value: Float64Array } {
    const numCols = this.cost.length;
    this.starts.push(this.index.length);
    const starts = this.starts.view();
    const index = this.index.view();
    const value = this.value.view();
    const rows = this.rowLower.length;
    const maxActivity = new Float64Array(rows);
    const upper = this.upper.view();
    for (let j = 0; j < numCols; j++) {
      for (let e = starts[j]!; e < starts[j + 1]!; e++) {
        maxActivity[index[e]!]! += Math.max(0, value[e]!) * upper[j]!;
      }
    }
    const renumber = new Int32Array(rows);
    let kept = 0;
    const shared = this.rowShared.view();
    const rowUpper = this.rowUpper.view();
    const rowLower = this.rowLower.view();
    for (let r = 0; r < rows; r++) {
      if (shared[r] && maxActivity[r]! <= rowUpper[r]! + EPS) renumber[r] = -1;
      else {
        rowLower[kept] = rowLower[r]!;
        rowUpper[kept] = rowUpper[r]!;
        renumber[r] = kept++;
      }
    }
    this.rowLower.length = kept;
    this.rowUpper.length = kept;
    let out = 0;
    for (let j = 0; j < numCols; j++) {
      const from = starts[j]!;
      const to = starts[j + 1]!;
      starts[j] = out;
      for (let e = from; e < to; e++) {
        const r = renumber[index[e]!]!;
        if (r < 0) continue;
        index[out] = r;
        value[out] = value[e]!;
        out++;
      }
    }
    starts[numCols] = out;
    return { numRows: kept, numCols, starts, index: index.subarray(0, out), value: value.subarray(0, out) };
  }
}

// ---------------------------------------------------------------------------------------------
// The arc-flow model.

export interface ArcFlowModel {
  numRows: number;
  numCols: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** CSC. */
  starts: Int32Array;
  index: Int32Array;
  value: Float64Array;
  integrality: Int32Array | null;
  /** Columns that deliver personnel to a destination: column, arrival day, personnel at flow 1. */
  arrivals: { column: Int32Array; day: Int32Array; personnel: Float64Array };
}

/** Rough column count of the arc-flow model, for choosing the method. */
function estimateArcFlowColumns(prep: Prepared): number {
  const H = prep.net.H;
  let n = 0;
  for (const c of prep.commodities) {
    const blocks = (c.qty[P]! > 0 ? 1 : 0) + (c.qty[T]! > 0 ? 1 : 0);
    n +=
      blocks *
      (c.arcs.length + prep.net.N) *
      Math.max(1, c.earliestArrival - c.ald + (H - c.earliestArrival) / 2);
  }
  return n;
}

function buildArcFlow(prep: Prepared, integer: boolean): ArcFlowModel {
  const { net } = prep;
  const { N, H, arcFrom, arcTo, arcTransit, closed, cap, load, rec, whole } = net;
  const m = new MatrixBuilder();
  const capRow = new Int32Array(net.A * H * 2).fill(-1);
  const recRow = new Int32Array(N * H * 2).fill(-1);
  const sharedRow = (table: Int32Array, key: number, bound: number): number => {
    let r = table[key]!;
    if (r < 0) table[key] = r = m.row(-Infinity, bound, true);
    return r;
  };
  const E = new Int32Array(N * H);
  const ear = new Int32Array(N);
  const lastDep = new Int32Array(N);
  const cons = [new Int32Array(N * H), new Int32Array(N * H)];
  const poolRow = [new Int32Array(N * H), new Int32Array(N * H)];
  const arrCol = i32();
  const arrDay = i32();
  const arrPers = f64();
  const simple = new Map<number, number>();
  const simpleRow = (v: number): number => {
    let r = simple.get(v);
    if (r === undefined) simple.set(v, (r = m.row(-Infinity, 1)));
    return r;
  };

  for (const c of prep.commodities) {
    backwardEarliest(net, c, E);
    forwardEarliest(net, c, ear);
    const has = [c.qty[P]! > EPS, c.qty[T]! > EPS];
    const both = has[P] && has[T];
    const exists = (a: number, d: number): boolean => {
      if (closed[a * H + d]) return false;
      const t = d + arcTransit[a]!;
      if (t >= H) return false;
      const w = arcTo[a]!;
      return w === c.dest ? t >= c.ead : E[w * H + t]! < NEVER;
    };
    lastDep.fill(-1);
    for (let i = 0; i < c.arcs.length; i++) {
      const a = c.arcs[i]!;
      const u = arcFrom[a]!;
      for (let d = ear[u]!; d < H; d++) if (exists(a, d)) lastDep[u] = Math.max(lastDep[u]!, d);
    }
    for (let k = 0; k < 2; k++) {
      cons[k]!.fill(-1);
      poolRow[k]!.fill(-1);
      if (!has[k]) continue;
      for (let v = 0; v < N; v++) {
        if (v === c.dest || ear[v]! >= NEVER) continue;
        for (let d = ear[v]!; d <= lastDep[v]!; d++) {
          const supply = v === c.origin && d === c.ald ? 1 : 0;
          cons[k]![v * H + d] = m.row(supply, supply);
        }
      }
    }
    // Per arc: the coupling row (LP) or the route binary's rows (MIP).
    for (let i = 0; i < c.arcs.length; i++) {
      const a = c.arcs[i]!;
      const u = arcFrom[a]!;
      const w = arcTo[a]!;
      const tau = arcTransit[a]!;
      let any = false;
      for (let d = ear[u]!; d <= lastDep[u]! && !any; d++) any = exists(a, d);
      if (!any) continue;
      const isWhole = whole[a] === 1;
      const joint = c.lockstep[a] === 1 && both;
      // LP: sum_d x[P] - sum_d x[T] = 0. MIP: sum_d x[k] - f = 0 per block (one row when joint).
      const couple = !integer && both && !joint ? m.row(0, 0) : -1;
      const routeRow = [-1, -1];
      if (integer) {
        for (let k = 0; k < 2; k++) if (has[k] && (k === P || !joint)) routeRow[k] = m.row(0, 0);
      }
      for (let d = ear[u]!; d <= lastDep[u]!; d++) {
        if (!exists(a, d)) continue;
        const t = d + tau;
        const late = w === c.dest ? c.weight * c.qty[P]! * Math.max(0, t - c.rdd) : 0;
        const blocks = joint ? [P] : has[P] ? (has[T] ? [P, T] : [P]) : [T];
        for (const k of blocks) {
          const col = m.column(k === P ? late : 0, 0, 1, integer && isWhole);
          for (const kk of joint ? [P, T] : [k]) {
            m.entry(cons[kk]![u * H + d]!, 1);
            if (w !== c.dest) m.entry(cons[kk]![w * H + t]!, -1);
            m.entry(sharedRow(capRow, (a * H + d) * 2 + kk, cap[2 * a + kk]!), c.qty[kk]!);
            if (Number.isFinite(rec[2 * w + kk]!)) {
              m.entry(sharedRow(recRow, (w * H + t) * 2 + kk, rec[2 * w + kk]!), c.qty[kk]!);
            }
          }
          if (couple >= 0) m.entry(couple, k === P ? 1 : -1);
          if (integer) m.entry(routeRow[k]!, 1);
          if (k === P && w === c.dest) {
            arrCol.push(col);
            arrDay.push(t);
            arrPers.push(c.qty[P]!);
          }
          for (const kk of integer && !isWhole ? (joint ? [P, T] : [k]) : []) {
            // Q x = l n + r, r <= l z, and z = 1 only if the pool at the tail is empty after day d.
            const l = load[2 * a + kk]!;
            const g = m.row(0, 0);
            m.entry(g, c.qty[kk]!);
            const rr = m.row(-Infinity, 0);
            let pr = poolRow[kk]![u * H + d]!;
            if (pr < 0) poolRow[kk]![u * H + d] = pr = m.row(-Infinity, 1);
            m.column(0, 0, Math.ceil(c.qty[kk]! / l) + 1, true);
            m.entry(g, -l);
            m.column(0, 0, l);
            m.entry(g, -1);
            m.entry(rr, 1);
            m.column(0, 0, 1, true);
            m.entry(rr, -l);
            m.entry(pr, 1);
          }
        }
      }
      if (integer) {
        m.column(0, 0, 1, true);
        for (const r of routeRow) if (r >= 0) m.entry(r, -1);
        // A simple route enters each node at most once.
        m.entry(simpleRow(w), 1);
      }
    }
    // Hold-over.
    for (let k = 0; k < 2; k++) {
      if (!has[k]) continue;
      for (let v = 0; v < N; v++) {
        if (v === c.dest || ear[v]! >= NEVER) continue;
        for (let d = ear[v]!; d < lastDep[v]!; d++) {
          m.column(0, 0, 1);
          m.entry(cons[k]![v * H + d]!, 1);
          m.entry(cons[k]![v * H + d + 1]!, -1);
          if (integer && poolRow[k]![v * H + d]! >= 0) m.entry(poolRow[k]![v * H + d]!, 1);
        }
      }
    }
    simple.clear();
  }
  const matrix = m.finish();
  return {
    numRows: matrix.numRows,
    numCols: matrix.numCols,
    colCost: m.cost.view(),
    colLower: m.lower.view(),
    colUpper: m.upper.view(),
    rowLower: m.rowLower.view(),
    rowUpper: m.rowUpper.view(),
    starts: matrix.starts,
    index: matrix.index,
    value: matrix.value,
    integrality: integer ? m.integrality.view() : null,
    arrivals: { column: arrCol.view(), day: arrDay.view(), personnel: arrPers.view() },
  };
}

// ---------------------------------------------------------------------------------------------
// Solving.

export { loadHighs } from '../force-fill-lp.ts';

const MODEL_STATUS_OPTIMAL = 7;
const MODEL_STATUS_INFEASIBLE = 8;
const MODEL_STATUS_TIME_LIMIT = 13;

/**
 * Solves the reference model for `ulns` on `network`. Synchronous: HiGHS blocks the thread until it
 * finishes or hits the time limit, so servers run this in a worker (src/server/lp-reference-worker.ts).
 */
export function solveDeploymentReference(
  highs: Highs,
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: ReferenceOptions = {},
): ReferenceResult {
  const started = performance.now();
  const prep = prepare(network, ulns, options);
  const integer = options.integer ?? false;
  let method: ReferenceMethod;
  if (integer || options.method === 'arc-flow') method = 'arc-flow';
  else if (options.method === 'column-generation') method = 'column-generation';
  else {
    method =
      estimateArcFlowColumns(prep) <= (options.maxArcFlowColumns ?? 150_000)
        ? 'arc-flow'
        : 'column-generation';
  }
  const base: ReferenceResult = {
    status: 'optimal',
    method,
    integer,
    objective: 0,
    lowerBound: 0,
    solveSeconds: 0,
    highsSeconds: 0,
    size: { rows: 0, columns: 0, nonzeros: 0 },
    horizonDays: prep.net.H,
    ulns: ulns.length - prep.excluded.length,
    commodities: prep.commodities.length,
    excluded: prep.excluded,
    closureDayLowerBound: prep.commodities.length
      ? Math.max(...prep.commodities.map((c) => c.earliestArrival))
      : null,
    closureCurve: null,
    iterations: 0,
  };
  if (prep.commodities.length === 0) {
    return { ...base, closureCurve: new Float64Array(prep.net.H), solveSeconds: seconds(started) };
  }
  const result =
    method === 'arc-flow'
      ? solveArcFlow(highs, prep, options, started, base)
      : solveByColumnGeneration(highs, network, ulns, prep, options, started, base);
  return { ...result, solveSeconds: seconds(started) };
}

const seconds = (since: number): number => (performance.now() - since) / 1000;

function cumulative(curve: Float64Array): Float64Array {
  for (let d = 1; d < curve.length; d++) curve[d] = curve[d]! + curve[d - 1]!;
  return curve;
}

function solveArcFlow(
  highs: Highs,
  prep: Prepared,
  options: ReferenceOptions,
  started: number,
  base: ReferenceResult,
): ReferenceResult {
  const integer = base.integer;
  const model = buildArcFlow(prep, integer);
  const data: ModelData = {
    numCols: model.numCols,
    numRows: model.numRows,
    colCost: model.colCost,
    colLower: model.colLower,
    colUpper: model.colUpper,
    rowLower: model.rowLower,
    rowUpper: model.rowUpper,
    matrix: {
      format: 'csc',
      numRows: model.numRows,
      numCols: model.numCols,
      starts: model.starts,
      indices: model.index,
      values: model.value,
    },
    ...(model.integrality ? { integrality: model.integrality } : {}),
  };
  const size = { rows: model.numRows, columns: model.numCols, nonzeros: model.index.length };
  return highs.withModel(data, (hm): ReferenceResult => {
    hm.options.set({ output_flag: false });
    if (integer) hm.options.set({ mip_rel_gap: options.mipRelGap ?? 0, mip_abs_gap: 1e-9 });
    if (options.timeLimitSeconds !== undefined) {
      hm.options.set('time_limit', Math.max(0.01, options.timeLimitSeconds - seconds(started)));
    }
    const status = hm.run().modelStatus;
    const highsSeconds = hm.getRunTime();
    const out = { ...base, size, highsSeconds, iterations: 1 };
    const feasible = Number(hm.info.get('primal_solution_status')) === 2;
    const objective = feasible ? hm.getObjectiveValue() : Number.NaN;
    const dualBound = integer ? Number(hm.info.get('mip_dual_bound')) : Number.NaN;
    if (status === MODEL_STATUS_OPTIMAL) {
      const x = hm.getSolution().colValue;
      const curve = new Float64Array(prep.net.H);
      const { column, day, personnel } = model.arrivals;
      for (let i = 0; i < column.length; i++)
        curve[day[i]!] = curve[day[i]!]! + x[column[i]!]! * personnel[i]!;
      return {
        ...out,
        objective,
        lowerBound: integer && Number.isFinite(dualBound) ? Math.min(objective, dualBound) : objective,
        closureCurve: cumulative(curve),
      };
    }
    if (status === MODEL_STATUS_INFEASIBLE) return { ...out, status: 'infeasible', objective: Number.NaN };
    if (status === MODEL_STATUS_TIME_LIMIT) {
      return {
        ...out,
        status: 'time-limit',
        objective,
        lowerBound: integer && Number.isFinite(dualBound) ? Math.max(0, dualBound) : 0,
      };
    }
    return { ...out, status: 'error', objective: Number.NaN, message: `HiGHS model status ${status}` };
  });
}

// ---------------------------------------------------------------------------------------------
// Column generation.

// Row kinds of the master.
const ROW_CONVEXITY = 0;
const ROW_CAPACITY = 1;
const ROW_RECEPTION = 2;
const ROW_COUPLING = 3;
const ROW_WHOLE = 4;

/** Weight of the best-bound duals in the duals pricing uses. */
const SMOOTHING = 0.7;

/** Strongly connected components larger than this are priced as walks (a weaker, still valid LP). */
const MAX_TRACKED_COMPONENT = 8;

/**
 * Pricing states. A walk may revisit a node only by going round a cycle of the static network, and
 * the planner's routes are simple, so pricing keeps to simple routes: inside a small strongly
 * connected component (the hub ring) a state is a node plus the set of the component's nodes
 * visited so far; elsewhere a state is a node. A walk cannot leave a component and come back to it.
 * Pricing only simple routes is still a relaxation of every planner schedule, and a tighter one than
 * the arc-flow LP, where flow can go round a cycle to satisfy the personnel-tonnes coupling rows
 * twice over.
 */
interface PricingStates {
  count: number;
  /** node -> the state on arriving at it from outside its component. */
  entry: Int32Array;
  /** Transitions per state, CSR: arc and target state. */
  start: Int32Array;
  arc: Int32Array;
  target: Int32Array;
}

function pricingStates(net: Net): PricingStates {
  const { N, A, arcFrom, arcTo, cap } = net;
  const out: number[][] = Array.from({ length: N }, () => []);
  for (let a = 0; a < A; a++) {
    if (arcFrom[a] !== arcTo[a] && (cap[2 * a]! > 0 || cap[2 * a + 1]! > 0)) out[arcFrom[a]!]!.push(a);
  }
  const reach = new Uint8Array(N * N);
  const queue = new Int32Array(N);
  for (let s = 0; s < N; s++) {
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    reach[s * N + s] = 1;
    while (head < tail) {
      const u = queue[head++]!;
      for (const a of out[u]!) {
        const w = arcTo[a]!;
        if (!reach[s * N + w]) {
          reach[s * N + w] = 1;
          queue[tail++] = w;
        }
      }
    }
  }
  const comp = new Int32Array(N).fill(-1);
  const local = new Int32Array(N);
  const size: number[] = [];
  for (let v = 0; v < N; v++) {
    if (comp[v]! >= 0) continue;
    const id = size.length;
    let m = 0;
    for (let u = 0; u < N; u++) {
      if (reach[v * N + u] && reach[u * N + v]) {
        comp[u] = id;
        local[u] = m++;
      }
    }
    size.push(m);
  }
  const tracked = (v: number): boolean => size[comp[v]!]! > 1 && size[comp[v]!]! <= MAX_TRACKED_COMPONENT;
  const stateNode: number[] = [];
  const stateMask: number[] = [];
  const table: Int32Array[] = [];
  const entry = new Int32Array(N);
  for (let v = 0; v < N; v++) {
    const masks = tracked(v) ? 1 << size[comp[v]!]! : 1;
    const t = new Int32Array(masks).fill(-1);
    for (let mask = 0; mask < masks; mask++) {
      if (tracked(v) && !(mask & (1 << local[v]!))) continue;
      t[mask] = stateNode.length;
      stateNode.push(v);
      stateMask.push(mask);
    }
    table.push(t);
    entry[v] = tracked(v) ? t[1 << local[v]!]! : t[0]!;
  }
  const start = [0];
  const arcs: number[] = [];
  const targets: number[] = [];
  for (let s = 0; s < stateNode.length; s++) {
    const u = stateNode[s]!;
    for (const a of out[u]!) {
      const w = arcTo[a]!;
      let target: number;
      if (tracked(u) && comp[w] === comp[u]) {
        const bit = 1 << local[w]!;
        if (stateMask[s]! & bit) continue;
        target = table[w]![stateMask[s]! | bit]!;
      } else target = entry[w]!;
      arcs.push(a);
      targets.push(target);
    }
    start.push(arcs.length);
  }
  return {
    count: stateNode.length,
    entry,
    start: Int32Array.from(start),
    arc: Int32Array.from(arcs),
    target: Int32Array.from(targets),
  };
}

/**
 * The planner's schedule of one ULN in one dimension as walks (arcs and departure days) with the
 * amount on each: lots at each leg's tail are matched first in, first out to the loads that leave.
 * Null when the movements do not fit together (they always should).
 */
function plannedWalks(
  moves: readonly Movement[],
  route: readonly number[],
  dimension: number,
  total: number,
  ald: number,
): { arcs: number[]; days: number[]; amount: number }[] | null {
  let partial = [{ arcs: [] as number[], days: [] as number[], amount: total, day: ald }];
  for (let leg = 0; leg < route.length; leg++) {
    const lots = moves
      .filter((m) => m.leg === leg && (dimension === P ? m.personnel : m.tonnes) > EPS)
      .sort((x, y) => x.departDay - y.departDay);
    partial.sort((x, y) => x.day - y.day);
    const next: typeof partial = [];
    let i = 0;
    for (const lot of lots) {
      let need = dimension === P ? lot.personnel : lot.tonnes;
      while (need > EPS && i < partial.length) {
        const p = partial[i]!;
        if (p.day > lot.departDay) return null;
        const take = Math.min(p.amount, need);
        next.push({
          arcs: [...p.arcs, route[leg]!],
          days: [...p.days, lot.departDay],
          amount: take,
          day: lot.arriveDay,
        });
        p.amount -= take;
        need -= take;
        if (p.amount <= EPS * Math.max(1, total)) i++;
      }
    }
    partial = next;
  }
  return partial;
}

function solveByColumnGeneration(
  highs: Highs,
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  prep: Prepared,
  options: ReferenceOptions,
  started: number,
  base: ReferenceResult,
): ReferenceResult {
  const { net, commodities } = prep;
  const { N, A, H, arcTo, arcTransit, closed, cap, rec } = net;
  const C = commodities.length;
  const limit = options.timeLimitSeconds ?? Infinity;
  const states = pricingStates(net);
  const S = states.count;

  const usable = new Uint8Array(C * A);
  const blockOf = new Int32Array(2 * C).fill(-1);
  const blockComm: number[] = [];
  const blockKind: number[] = [];
  commodities.forEach((c, ci) => {
    for (const a of c.arcs) usable[ci * A + a] = 1;
    // A unit that moves as one lot on every arc it can use is one block carrying both dimensions.
    const joint = c.qty[P]! > EPS && c.qty[T]! > EPS && c.arcs.every((a) => c.lockstep[a] === 1);
    for (let k = 0; k < 2; k++) {
      if (c.qty[k]! > EPS && !(joint && k === T)) {
        blockOf[2 * ci + k] = blockComm.length;
        blockComm.push(ci);
        blockKind.push(joint ? J : k);
      }
    }
  });
  const B = blockComm.length;

  // Rows: one convexity row per block first, then shared and coupling rows as columns touch them.
  const rowLower = f64();
  const rowUpper = f64();
  const rowKind = i32();
  const rowKey = i32();
  const addRow = (lower: number, upper: number, kind: number, key: number): number => {
    rowLower.push(lower);
    rowUpper.push(upper);
    rowKind.push(kind);
    rowKey.push(key);
    return rowLower.length - 1;
  };
  for (let b = 0; b < B; b++) addRow(1, 1, ROW_CONVEXITY, b);
  const capRow = new Int32Array(A * H * 2).fill(-1);
  const recRow = new Int32Array(N * H * 2).fill(-1);
  const cplRow = new Int32Array(C * A).fill(-1);
  const wholeRow = new Map<number, number>();
  let rowsInModel = B;

  // Artificial columns (one per block, in its convexity row only) keep the master feasible from
  // the start. Each costs more than its block could ever be late, and is raised if one survives
  // (either the LP is infeasible or the cost was too low); costs far above that make the
  // simplex's duals unstable.
  let longest = 1;
  for (const c of commodities) longest = Math.max(longest, c.weight * c.qty[P]! * H);
  const artificialCost = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    const c = commodities[blockComm[b]!]!;
    artificialCost[b] = 10 * (blockKind[b] !== T ? c.weight * c.qty[P]! * H : longest) + 1;
  }
  const colBlock = i32();
  const colArrive = i32();
  const identity = new Int32Array(B + 1);
  for (let b = 0; b <= B; b++) identity[b] = b;
  for (let b = 0; b < B; b++) {
    colBlock.push(b);
    colArrive.push(-1);
  }

  // Columns waiting to join the master, CSC.
  const newCost = f64();
  const newStarts = i32();
  const newIndex = i32();
  const newValue = f64();
  let pendingFrom = B;
  const addColumn = (b: number, arcs: ArrayLike<number>, days: ArrayLike<number>): void => {
    const ci = blockComm[b]!;
    const kind = blockKind[b]!;
    const c = commodities[ci]!;
    const sign = kind === P ? 1 : -1;
    const coupled = kind !== J && c.qty[P]! > EPS && c.qty[T]! > EPS;
    let arrive = -1;
    newStarts.push(newIndex.length);
    const first = newIndex.length;
    const put = (row: number, value: number): void => {
      for (let e = first; e < newIndex.length; e++) {
        if (newIndex.data[e] === row) {
          newValue.data[e] = newValue.data[e]! + value;
          return;
        }
      }
      newIndex.push(row);
      newValue.push(value);
    };
    put(b, 1);
    for (let l = 0; l < arcs.length; l++) {
      const a = arcs[l]!;
      const d = days[l]!;
      const w = arcTo[a]!;
      const t = d + arcTransit[a]!;
      if (w === c.dest) arrive = t;
      for (let k = 0; k < 2; k++) {
        if (kind !== J && kind !== k) continue;
        const q = c.qty[k]!;
        const ck = (a * H + d) * 2 + k;
        if (capRow[ck]! < 0) capRow[ck] = addRow(-Infinity, cap[2 * a + k]!, ROW_CAPACITY, ck);
        put(capRow[ck]!, q);
        if (Number.isFinite(rec[2 * w + k]!)) {
          const rk = (w * H + t) * 2 + k;
          if (recRow[rk]! < 0) recRow[rk] = addRow(-Infinity, rec[2 * w + k]!, ROW_RECEPTION, rk);
          put(recRow[rk]!, q);
        }
      }
      if (coupled && c.lockstep[a]) {
        const wk = (ci * A + a) * H + d;
        let r = wholeRow.get(wk);
        if (r === undefined) wholeRow.set(wk, (r = addRow(0, 0, ROW_WHOLE, wk)));
        put(r, sign);
      } else if (coupled) {
        const kk = ci * A + a;
        if (cplRow[kk]! < 0) cplRow[kk] = addRow(0, 0, ROW_COUPLING, kk);
        put(cplRow[kk]!, sign);
      }
    }
    newCost.push(kind !== T ? c.weight * c.qty[P]! * Math.max(0, arrive - c.rdd) : 0);
    colBlock.push(b);
    colArrive.push(kind !== T ? arrive : -1);
  };

  /** Walks in the master, by block, arcs and days. */
  const known = new Set<string>();

  // Start from the planner's own schedule, cut into walks: a feasible master from the first round,
  // so the duals mean something at once (with the artificials alone, the first rounds' duals are
  // their costs and the columns they price are noise).
  if (options.warmStart ?? true) {
    const ulnCommodity = new Int32Array(ulns.length).fill(-1);
    commodities.forEach((c, ci) => c.members.forEach((j) => (ulnCommodity[j] = ci)));
    const arcIndex = new Map(network.arcs.map((a, i) => [a.id, i]));
    const plan = planDeployment(network, ulns, {
      horizonDays: H,
      ...(options.priorityWeight ? { priorityWeight: options.priorityWeight } : {}),
    });
    plan.ulns.forEach((s, j) => {
      const ci = ulnCommodity[j]!;
      if (ci < 0 || s.status !== 'scheduled') return;
      const route = s.route.map((id) => arcIndex.get(id)!);
      for (let k = 0; k < 2; k++) {
        // A joint block's walks are its personnel's (its tonnes travel with them).
        const b = blockOf[2 * ci + k]!;
        const total = k === P ? ulns[j]!.personnel : ulns[j]!.tonnes;
        if (b < 0 || total <= EPS) continue;
        const walks = plannedWalks(s.movements, route, k, total, ulns[j]!.ald);
        for (const w of walks ?? []) {
          const key = `${b}:${w.arcs.join(',')}:${w.days.join(',')}`;
          if (known.has(key) || w.arcs.some((a) => !usable[ci * A + a])) continue;
          known.add(key);
          addColumn(b, w.arcs, w.days);
        }
      }
    });
  }

  const capDual = new Float64Array(A * H * 2);
  const recDual = new Float64Array(N * H * 2);
  const cplDual = new Float64Array(C * A);
  // Lockstep duals of split units, dense: lockDual[lockBase[ci * A + a] + day].
  const lockBase = new Int32Array(C * A).fill(-1);
  let lockSize = 0;
  commodities.forEach((c, ci) => {
    if (blockOf[2 * ci + T]! < 0 || blockKind[blockOf[2 * ci + T]!] === J) return;
    for (const a of c.arcs) {
      if (c.lockstep[a]) {
        lockBase[ci * A + a] = lockSize;
        lockSize += H;
      }
    }
  });
  const lockDual = new Float64Array(lockSize);
  const best = new Float64Array(S * H);
  const parentArc = new Int32Array(S * H);
  const parentState = new Int32Array(S * H);
  const legArc: number[] = [];
  const legDay: number[] = [];

  const hm = highs.createModel({
    numCols: B,
    numRows: B,
    colCost: artificialCost,
    colLower: new Float64Array(B),
    colUpper: new Float64Array(B).fill(Infinity),
    rowLower: new Float64Array(B).fill(1),
    rowUpper: new Float64Array(B).fill(1),
    matrix: {
      format: 'csc',
      numRows: B,
      numCols: B,
      starts: identity,
      indices: identity.subarray(0, B),
      values: new Float64Array(B).fill(1),
    },
  });
  const flush = (): void => {
    const rowsNow = rowLower.length;
    if (rowsNow > rowsInModel) {
      const count = rowsNow - rowsInModel;
      hm.addRows({
        lower: rowLower.view().slice(rowsInModel),
        upper: rowUpper.view().slice(rowsInModel),
        matrix: {
          format: 'csr',
          numRows: count,
          numCols: pendingFrom,
          starts: new Int32Array(count + 1),
          indices: new Int32Array(0),
          values: new Float64Array(0),
        },
      });
      rowsInModel = rowsNow;
    }
    const added = colBlock.length - pendingFrom;
    if (added > 0) {
      newStarts.push(newIndex.length);
      hm.addCols({
        cost: newCost.view().slice(),
        lower: new Float64Array(added),
        upper: new Float64Array(added).fill(Infinity),
        matrix: {
          format: 'csc',
          numRows: rowsInModel,
          numCols: added,
          starts: newStarts.view().slice(),
          indices: newIndex.view().slice(),
          values: newValue.view().slice(),
        },
      });
    }
    pendingFrom = colBlock.length;
    newCost.length = 0;
    newStarts.length = 0;
    newIndex.length = 0;
    newValue.length = 0;
  };

  let centre: Float64Array | null = null;
  /** The master's value when it uses no artificial: a feasible LP solution's. */
  let feasible = Number.NaN;
  let iterations = 0;
  let raised = 0;
  let bestBound = 0;
  let objective = Number.NaN;
  let status: ReferenceStatus = 'error';
  let message: string | undefined;
  let x: Float64Array | null = null;
  try {
    // Columns join at zero, so the basis stays primal feasible: primal simplex picks up from it.
    hm.options.set({ output_flag: false, solver: 'simplex', simplex_strategy: 4 });
    flush();
    for (;;) {
      const remaining = limit - seconds(started);
      if (remaining <= 0) {
        status = 'time-limit';
        break;
      }
      if (Number.isFinite(limit)) hm.options.set('time_limit', hm.getRunTime() + remaining);
      const run = hm.run().modelStatus;
      iterations++;
      if (run === MODEL_STATUS_TIME_LIMIT) {
        status = 'time-limit';
        break;
      }
      if (run !== MODEL_STATUS_OPTIMAL) {
        message = `HiGHS model status ${run} on the restricted master`;
        break;
      }
      objective = hm.getObjectiveValue();
      const solution = hm.getSolution();
      const yOut = solution.rowDual;
      x = solution.colValue;
      const colsBefore = colBlock.length;

      // Price at duals between the master's and those of the best bound so far (Wentges
      // smoothing): the master's duals swing from round to round while a few blocks trade capacity,
      // and columns priced at them alone tail off for hundreds of rounds. A column joins only if it
      // improves the master at its own duals; when none does, price again at the master's duals.
      for (let attempt = 0; attempt < 2; attempt++) {
        const alpha = attempt === 0 && centre ? SMOOTHING : 0;
        const y = new Float64Array(rowsInModel);
        for (let r = 0; r < rowsInModel; r++) {
          y[r] = alpha * (centre && r < centre.length ? centre[r]! : 0) + (1 - alpha) * yOut[r]!;
        }
        // Duals as arc costs; capacity and reception duals clipped to their sign, which keeps the
        // Lagrangian bound valid whatever the solver's tolerances left.
        capDual.fill(0);
        recDual.fill(0);
        cplDual.fill(0);
        lockDual.fill(0);
        let bound = 0;
        const kinds = rowKind.view();
        const keys = rowKey.view();
        const upper = rowUpper.view();
        for (let r = B; r < rowsInModel; r++) {
          const key = keys[r]!;
          const kind = kinds[r]!;
          if (kind === ROW_CAPACITY || kind === ROW_RECEPTION) {
            const v = Math.min(0, y[r]!);
            y[r] = v;
            (kind === ROW_CAPACITY ? capDual : recDual)[key] = v;
            bound += v * upper[r]!;
          } else if (kind === ROW_COUPLING) cplDual[key] = y[r]!;
          else lockDual[lockBase[Math.floor(key / H)]! + (key % H)] = y[r]!;
        }

        for (let b = 0; b < B; b++) {
          const ci = blockComm[b]!;
          const kind = blockKind[b]!;
          const c = commodities[ci]!;
          const qp = kind !== T ? c.qty[P]! : 0;
          const qt = kind !== P ? c.qty[T]! : 0;
          const sign = kind === P ? 1 : -1;
          const coupled = kind !== J && c.qty[P]! > EPS && c.qty[T]! > EPS;
          const lateRate = c.weight * qp;
          const usableFrom = ci * A;
          best.fill(Infinity);
          const s0 = states.entry[c.origin]! * H + c.ald;
          best[s0] = 0;
          parentArc[s0] = -2;
          let bestTotal = Infinity;
          let endArc = -1;
          let endDay = -1;
          let endState = -1;
          for (let d = c.ald; d < H; d++) {
            for (let s = 0; s < S; s++) {
              const i = s * H + d;
              const bv = best[i]!;
              // Without coupling every arc costs at least 0: no walk from here beats the best.
              if (bv === Infinity || (!coupled && bv >= bestTotal)) continue;
              if (d + 1 < H && bv < best[i + 1]!) {
                best[i + 1] = bv;
                parentArc[i + 1] = -1;
              }
              for (let e = states.start[s]!; e < states.start[s + 1]!; e++) {
                const a = states.arc[e]!;
                if (!usable[usableFrom + a] || closed[a * H + d]) continue;
                const t = d + arcTransit[a]!;
                if (t >= H) continue;
                const w = arcTo[a]!;
                const ci2 = (a * H + d) * 2;
                const ri2 = (w * H + t) * 2;
                let cost = bv;
                if (qp > 0) cost -= qp * (capDual[ci2]! + recDual[ri2]!);
                if (qt > 0) cost -= qt * (capDual[ci2 + 1]! + recDual[ri2 + 1]!);
                if (coupled) {
                  cost -=
                    sign *
                    (c.lockstep[a] ? lockDual[lockBase[usableFrom + a]! + d]! : cplDual[usableFrom + a]!);
                }
                if (w === c.dest) {
                  if (t < c.ead) continue;
                  cost += lateRate * Math.max(0, t - c.rdd);
                  if (cost < bestTotal) {
                    bestTotal = cost;
                    endArc = a;
                    endDay = d;
                    endState = s;
                  }
                } else {
                  const j = states.target[e]! * H + t;
                  if (cost < best[j]!) {
                    best[j] = cost;
                    parentArc[j] = a;
                    parentState[j] = s;
                  }
                }
              }
            }
          }
          bound += bestTotal;
          if (!(bestTotal - y[b]! < -1e-7 * (1 + Math.abs(bestTotal)))) continue;
          legArc.length = 0;
          legDay.length = 0;
          legArc.push(endArc);
          legDay.push(endDay);
          for (let s = endState, d = endDay; ;) {
            const i = s * H + d;
            const p = parentArc[i]!;
            if (p === -2) break;
            if (p === -1) {
              d--;
              continue;
            }
            s = parentState[i]!;
            d -= arcTransit[p]!;
            legArc.push(p);
            legDay.push(d);
          }
          legArc.reverse();
          legDay.reverse();
          const signature = `${b}:${legArc.join(',')}:${legDay.join(',')}`;
          if (known.has(signature)) continue;
          const mark = [newStarts.length, newIndex.length, newCost.length, colBlock.length];
          addColumn(b, legArc, legDay);
          const cost = newCost.data[mark[2]!]!;
          let reduced = cost;
          for (let e = mark[1]!; e < newIndex.length; e++) {
            const r = newIndex.data[e]!;
            if (r < yOut.length) reduced -= yOut[r]! * newValue.data[e]!;
          }
          // A walk joins once: one the simplex will not pivot in (its reduced cost within the
          // solver's tolerance) would otherwise come back every round.
          if (reduced < -1e-7 * (1 + Math.abs(cost))) {
            known.add(signature);
            // The same walk for the unit's other dimension: on lockstep arcs the two must match day
            // by day, and a walk priced for one dimension alone rarely finds its partner.
            const sibling = coupled ? blockOf[2 * ci + (kind === P ? T : P)]! : -1;
            const mirror = `${sibling}:${legArc.join(',')}:${legDay.join(',')}`;
            if (sibling >= 0 && !known.has(mirror)) {
              known.add(mirror);
              addColumn(sibling, legArc, legDay);
            }
          } else {
            newStarts.length = mark[0]!;
            newIndex.length = mark[1]!;
            newValue.length = mark[1]!;
            newCost.length = mark[2]!;
            colBlock.length = mark[3]!;
            colArrive.length = mark[3]!;
          }
        }
        if (bound > bestBound) {
          bestBound = bound;
          centre = y;
        }
        if (colBlock.length > colsBefore) break;
      }
      options.onProgress?.({
        iteration: iterations,
        objective,
        lowerBound: bestBound,
        columns: colBlock.length,
        rows: rowLower.length,
        elapsedSeconds: seconds(started),
      });

      let artificial = false;
      for (let b = 0; b < B; b++) if (x[b]! > 1e-9) artificial = true;
      feasible = artificial ? Number.NaN : objective;
      const none = colBlock.length === colsBefore;
      if (none || (!artificial && objective - bestBound <= 1e-9 * Math.max(1, objective))) {
        if (!artificial) {
          status = 'optimal';
          break;
        }
        if (raised >= 4) {
          status = 'infeasible';
          break;
        }
        raised++;
        for (let b = 0; b < B; b++) hm.changeColCost(b, (artificialCost[b] = artificialCost[b]! * 100));
      }
      flush();
    }
    const dims = hm.getDimensions();
    const out: ReferenceResult = {
      ...base,
      status,
      size: { rows: dims.numRows, columns: dims.numCols, nonzeros: dims.numNonzeros },
      highsSeconds: hm.getRunTime(),
      iterations,
      lowerBound: bestBound,
      objective: status === 'optimal' ? objective : feasible,
      ...(message ? { message } : {}),
    };
    if (status === 'optimal' && x) {
      const curve = new Float64Array(H);
      const arrive = colArrive.view();
      const blocks = colBlock.view();
      for (let j = B; j < x.length; j++) {
        if (arrive[j]! < 0 || x[j]! <= 0) continue;
        const c = commodities[blockComm[blocks[j]!]!]!;
        curve[arrive[j]!] = curve[arrive[j]!]! + x[j]! * c.qty[P]!;
      }
      out.closureCurve = cumulative(curve);
    }
    return out;
  } finally {
    hm.dispose();
  }
}
