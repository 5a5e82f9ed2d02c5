// TPFDD-style deployment scheduling: move every unit line number (ULN) from its origin to its
// destination over a multimodal network of arcs with daily lift capacity, lift load sizes, closures
// and node reception limits, and report lateness, utilisation, the closure curve and bottlenecks.
//
// Algorithm (a list-scheduling heuristic with an improvement loop, not an exact optimiser;
// deterministic throughout):
//  1. Candidate routes: Yen's k (default 10) shortest simple paths by transit days per (origin,
//     destination), ties broken by leg count then arc indices, cached because ULNs share few pairs.
//     Ten, not three: under surge load the three shortest routes all funnel through the same APOD,
//     and the routes that spread the load are found only further down the list.
//  2. Order ULNs by urgency: days to spare against the RDD on the shortest route (RDD - ready day -
//     shortest transit, none below 0), then priority, then RDD, ALD and input order. Units that
//     cannot be on time anyway are equally urgent and go by priority, which is what the weighted
//     objective rewards; ordering by priority first let slack-rich priority-1 units take the
//     capacity that tight priority-2 units needed.
//  3. For each ULN, try each candidate route against the day-indexed capacity ledger, committing
//     tentatively with an undo log, and keep the route with the least priority-weighted
//     personnel-days late, then the earliest arrival, then the lowest route index; a route whose
//     capacity-free earliest arrival (closures and EAD counted) already cannot beat the best is
//     skipped. Re-run the chosen route for real, recording movements, waiting and saturation.
//  4. Improve (squeaky wheel): units later than their capacity-free bound move up the order by the
//     days they lost and the list is scheduled again, a few passes, keeping the best (fewest
//     unscheduled, then least weighted lateness, then earliest closure). No pass runs when no unit
//     is late by congestion.
//  Within a route, cargo moves leg by leg as lift loads: each day the cargo waiting at the leg's
//  tail is cut into loads of the arc's load size, and personnel and tonnes each depart as far as
//  their own share of the arc's capacity that day and of the head node's reception on the arrival
//  day allow: a load's personnel fly even when its tonnes must wait (the personnel of a light unit
//  are not held behind a heavy unit's equipment). A whole-unit arc sends the unit as one lift.
//
// Re-planning from execution (`executed`, `today`): the loads that actually moved are charged to the
// ledgers first, as they happened (beyond capacity or on a closed day if so), and are kept unchanged
// in the output. Each ULN's remaining cargo is then where the records leave it: at its origin from
// max(ALD, today), at an intermediate node from max(arrival, today), in transit from its arrival.
// The cargo at each node is a group planned as above on the k shortest routes from that node, the
// groups of one ULN one after another (earliest available first) and all or none of them: a ULN
// whose rest cannot all be planned keeps only its executed movements. A whole-unit arc carries each
// group in one lift: cargo already split by execution is not made to wait for the rest.
// With no records and today 0 there is one group, the whole ULN at its origin from its ALD, and the
// plan is what it was before execution was modelled.
//
// Ledgers are flat typed arrays indexed [arc * horizon + day] and [node * horizon + day]; the inner
// loops allocate nothing except the movement records of committed runs.
import { checkMovements } from './movements.ts';
import {
  canCarry,
  criticalShareOf,
  deliveredDay,
  eligibilityKey,
  penaltyDay,
  personnelMass,
} from './objective.ts';
import type {
  ArcUtilisation,
  Bottleneck,
  DeploymentNetwork,
  DeploymentPlan,
  LegSchedule,
  MissedLad,
  Movement,
  NodeUtilisation,
  PlanOptions,
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

// The shapes the scheduler reads and returns, for its callers as well.
export type {
  ArcUtilisation,
  Bottleneck,
  Closure,
  DeploymentArc,
  DeploymentNetwork,
  DeploymentNode,
  DeploymentPlan,
  ExecutedMovement,
  LegSchedule,
  MissedLad,
  MissedLadKind,
  Movement,
  NodeUtilisation,
  PersonnelTonnes,
  PlanOptions,
  Uln,
  UlnSchedule,
  UlnStatus,
} from './schedule-types.ts';

const EPS = 1e-7;

/** Candidate routes per network shape (see routesFor), least recently used dropped first. */
const routeCaches = new Map<string, Map<string, Map<number, Route[]>>>();
const ROUTE_CACHE_NETWORKS = 16;

interface Route {
  arcs: Int32Array;
  transit: number;
}

/** Blockers recorded while a day's cargo waits. */
const BLOCK_NONE = 0;
const BLOCK_ARC = 1;
const BLOCK_NODE = 2;

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

/** Checks every ULN's cargo and days (a RangeError names the first bad one); the latest ALD, RDD or LAD. */
export function latestUlnDay(ulns: readonly Uln[]): number {
  let latest = 0;
  for (const u of ulns) {
    if (!(u.personnel >= 0 && u.tonnes >= 0 && u.personnel + u.tonnes > 0)) {
      throw new RangeError(`ULN ${u.uln} must carry some personnel or tonnes, none negative`);
    }
    if (![u.ald, u.ead, u.lad, u.rdd].every(Number.isInteger)) {
      throw new RangeError(`ULN ${u.uln} must have whole-day ALD, EAD, LAD and RDD`);
    }
    latest = Math.max(latest, u.ald, u.rdd, u.lad);
  }
  return latest;
}

export function planDeployment(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: PlanOptions = {},
): DeploymentPlan {
  const k = options.routesPerPair ?? 10;
  const weightOf = options.priorityWeight ?? ((p: number) => 1 / p);
  const topN = options.topBottlenecks ?? 10;

  const nodeOf = nodeLookup(network);
  const N = network.nodes.length;
  const A = network.arcs.length;
  const arcIds = network.arcs.map((a) => a.id);

  const today = options.today ?? 0;
  if (!Number.isInteger(today)) throw new RangeError(`today must be a whole day, not ${today}`);
  const executed = options.executed ?? [];
  if (executed.length > 0) {
    const problems = checkMovements(network, ulns, executed, { checkAld: false });
    if (problems.length > 0) {
      const p = problems[0]!;
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
      throw new RangeError(`executed movement ${p.index}, ${p.field}: ${p.message}${more}`);
    }
  }

  const latest = latestUlnDay(ulns);
  const arcIndex = new Map<string, number>();
  network.arcs.forEach((arc, a) => arcIndex.set(arc.id, a));
  // Resolved arc and arrival day of each executed load (validated above, so every arc is known).
  const execArc = new Int32Array(executed.length);
  const execArrive = new Int32Array(executed.length);
  const execP = new Float64Array(executed.length);
  const execT = new Float64Array(executed.length);
  let latestExecuted = -1;
  executed.forEach((m, e) => {
    const a = arcIndex.get(m.arc)!;
    execArc[e] = a;
    execArrive[e] = m.arriveDay ?? m.departDay + network.arcs[a]!.transitDays;
    execP[e] = m.personnel;
    execT[e] = m.tonnes;
    latestExecuted = Math.max(latestExecuted, execArrive[e]!);
  });
  const H = options.horizonDays ?? Math.max(Math.max(latest, today) + 61, latestExecuted + 1);
  if (latestExecuted >= H) {
    throw new RangeError(`executed loads arrive on day ${latestExecuted}, beyond the ${H}-day horizon`);
  }

  // Arc arrays.
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
    if (!Number.isInteger(arc.transitDays) || arc.transitDays < 1) {
      throw new RangeError(`arc ${arc.id} must take a whole number of days, at least 1`);
    }
    arcTransit[a] = arc.transitDays;
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

  // Ledgers.
  const arcUsedP = new Float64Array(A * H);
  const arcUsedT = new Float64Array(A * H);
  const nodeUsedP = new Float64Array(N * H);
  const nodeUsedT = new Float64Array(N * H);
  const arcSat = new Uint8Array(A * H);
  const nodeSat = new Uint8Array(N * H);
  const arcWait = new Float64Array(A);
  const nodeWait = new Float64Array(N);
  /** Empties the ledgers and charges what happened, whatever it did to capacity: the plan works around it. */
  const resetLedgers = (): void => {
    arcUsedP.fill(0);
    arcUsedT.fill(0);
    nodeUsedP.fill(0);
    nodeUsedT.fill(0);
    for (let e = 0; e < executed.length; e++) {
      const m = executed[e]!;
      const ai = execArc[e]! * H + m.departDay;
      const ni = arcTo[execArc[e]!]! * H + execArrive[e]!;
      arcUsedP[ai] = arcUsedP[ai]! + m.personnel;
      arcUsedT[ai] = arcUsedT[ai]! + m.tonnes;
      nodeUsedP[ni] = nodeUsedP[ni]! + m.personnel;
      nodeUsedT[ni] = nodeUsedT[ni]! + m.tonnes;
    }
  };
  resetLedgers();

  // ---- Candidate routes (Yen). ----
  const removedArc = new Uint8Array(A);
  const removedNode = new Uint8Array(N);
  /** Arcs the ULNs of the eligibility class at hand may not use (see routesFor). */
  let barredArc: Uint8Array = new Uint8Array(A);
  const dist = new Float64Array(N);
  const hops = new Int32Array(N);
  const viaArc = new Int32Array(N);
  const done = new Uint8Array(N);

  function dijkstra(s: number, t: number): number[] | null {
    dist.fill(Infinity);
    hops.fill(0);
    viaArc.fill(-1);
    done.fill(0);
    dist[s] = 0;
    for (;;) {
      let v = -1;
      for (let i = 0; i < N; i++) {
        if (done[i] || removedNode[i] || dist[i] === Infinity) continue;
        if (v < 0 || dist[i]! < dist[v]! || (dist[i] === dist[v] && hops[i]! < hops[v]!)) v = i;
      }
      if (v < 0) return null;
      if (v === t) break;
      done[v] = 1;
      for (const a of outArcs[v]!) {
        const w = arcTo[a]!;
        if (removedArc[a] || barredArc[a] || removedNode[w] || done[w]) continue;
        const nd = dist[v]! + arcTransit[a]!;
        if (nd < dist[w]! || (nd === dist[w] && hops[v]! + 1 < hops[w]!)) {
          dist[w] = nd;
          hops[w] = hops[v]! + 1;
          viaArc[w] = a;
        }
      }
    }
    const path: number[] = [];
    for (let v = t; v !== s; v = arcFrom[viaArc[v]!]!) path.push(viaArc[v]!);
    return path.reverse();
  }

  const transitOf = (p: readonly number[]): number => p.reduce((s, a) => s + arcTransit[a]!, 0);
  const compare = (x: number[], y: number[]): number => {
    const d = transitOf(x) - transitOf(y) || x.length - y.length;
    if (d) return d;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return 0;
  };

  function kShortest(s: number, t: number): Route[] {
    if (s === t) return [];
    const first = dijkstra(s, t);
    if (!first) return [];
    const found: number[][] = [first];
    const seen = new Set<string>([first.join(',')]);
    const candidates: number[][] = [];
    while (found.length < k) {
      const prev = found[found.length - 1]!;
      for (let i = 0; i < prev.length; i++) {
        const spur = arcFrom[prev[i]!]!;
        const root = prev.slice(0, i);
        removedArc.fill(0);
        removedNode.fill(0);
        for (const p of found) {
          if (p.length > i && root.every((a, j) => p[j] === a)) removedArc[p[i]!] = 1;
        }
        for (const a of root) removedNode[arcFrom[a]!] = 1;
        const tail = dijkstra(spur, t);
        if (!tail) continue;
        const path = root.concat(tail);
        const key = path.join(',');
        if (!seen.has(key)) {
          seen.add(key);
          candidates.push(path);
        }
      }
      if (candidates.length === 0) break;
      candidates.sort(compare);
      found.push(candidates.shift()!);
    }
    removedArc.fill(0);
    removedNode.fill(0);
    return found.map((p) => ({ arcs: Int32Array.from(p), transit: transitOf(p) }));
  }

  // Routes depend only on the network's shape (arcs' ends, transit and whether they carry
  // anything) and k, not on capacities, closures or the force list: kept between calls, a re-plan
  // on the same network (every request in a session, every re-plan after a change) skips Yen.
  // A ULN's eligibility (modes, largest item) bars arcs by their mode, load size and whole-unit flag,
  // so those are part of the shape too; each eligibility class has its own routes.
  const shape =
    `${k}|${N}|` +
    network.arcs
      .map(
        (arc, a) =>
          `${arcFrom[a]},${arcTo[a]},${arcTransit[a]},${capP[a]! > 0 || capT[a]! > 0 ? 1 : 0},` +
          `${arc.mode},${arc.loadSize.tonnes},${arc.wholeUnit ? 1 : 0}`,
      )
      .join(';');
  let routeCache = routeCaches.get(shape);
  if (routeCache) routeCaches.delete(shape);
  else routeCache = new Map<string, Map<number, Route[]>>();
  routeCaches.set(shape, routeCache);
  if (routeCaches.size > ROUTE_CACHE_NETWORKS) routeCaches.delete(routeCaches.keys().next().value!);
  /** Per eligibility class (index of classOf): its routes by origin * N + destination, and barred arcs. */
  const classRoutes: Map<number, Route[]>[] = [];
  const classBarred: Uint8Array[] = [];
  const classIndex = new Map<string, number>();
  const classOfUln = (u: Uln): number => {
    const key = eligibilityKey(u);
    let c = classIndex.get(key);
    if (c === undefined) {
      c = classRoutes.length;
      classIndex.set(key, c);
      let cached = routeCache.get(key);
      if (!cached) routeCache.set(key, (cached = new Map<number, Route[]>()));
      classRoutes.push(cached);
      classBarred.push(Uint8Array.from(network.arcs, (arc) => (canCarry(u, arc) ? 0 : 1)));
    }
    return c;
  };
  const routesFor = (c: number, o: number, d: number): Route[] => {
    const key = o * N + d;
    const cache = classRoutes[c]!;
    let r = cache.get(key);
    if (!r) {
      barredArc = classBarred[c]!;
      r = kShortest(o, d);
      cache.set(key, r);
    }
    return r;
  };

  // ---- Scratch for lots (cargo available at a node from a day) and the undo log. ----
  let cap = 64;
  let curDay = new Int32Array(cap);
  let curP = new Float64Array(cap);
  let curT = new Float64Array(cap);
  let nextDay = new Int32Array(cap);
  let nextP = new Float64Array(cap);
  let nextT = new Float64Array(cap);
  let curN = 0;
  let nextN = 0;
  const growNext = (): void => {
    const c = cap * 2;
    const d1 = new Int32Array(c);
    const p1 = new Float64Array(c);
    const t1 = new Float64Array(c);
    d1.set(nextDay);
    p1.set(nextP);
    t1.set(nextT);
    nextDay = d1;
    nextP = p1;
    nextT = t1;
    const d2 = new Int32Array(c);
    const p2 = new Float64Array(c);
    const t2 = new Float64Array(c);
    d2.set(curDay);
    p2.set(curP);
    t2.set(curT);
    curDay = d2;
    curP = p2;
    curT = t2;
    cap = c;
  };
  const swap = (): void => {
    [curDay, nextDay] = [nextDay, curDay];
    [curP, nextP] = [nextP, curP];
    [curT, nextT] = [nextT, curT];
    curN = nextN;
    nextN = 0;
  };

  let undoCap = 1024;
  let undoIdx = new Int32Array(undoCap);
  let undoP = new Float64Array(undoCap);
  let undoT = new Float64Array(undoCap);
  let undoN = 0;
  const logUndo = (idx: number, p: number, t: number): void => {
    if (undoN === undoCap) {
      undoCap *= 2;
      const i1 = new Int32Array(undoCap);
      const p1 = new Float64Array(undoCap);
      const t1 = new Float64Array(undoCap);
      i1.set(undoIdx);
      p1.set(undoP);
      t1.set(undoT);
      undoIdx = i1;
      undoP = p1;
      undoT = t1;
    }
    undoIdx[undoN] = idx;
    undoP[undoN] = p;
    undoT[undoN] = t;
    undoN++;
  };
  /** Undoes the ledger changes logged since `mark`. */
  const rollback = (mark = 0): void => {
    for (let i = undoN - 1; i >= mark; i--) {
      const idx = undoIdx[i]!;
      if (idx >= 0) {
        arcUsedP[idx] = arcUsedP[idx]! - undoP[i]!;
        arcUsedT[idx] = arcUsedT[idx]! - undoT[i]!;
      } else {
        nodeUsedP[-idx - 1] = nodeUsedP[-idx - 1]! - undoP[i]!;
        nodeUsedT[-idx - 1] = nodeUsedT[-idx - 1]! - undoT[i]!;
      }
    }
    undoN = mark;
  };

  // Outputs of the latest run.
  let runLate = 0;
  let runArrival = -1;
  /** Day the run's group is delivered: its personnel and critical share of tonnes all in. */
  let runDelivered = -1;
  let runMovements: Movement[] | null = null;

  /**
   * Moves cargo group `g` (of groupsOf) of ULN `u` along `route`, from the group's node, against
   * the ledger, committing as it goes. Returns false when the cargo cannot reach the destination
   * inside the horizon (the caller rolls back). When `record` is set, movements, waiting and
   * saturation are recorded and nothing is logged for undo.
   */
  function run(
    u: Uln,
    weight: number,
    route: Route,
    record: boolean,
    g: number,
    cutLate = Infinity,
    cutArrival = Infinity,
  ): boolean {
    const first = groupStart[g]!;
    curN = groupStart[g + 1]! - first;
    for (let i = 0; i < curN; i++) {
      curDay[i] = groupDay[first + i]!;
      curP[i] = groupP[first + i]!;
      curT[i] = groupT[first + i]!;
    }
    nextN = 0;
    runMovements = record ? [] : null;
    const legs = route.arcs.length;
    // The group is delivered when all its personnel and the critical share of its tonnes are in
    // (objective.ts); its lateness is that day's, for the whole ULN's personnel.
    const mass = weight * personnelMass(u);
    let tonnes = 0;
    for (let i = 0; i < curN; i++) tonnes += curT[i]!;
    const critT = tonnes * criticalShareOf(u) - 1e-6 * Math.max(1, tonnes);
    /** Delivery day of lots in day order (curDay/P/T) when each needs `rest` more days, EAD counted. */
    const deliveryOfLots = (rest: number): number => {
      let day = -1;
      let t = 0;
      let tonnesIn = critT <= 0;
      for (let j = 0; j < curN; j++) {
        if (curP[j]! > 0) day = Math.max(day, curDay[j]! + rest);
        if (!tonnesIn) {
          t += curT[j]!;
          if (t >= critT) {
            tonnesIn = true;
            day = Math.max(day, curDay[j]! + rest);
          }
        }
      }
      return Math.max(day, u.ead);
    };
    for (let leg = 0; leg < legs; leg++) {
      const a = route.arcs[leg]!;
      const to = arcTo[a]!;
      const transit = arcTransit[a]!;
      const lp = loadP[a]!;
      const lt = loadT[a]!;
      const cp = capP[a]!;
      const ct = capT[a]!;
      const rp = recP[to]!;
      const rt = recT[to]!;
      const isWhole = whole[a] === 1;
      let totalP = 0;
      let totalT = 0;
      for (let i = 0; i < curN; i++) {
        totalP += curP[i]!;
        totalT += curT[i]!;
      }
      // Cargo a dimension cannot carry at all can never move on this arc.
      if ((totalP > EPS && lp <= 0) || (totalT > EPS && lt <= 0)) return false;
      // Nor can a load bigger than the head node's daily reception ever be received.
      if (
        Math.min(isWhole ? totalP : lp, totalP) > rp + EPS ||
        Math.min(isWhole ? totalT : lt, totalT) > rt + EPS
      )
        return false;
      if (isWhole && (totalP > cp + EPS || totalT > ct + EPS || totalP > rp + EPS || totalT > rt + EPS))
        return false;
      const minDepart = leg === legs - 1 ? u.ead - transit : 0;
      // For cutting a tried route short (cutLate): the rest of the route's transit after this leg,
      // and the lateness bound of the personnel already sent on it.
      let rest = 0;
      if (cutLate < Infinity) for (let l = leg + 1; l < legs; l++) rest += arcTransit[route.arcs[l]!]!;
      let sentP = 0;
      let sentT = 0;
      /** Lower bound of the delivery day from what has left on this leg: personnel, critical tonnes. */
      let sentDelivery = -1;
      let d = Math.max(curDay[0]!, minDepart);
      if (isWhole) d = Math.max(d, curDay[curN - 1]!);
      let poolP = 0;
      let poolT = 0;
      let i = 0;
      nextN = 0;
      while (i < curN || poolP > EPS || poolT > EPS) {
        if (poolP <= EPS && poolT <= EPS && curDay[i]! > d) d = curDay[i]!;
        while (i < curN && curDay[i]! <= d) {
          poolP += curP[i]!;
          poolT += curT[i]!;
          i++;
        }
        const arrive = d + transit;
        if (arrive >= H) return false;
        const ai = a * H + d;
        const ni = to * H + arrive;
        let blocked = BLOCK_NONE;
        if (closed[ai]) blocked = BLOCK_ARC;
        else {
          // Personnel and tonnes fill a day's lifts each as far as their own capacity allows: a
          // load whose tonnes do not fit still flies its personnel, and the tonnes wait.
          let blockedP = BLOCK_NONE;
          let blockedT = BLOCK_NONE;
          for (;;) {
            let p: number;
            let t: number;
            if (isWhole) {
              p = poolP;
              t = poolT;
              if (arcUsedP[ai]! + p > cp + EPS || arcUsedT[ai]! + t > ct + EPS) {
                blocked = BLOCK_ARC;
                break;
              }
              if (nodeUsedP[ni]! + p > rp + EPS || nodeUsedT[ni]! + t > rt + EPS) {
                blocked = BLOCK_NODE;
                break;
              }
            } else {
              p = blockedP || poolP <= EPS ? 0 : poolP - lp <= EPS ? poolP : lp;
              t = blockedT || poolT <= EPS ? 0 : poolT - lt <= EPS ? poolT : lt;
              if (p > 0) {
                if (arcUsedP[ai]! + p > cp + EPS) blockedP = BLOCK_ARC;
                else if (nodeUsedP[ni]! + p > rp + EPS) blockedP = BLOCK_NODE;
                if (blockedP) p = 0;
              }
              if (t > 0) {
                if (arcUsedT[ai]! + t > ct + EPS) blockedT = BLOCK_ARC;
                else if (nodeUsedT[ni]! + t > rt + EPS) blockedT = BLOCK_NODE;
                if (blockedT) t = 0;
              }
              if (p === 0 && t === 0) {
                // Personnel held back weigh on the objective; name their blocker first.
                blocked = poolP > EPS ? blockedP : blockedT;
                break;
              }
            }
            arcUsedP[ai] = arcUsedP[ai]! + p;
            arcUsedT[ai] = arcUsedT[ai]! + t;
            nodeUsedP[ni] = nodeUsedP[ni]! + p;
            nodeUsedT[ni] = nodeUsedT[ni]! + t;
            if (!record) {
              logUndo(ai, p, t);
              logUndo(-ni - 1, p, t);
            } else {
              runMovements!.push({
                leg,
                arc: arcIds[a]!,
                departDay: d,
                arriveDay: arrive,
                personnel: p,
                tonnes: t,
                executed: false,
              });
            }
            if (cutLate < Infinity) {
              sentP += p;
              if (p > 0) sentDelivery = Math.max(sentDelivery, arrive + rest);
              if (sentT < critT && sentT + t >= critT) sentDelivery = Math.max(sentDelivery, arrive + rest);
              sentT += t;
            }
            if (nextN === cap) growNext();
            nextDay[nextN] = arrive;
            nextP[nextN] = p;
            nextT[nextN] = t;
            nextN++;
            poolP -= p;
            poolT -= t;
            if (poolP <= EPS) poolP = 0;
            if (poolT <= EPS) poolT = 0;
            if (poolP === 0 && poolT === 0) break;
          }
        }
        if (poolP > EPS || poolT > EPS) {
          if (record) {
            if (blocked === BLOCK_ARC) {
              arcWait[a] = arcWait[a]! + weight;
              if (!closed[ai]) arcSat[ai] = 1;
            } else if (blocked === BLOCK_NODE) {
              nodeWait[to] = nodeWait[to]! + weight;
              nodeSat[ni] = 1;
            }
          }
          d++;
          // Congested legs hold cargo for weeks: skip, in a tight loop, the days on which nothing
          // new arrives and neither dimension's next load fits (what the loop above would find).
          const nextP = isWhole || poolP <= EPS ? 0 : poolP - lp <= EPS ? poolP : lp;
          const nextT = isWhole || poolT <= EPS ? 0 : poolT - lt <= EPS ? poolT : lt;
          for (;;) {
            if (cutLate < Infinity) {
              // A route being tried stops as soon as it cannot beat the best one found (cutLate,
              // cutArrival): what is still to leave leaves on day d at the earliest.
              const arrival = Math.max(d + transit + rest, u.ead);
              let delivery = Math.max(sentDelivery, u.ead);
              if (totalP - sentP > EPS || sentT < critT) delivery = arrival;
              const late = delivery > u.rdd ? mass * (delivery - u.rdd) : 0;
              if (late > cutLate + EPS || (late >= cutLate - EPS && arrival >= cutArrival)) return false;
            }
            if (isWhole || (i < curN && curDay[i]! <= d) || d + transit >= H) break;
            const ai2 = a * H + d;
            const ni2 = to * H + d + transit;
            let why = BLOCK_ARC;
            if (!closed[ai2]) {
              let whyP = BLOCK_NONE;
              if (nextP > 0) {
                if (arcUsedP[ai2]! + nextP > cp + EPS) whyP = BLOCK_ARC;
                else if (nodeUsedP[ni2]! + nextP > rp + EPS) whyP = BLOCK_NODE;
                else break;
              }
              let whyT = BLOCK_NONE;
              if (nextT > 0) {
                if (arcUsedT[ai2]! + nextT > ct + EPS) whyT = BLOCK_ARC;
                else if (nodeUsedT[ni2]! + nextT > rt + EPS) whyT = BLOCK_NODE;
                else break;
              }
              why = nextP > 0 ? whyP : whyT;
              if (record) {
                if (why === BLOCK_ARC) arcSat[ai2] = 1;
                else nodeSat[ni2] = 1;
              }
            }
            if (record) {
              if (why === BLOCK_ARC) arcWait[a] = arcWait[a]! + weight;
              else nodeWait[to] = nodeWait[to]! + weight;
            }
            d++;
          }
        }
      }
      swap();
      if (leg < legs - 1 && cutLate < Infinity) {
        // The same at the end of a leg: the cargo is where it is, the rest takes at least `rest`.
        const delivery = deliveryOfLots(rest);
        const late = delivery > u.rdd ? mass * (delivery - u.rdd) : 0;
        const arrival = Math.max(curDay[curN - 1]! + rest, u.ead);
        if (late > cutLate + EPS || (late >= cutLate - EPS && arrival >= cutArrival)) return false;
      }
    }
    // Lots now hold arrivals at the destination, in day order.
    runDelivered = deliveryOfLots(0);
    runLate = runDelivered > u.rdd ? mass * (runDelivered - u.rdd) : 0;
    runArrival = curDay[curN - 1]!;
    return true;
  }

  // ---- Where each ULN's cargo is now. ----
  const M = ulns.length;
  const originOf = new Int32Array(M);
  const destOf = new Int32Array(M);
  /** Eligibility class of each ULN: which arcs it may use (objective.ts canCarry). */
  const classOf = new Int32Array(M);
  for (let j = 0; j < M; j++) {
    const u = ulns[j]!;
    originOf[j] = nodeOf(u.origin, `ULN ${u.uln}`);
    destOf[j] = nodeOf(u.destination, `ULN ${u.uln}`);
    classOf[j] = classOfUln(u);
  }
  const penalty = penaltyDay(H);
  /** What an unplanned ULN adds to the objective: delivered on the penalty day. */
  const penaltyOf = (u: Uln): number =>
    weightOf(u.priority) * personnelMass(u) * Math.max(0, penalty - u.rdd);
  /** Indices into `executed` per ULN, in the order given; undefined when none. */
  const execOf = new Array<number[] | undefined>(M);
  if (executed.length > 0) {
    const ulnIndex = new Map<string, number>();
    ulns.forEach((u, j) => ulnIndex.set(u.uln, j));
    executed.forEach((m, e) => {
      const j = ulnIndex.get(m.uln)!;
      (execOf[j] ??= []).push(e);
    });
  }

  // Scratch for groupsOf, mainPath and leg numbering, sized once: tens of thousands of ULNs are
  // assembled per plan, and per-ULN arrays were most of what a re-plan allocated.
  const maxLots = 1 + execOf.reduce((m, es) => Math.max(m, es ? es.length : 0), 0);
  const lotNode = new Int32Array(maxLots);
  const lotDay = new Int32Array(maxLots);
  const lotP = new Float64Array(maxLots);
  const lotT = new Float64Array(maxLots);
  const lotOrder = new Int32Array(maxLots);
  const outP = new Float64Array(N);
  const outT = new Float64Array(N);
  const touchedNodes = new Int32Array(maxLots);
  const carried = new Float64Array(A);
  const legOf = new Int32Array(A).fill(-1);
  const touchedArcs: number[] = [];
  // The groups of the ULN at hand: group g is lots [groupStart[g], groupStart[g + 1]) of
  // groupDay/P/T, at node groupNode[g]; groupOrder lists them earliest available first.
  const groupNode = new Int32Array(maxLots);
  const groupStart = new Int32Array(maxLots + 1);
  const groupDay = new Int32Array(maxLots);
  const groupP = new Float64Array(maxLots);
  const groupT = new Float64Array(maxLots);
  const groupOrder = new Int32Array(maxLots);
  while (cap < maxLots) growNext();

  /** Fills the groups of ULN `j`'s cargo not yet at its destination; returns how many. */
  function groupsOf(j: number): number {
    const u = ulns[j]!;
    const o = originOf[j]!;
    const dst = destOf[j]!;
    const start = Math.max(u.ald, today);
    const es = execOf[j];
    if (!es) {
      groupNode[0] = o;
      groupStart[0] = 0;
      groupStart[1] = 1;
      groupDay[0] = start;
      groupP[0] = u.personnel;
      groupT[0] = u.tonnes;
      groupOrder[0] = 0;
      return 1;
    }
    let lots = 0;
    let touched = 0;
    const lot = (node: number, day: number, p: number, t: number): void => {
      // By node, then day, as they come: an insertion sort, as a ULN has a handful of lots.
      let k = lots;
      while (k > 0) {
        const prev = lotOrder[k - 1]!;
        if (lotNode[prev]! < node || (lotNode[prev] === node && lotDay[prev]! <= day)) break;
        lotOrder[k] = prev;
        k--;
      }
      lotOrder[k] = lots;
      lotNode[lots] = node;
      lotDay[lots] = day;
      lotP[lots] = p;
      lotT[lots] = t;
      lots++;
    };
    lot(o, start, u.personnel, u.tonnes);
    for (const e of es) {
      const a = execArc[e]!;
      const from = arcFrom[a]!;
      if (outP[from] === 0 && outT[from] === 0) touchedNodes[touched++] = from;
      outP[from] = outP[from]! + execP[e]!;
      outT[from] = outT[from]! + execT[e]!;
      if (arcTo[a] !== dst) lot(arcTo[a]!, Math.max(execArrive[e]!, today), execP[e]!, execT[e]!);
    }
    // Residues within the validator's tolerance are rounding, not cargo left behind.
    const tolP = 1e-6 * Math.max(1, u.personnel);
    const tolT = 1e-6 * Math.max(1, u.tonnes);
    let groups = 0;
    let filled = 0;
    for (let k = 0; k < lots; k++) {
      const i = lotOrder[k]!;
      const node = lotNode[i]!;
      // What left a node left first what came first.
      const tp = Math.min(lotP[i]!, outP[node]!);
      const tt = Math.min(lotT[i]!, outT[node]!);
      outP[node] = outP[node]! - tp;
      outT[node] = outT[node]! - tt;
      const p = lotP[i]! - tp > tolP ? lotP[i]! - tp : 0;
      const t = lotT[i]! - tt > tolT ? lotT[i]! - tt : 0;
      if (p === 0 && t === 0) continue;
      if (groups === 0 || groupNode[groups - 1] !== node) {
        groupNode[groups] = node;
        groupStart[groups] = filled;
        groups++;
      } else if (groupDay[filled - 1] === lotDay[i]) {
        groupP[filled - 1] = groupP[filled - 1]! + p;
        groupT[filled - 1] = groupT[filled - 1]! + t;
        continue;
      }
      groupDay[filled] = lotDay[i]!;
      groupP[filled] = p;
      groupT[filled] = t;
      filled++;
    }
    groupStart[groups] = filled;
    for (let k = 0; k < touched; k++) outP[touchedNodes[k]!] = outT[touchedNodes[k]!] = 0;
    // Earliest available first, then by node.
    for (let g = 0; g < groups; g++) {
      const day = groupDay[groupStart[g]!]!;
      let k = g;
      while (k > 0 && groupDay[groupStart[groupOrder[k - 1]!]!]! > day) {
        groupOrder[k] = groupOrder[k - 1]!;
        k--;
      }
      groupOrder[k] = g;
    }
    return groups;
  }

  /**
   * The path from `o` that takes, at each node, the used arc that carried the most personnel plus
   * tonnes, each arc at most once; it stops short of `dst` only if the loads themselves do.
   */
  function mainPath(o: number, dst: number, moveArcs: readonly number[], movements: readonly Movement[]) {
    touchedArcs.length = 0;
    for (let i = 0; i < moveArcs.length; i++) {
      const a = moveArcs[i]!;
      if (carried[a] === 0) touchedArcs.push(a);
      carried[a] = carried[a]! + movements[i]!.personnel + movements[i]!.tonnes;
    }
    const path: number[] = [];
    for (let v = o; v !== dst;) {
      let best = -1;
      for (const a of touchedArcs) {
        if (arcFrom[a] !== v || carried[a]! < 0) continue;
        const w = carried[a]!;
        if (best < 0 || w > carried[best]! + EPS || (Math.abs(w - carried[best]!) <= EPS && a < best))
          best = a;
      }
      if (best < 0) break;
      path.push(best);
      // Taken: marked so the walk cannot loop.
      carried[best] = -1;
      v = arcTo[best]!;
    }
    for (const a of touchedArcs) carried[a] = 0;
    return path;
  }

  // ---- Order. ----
  const ulnRoutes: Route[][] = new Array<Route[]>(M);
  const urgency = new Float64Array(M);
  const bump = new Float64Array(M);
  for (let j = 0; j < M; j++) {
    const u = ulns[j]!;
    const routes = routesFor(classOf[j]!, originOf[j]!, destOf[j]!);
    ulnRoutes[j] = routes;
    // Days to spare against the RDD on the shortest route, none below 0 (units late whatever
    // happens are equally urgent, and go by priority). From the ULN's own dates, not its
    // progress, so a re-plan keeps the order of the plan.
    urgency[j] = routes.length ? Math.max(0, u.rdd - u.ald - routes[0]!.transit) : Infinity;
  }
  const orderBy = (): number[] =>
    Array.from({ length: M }, (_, j) => j).sort((x, y) => {
      const ux = ulns[x]!;
      const uy = ulns[y]!;
      return (
        urgency[x]! - bump[x]! - (urgency[y]! - bump[y]!) ||
        ux.priority - uy.priority ||
        ux.rdd - uy.rdd ||
        ux.ald - uy.ald ||
        x - y
      );
    });

  /** Earliest arrival on `route` for cargo ready on `ready`, closures and EAD counted, capacity not. */
  const earliestOn = (route: Route, ready: number, ead: number): number => {
    let d = ready;
    const legs = route.arcs.length;
    for (let leg = 0; leg < legs; leg++) {
      const a = route.arcs[leg]!;
      if (leg === legs - 1) d = Math.max(d, ead - arcTransit[a]!);
      while (d < H && closed[a * H + d]) d++;
      d += arcTransit[a]!;
    }
    return d;
  };

  // ---- Routes against congestion. ----
  // The k shortest routes are fixed by transit time: under congestion they can all funnel through
  // the same full arcs while a longer detour stands empty. For a unit late by congestion the
  // planner also tries the earliest-arrival route through the residual network: a time-dependent
  // Dijkstra from where the cargo is, crossing each arc on the first day its residual capacity,
  // the head node's reception and closures let one load of this unit through.
  const earliestAt = new Int32Array(N);
  const reachedBy = new Int32Array(N);
  const settled = new Uint8Array(N);
  /** Distinct residual routes found, by arc list, so chosen routes are shared objects. */
  const residualRoutes = new Map<string, Route>();
  const sameArcs = (x: Int32Array, y: Int32Array): boolean =>
    x.length === y.length && x.every((a, i) => a === y[i]);
  function residualRoute(c: number, g: number, ready: number, dst: number, ead: number): Route | null {
    let totalP = 0;
    let totalT = 0;
    for (let i = groupStart[g]!; i < groupStart[g + 1]!; i++) {
      totalP += groupP[i]!;
      totalT += groupT[i]!;
    }
    const barred = classBarred[c]!;
    earliestAt.fill(0x7fffffff);
    reachedBy.fill(-1);
    settled.fill(0);
    const s0 = groupNode[g]!;
    earliestAt[s0] = ready;
    for (;;) {
      let v = -1;
      for (let i = 0; i < N; i++)
        if (!settled[i] && earliestAt[i]! < 0x7fffffff && (v < 0 || earliestAt[i]! < earliestAt[v]!)) v = i;
      if (v < 0) return null;
      if (v === dst) break;
      settled[v] = 1;
      for (const a of outArcs[v]!) {
        const w = arcTo[a]!;
        if (barred[a] || settled[w]) continue;
        const needP = whole[a] ? totalP : Math.min(totalP, loadP[a]!);
        const needT = whole[a] ? totalT : Math.min(totalT, loadT[a]!);
        if ((needP > EPS && loadP[a]! <= 0) || (needT > EPS && loadT[a]! <= 0)) continue;
        const transit = arcTransit[a]!;
        let d = earliestAt[v]!;
        if (w === dst) d = Math.max(d, ead - transit);
        for (; d + transit < H && d + transit < earliestAt[w]!; d++) {
          const ai = a * H + d;
          const ni = w * H + d + transit;
          if (closed[ai]) continue;
          if (
            needP > EPS &&
            (arcUsedP[ai]! + needP > capP[a]! + EPS || nodeUsedP[ni]! + needP > recP[w]! + EPS)
          )
            continue;
          if (
            needT > EPS &&
            (arcUsedT[ai]! + needT > capT[a]! + EPS || nodeUsedT[ni]! + needT > recT[w]! + EPS)
          )
            continue;
          earliestAt[w] = d + transit;
          reachedBy[w] = a;
          break;
        }
      }
    }
    const path: number[] = [];
    for (let v = dst; v !== s0; v = arcFrom[reachedBy[v]!]!) path.push(reachedBy[v]!);
    path.reverse();
    const key = `${c}|${path.join(',')}`;
    let route = residualRoutes.get(key);
    if (!route) {
      route = { arcs: Int32Array.from(path), transit: path.reduce((t, a) => t + arcTransit[a]!, 0) };
      residualRoutes.set(key, route);
    }
    return route;
  }

  // Scratch for choose: candidate routes' capacity-free arrivals, sorted, and their indices.
  const routeBound = new Float64Array(k);
  const routeTry = new Int32Array(k);
  // The routes chosen for the ULN at hand (set by choose): one per group, in groupOrder's order.
  const chosen: Route[] = [];
  let groups = 0;
  let failed: UlnStatus | null = null;
  let failNode = 0;
  /** Earliest arrival from where the cargo is, ignoring capacity and closures. */
  let earliest = -1;
  /** Per ULN: weighted personnel-days late no plan can avoid (closures counted, capacity not). */
  const lowerLate = new Float64Array(M);
  /** Per ULN: weighted personnel-days late of its planned loads in the latest pass. */
  const plannedLate = new Float64Array(M);

  /**
   * Chooses a route per group of ULN `j` against the ledger and leaves the ledger as it was: for
   * each group, the candidate route with the least priority-weighted personnel-days late, then
   * the earliest arrival, then the lowest index.
   */
  function choose(j: number): void {
    const u = ulns[j]!;
    const dst = destOf[j]!;
    const weight = weightOf(u.priority);
    groups = groupsOf(j);
    // With several groups, each is planned around those before it, so they are committed
    // tentatively and undone together if a later one fails.
    const several = groups > 1;
    chosen.length = 0;
    failed = null;
    failNode = originOf[j]!;
    earliest = -1;
    /** Latest of the groups' capacity-free arrivals: the unit cannot be delivered earlier. */
    let soonestAll = -1;
    undoN = 0;
    for (let k = 0; k < groups; k++) {
      const g = groupOrder[k]!;
      const ready = groupDay[groupStart[g]!]!;
      const routes = routesFor(classOf[j]!, groupNode[g]!, dst);
      if (routes.length === 0) {
        failed = 'no-route';
        failNode = groupNode[g]!;
        break;
      }
      earliest = Math.max(earliest, ready + routes[0]!.transit);
      let best = -1;
      let bestLate = Infinity;
      let bestArrival = Infinity;
      const mass = weight * personnelMass(u);
      // Routes are tried soonest capacity-free arrival first (then by index), so a good one is
      // found early and the rest are cut short or skipped.
      const R = routes.length;
      for (let r = 0; r < R; r++) {
        const bound = earliestOn(routes[r]!, ready, u.ead);
        let k = r;
        while (k > 0 && routeBound[k - 1]! > bound) {
          routeBound[k] = routeBound[k - 1]!;
          routeTry[k] = routeTry[k - 1]!;
          k--;
        }
        routeBound[k] = bound;
        routeTry[k] = r;
      }
      const soonest = R > 0 ? routeBound[0]! : Infinity;
      for (let i = 0; i < R; i++) {
        const r = routeTry[i]!;
        const route = routes[r]!;
        // No load on this route arrives before `bound`, so the unit is not delivered before it: once
        // a route already found is at least as good, this one and every later one in this order
        // cannot win.
        const bound = routeBound[i]!;
        const lateBound = bound > u.rdd ? mass * (bound - u.rdd) : 0;
        if (lateBound > bestLate + EPS || (lateBound >= bestLate - EPS && bound >= bestArrival)) break;
        const mark = undoN;
        const ok = run(u, weight, route, false, g, bestLate, bestArrival);
        rollback(mark);
        if (!ok) continue;
        if (runLate < bestLate - EPS || (Math.abs(runLate - bestLate) <= EPS && runArrival < bestArrival)) {
          best = r;
          bestLate = runLate;
          bestArrival = runArrival;
        }
      }
      soonestAll = Math.max(soonestAll, soonest);
      let pick = best >= 0 ? routes[best]! : null;
      // Late by congestion on every fixed route (or on none): the route the residual capacity
      // leaves open, found against the ledger, may be a detour none of the k shortest takes.
      const unavoidable = soonest > u.rdd ? mass * (soonest - u.rdd) : 0;
      if (best < 0 || bestLate > unavoidable + EPS) {
        const detour = residualRoute(classOf[j]!, g, ready, dst, u.ead);
        if (detour && !routes.some((r) => sameArcs(r.arcs, detour.arcs))) {
          const mark = undoN;
          const ok = run(u, weight, detour, false, g, bestLate, bestArrival);
          rollback(mark);
          if (
            ok &&
            (runLate < bestLate - EPS || (Math.abs(runLate - bestLate) <= EPS && runArrival < bestArrival))
          )
            pick = detour;
        }
      }
      if (!pick) {
        failed = 'beyond-horizon';
        break;
      }
      chosen.push(pick);
      if (several) run(u, weight, pick, false, g);
    }
    rollback(0);
    lowerLate[j] = soonestAll > u.rdd ? weight * personnelMass(u) * (soonestAll - u.rdd) : 0;
  }

  /**
   * Schedules every ULN in `order` without recording movements (an improvement pass): returns
   * the unscheduled count, the objective of the planned loads and their latest arrival.
   */
  function quickPass(order: readonly number[]): { unscheduled: number; late: number; closure: number } {
    resetLedgers();
    let unscheduledHere = 0;
    let late = 0;
    let closure = -1;
    for (const j of order) {
      choose(j);
      const u = ulns[j]!;
      if (failed) {
        unscheduledHere++;
        plannedLate[j] = penaltyOf(u);
        late += plannedLate[j]!;
        continue;
      }
      const weight = weightOf(u.priority);
      // Delivered when the last of its groups is (exact for the usual single group).
      let delivered = -1;
      for (let k = 0; k < groups; k++) {
        run(u, weight, chosen[k]!, false, groupOrder[k]!);
        delivered = Math.max(delivered, runDelivered);
        closure = Math.max(closure, runArrival);
      }
      undoN = 0;
      plannedLate[j] = delivered > u.rdd ? weight * personnelMass(u) * (delivered - u.rdd) : 0;
      late += plannedLate[j]!;
    }
    return { unscheduled: unscheduledHere, late, closure };
  }

  // ---- Schedule. ----
  const results = new Array<UlnSchedule>(M);
  const closureCurve = new Float64Array(H);
  // The objective's parts (see DeploymentPlan.objective).
  let objective = 0;
  let personnelDaysLate = 0;
  let unitDaysLate = 0;
  let weightedUnitDaysLate = 0;
  let unplannedPenalty = 0;
  let closureDay = -1;
  let unscheduled = 0;
  // Recorded on every pass, worded once at the end: the words of thousands of late ULNs on every
  // re-ordering pass would cost the planner's hot loop for nothing.
  const missedLad: MissedLadEntry[] = [];

  // ---- Keeping the previous plan. ----
  // A re-plan given the previous plan keeps each ULN's planned loads that still fit: same arcs,
  // open, within capacity and reception around what is kept before, eligible, and carrying exactly
  // the cargo that is where the records leave it, from the day it is there. Nothing changed gives
  // the same plan; a change re-plans only the ULNs it touches, around the others.
  const previousOf = new Map<string, readonly Movement[]>();
  for (const s of options.previous?.ulns ?? [])
    if (s.status === 'scheduled')
      previousOf.set(
        s.uln,
        s.movements.filter((m) => !m.executed && m.departDay >= today),
      );
  /** Per ULN: kept from the previous plan (1) or planned again (0), in the latest recordPass. */
  const keptUln = new Uint8Array(M);

  /**
   * Charges ULN j's previous planned loads to the ledger if they still fit and carry exactly its
   * remaining cargo to its destination; returns them (as planned movements), or null with the
   * ledger unchanged.
   */
  function keepPrevious(j: number, prev: readonly Movement[]): Movement[] | null {
    const u = ulns[j]!;
    const dst = destOf[j]!;
    const barred = classBarred[classOf[j]!]!;
    const n = groupsOf(j);
    groups = n;
    // Cargo events per node: lots where the records leave it, arrivals, departures; by day, with
    // what arrives on a day available to leave that day.
    const events: [day: number, kind: number, node: number, p: number, t: number][] = [];
    let restP = 0;
    let restT = 0;
    for (let g = 0; g < n; g++)
      for (let i = groupStart[g]!; i < groupStart[g + 1]!; i++) {
        events.push([groupDay[i]!, 0, groupNode[g]!, groupP[i]!, groupT[i]!]);
        restP += groupP[i]!;
        restT += groupT[i]!;
      }
    const arcsOf: number[] = [];
    for (const m of prev) {
      const a = arcIndex.get(m.arc);
      if (a === undefined || barred[a]) return null;
      if (m.departDay < today || m.arriveDay !== m.departDay + arcTransit[a]! || m.arriveDay >= H)
        return null;
      if (closed[a * H + m.departDay]) return null;
      if (!whole[a] && (m.personnel > loadP[a]! + EPS || m.tonnes > loadT[a]! + EPS)) return null;
      if (arcTo[a] === dst && m.arriveDay < u.ead) return null;
      arcsOf.push(a);
      events.push([m.arriveDay, 0, arcTo[a]!, m.personnel, m.tonnes]);
      events.push([m.departDay, 1, arcFrom[a]!, -m.personnel, -m.tonnes]);
    }
    events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const haveP = new Float64Array(N);
    const haveT = new Float64Array(N);
    const tolP = 1e-6 * Math.max(1, u.personnel);
    const tolT = 1e-6 * Math.max(1, u.tonnes);
    for (const [, , node, p, t] of events) {
      haveP[node] = haveP[node]! + p;
      haveT[node] = haveT[node]! + t;
      if (haveP[node]! < -tolP || haveT[node]! < -tolT) return null;
    }
    for (let v = 0; v < N; v++) {
      const wantP = v === dst ? restP : 0;
      const wantT = v === dst ? restT : 0;
      if (Math.abs(haveP[v]! - wantP) > tolP || Math.abs(haveT[v]! - wantT) > tolT) return null;
    }
    const mark = undoN;
    const kept: Movement[] = [];
    for (let i = 0; i < prev.length; i++) {
      const m = prev[i]!;
      const a = arcsOf[i]!;
      const ai = a * H + m.departDay;
      const ni = arcTo[a]! * H + m.arriveDay;
      if (
        arcUsedP[ai]! + m.personnel > capP[a]! + EPS ||
        arcUsedT[ai]! + m.tonnes > capT[a]! + EPS ||
        nodeUsedP[ni]! + m.personnel > recP[arcTo[a]!]! + EPS ||
        nodeUsedT[ni]! + m.tonnes > recT[arcTo[a]!]! + EPS
      ) {
        rollback(mark);
        return null;
      }
      arcUsedP[ai] = arcUsedP[ai]! + m.personnel;
      arcUsedT[ai] = arcUsedT[ai]! + m.tonnes;
      nodeUsedP[ni] = nodeUsedP[ni]! + m.personnel;
      nodeUsedT[ni] = nodeUsedT[ni]! + m.tonnes;
      logUndo(ai, m.personnel, m.tonnes);
      logUndo(-ni - 1, m.personnel, m.tonnes);
      kept.push({ ...m, executed: false });
    }
    undoN = mark;
    return kept;
  }

  /**
   * Schedules every ULN in `order`, recording movements, utilisation and the results; returns the
   * order they claimed capacity in. With `keep`, the ULNs it marks keep their previous loads where
   * they still fit (keepPrevious), all of them first, and the rest are planned after, in order.
   */
  function recordPass(
    order: readonly number[],
    keep: Uint8Array | null = null,
    first: readonly number[] = [],
  ): number[] {
    if (!keep) {
      for (const j of order) recordUln(j, null);
      return order as number[];
    }
    const done: number[] = [...first];
    const later: number[] = [];
    keptUln.fill(0);
    for (const j of first) recordUln(j, null);
    for (const j of order) {
      if (first.includes(j)) continue;
      const prev = keep[j] ? previousOf.get(ulns[j]!.uln) : undefined;
      const kept = prev ? keepPrevious(j, prev) : null;
      if (!kept) later.push(j);
      else {
        keptUln[j] = 1;
        done.push(j);
        recordUln(j, kept);
      }
    }
    for (const j of later) {
      done.push(j);
      recordUln(j, null);
    }
    return done;
  }

  /** Schedules ULN j (or records its kept loads), recording movements, utilisation and its result. */
  function recordUln(j: number, kept: Movement[] | null): void {
    {
      const u = ulns[j]!;
      const dst = destOf[j]!;
      const weight = weightOf(u.priority);
      if (kept) {
        // Kept whole: nothing to choose; the earliest arrival from where its cargo is, for missed LADs.
        chosen.length = 0;
        failed = null;
        earliest = -1;
        for (let g = 0; g < groups; g++) {
          const routes = routesFor(classOf[j]!, groupNode[g]!, dst);
          if (routes.length) earliest = Math.max(earliest, groupDay[groupStart[g]!]! + routes[0]!.transit);
        }
      } else choose(j);

      const es = execOf[j];
      // One planned route from the origin and nothing executed: the legs are that route, and the
      // run numbered them already.
      const simple = !es && !kept && chosen.length === 1;
      let movements: Movement[] = [];
      /** Arc index of each movement; unused when simple. */
      const moveArcs: number[] = [];
      if (es) {
        for (const e of es) {
          const m = executed[e]!;
          const a = execArc[e]!;
          movements.push({
            leg: -1,
            arc: arcIds[a]!,
            departDay: m.departDay,
            arriveDay: execArrive[e]!,
            personnel: m.personnel,
            tonnes: m.tonnes,
            executed: true,
          });
          moveArcs.push(a);
        }
      }
      if (kept) {
        for (const m of kept) {
          movements.push(m);
          moveArcs.push(arcIndex.get(m.arc)!);
        }
      } else if (simple) {
        run(u, weight, chosen[0]!, true, groupOrder[0]!);
        movements = runMovements!;
      } else if (!failed) {
        for (let k = 0; k < groups; k++) {
          const arcsOfRoute = chosen[k]!.arcs;
          run(u, weight, chosen[k]!, true, groupOrder[k]!);
          for (const m of runMovements!) {
            movements.push(m);
            moveArcs.push(arcsOfRoute[m.leg]!);
          }
        }
      }
      const legArcs: number[] = simple
        ? Array.from(chosen[0]!.arcs)
        : failed
          ? []
          : mainPath(originOf[j]!, dst, moveArcs, movements);
      const routeLength = legArcs.length;
      if (!simple) {
        // The route's arcs, then the others by first departure, then arc order.
        legArcs.forEach((a, l) => (legOf[a] = l));
        const firstDeparture: number[] = [];
        moveArcs.forEach((a, i) => {
          if (legOf[a]! >= 0) return;
          legOf[a] = legArcs.length;
          legArcs.push(a);
          firstDeparture.push(movements[i]!.departDay);
        });
        for (let i = 0; i < movements.length; i++) {
          const l = legOf[moveArcs[i]!]! - routeLength;
          if (l >= 0) firstDeparture[l] = Math.min(firstDeparture[l]!, movements[i]!.departDay);
        }
        if (legArcs.length > routeLength) {
          const others = legArcs.slice(routeLength).map((a, l) => [a, firstDeparture[l]!] as const);
          others.sort((x, y) => x[1] - y[1] || x[0] - y[0]);
          others.forEach(([a], l) => (legArcs[routeLength + l] = a));
          legArcs.forEach((a, l) => (legOf[a] = l));
        }
        for (let i = 0; i < movements.length; i++) movements[i]!.leg = legOf[moveArcs[i]!]!;
        for (const a of legArcs) legOf[a] = -1;
      }
      const legs: LegSchedule[] = legArcs.map((a) => {
        const arc = network.arcs[a]!;
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
        };
      });
      let arrival = -1;
      let executedArrival = -1;
      const arrivals: Movement[] = [];
      const lastLeg = legArcs.length - 1;
      for (let i = 0; i < movements.length; i++) {
        const m = movements[i]!;
        const l = legs[m.leg]!;
        l.firstDeparture = Math.min(l.firstDeparture, m.departDay);
        l.lastDeparture = Math.max(l.lastDeparture, m.departDay);
        l.firstArrival = Math.min(l.firstArrival, m.arriveDay);
        l.lastArrival = Math.max(l.lastArrival, m.arriveDay);
        l.loads++;
        if (simple ? m.leg === lastLeg : arcTo[moveArcs[i]!] === dst) {
          closureCurve[m.arriveDay] = closureCurve[m.arriveDay]! + m.personnel;
          arrivals.push(m);
          arrival = Math.max(arrival, m.arriveDay);
          if (m.executed) executedArrival = Math.max(executedArrival, m.arriveDay);
        }
      }

      const base: UlnSchedule = {
        uln: u.uln,
        status: 'scheduled',
        route: [],
        legs,
        movements,
        arrivalDay: null,
        deliveredDay: null,
        daysLate: 0,
        personnelDaysLate: 0,
        weightedPersonnelDaysLate: 0,
      };
      const originRoutes = ulnRoutes[j]!;
      const shortest = originRoutes.length ? originRoutes[0]!.transit : -1;
      const hopeless = shortest >= 0 && u.ald + shortest > u.lad;
      if (hopeless) {
        missedLad.push({ index: j, uln: u.uln, kind: 'readiness', a: u.ald, b: shortest, lad: u.lad });
      }
      if (failed) {
        unscheduled++;
        const late = Math.max(0, penalty - u.rdd);
        plannedLate[j] = penaltyOf(u);
        unplannedPenalty += plannedLate[j]!;
        results[j] = {
          ...base,
          status: failed,
          daysLate: late,
          personnelDaysLate: u.personnel * late,
          weightedPersonnelDaysLate: plannedLate[j]!,
        };
        if (!hopeless) {
          missedLad.push({
            index: j,
            uln: u.uln,
            kind: failed === 'beyond-horizon' ? 'beyond-horizon' : 'no-route',
            text:
              failed === 'beyond-horizon'
                ? `cannot reach ${u.destination} within the ${H}-day horizon`
                : `no route from ${network.nodes[failNode]!.id} to ${u.destination}${liftText(u)}`,
          });
        }
        return;
      }
      closureDay = Math.max(closureDay, arrival);
      // Every scheduled ULN's cargo is all in, so it is delivered (on its last arrival at worst).
      const delivered = deliveredDay(u, arrivals) ?? arrival;
      const daysLate = Math.max(0, delivered - u.rdd);
      plannedLate[j] = weight * personnelMass(u) * daysLate;
      objective += plannedLate[j]!;
      personnelDaysLate += u.personnel * daysLate;
      unitDaysLate += daysLate;
      weightedUnitDaysLate += weight * daysLate;
      results[j] = {
        ...base,
        route: legArcs.slice(0, routeLength).map((a) => arcIds[a]!),
        arrivalDay: arrival,
        deliveredDay: delivered,
        daysLate,
        personnelDaysLate: u.personnel * daysLate,
        weightedPersonnelDaysLate: plannedLate[j]!,
      };
      if (arrival > u.lad && !hopeless) {
        // Late already where the cargo stands today, or made late by the plan's own congestion.
        const bound = Math.max(earliest, executedArrival);
        missedLad.push(
          bound > u.lad
            ? { index: j, uln: u.uln, kind: 'already-late', a: today, b: bound, lad: u.lad }
            : { index: j, uln: u.uln, kind: 'congestion', a: arrival, b: 0, lad: u.lad },
        );
      }
    }
  }

  // ---- Improve. ----
  // Squeaky wheel: the list order decides who gets contested capacity, so units made late by
  // others (beyond what they could not avoid) move up the order by the days they lost, and the
  // whole list is scheduled again; the best order found is kept. Deterministic, and skipped when
  // nothing is late by congestion (a plan no order can improve on).
  const givenOrder = options.order ?? options.previous?.order;
  let firstOrder: number[];
  if (!givenOrder) firstOrder = orderBy();
  else {
    const index = new Map<string, number>();
    ulns.forEach((u, j) => index.set(u.uln, j));
    const listed = new Uint8Array(M);
    const given: number[] = [];
    for (const id of givenOrder) {
      const j = index.get(id);
      if (j !== undefined && !listed[j]) {
        listed[j] = 1;
        given.push(j);
      }
    }
    // Sorting 5,000 ULNs is a few milliseconds of a re-plan: skipped when the list names them all.
    firstOrder = given.length === M ? given : given.concat(orderBy().filter((j) => !listed[j]));
  }
  /** Empties everything a recordPass fills, for another. */
  const resetRecord = (): void => {
    resetLedgers();
    arcSat.fill(0);
    nodeSat.fill(0);
    arcWait.fill(0);
    nodeWait.fill(0);
    closureCurve.fill(0);
    objective = 0;
    personnelDaysLate = 0;
    unitDaysLate = 0;
    weightedUnitDaysLate = 0;
    unplannedPenalty = 0;
    closureDay = -1;
    unscheduled = 0;
    missedLad.length = 0;
  };
  let recorded: number[];
  if (options.previous) recorded = replanKeeping(firstOrder);
  else recorded = recordPass(firstOrder);

  /**
   * A re-plan from the previous plan: every ULN it scheduled keeps its loads where they still fit.
   * A change must not drop a unit that had a plan while it can still be planned: if one is dropped,
   * the dropped go first (planned before anything is kept) and that plan is taken if it is better.
   */
  function replanKeeping(order: number[]): number[] {
    const keep = new Uint8Array(M);
    for (let j = 0; j < M; j++) if (previousOf.has(ulns[j]!.uln)) keep[j] = 1;
    const done = recordPass(order, keep);
    const dropped = order.filter((j) => keep[j] && results[j]!.status !== 'scheduled');
    if (dropped.length === 0) return done;
    const value = objective + unplannedPenalty;
    for (const j of dropped) keep[j] = 0;
    resetRecord();
    const retry = recordPass(order, keep, dropped);
    if (objective + unplannedPenalty < value - EPS * Math.max(1, value)) return retry;
    for (const j of dropped) keep[j] = 1;
    resetRecord();
    return recordPass(order, keep);
  }
  // A re-plan keeping the previous plan does not search again: that would move what it keeps.
  const passes = options.previous
    ? 0
    : (options.improvementPasses ?? (givenOrder ? 0 : Math.min(8, Math.floor(16_000 / Math.max(1, M)))));
  let best = { unscheduled, late: objective + unplannedPenalty, closure: closureDay };
  let bestOrder = recorded;
  let firstLedgers: Float64Array[] | null = null;
  for (let pass = 0, stale = 0; pass < passes && stale < 3; pass++) {
    let congested = false;
    for (let j = 0; j < M; j++) {
      // Days lost to others (an unplanned ULN's are to the penalty day, so it moves to the front).
      const excess = plannedLate[j]! - lowerLate[j]!;
      if (excess > EPS * Math.max(1, plannedLate[j]!)) {
        bump[j] = bump[j]! + excess / (weightOf(ulns[j]!.priority) * personnelMass(ulns[j]!));
        congested = true;
      }
    }
    if (!congested) break;
    // The first pass's ledgers, to put back if no pass beats it (its results are still in place).
    firstLedgers ??= [arcUsedP.slice(), arcUsedT.slice(), nodeUsedP.slice(), nodeUsedT.slice()];
    const order = orderBy();
    const r = quickPass(order);
    // The objective decides (unplanned ULNs carry their penalty), then fewer unplanned, then closure.
    const tol = EPS * Math.max(1, best.late);
    if (
      r.late < best.late - tol ||
      (Math.abs(r.late - best.late) <= tol &&
        (r.unscheduled < best.unscheduled ||
          (r.unscheduled === best.unscheduled && r.closure < best.closure)))
    ) {
      best = r;
      bestOrder = order;
      stale = 0;
    } else stale++;
  }
  // The ledgers hold the last pass's schedule: put the first one's back, or record the best again.
  if (firstLedgers && bestOrder === recorded) {
    arcUsedP.set(firstLedgers[0]!);
    arcUsedT.set(firstLedgers[1]!);
    nodeUsedP.set(firstLedgers[2]!);
    nodeUsedT.set(firstLedgers[3]!);
  } else if (firstLedgers) {
    resetRecord();
    recordPass(bestOrder);
  }
  for (let d = 1; d < H; d++) closureCurve[d] = closureCurve[d]! + closureCurve[d - 1]!;

  // ---- Utilisation and bottlenecks. ----
  // One pass per arc or node: the larger of the personnel and tonnes shares of its daily limit (0
  // where the limit is unlimited or zero), and the days on which cargo was turned away.
  const ledgerOf = (
    k: number,
    usedP: Float64Array,
    usedT: Float64Array,
    limitP: number,
    limitT: number,
    sat: Uint8Array,
    util: Float64Array,
  ) => {
    let days = 0;
    const hasP = Number.isFinite(limitP) && limitP > 0;
    const hasT = Number.isFinite(limitT) && limitT > 0;
    for (let d = 0; d < H; d++) {
      const i = k * H + d;
      const fp = hasP ? usedP[i]! / limitP : 0;
      const ft = hasT ? usedT[i]! / limitT : 0;
      util[i] = fp > ft ? fp : ft;
      days += sat[i]!;
    }
    const s = k * H;
    return {
      personnel: usedP.subarray(s, s + H),
      tonnes: usedT.subarray(s, s + H),
      utilisation: util.subarray(s, s + H),
      daysAtCapacity: days,
    };
  };
  const arcUtil = new Float64Array(A * H);
  const arcs: ArcUtilisation[] = network.arcs.map((arc, a) => ({
    arc: arc.id,
    ...ledgerOf(a, arcUsedP, arcUsedT, capP[a]!, capT[a]!, arcSat, arcUtil),
  }));
  const nodeUtil = new Float64Array(N * H);
  const nodes: NodeUtilisation[] = network.nodes.map((node, n) => ({
    node: node.id,
    ...ledgerOf(n, nodeUsedP, nodeUsedT, recP[n]!, recT[n]!, nodeSat, nodeUtil),
  }));
  const bottlenecks: Bottleneck[] = [];
  arcs.forEach((x, a) => {
    if (arcWait[a]! > 0) {
      const w = arcWait[a]!;
      bottlenecks.push({
        kind: 'arc',
        id: x.arc,
        daysAtCapacity: x.daysAtCapacity,
        weightedWaiting: w,
        score: x.daysAtCapacity * w,
      });
    }
  });
  nodes.forEach((x, n) => {
    if (nodeWait[n]! > 0) {
      const w = nodeWait[n]!;
      bottlenecks.push({
        kind: 'node',
        id: x.node,
        daysAtCapacity: x.daysAtCapacity,
        weightedWaiting: w,
        score: x.daysAtCapacity * w,
      });
    }
  });
  // A closed arc has waiting but no capacity days; rank it by waiting after the capacity-bound ones.
  bottlenecks.sort(
    (x, y) =>
      y.score - x.score || y.weightedWaiting - x.weightedWaiting || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );

  missedLad.sort((x, y) => x.index - y.index);
  return {
    horizonDays: H,
    objective: {
      value: objective + unplannedPenalty,
      weightedPersonnelDaysLate: objective,
      personnelDaysLate,
      unitDaysLate,
      weightedUnitDaysLate,
      unplannedPenalty,
      closureDay: closureDay >= 0 ? closureDay : null,
      unscheduled,
    },
    ulns: results,
    order: bestOrder.map((j) => ulns[j]!.uln),
    missedLad: missedLad.map((m) => ({ uln: m.uln, kind: m.kind, reason: missedLadReason(m) })),
    arcs,
    nodes,
    closureCurve,
    bottlenecks: bottlenecks.slice(0, topN),
  };
}
