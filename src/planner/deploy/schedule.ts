// TPFDD-style deployment scheduling: move every unit line number (ULN) from its origin to its
// destination over a multimodal network of arcs with daily lift capacity, lift load sizes, closures
// and node reception limits, and report lateness, utilisation, the closure curve and bottlenecks.
//
// Algorithm (a list-scheduling heuristic, not an optimiser; deterministic throughout):
//  1. Candidate routes: Yen's k shortest simple paths by transit days per (origin, destination),
//     ties broken by leg count then arc indices, cached because ULNs share few pairs.
//  2. Order ULNs by priority, then slack (LAD - ready day - shortest transit), then RDD, then input
//     order, so the tightest high-priority units claim capacity first.
//  3. For each ULN, try each candidate route against the day-indexed capacity ledger, committing
//     tentatively with an undo log, and keep the route with the least priority-weighted
//     personnel-days late, then the earliest arrival, then the lowest route index. Re-run the chosen
//     route for real, recording movements, waiting and saturation.
//  Within a route, cargo moves leg by leg as lift loads: each day the cargo waiting at the leg's
//  tail is cut into loads of the arc's load size, and loads depart while the whole load fits the
//  arc's remaining capacity that day and the head node's remaining reception on the arrival day.
//
// Ledgers are flat typed arrays indexed [arc * horizon + day] and [node * horizon + day]; the inner
// loops allocate nothing except the movement records of committed runs.

export interface PersonnelTonnes {
  personnel: number;
  tonnes: number;
}

export interface DeploymentNode {
  id: string;
  /** Arrivals the node can absorb per day, from all arcs together; absent means unlimited. */
  receptionPerDay?: PersonnelTonnes;
}

export interface Closure {
  /** First closed day, inclusive. */
  from: number;
  /** Last closed day, inclusive. */
  to: number;
}

export interface DeploymentArc {
  id: string;
  from: string;
  to: string;
  mode: string;
  /** Whole days from departure to arrival, at least 1. */
  transitDays: number;
  capacityPerDay: PersonnelTonnes;
  /** One lift (aircraft, train, ship slot): cargo is cut into loads of at most this size. */
  loadSize: PersonnelTonnes;
  /** The whole ULN must depart together on one day (e.g. a ship or a dedicated train). */
  wholeUnit?: boolean;
  /** Days on which nothing may depart on the arc; loads already in transit are unaffected. */
  closures: Closure[];
}

export interface DeploymentNetwork {
  nodes: DeploymentNode[];
  arcs: DeploymentArc[];
}

export interface Uln {
  uln: string;
  personnel: number;
  tonnes: number;
  origin: string;
  destination: string;
  /** Available-to-load day at the origin: nothing departs earlier. */
  ald: number;
  /** Earliest arrival day at the destination. */
  ead: number;
  /** Latest arrival day at the destination. */
  lad: number;
  /** Required delivery day: lateness is counted against it. */
  rdd: number;
  /** 1 is the highest. */
  priority: number;
}

export interface PlanOptions {
  /** Candidate routes per (origin, destination). Default 3. */
  routesPerPair?: number;
  /** Days in the ledger. Default: latest of ALD, RDD and LAD plus 61, two months' grace. */
  horizonDays?: number;
  /** Weight of a personnel-day late by priority. Default 1 / priority. */
  priorityWeight?: (priority: number) => number;
  /** How many bottlenecks to report. Default 10. */
  topBottlenecks?: number;
}

export interface Movement {
  /** Index into the ULN's legs. */
  leg: number;
  departDay: number;
  arriveDay: number;
  personnel: number;
  tonnes: number;
}

export interface LegSchedule {
  arc: string;
  from: string;
  to: string;
  mode: string;
  firstDeparture: number;
  lastDeparture: number;
  firstArrival: number;
  lastArrival: number;
  loads: number;
}

export type UlnStatus = 'scheduled' | 'no-route' | 'beyond-horizon';

export interface UlnSchedule {
  uln: string;
  status: UlnStatus;
  /** Arc ids, empty unless scheduled. */
  route: string[];
  legs: LegSchedule[];
  movements: Movement[];
  /** Day the last load reaches the destination, null unless scheduled. */
  arrivalDay: number | null;
  daysLate: number;
  personnelDaysLate: number;
  weightedPersonnelDaysLate: number;
}

export interface MissedLad {
  uln: string;
  reason: string;
}

export interface ArcUtilisation {
  arc: string;
  /** Per day, views into one shared buffer. */
  personnel: Float64Array;
  tonnes: Float64Array;
  /** Per day, the larger of the personnel and tonnes fractions of capacity. */
  utilisation: Float64Array;
  /** Days on which a load was turned away for want of capacity. */
  daysAtCapacity: number;
}

export interface NodeUtilisation {
  node: string;
  personnel: Float64Array;
  tonnes: Float64Array;
  /** Per day; all zeros when the node's reception is unlimited. */
  utilisation: Float64Array;
  daysAtCapacity: number;
}

export interface Bottleneck {
  kind: 'arc' | 'node';
  id: string;
  daysAtCapacity: number;
  /** Priority-weighted ULN-days of cargo held back by this arc (capacity or closure) or node. */
  weightedWaiting: number;
  score: number;
}

export interface DeploymentPlan {
  horizonDays: number;
  objective: {
    weightedPersonnelDaysLate: number;
    /** Day the last scheduled ULN closes, null when none is scheduled. */
    closureDay: number | null;
    unscheduled: number;
  };
  /** In input order. */
  ulns: UlnSchedule[];
  missedLad: MissedLad[];
  arcs: ArcUtilisation[];
  nodes: NodeUtilisation[];
  /** Personnel at their destinations by the end of each day. */
  closureCurve: Float64Array;
  bottlenecks: Bottleneck[];
}

const EPS = 1e-7;

interface Route {
  arcs: Int32Array;
  transit: number;
}

/** Blockers recorded while a day's cargo waits. */
const BLOCK_NONE = 0;
const BLOCK_ARC = 1;
const BLOCK_NODE = 2;

export function planDeployment(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: PlanOptions = {},
): DeploymentPlan {
  const k = options.routesPerPair ?? 3;
  const weightOf = options.priorityWeight ?? ((p: number) => 1 / p);
  const topN = options.topBottlenecks ?? 10;

  const nodeIndex = new Map<string, number>();
  network.nodes.forEach((n, i) => {
    if (nodeIndex.has(n.id)) throw new RangeError(`duplicate node ${n.id}`);
    nodeIndex.set(n.id, i);
  });
  const nodeOf = (id: string, what: string): number => {
    const i = nodeIndex.get(id);
    if (i === undefined) throw new RangeError(`${what} names unknown node ${id}`);
    return i;
  };
  const N = network.nodes.length;
  const A = network.arcs.length;

  let latest = 0;
  for (const u of ulns) {
    if (!(u.personnel >= 0 && u.tonnes >= 0 && u.personnel + u.tonnes > 0)) {
      throw new RangeError(`ULN ${u.uln} must carry some personnel or tonnes, none negative`);
    }
    if (
      !Number.isInteger(u.ald) ||
      !Number.isInteger(u.ead) ||
      !Number.isInteger(u.lad) ||
      !Number.isInteger(u.rdd)
    ) {
      throw new RangeError(`ULN ${u.uln} must have whole-day ALD, EAD, LAD and RDD`);
    }
    latest = Math.max(latest, u.ald, u.rdd, u.lad);
  }
  const H = options.horizonDays ?? latest + 61;

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

  // ---- Candidate routes (Yen). ----
  const removedArc = new Uint8Array(A);
  const removedNode = new Uint8Array(N);
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
        if (removedArc[a] || removedNode[w] || done[w]) continue;
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

  const routeCache = new Map<number, Route[]>();
  const routesFor = (o: number, d: number): Route[] => {
    const key = o * N + d;
    let r = routeCache.get(key);
    if (!r) {
      r = kShortest(o, d);
      routeCache.set(key, r);
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
  const rollback = (): void => {
    for (let i = undoN - 1; i >= 0; i--) {
      const idx = undoIdx[i]!;
      if (idx >= 0) {
        arcUsedP[idx] = arcUsedP[idx]! - undoP[i]!;
        arcUsedT[idx] = arcUsedT[idx]! - undoT[i]!;
      } else {
        nodeUsedP[-idx - 1] = nodeUsedP[-idx - 1]! - undoP[i]!;
        nodeUsedT[-idx - 1] = nodeUsedT[-idx - 1]! - undoT[i]!;
      }
    }
    undoN = 0;
  };

  // Outputs of the latest run.
  let runLate = 0;
  let runArrival = -1;
  let runMovements: Movement[] | null = null;

  /**
   * Moves ULN `u` along `route` against the ledger, committing as it goes. Returns false when the
   * cargo cannot reach the destination inside the horizon (the caller rolls back). When `record`
   * is set, movements, waiting and saturation are recorded and nothing is logged for undo.
   */
  function run(u: Uln, weight: number, route: Route, record: boolean): boolean {
    curN = 1;
    curDay[0] = u.ald;
    curP[0] = u.personnel;
    curT[0] = u.tonnes;
    nextN = 0;
    runMovements = record ? [] : null;
    const legs = route.arcs.length;
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
          for (;;) {
            let p: number;
            let t: number;
            if (isWhole) {
              p = poolP;
              t = poolT;
            } else {
              p = poolP - lp <= EPS ? poolP : lp;
              t = poolT - lt <= EPS ? poolT : lt;
            }
            if (arcUsedP[ai]! + p > cp + EPS || arcUsedT[ai]! + t > ct + EPS) {
              blocked = BLOCK_ARC;
              break;
            }
            if (nodeUsedP[ni]! + p > rp + EPS || nodeUsedT[ni]! + t > rt + EPS) {
              blocked = BLOCK_NODE;
              break;
            }
            arcUsedP[ai] = arcUsedP[ai]! + p;
            arcUsedT[ai] = arcUsedT[ai]! + t;
            nodeUsedP[ni] = nodeUsedP[ni]! + p;
            nodeUsedT[ni] = nodeUsedT[ni]! + t;
            if (!record) {
              logUndo(ai, p, t);
              logUndo(-ni - 1, p, t);
            } else runMovements!.push({ leg, departDay: d, arriveDay: arrive, personnel: p, tonnes: t });
            if (nextN === cap) growNext();
            nextDay[nextN] = arrive;
            nextP[nextN] = p;
            nextT[nextN] = t;
            nextN++;
            poolP -= p;
            poolT -= t;
            if (poolP <= EPS && poolT <= EPS) {
              poolP = 0;
              poolT = 0;
              break;
            }
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
        }
      }
      swap();
    }
    // Lots now hold arrivals at the destination, in day order.
    let late = 0;
    for (let j = 0; j < curN; j++) {
      const over = curDay[j]! - u.rdd;
      if (over > 0) late += curP[j]! * over;
    }
    runLate = late * weight;
    runArrival = curDay[curN - 1]!;
    return true;
  }

  // ---- Order and schedule. ----
  const M = ulns.length;
  const ulnRoutes: Route[][] = new Array<Route[]>(M);
  const slack = new Float64Array(M);
  for (let j = 0; j < M; j++) {
    const u = ulns[j]!;
    const routes = routesFor(nodeOf(u.origin, `ULN ${u.uln}`), nodeOf(u.destination, `ULN ${u.uln}`));
    ulnRoutes[j] = routes;
    slack[j] = routes.length ? u.lad - u.ald - routes[0]!.transit : Infinity;
  }
  const order = Array.from({ length: M }, (_, j) => j).sort((x, y) => {
    const ux = ulns[x]!;
    const uy = ulns[y]!;
    return ux.priority - uy.priority || slack[x]! - slack[y]! || ux.rdd - uy.rdd || ux.ald - uy.ald || x - y;
  });

  const results = new Array<UlnSchedule>(M);
  const closureCurve = new Float64Array(H);
  let objective = 0;
  let closureDay = -1;
  let unscheduled = 0;
  const missedLad: (MissedLad & { index: number })[] = [];

  for (const j of order) {
    const u = ulns[j]!;
    const routes = ulnRoutes[j]!;
    const weight = weightOf(u.priority);
    let best = -1;
    let bestLate = Infinity;
    let bestArrival = Infinity;
    for (let r = 0; r < routes.length; r++) {
      const route = routes[r]!;
      // No schedule on this route can arrive before its lower bound; skip hopeless ones.
      const bound = Math.max(u.ald + route.transit, u.ead);
      if (best >= 0 && bestLate === 0 && bound >= bestArrival) continue;
      undoN = 0;
      const ok = run(u, weight, route, false);
      rollback();
      if (!ok) continue;
      if (runLate < bestLate - EPS || (Math.abs(runLate - bestLate) <= EPS && runArrival < bestArrival)) {
        best = r;
        bestLate = runLate;
        bestArrival = runArrival;
      }
    }
    const base: UlnSchedule = {
      uln: u.uln,
      status: routes.length ? 'beyond-horizon' : 'no-route',
      route: [],
      legs: [],
      movements: [],
      arrivalDay: null,
      daysLate: 0,
      personnelDaysLate: 0,
      weightedPersonnelDaysLate: 0,
    };
    const shortest = routes.length ? routes[0]!.transit : -1;
    if (shortest >= 0 && u.ald + shortest > u.lad) {
      missedLad.push({
        index: j,
        uln: u.uln,
        reason: `ready day ${u.ald} + shortest transit ${shortest} > LAD ${u.lad}`,
      });
    }
    if (best < 0) {
      unscheduled++;
      results[j] = base;
      if (!(shortest >= 0 && u.ald + shortest > u.lad)) {
        const reason = routes.length
          ? `cannot reach ${u.destination} within the ${H}-day horizon`
          : `no route from ${u.origin} to ${u.destination}`;
        missedLad.push({ index: j, uln: u.uln, reason });
      }
      continue;
    }
    const route = routes[best]!;
    run(u, weight, route, true);
    const movements = runMovements!;
    const legs: LegSchedule[] = Array.from(route.arcs, (a) => {
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
    let pdl = 0;
    const lastLeg = legs.length - 1;
    for (const m of movements) {
      const l = legs[m.leg]!;
      l.firstDeparture = Math.min(l.firstDeparture, m.departDay);
      l.lastDeparture = Math.max(l.lastDeparture, m.departDay);
      l.firstArrival = Math.min(l.firstArrival, m.arriveDay);
      l.lastArrival = Math.max(l.lastArrival, m.arriveDay);
      l.loads++;
      if (m.leg === lastLeg) {
        closureCurve[m.arriveDay] = closureCurve[m.arriveDay]! + m.personnel;
        if (m.arriveDay > u.rdd) pdl += m.personnel * (m.arriveDay - u.rdd);
      }
    }
    const arrival = runArrival;
    closureDay = Math.max(closureDay, arrival);
    objective += pdl * weight;
    results[j] = {
      ...base,
      status: 'scheduled',
      route: legs.map((l) => l.arc),
      legs,
      movements,
      arrivalDay: arrival,
      daysLate: Math.max(0, arrival - u.rdd),
      personnelDaysLate: pdl,
      weightedPersonnelDaysLate: pdl * weight,
    };
    if (arrival > u.lad && !(u.ald + shortest > u.lad)) {
      missedLad.push({ index: j, uln: u.uln, reason: `congestion: arrives day ${arrival} > LAD ${u.lad}` });
    }
  }
  for (let d = 1; d < H; d++) closureCurve[d] = closureCurve[d]! + closureCurve[d - 1]!;

  // ---- Utilisation and bottlenecks. ----
  const arcUtil = new Float64Array(A * H);
  const arcs: ArcUtilisation[] = network.arcs.map((arc, a) => {
    let sat = 0;
    for (let d = 0; d < H; d++) {
      const i = a * H + d;
      const fp = capP[a]! > 0 ? arcUsedP[i]! / capP[a]! : 0;
      const ft = capT[a]! > 0 ? arcUsedT[i]! / capT[a]! : 0;
      arcUtil[i] = fp > ft ? fp : ft;
      sat += arcSat[i]!;
    }
    const s = a * H;
    return {
      arc: arc.id,
      personnel: arcUsedP.subarray(s, s + H),
      tonnes: arcUsedT.subarray(s, s + H),
      utilisation: arcUtil.subarray(s, s + H),
      daysAtCapacity: sat,
    };
  });
  const nodeUtil = new Float64Array(N * H);
  const nodes: NodeUtilisation[] = network.nodes.map((node, n) => {
    let sat = 0;
    for (let d = 0; d < H; d++) {
      const i = n * H + d;
      const fp = Number.isFinite(recP[n]!) && recP[n]! > 0 ? nodeUsedP[i]! / recP[n]! : 0;
      const ft = Number.isFinite(recT[n]!) && recT[n]! > 0 ? nodeUsedT[i]! / recT[n]! : 0;
      nodeUtil[i] = fp > ft ? fp : ft;
      sat += nodeSat[i]!;
    }
    const s = n * H;
    return {
      node: node.id,
      personnel: nodeUsedP.subarray(s, s + H),
      tonnes: nodeUsedT.subarray(s, s + H),
      utilisation: nodeUtil.subarray(s, s + H),
      daysAtCapacity: sat,
    };
  });
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
      weightedPersonnelDaysLate: objective,
      closureDay: closureDay >= 0 ? closureDay : null,
      unscheduled,
    },
    ulns: results,
    missedLad: missedLad.map(({ uln, reason }) => ({ uln, reason })),
    arcs,
    nodes,
    closureCurve,
    bottlenecks: bottlenecks.slice(0, topN),
  };
}
