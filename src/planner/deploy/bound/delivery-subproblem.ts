// The Lagrangian subproblem of the delivery-day bound (delivery-bound.ts, whose header proves it):
// at given prices on the arc-days and node-days, each ULN's cheapest schedule (route class,
// delivery day, personnel and tonnes paths on the time-expanded network) or not planned, and the
// usage of those schedules. Shared by the subgradient ascent (delivery-bound.ts) and the restricted
// master (delivery-master.ts), which also records each ULN's schedule as a column.
import type { DeliveryNetwork } from './delivery-network.ts';
import { clearPrices, zeroPrices } from './time-expanded.ts';
import type { Prices } from './time-expanded.ts';

/** Index of a priced set in DayArrays order: arc personnel, arc tonnes, node personnel, node tonnes. */
export type DaySet = 0 | 1 | 2 | 3;

/** Receives each planned ULN's chosen schedule: its lateness, then its usage entry by entry. */
export interface ColumnRecorder {
  /** ULN j planned on a schedule whose lateness term (weight × days late) is `lateness`. */
  begin(j: number, lateness: number): void;
  add(set: DaySet, index: number, amount: number): void;
  /** The arc entries that follow carry this part of the ULN's cargo (SchedulePart). */
  part?(part: SchedulePart): void;
}

/** A part of a ULN's cargo in its schedule: personnel, critical tonnes, the rest of its tonnes. */
export type SchedulePart = 0 | 1 | 2;

/** Prices or usage, full size: [arc * H + day] and [node * H + day] per dimension. */
export type DayArrays = Prices;

export const dayArrays = (net: DeliveryNetwork): DayArrays => zeroPrices(net);

/**
 * One dimension's cheapest-path tree over states ((node * H + day) * K + class): arrived at the node
 * on the day by an arc, having used the coupling modes of the class.
 */
interface Tree {
  cost: Float64Array;
  /** Arc into the state; -1 for the source. */
  viaArc: Int32Array;
  /** The day the cargo reached the arc's tail (it waited there until departing). */
  viaDay: Int32Array;
  /** The class at the arc's tail. */
  viaClass: Int32Array;
}

/** Scratch of the subproblem, sized once. */
export interface Workspace {
  p: Tree;
  t: Tree;
  /** Per node and class, the cheapest state reached by the day being scanned, and its day. */
  ready: Float64Array;
  readyDay: Int32Array;
  /** Prefix minima of one ULN's arrival costs per day, and the day attaining each. */
  minP: Float64Array;
  dayP: Int32Array;
  minT: Float64Array;
  dayT: Int32Array;
  /** classTerm's best delivery day. */
  bestDay: number;
}

export function newWorkspace(net: DeliveryNetwork): Workspace {
  const size = net.N * net.H * net.K;
  const tree = (): Tree => ({
    cost: new Float64Array(size),
    viaArc: new Int32Array(size),
    viaDay: new Int32Array(size),
    viaClass: new Int32Array(size),
  });
  return {
    p: tree(),
    t: tree(),
    ready: new Float64Array(net.N * net.K),
    readyDay: new Int32Array(net.N * net.K),
    minP: new Float64Array(net.H),
    dayP: new Int32Array(net.H),
    minT: new Float64Array(net.H),
    dayT: new Int32Array(net.H),
    bestDay: -1,
  };
}

/**
 * Cheapest prices from (origin, start, no coupling mode) to every state over `arcs`: the cheapest
 * way to arrive at v on day d by an arc in class c (Infinity if none). Waiting is free, so leaving v
 * on day d costs the cheapest arrival on or before d.
 */
function growTree(
  net: DeliveryNetwork,
  tree: Tree,
  ws: Workspace,
  origin: number,
  start: number,
  arcs: Int32Array,
  arcPrice: Float64Array,
  nodePrice: Float64Array,
): void {
  const { H, N, K, arcFrom, arcTo, arcTransit, arcBit, closed } = net;
  const { cost, viaArc, viaDay, viaClass } = tree;
  const { ready, readyDay } = ws;
  cost.fill(Infinity);
  ready.fill(Infinity);
  const source = (origin * H + start) * K;
  cost[source] = 0;
  viaArc[source] = -1;
  // Departures arrive by H - 1, so the last day anything departs is H - 2.
  for (let d = start; d < H - 1; d++) {
    // Cargo that arrived today may leave today (the planner's lots are available from arrival).
    for (let v = 0; v < N; v++) {
      const at = (v * H + d) * K;
      for (let c = 0; c < K; c++) {
        const x = cost[at + c]!;
        if (x < ready[v * K + c]!) {
          ready[v * K + c] = x;
          readyDay[v * K + c] = d;
        }
      }
    }
    for (let k = 0; k < arcs.length; k++) {
      const a = arcs[k]!;
      const ai = a * H + d;
      if (closed[ai]) continue;
      const e = d + arcTransit[a]!;
      if (e >= H) continue;
      const tail = arcFrom[a]! * K;
      const headDay = arcTo[a]! * H + e;
      const price = arcPrice[ai]! + nodePrice[headDay]!;
      const bit = arcBit[a]!;
      for (let c = 0; c < K; c++) {
        const base = ready[tail + c]!;
        if (base === Infinity) continue;
        const head = headDay * K + (c | bit);
        const x = base + price;
        if (x < cost[head]!) {
          cost[head] = x;
          viaArc[head] = a;
          viaDay[head] = readyDay[tail + c]!;
          viaClass[head] = c;
        }
      }
    }
  }
}

/** Adds `amount` along the tree's path into state (node, day, class) to the usage arrays. */
function addPath(
  net: DeliveryNetwork,
  tree: Tree,
  node: number,
  day: number,
  cls: number,
  amount: number,
  arcUse: Float64Array,
  nodeUse: Float64Array,
  rec: ColumnRecorder | undefined,
  arcSet: DaySet,
): void {
  const { H, K, arcFrom, arcTransit } = net;
  let v = node;
  let d = day;
  let c = cls;
  for (;;) {
    const s = (v * H + d) * K + c;
    const a = tree.viaArc[s]!;
    if (a < 0) return;
    const ai = a * H + d - arcTransit[a]!;
    arcUse[ai] = arcUse[ai]! + amount;
    nodeUse[v * H + d] = nodeUse[v * H + d]! + amount;
    if (rec) {
      rec.add(arcSet, ai, amount);
      rec.add((arcSet + 2) as DaySet, v * H + d, amount);
    }
    v = arcFrom[a]!;
    d = tree.viaDay[s]!;
    c = tree.viaClass[s]!;
  }
}

/**
 * Prefix minima of a tree's arrival costs at `dest` in class `cls` over days first .. H - 1 into
 * min/day (entries before `first` are left as they are and never read).
 */
function prefixMinima(
  net: DeliveryNetwork,
  tree: Tree,
  dest: number,
  cls: number,
  first: number,
  min: Float64Array,
  day: Int32Array,
): void {
  const { H, K } = net;
  let best = Infinity;
  let bestDay = -1;
  for (let d = first; d < H; d++) {
    const c = tree.cost[(dest * H + d) * K + cls]!;
    if (c < best) {
      best = c;
      bestDay = d;
    }
    min[d] = best;
    day[d] = bestDay;
  }
}

/**
 * ULN j in route class `cls`: its least value over delivery days (Infinity when it cannot be
 * planned in the class), the day in `ws.bestDay`. The prefix minima stay in the workspace.
 */
function classTerm(net: DeliveryNetwork, ws: Workspace, j: number, cls: number, first: number): number {
  const { H, K } = net;
  const earliest = net.ulnEarliest[j * K + cls]!;
  if (earliest > H - 1) return Infinity;
  const dest = net.ulnDest[j]!;
  const P = net.ulnP[j]!;
  const C = net.ulnC[j]!;
  const restT = net.ulnRestT[j]!;
  const hasP = (net.ulnCargo[j]! & 1) !== 0;
  const hasT = (net.ulnCargo[j]! & 2) !== 0;
  const { minP, minT } = ws;
  if (hasP) prefixMinima(net, ws.p, dest, cls, first, minP, ws.dayP);
  if (hasT) prefixMinima(net, ws.t, dest, cls, first, minT, ws.dayT);
  // Planned, all its cargo (a tolerance off) arrives by H - 1: cargo that cannot rules it out.
  if ((P > 0 && minP[H - 1] === Infinity) || (C + restT > 0 && minT[H - 1] === Infinity)) return Infinity;
  const tailP = P > 0 ? minP[H - 1]! : 0;
  const tailT = C + restT > 0 ? minT[H - 1]! : 0;
  const rest = restT * tailT;
  const floor = P * tailP + C * tailT + rest;
  const weight = net.ulnWeight[j]!;
  const rdd = net.ulnRdd[j]!;
  let bestValue = Infinity;
  // Days before the RDD cost no lateness and their prefix minima are no lower than the RDD's.
  for (let D = Math.max(earliest, Math.min(rdd, H - 1)); D < H; D++) {
    const late = D > rdd ? weight * (D - rdd) : 0;
    // Later days cost at least their lateness plus the cheapest arrivals by H - 1.
    if (late + floor >= bestValue) break;
    const mp = hasP ? minP[D]! : Infinity;
    const mt = hasT ? minT[D]! : Infinity;
    // Everything needed in by D: P' and C'; with neither, some cargo (the delivery is an arrival).
    if (P > 0 && mp === Infinity) continue;
    if (C > 0 && mt === Infinity) continue;
    if (P === 0 && C === 0 && mp === Infinity && mt === Infinity) continue;
    const value = late + (P > 0 ? P * mp : 0) + (C > 0 ? C * mt : 0) + rest;
    if (value < bestValue) {
      bestValue = value;
      ws.bestDay = D;
    }
  }
  return bestValue;
}

/**
 * ULN j's term at the prices its source's trees were grown at: planned in its best route class with
 * its best delivery day, or not planned. Adds its flows to `usage` and returns the term.
 */
function ulnTerm(
  net: DeliveryNetwork,
  ws: Workspace,
  j: number,
  start: number,
  usage: DayArrays,
  rec: ColumnRecorder | undefined,
): number {
  const { H, K } = net;
  const penalty = net.ulnPenalty[j]!;
  const first = Math.max(net.ulnEad[j]!, start + 1);
  let bestValue = penalty;
  let bestClass = -1;
  let bestDay = -1;
  for (let c = 0; c < K; c++) {
    const value = classTerm(net, ws, j, c, first);
    if (value < bestValue) {
      bestValue = value;
      bestClass = c;
      bestDay = ws.bestDay;
    }
  }
  if (bestClass < 0) return penalty;
  // Its flows: the needed parts by the delivery day, the rest by H - 1, each on its cheapest path.
  if (K > 1) classTerm(net, ws, j, bestClass, first);
  const dest = net.ulnDest[j]!;
  const P = net.ulnP[j]!;
  const C = net.ulnC[j]!;
  const restT = net.ulnRestT[j]!;
  const { dayP, dayT } = ws;
  if (rec) {
    const rdd = net.ulnRdd[j]!;
    rec.begin(j, bestDay > rdd ? net.ulnWeight[j]! * (bestDay - rdd) : 0);
  }
  rec?.part?.(0);
  if (P > 0) addPath(net, ws.p, dest, dayP[bestDay]!, bestClass, P, usage.arcP, usage.nodeP, rec, 0);
  rec?.part?.(1);
  if (C > 0) addPath(net, ws.t, dest, dayT[bestDay]!, bestClass, C, usage.arcT, usage.nodeT, rec, 1);
  rec?.part?.(2);
  if (restT > 0) addPath(net, ws.t, dest, dayT[H - 1]!, bestClass, restT, usage.arcT, usage.nodeT, rec, 1);
  return bestValue;
}

/**
 * The Lagrangian subproblem at `prices`: the sum of the ULNs' terms; their usage into `usage`, and
 * each planned ULN's schedule to `rec` when given.
 */
export function solveSubproblem(
  net: DeliveryNetwork,
  prices: DayArrays,
  usage: DayArrays,
  ws: Workspace,
  rec?: ColumnRecorder,
): number {
  clearPrices(usage);
  let terms = 0;
  const S = net.sourceStart.length;
  for (let s = 0; s < S; s++) {
    const origin = net.sourceOrigin[s]!;
    const start = net.sourceStart[s]!;
    growTree(net, ws.p, ws, origin, start, net.sourceArcsP[s]!, prices.arcP, prices.nodeP);
    growTree(net, ws.t, ws, origin, start, net.sourceArcsT[s]!, prices.arcT, prices.nodeT);
    for (let k = net.sourceFirst[s]!; k < net.sourceFirst[s + 1]!; k++) {
      terms += ulnTerm(net, ws, net.ulnOfSource[k]!, start, usage, rec);
    }
  }
  // ULNs with no source start too late to arrive inside the horizon.
  for (let j = 0; j < net.ulnSource.length; j++) if (net.ulnSource[j]! < 0) terms += net.ulnPenalty[j]!;
  return terms;
}
