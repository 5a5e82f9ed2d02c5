// The Lagrangian subproblem of the deployment lower bound (lagrangian-bound.ts): with the arc-day
// capacity and node-day reception constraints priced out, each ULN's personnel and tonnes travel
// alone on the time-expanded network, so their cost is a cheapest path there.
//
// The time-expanded network: a state (v, S, d) is "arrived at node v on day d, having used the
// coupling modes in S". Cargo waits at a node for free (hold-over) and departs on arc a on day d
// when a is open that day and arrives by the horizon's last day (d + transit <= H - 1, as the
// planner's ledger), paying the arc's price on its departure day and the head node's reception
// price on its arrival day. Every arc takes at least one day, so the network is acyclic in time and
// one forward pass in day order is a shortest-path tree. Walks may revisit nodes (a relaxation of
// the planner's simple routes).
//
// Route classes (S), opt-in (option couplingModes): where a ULN's personnel and tonnes follow one
// route, they use the same set of modes. The set of *coupling modes* a route uses (air and sea,
// typically: the strategic lift) is a function of the route, so requiring a ULN's personnel and
// tonnes to reach the destination in the same class S is a relaxation of every plan that keeps
// each ULN on one route, and stops the bound flying a unit's soldiers while its vehicles sail. The
// planner does not keep to that: a unit late on every route may send its personnel and tonnes on
// routes of their own that marry up at the destination (choose-route.ts), so the bounds it is
// measured against couple nothing (one class). Classes are bitmasks over at most
// MAX_COUPLING_MODES modes.
//
// One pass serves many ULNs: every ULN leaving the same origin on the same first day (max(ALD,
// today)) over the same arcs (the objective's eligibility key) shares the tree, whatever its
// destination, EAD, RDD or weight: the prices do not depend on who pays them. A source is such a
// group; a pass per source and dimension (personnel, tonnes) prices every arrival (node, S, day).
// The passes visit only the (node, class) states and expanded arcs some walk from the origin to a
// member's destination can use, so the classes cost little where routes do not mix modes.
//
// Each member then takes the cheaper of not being planned (the penalty day, nothing moves) and
// being planned in its cheapest class, with the best arrival days for its personnel and critical
// tonnes against their lateness and the cheapest for its other tonnes (see `ulnTerm`); the chosen
// flows are pushed back along the trees to count how much of each arc-day and node-day the
// subproblem uses: the supergradient.
//
// Everything is typed arrays sized once; a pass allocates nothing.
import { canCarry, eligibilityKey, penaltyDay } from '../objective.ts';
import type { DeploymentNetwork, Uln } from '../schedule-types.ts';
import { MAX_COUPLING_MODES, boundArcs, boundUlns, groupSources } from './bound-input.ts';
import type { BoundOptions, BoundUlns } from './bound-input.ts';

export { MAX_COUPLING_MODES };

/**
 * Added to every capacity and reception in the bound: the planner admits a load when it exceeds
 * what is left by at most 1e-7 (schedule.ts EPS), so a plan may overfill an arc-day by that much.
 */
export const CAPACITY_SLACK = 1e-6;

// Route classes are subsets of at most MAX_COUPLING_MODES coupling modes (bound-input.ts): 2^3 = 8.
// The trees only visit the (node, class) pairs some walk reaches, so their cost grows with those,
// not with 2^modes.

export interface TimeExpandedOptions extends BoundOptions {
  /**
   * Modes whose use a ULN's personnel and tonnes must share (see the header), at most
   * MAX_COUPLING_MODES: a valid bound only on plans that keep each ULN on one route, which the
   * planner does not. Default none.
   */
  couplingModes?: readonly string[];
}

/** The network, the sources and the ULNs as flat arrays. */
/** Per ULN (BoundUlns): destination, EAD, RDD, weight, personnel P' and critical tonnes C' to be in. */
export interface TimeExpandedNetwork extends Omit<BoundUlns, 'origin'> {
  /** Horizon: days 0 .. H - 1. */
  H: number;
  N: number;
  A: number;
  /** Route classes: 2^(coupling modes). */
  K: number;
  couplingModes: string[];
  arcFrom: Int32Array;
  arcTo: Int32Array;
  arcTransit: Int32Array;
  /** The class bit an arc sets (0 for modes that do not couple). */
  arcBit: Int32Array;
  /** [a * H + d]: 1 when nothing may depart on arc a on day d. */
  closed: Uint8Array;
  /** Per arc and day: capacity plus CAPACITY_SLACK. */
  capP: Float64Array;
  capT: Float64Array;
  /** Per node and day: reception plus CAPACITY_SLACK; Infinity where unlimited. */
  recP: Float64Array;
  recT: Float64Array;
  /** Sources: origin node and first departure day. */
  sourceOrigin: Int32Array;
  sourceStart: Int32Array;
  /**
   * Per source and dimension, the expanded arcs a walk to a member's destination may take, as
   * triples [arc, tail state, head state] (state = node × K + class), and those states.
   */
  sourceArcsP: Int32Array[];
  sourceArcsT: Int32Array[];
  sourceStatesP: Int32Array[];
  sourceStatesT: Int32Array[];
  /** Per source, [state]: 1 when some walk of either dimension reaches it. */
  sourceReach: Uint8Array[];
  /** Members of source s: ulnOfSource[sourceFirst[s] .. sourceFirst[s + 1]). */
  sourceFirst: Int32Array;
  ulnOfSource: Int32Array;
  /** Per ULN (input order). Source -1: it can never leave inside the horizon, so it is unplanned. */
  ulnSource: Int32Array;
  /** The rest of its tonnes: they too travel, inside the horizon, when the ULN is planned. */
  ulnRest: Float64Array;
  /** Days late when it is not planned: penalty day - RDD, none below 0. */
  ulnPenaltyLate: Float64Array;
  /** Distinct eligibility keys. */
  eligibilityClasses: number;
}

/**
 * Flattens the input. RangeErrors as the planner's for unknown nodes, bad days and bad transit.
 * Personnel may use arc a only if canCarry allows it and a carries personnel at all; tonnes alike.
 */
export function buildTimeExpanded(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: TimeExpandedOptions = {},
): TimeExpandedNetwork {
  const base = boundArcs(network, ulns, options, options.couplingModes ?? []);
  const { H, N, A, K, couplingModes, arcFrom, arcTo, arcTransit, arcBit, closed } = base;
  const capP = new Float64Array(A * H);
  const capT = new Float64Array(A * H);
  network.arcs.forEach((arc, a) => {
    capP.fill(arc.capacityPerDay.personnel + CAPACITY_SLACK, a * H, (a + 1) * H);
    capT.fill(arc.capacityPerDay.tonnes + CAPACITY_SLACK, a * H, (a + 1) * H);
  });
  const recP = new Float64Array(N * H).fill(Infinity);
  const recT = new Float64Array(N * H).fill(Infinity);
  network.nodes.forEach((n, v) => {
    if (!n.receptionPerDay) return;
    recP.fill(n.receptionPerDay.personnel + CAPACITY_SLACK, v * H, (v + 1) * H);
    recT.fill(n.receptionPerDay.tonnes + CAPACITY_SLACK, v * H, (v + 1) * H);
  });

  // Per ULN.
  const M = ulns.length;
  const { origin, ulnDest, ulnEad, ulnRdd, ulnWeight, ulnP, ulnC } = boundUlns(ulns, base);
  const ulnRest = new Float64Array(M);
  const ulnPenaltyLate = new Float64Array(M);
  const classOf = new Int32Array(M);
  const classIndex = new Map<string, number>();
  const classUln: Uln[] = [];
  const penalty = penaltyDay(H);
  ulns.forEach((u, j) => {
    ulnRest[j] = Math.max(0, u.tonnes - ulnC[j]!);
    ulnPenaltyLate[j] = Math.max(0, penalty - u.rdd);
    const key = eligibilityKey(u);
    let c = classIndex.get(key);
    if (c === undefined) {
      c = classUln.length;
      classIndex.set(key, c);
      classUln.push(u);
    }
    classOf[j] = c;
  });

  // Arcs per eligibility class and dimension.
  const classArcsP = classUln.map((u) =>
    network.arcs.flatMap((arc, a) => (canCarry(u, arc) && arc.capacityPerDay.personnel > 0 ? [a] : [])),
  );
  const classArcsT = classUln.map((u) =>
    network.arcs.flatMap((arc, a) => (canCarry(u, arc) && arc.capacityPerDay.tonnes > 0 ? [a] : [])),
  );

  // Sources: ULNs by (origin, first day, eligibility), in order of first appearance.
  const sources = groupSources(ulns, origin, classOf, base);
  const { members, ulnSource, sourceFirst, ulnOfSource } = sources;
  const S = members.length;

  // A source's expanded arcs (arc, class at its tail) and states (node, class): those on some walk
  // from (origin, no mode) to one of its members' destinations, in any class. Triples [arc, tail
  // state, head state] with state = node × K + class.
  const expanded = (s: number, arcs: readonly number[]): { arcs: Int32Array; states: Int32Array } => {
    const out: number[][] = Array.from({ length: N * K }, () => []);
    const into: number[][] = Array.from({ length: N * K }, () => []);
    const triples: number[] = [];
    for (const a of arcs) {
      for (let c = 0; c < K; c++) {
        const tail = arcFrom[a]! * K + c;
        const head = arcTo[a]! * K + (c | arcBit[a]!);
        out[tail]!.push(triples.length);
        into[head]!.push(triples.length);
        triples.push(a, tail, head);
      }
    }
    const mark = (seeds: number[], forward: boolean): Uint8Array => {
      const seen = new Uint8Array(N * K);
      const stack = [...seeds];
      for (const x of seeds) seen[x] = 1;
      while (stack.length > 0) {
        const x = stack.pop()!;
        for (const t of forward ? out[x]! : into[x]!) {
          const y = triples[t + (forward ? 2 : 1)]!;
          if (!seen[y]) {
            seen[y] = 1;
            stack.push(y);
          }
        }
      }
      return seen;
    };
    const from = mark([sources.sourceOrigin[s]! * K], true);
    const dests = [...new Set(members[s]!.map((j) => ulnDest[j]!))];
    const to = mark(
      dests.flatMap((v) => Array.from({ length: K }, (_, c) => v * K + c)),
      false,
    );
    const kept: number[] = [];
    for (let t = 0; t < triples.length; t += 3) {
      if (from[triples[t + 1]!] && to[triples[t + 2]!])
        kept.push(triples[t]!, triples[t + 1]!, triples[t + 2]!);
    }
    const states: number[] = [];
    for (let x = 0; x < N * K; x++) if (from[x] && to[x]) states.push(x);
    return { arcs: Int32Array.from(kept), states: Int32Array.from(states) };
  };
  const sourceArcsP: Int32Array[] = [];
  const sourceArcsT: Int32Array[] = [];
  const sourceStatesP: Int32Array[] = [];
  const sourceStatesT: Int32Array[] = [];
  const sourceReach: Uint8Array[] = [];
  for (let s = 0; s < S; s++) {
    const p = expanded(s, classArcsP[sources.sourceClass[s]!]!);
    const t = expanded(s, classArcsT[sources.sourceClass[s]!]!);
    sourceArcsP.push(p.arcs);
    sourceStatesP.push(p.states);
    sourceArcsT.push(t.arcs);
    sourceStatesT.push(t.states);
    const reach = new Uint8Array(N * K);
    for (const x of p.states) reach[x] = 1;
    for (const x of t.states) reach[x] = 1;
    sourceReach.push(reach);
  }

  return {
    H,
    N,
    A,
    K,
    couplingModes,
    arcFrom,
    arcTo,
    arcTransit,
    arcBit,
    closed,
    capP,
    capT,
    recP,
    recT,
    sourceOrigin: Int32Array.from(sources.sourceOrigin),
    sourceStart: Int32Array.from(sources.sourceStart),
    sourceArcsP,
    sourceArcsT,
    sourceStatesP,
    sourceStatesT,
    sourceReach,
    sourceFirst,
    ulnOfSource,
    ulnSource,
    ulnDest,
    ulnEad,
    ulnRdd,
    ulnWeight,
    ulnP,
    ulnC,
    ulnRest,
    ulnPenaltyLate,
    eligibilityClasses: classUln.length,
  };
}

/** Prices (Lagrange multipliers, all >= 0) per arc-day and node-day, per dimension. */
export interface Prices {
  arcP: Float64Array;
  arcT: Float64Array;
  nodeP: Float64Array;
  nodeT: Float64Array;
}

/** Sets every price (or usage) to 0. */
export function clearPrices(p: Prices): void {
  p.arcP.fill(0);
  p.arcT.fill(0);
  p.nodeP.fill(0);
  p.nodeT.fill(0);
}

export const zeroPrices = (net: Pick<TimeExpandedNetwork, 'A' | 'N' | 'H'>): Prices => ({
  arcP: new Float64Array(net.A * net.H),
  arcT: new Float64Array(net.A * net.H),
  nodeP: new Float64Array(net.N * net.H),
  nodeT: new Float64Array(net.N * net.H),
});

/** What the priced-out constraints carry in the subproblem's solution: the same shape as Prices. */
export type Usage = Prices;

/** One shortest-path tree over (state, day), indexed state × H + day, state = node × K + class. */
interface Tree {
  cost: Float64Array;
  /** The expanded arc into it (index of its triple in the source's list); -1 for the source. */
  viaArc: Int32Array;
  /** The day the cargo arrived at the arc's tail (it waited there until departing). */
  viaFrom: Int32Array;
  /** Flow to push back. */
  flow: Float64Array;
}

const newTree = (size: number): Tree => ({
  cost: new Float64Array(size),
  viaArc: new Int32Array(size),
  viaFrom: new Int32Array(size),
  flow: new Float64Array(size),
});

/** A ULN's best choice in one class: up to two arrival days per dimension. */
interface Choice {
  value: number;
  alpha: number;
  cls: number;
  /** Arrival day of the other tonnes; -1 when none. */
  restDay: number;
  dayP: Int32Array;
  amountP: Float64Array;
  dayT: Int32Array;
  amountT: Float64Array;
}

const newChoice = (): Choice => ({
  value: 0,
  alpha: 0,
  cls: 0,
  restDay: -1,
  dayP: new Int32Array(2),
  amountP: new Float64Array(2),
  dayT: new Int32Array(2),
  amountT: new Float64Array(2),
});

/** Scratch for `solveSubproblem`, sized for one network. */
export interface Workspace {
  p: Tree;
  t: Tree;
  readyCost: Float64Array;
  readyFrom: Int32Array;
  /** Per ULN: the α of its term and its route class (see ulnTerm), for reports and tests. */
  alpha: Float64Array;
  routeClass: Int32Array;
  /** Per ULN: its term of the Lagrangian. */
  term: Float64Array;
  /** Candidate arrivals of one ULN and dimension: slope, intercept, day. */
  lineS: Float64Array;
  lineB: Float64Array;
  lineDay: Int32Array;
  best: Choice;
  trial: Choice;
}

export function newWorkspace(net: TimeExpandedNetwork): Workspace {
  const size = net.N * net.H * net.K;
  const lines = 2 * (net.H + 2);
  return {
    p: newTree(size),
    t: newTree(size),
    readyCost: new Float64Array(net.N * net.K),
    readyFrom: new Int32Array(net.N * net.K),
    alpha: new Float64Array(net.ulnDest.length),
    routeClass: new Int32Array(net.ulnDest.length),
    term: new Float64Array(net.ulnDest.length),
    lineS: new Float64Array(lines),
    lineB: new Float64Array(lines),
    lineDay: new Int32Array(lines),
    best: newChoice(),
    trial: newChoice(),
  };
}

/** Shortest paths from (origin, no mode) on day `start` over the expanded arcs at the prices given. */
function growTree(
  net: TimeExpandedNetwork,
  tree: Tree,
  ws: Workspace,
  origin: number,
  start: number,
  arcs: Int32Array,
  states: Int32Array,
  arcPrice: Float64Array,
  nodePrice: Float64Array,
): void {
  const { H, K, arcTo, arcTransit, closed } = net;
  const { cost, viaArc, viaFrom } = tree;
  const { readyCost, readyFrom } = ws;
  cost.fill(Infinity);
  readyCost.fill(Infinity);
  const source = origin * K * H + start;
  cost[source] = 0;
  viaArc[source] = -1;
  for (let d = start; d < H; d++) {
    // Cargo that arrived today may leave today (the planner's lots are available from arrival).
    for (let k = 0; k < states.length; k++) {
      const x = states[k]!;
      const c = cost[x * H + d]!;
      if (c < readyCost[x]!) {
        readyCost[x] = c;
        readyFrom[x] = d;
      }
    }
    for (let t = 0; t < arcs.length; t += 3) {
      const tail = arcs[t + 1]!;
      const base = readyCost[tail]!;
      if (base === Infinity) continue;
      const a = arcs[t]!;
      const ai = a * H + d;
      if (closed[ai]) continue;
      const e = d + arcTransit[a]!;
      if (e >= H) continue;
      const head = arcs[t + 2]! * H + e;
      const c = base + arcPrice[ai]! + nodePrice[arcTo[a]! * H + e]!;
      if (c < cost[head]!) {
        cost[head] = c;
        viaArc[head] = t;
        viaFrom[head] = readyFrom[tail]!;
      }
    }
  }
}

/** Pushes the flows in `tree.flow` back to the source, adding them to the usage arrays. */
function pushBack(
  net: TimeExpandedNetwork,
  tree: Tree,
  start: number,
  arcs: Int32Array,
  states: Int32Array,
  arcUse: Float64Array,
  nodeUse: Float64Array,
): void {
  const { H, arcTo, arcTransit } = net;
  const { viaArc, viaFrom, flow } = tree;
  // Every arc goes forward in time, so days in decreasing order see each state's whole flow.
  for (let d = H - 1; d > start; d--) {
    for (let k = 0; k < states.length; k++) {
      const i = states[k]! * H + d;
      const f = flow[i]!;
      if (f === 0) continue;
      flow[i] = 0;
      const t = viaArc[i]!;
      const a = arcs[t]!;
      const ai = a * H + d - arcTransit[a]!;
      arcUse[ai] = arcUse[ai]! + f;
      const ni = arcTo[a]! * H + d;
      nodeUse[ni] = nodeUse[ni]! + f;
      const from = arcs[t + 1]! * H + viaFrom[i]!;
      flow[from] = flow[from]! + f;
    }
  }
  for (let k = 0; k < states.length; k++) flow[states[k]! * H + start] = 0;
}

/**
 * Collects one dimension's options for ULN j in route class `cls` from its tree: arriving on day d
 * costs `weight × lateness(d)` per unit of α (the slope) plus `amount × price of the path` (the
 * intercept). Keeps only the lower envelope's candidates: later days (steeper lines) only when
 * cheaper than every earlier one. Returns the count, written from `at` in the line arrays; 0 when
 * the dimension cannot arrive in this class at all.
 */
function collectLines(
  net: TimeExpandedNetwork,
  ws: Workspace,
  tree: Tree,
  j: number,
  cls: number,
  amount: number,
  at: number,
): number {
  const { H, K } = net;
  const { lineS, lineB, lineDay } = ws;
  const weight = net.ulnWeight[j]!;
  const rdd = net.ulnRdd[j]!;
  let n = 0;
  let best = Infinity;
  const base = (net.ulnDest[j]! * K + cls) * H;
  for (let d = firstArrival(net, j); d < H; d++) {
    const c = tree.cost[base + d]!;
    if (!(c < best)) continue;
    const b = amount * c;
    const s = d > rdd ? weight * (d - rdd) : 0;
    // Same slope as the last kept (days up to the RDD): the cheaper one replaces it.
    if (n > 0 && lineS[at + n - 1] === s) n--;
    lineS[at + n] = s;
    lineB[at + n] = b;
    lineDay[at + n] = d;
    n++;
    best = c;
  }
  return n;
}

/**
 * The first day ULN j may arrive: its EAD, and after its first day since arrivals come by an arc
 * (a ULN whose origin is its destination has no route: the planner does not deliver it in place).
 */
const firstArrival = (net: TimeExpandedNetwork, j: number): number =>
  Math.max(net.ulnEad[j]!, net.sourceStart[net.ulnSource[j]!]! + 1);

/** The cheapest arrival of ULN j's other tonnes in class `cls` (no lateness): its day, or -1. */
function cheapestArrival(net: TimeExpandedNetwork, tree: Tree, j: number, cls: number): number {
  const { H, K } = net;
  const base = (net.ulnDest[j]! * K + cls) * H;
  let day = -1;
  let best = Infinity;
  for (let d = firstArrival(net, j); d < H; d++) {
    const c = tree.cost[base + d]!;
    if (c < best) {
      best = c;
      day = d;
    }
  }
  return day;
}

/** The cheapest line at x, ties to the flatter (`preferSteep` false) or the steeper; its index. */
function argminLine(ws: Workspace, at: number, n: number, x: number, preferSteep: boolean): number {
  const { lineS, lineB } = ws;
  let best = at;
  let value = lineS[at]! * x + lineB[at]!;
  for (let i = at + 1; i < at + n; i++) {
    const v = lineS[i]! * x + lineB[i]!;
    if (v < value || (v === value && preferSteep)) {
      best = i;
      value = v;
    }
  }
  return best;
}

const lineValue = (ws: Workspace, i: number, x: number): number => ws.lineS[i]! * x + ws.lineB[i]!;

/** Sets a choice's flows: `wLo` of each amount on the lo lines, the rest on the hi lines. */
function setChoice(
  ws: Workspace,
  ch: Choice,
  pLo: number,
  pHi: number,
  tLo: number,
  tHi: number,
  wLo: number,
  amountP: number,
  amountC: number,
): void {
  ch.dayP[0] = pLo < 0 ? -1 : ws.lineDay[pLo]!;
  ch.dayP[1] = pHi < 0 ? -1 : ws.lineDay[pHi]!;
  ch.amountP[0] = pLo < 0 ? 0 : wLo * amountP;
  ch.amountP[1] = pHi < 0 ? 0 : (1 - wLo) * amountP;
  ch.dayT[0] = tLo < 0 ? -1 : ws.lineDay[tLo]!;
  ch.dayT[1] = tHi < 0 ? -1 : ws.lineDay[tHi]!;
  ch.amountT[0] = tLo < 0 ? 0 : wLo * amountC;
  ch.amountT[1] = tHi < 0 ? 0 : (1 - wLo) * amountC;
}

/** Bisection steps on α, to 2^-30: any α gives a valid term; this one is within about 1e-9 of the best. */
const ALPHA_STEPS = 30;

/**
 * ULN j planned in route class `cls`: its best term into `ch` (value Infinity when it cannot
 * arrive in that class). With α in [0, 1] its relaxed cost is
 *   α × weight × (mean lateness of its personnel) + (1 - α) × weight × (mean lateness of its
 *   critical tonnes) + the price of its other tonnes' cheapest arrival,
 * each mean at most its delivery day's lateness, so at most its objective. Every α gives a valid
 * bound; the best α (the term is concave in α) gives the Lagrangian of min weight × max(the two
 * means), found by bisection on the term's slope. The flows are those of the two α nearest the
 * maximum, mixed so that the slope in α is zero: the subproblem's solution at which the
 * supergradient is taken.
 */
function classTerm(net: TimeExpandedNetwork, ws: Workspace, j: number, cls: number, ch: Choice): void {
  const amountP = net.ulnP[j]!;
  const amountC = net.ulnC[j]!;
  const rest = net.ulnRest[j]!;
  const atT = net.H + 2;
  ch.cls = cls;
  ch.value = Infinity;
  ch.restDay = -1;
  let restValue = 0;
  if (rest > 0) {
    ch.restDay = cheapestArrival(net, ws.t, j, cls);
    if (ch.restDay < 0) return;
    restValue = rest * ws.t.cost[(net.ulnDest[j]! * net.K + cls) * net.H + ch.restDay]!;
  }
  const nP = amountP > 0 ? collectLines(net, ws, ws.p, j, cls, amountP, 0) : 0;
  if (amountP > 0 && nP === 0) return;
  const nT = amountC > 0 ? collectLines(net, ws, ws.t, j, cls, amountC, atT) : 0;
  if (amountC > 0 && nT === 0) return;
  if (nP === 0 && nT === 0) {
    ch.alpha = 1;
    ch.value = restValue;
    setChoice(ws, ch, -1, -1, -1, -1, 1, 0, 0);
    return;
  }
  if (nT === 0) {
    const i = argminLine(ws, 0, nP, 1, false);
    ch.alpha = 1;
    ch.value = lineValue(ws, i, 1) + restValue;
    setChoice(ws, ch, i, -1, -1, -1, 1, amountP, 0);
    return;
  }
  if (nP === 0) {
    const i = argminLine(ws, atT, nT, 1, false);
    ch.alpha = 0;
    ch.value = lineValue(ws, i, 1) + restValue;
    setChoice(ws, ch, -1, -1, i, -1, 1, 0, amountC);
    return;
  }
  // The right slope at α: the flattest cheapest personnel line's less the steepest cheapest
  // tonnes line's at 1 - α (1 - α decreases as α grows).
  let p = argminLine(ws, 0, nP, 0, false);
  let t = argminLine(ws, atT, nT, 1, true);
  if (ws.lineS[p]! - ws.lineS[t]! <= 0) {
    ch.alpha = 0;
    ch.value = lineValue(ws, p, 0) + lineValue(ws, t, 1) + restValue;
    setChoice(ws, ch, p, -1, t, -1, 1, amountP, amountC);
    return;
  }
  // The left slope at 1: the steepest personnel line less the flattest tonnes line at 0.
  let pHi = argminLine(ws, 0, nP, 1, true);
  let tHi = argminLine(ws, atT, nT, 0, false);
  if (ws.lineS[pHi]! - ws.lineS[tHi]! >= 0) {
    ch.alpha = 1;
    ch.value = lineValue(ws, pHi, 1) + lineValue(ws, tHi, 0) + restValue;
    setChoice(ws, ch, pHi, -1, tHi, -1, 1, amountP, amountC);
    return;
  }
  // The maximum is inside: the right slope is > 0 at lo and <= 0 at hi.
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < ALPHA_STEPS; k++) {
    const mid = (lo + hi) / 2;
    const pm = argminLine(ws, 0, nP, mid, false);
    const tm = argminLine(ws, atT, nT, 1 - mid, true);
    if (ws.lineS[pm]! - ws.lineS[tm]! > 0) {
      lo = mid;
      p = pm;
      t = tm;
    } else {
      hi = mid;
      pHi = pm;
      tHi = tm;
    }
  }
  const slopeLo = ws.lineS[p]! - ws.lineS[t]!;
  const slopeHi = ws.lineS[pHi]! - ws.lineS[tHi]!;
  const valueLo = lineValue(ws, p, lo) + lineValue(ws, t, 1 - lo);
  const valueHi = lineValue(ws, pHi, hi) + lineValue(ws, tHi, 1 - hi);
  ch.alpha = valueLo >= valueHi ? lo : hi;
  ch.value = Math.max(valueLo, valueHi) + restValue;
  setChoice(ws, ch, p, pHi, t, tHi, -slopeHi / (slopeLo - slopeHi), amountP, amountC);
}

/**
 * ULN j's term of the Lagrangian: not planned (delivered on the penalty day, moving nothing), or
 * planned in its cheapest route class (all its cargo arrives inside the horizon, its personnel
 * and tonnes in the same class). Adds its flows to the trees; returns the term.
 */
function ulnTerm(net: TimeExpandedNetwork, ws: Workspace, j: number, trees: boolean): number {
  const { best, trial } = ws;
  best.value = net.ulnWeight[j]! * net.ulnPenaltyLate[j]!;
  best.alpha = net.ulnP[j]! > 0 ? 1 : 0;
  best.cls = -1;
  if (trees) {
    const reach = net.sourceReach[net.ulnSource[j]!]!;
    const at = net.ulnDest[j]! * net.K;
    for (let c = 0; c < net.K; c++) {
      if (!reach[at + c]) continue;
      classTerm(net, ws, j, c, trial);
      if (trial.value < best.value) {
        best.value = trial.value;
        best.alpha = trial.alpha;
        best.cls = c;
        best.restDay = trial.restDay;
        best.dayP.set(trial.dayP);
        best.amountP.set(trial.amountP);
        best.dayT.set(trial.dayT);
        best.amountT.set(trial.amountT);
      }
    }
  }
  ws.alpha[j] = best.alpha;
  ws.routeClass[j] = best.cls;
  if (best.cls >= 0) {
    const at = (net.ulnDest[j]! * net.K + best.cls) * net.H;
    const { p, t } = ws;
    for (let k = 0; k < 2; k++) {
      if (best.amountP[k]! > 0) p.flow[at + best.dayP[k]!] = p.flow[at + best.dayP[k]!]! + best.amountP[k]!;
      if (best.amountT[k]! > 0) t.flow[at + best.dayT[k]!] = t.flow[at + best.dayT[k]!]! + best.amountT[k]!;
    }
    if (best.restDay >= 0) t.flow[at + best.restDay] = t.flow[at + best.restDay]! + net.ulnRest[j]!;
  }
  return best.value;
}

export interface SubproblemResult {
  /** Sum of the ULNs' terms (the Lagrangian before subtracting prices × capacities). */
  terms: number;
}

/**
 * Solves the Lagrangian subproblem at `prices`: every source's two trees, every member's term,
 * and the usage of each arc-day and node-day (written into `usage`, which is zeroed first).
 */
export function solveSubproblem(
  net: TimeExpandedNetwork,
  prices: Prices,
  usage: Usage,
  ws: Workspace,
): SubproblemResult {
  clearPrices(usage);
  let terms = 0;
  const S = net.sourceStart.length;
  for (let s = 0; s < S; s++) {
    const origin = net.sourceOrigin[s]!;
    const start = net.sourceStart[s]!;
    const arcsP = net.sourceArcsP[s]!;
    const arcsT = net.sourceArcsT[s]!;
    const statesP = net.sourceStatesP[s]!;
    const statesT = net.sourceStatesT[s]!;
    growTree(net, ws.p, ws, origin, start, arcsP, statesP, prices.arcP, prices.nodeP);
    growTree(net, ws.t, ws, origin, start, arcsT, statesT, prices.arcT, prices.nodeT);
    for (let k = net.sourceFirst[s]!; k < net.sourceFirst[s + 1]!; k++) {
      const j = net.ulnOfSource[k]!;
      const term = ulnTerm(net, ws, j, true);
      ws.term[j] = term;
      terms += term;
    }
    pushBack(net, ws.p, start, arcsP, statesP, usage.arcP, usage.nodeP);
    pushBack(net, ws.t, start, arcsT, statesT, usage.arcT, usage.nodeT);
  }
  // ULNs with no source cannot be planned.
  for (let j = 0; j < net.ulnSource.length; j++) {
    if (net.ulnSource[j]! >= 0) continue;
    const term = ulnTerm(net, ws, j, false);
    ws.term[j] = term;
    terms += term;
  }
  return { terms };
}
