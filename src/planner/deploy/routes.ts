// Candidate routes for the scheduler: Yen's k shortest simple paths by transit days per (node,
// destination) and eligibility class, ties broken by leg count then arc indices, cached between
// plans by network shape, and the shortest routes that avoid each mode those use (alternatives for a
// unit late on all of them); the capacity-free earliest arrival on a route; and the residual route,
// the earliest-arrival path through what the ledger leaves open (a time-dependent Dijkstra).
import { canCarry, eligibilityKey } from './objective.ts';
import { EPS } from './ledger.ts';
import type { Ledger } from './ledger.ts';
import type { NetworkArrays } from './network-arrays.ts';
import type { DeploymentNetwork, Uln } from './schedule-types.ts';

export interface Route {
  arcs: Int32Array;
  transit: number;
}

/** Routes that avoid each mode, besides the k shortest (RouteFinder.routesFor). */
const MODE_ALTERNATIVES = 2;

/** Candidate routes per network shape (see RouteFinder), least recently used dropped first. */
const routeCaches = new Map<string, Map<string, Map<number, Route[]>>>();
const ROUTE_CACHE_NETWORKS = 16;

/** The k shortest routes of each eligibility class, from the cache or found by Yen's algorithm. */
export class RouteFinder {
  /** Per eligibility class (index of classOfUln): its routes by origin * N + destination. */
  readonly classRoutes: Map<number, Route[]>[] = [];
  /** Per eligibility class: 1 for each arc its ULNs may not use (objective.ts canCarry). */
  readonly classBarred: Uint8Array[] = [];
  private readonly classIndex = new Map<string, number>();
  private readonly routeCache: Map<string, Map<number, Route[]>>;
  // Scratch of Yen and Dijkstra.
  private readonly removedArc: Uint8Array;
  private readonly removedNode: Uint8Array;
  /** Arcs the ULNs of the eligibility class at hand may not use. */
  private barredArc: Uint8Array;
  private readonly dist: Float64Array;
  private readonly hops: Int32Array;
  private readonly viaArc: Int32Array;
  private readonly done: Uint8Array;
  /** Per eligibility class: its alternative routes (alternativesFor) by origin * N + destination. */
  private readonly classAlternatives: Map<number, Route[]>[] = [];
  /** Each arc's mode, numbered. */
  private readonly arcMode: Int32Array;
  private readonly modeCount: number;

  constructor(
    private readonly network: DeploymentNetwork,
    private readonly net: NetworkArrays,
    private readonly k: number,
  ) {
    const { N, A, arcFrom, arcTo, arcTransit, capP, capT } = net;
    this.removedArc = new Uint8Array(A);
    this.removedNode = new Uint8Array(N);
    this.barredArc = new Uint8Array(A);
    this.dist = new Float64Array(N);
    this.hops = new Int32Array(N);
    this.viaArc = new Int32Array(N);
    this.done = new Uint8Array(N);
    const modeNames = [...new Set(network.arcs.map((arc) => arc.mode))];
    this.modeCount = modeNames.length;
    this.arcMode = Int32Array.from(network.arcs, (arc) => modeNames.indexOf(arc.mode));
    // Routes depend only on the network's shape (arcs' ends, transit and whether they carry
    // anything) and k, not on capacities, closures or the force list: kept between calls, a re-plan
    // on the same network (every request in a session, every re-plan after a change) skips Yen.
    // A ULN's eligibility (modes, largest item) bars arcs by their mode, load size and whole-unit
    // flag, so those are part of the shape too; each eligibility class has its own routes.
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
    this.routeCache = routeCache;
  }

  /** The eligibility class of `u`, a new one (its cached routes, its barred arcs) when first seen. */
  classOfUln(u: Uln): number {
    const key = eligibilityKey(u);
    let c = this.classIndex.get(key);
    if (c === undefined) {
      c = this.classRoutes.length;
      this.classIndex.set(key, c);
      let cached = this.routeCache.get(key);
      if (!cached) this.routeCache.set(key, (cached = new Map<number, Route[]>()));
      this.classRoutes.push(cached);
      // The alternatives too depend on the shape alone: cached beside the routes.
      let alternatives = this.routeCache.get(`alternatives|${key}`);
      if (!alternatives)
        this.routeCache.set(`alternatives|${key}`, (alternatives = new Map<number, Route[]>()));
      this.classAlternatives.push(alternatives);
      this.classBarred.push(Uint8Array.from(this.network.arcs, (arc) => (canCarry(u, arc) ? 0 : 1)));
    }
    return c;
  }

  /** The k shortest routes from node `o` to node `d` for eligibility class `c`. */
  routesFor(c: number, o: number, d: number): Route[] {
    const key = o * this.net.N + d;
    const cache = this.classRoutes[c]!;
    let r = cache.get(key);
    if (!r) {
      this.barredArc = this.classBarred[c]!;
      r = this.kShortest(o, d, this.k);
      cache.set(key, r);
    }
    return r;
  }

  /**
   * Routes from `o` to `d` for class `c` besides the k shortest: for each mode the k shortest use,
   * the MODE_ALTERNATIVES shortest that do not use it, those not among the k shortest. Under lift
   * the k shortest of a layered network are all by air: a heavy unit late on all of them must still
   * be offered the sea and the railway, or it flies its hundreds of tonnes a load a day for weeks
   * (the 32–99 % of heavy units flown).
   */
  alternativesFor(c: number, o: number, d: number): Route[] {
    const key = o * this.net.N + d;
    const cache = this.classAlternatives[c]!;
    let r = cache.get(key);
    if (!r) {
      const shortest = this.routesFor(c, o, d);
      const barred = this.classBarred[c]!;
      const seen = new Set(shortest.map((x) => x.arcs.join(',')));
      r = [];
      for (let m = 0; m < this.modeCount; m++) {
        // Only modes the shortest routes use: avoiding one they do not use finds nothing new.
        if (!shortest.some((x) => x.arcs.some((a) => this.arcMode[a] === m))) continue;
        this.barredArc = Uint8Array.from(barred, (b, a) => (b || this.arcMode[a] === m ? 1 : 0));
        for (const alt of this.kShortest(o, d, MODE_ALTERNATIVES)) {
          const id = alt.arcs.join(',');
          if (!seen.has(id)) {
            seen.add(id);
            r.push(alt);
          }
        }
      }
      this.barredArc = barred;
      cache.set(key, r);
    }
    return r;
  }

  private dijkstra(s: number, t: number): number[] | null {
    const { dist, hops, viaArc, done, removedNode, removedArc, barredArc } = this;
    const { N, outArcs, arcTo, arcFrom, arcTransit } = this.net;
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

  private transitOf(p: readonly number[]): number {
    const arcTransit = this.net.arcTransit;
    return p.reduce((s, a) => s + arcTransit[a]!, 0);
  }

  /** Yen's algorithm: up to k simple paths by transit, then leg count, then arc indices. */
  private kShortest(s: number, t: number, k: number): Route[] {
    if (s === t) return [];
    const first = this.dijkstra(s, t);
    if (!first) return [];
    const { removedArc, removedNode } = this;
    const arcFrom = this.net.arcFrom;
    const compare = (x: number[], y: number[]): number => {
      const d = this.transitOf(x) - this.transitOf(y) || x.length - y.length;
      if (d) return d;
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return 0;
    };
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
        const tail = this.dijkstra(spur, t);
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
    return found.map((p) => ({ arcs: Int32Array.from(p), transit: this.transitOf(p) }));
  }
}

/** Earliest arrival on `route` for cargo ready on `ready`, closures and EAD counted, capacity not. */
export function earliestOn(net: NetworkArrays, route: Route, ready: number, ead: number): number {
  const { H, closed, arcTransit } = net;
  let d = ready;
  const legs = route.arcs.length;
  for (let leg = 0; leg < legs; leg++) {
    const a = route.arcs[leg]!;
    if (leg === legs - 1) d = Math.max(d, ead - arcTransit[a]!);
    while (d < H && closed[a * H + d]) d++;
    d += arcTransit[a]!;
  }
  return d;
}

export const sameArcs = (x: Int32Array, y: Int32Array): boolean =>
  x.length === y.length && x.every((a, i) => a === y[i]);

// The k shortest routes are fixed by transit time: under congestion they can all funnel through
// the same full arcs while a longer detour stands empty. For a unit late by congestion the
// planner also tries the earliest-arrival route through the residual network: a time-dependent
// Dijkstra from where the cargo is, crossing each arc on the first day its residual capacity,
// the head node's reception and closures let one load of this unit through.
export class ResidualRouter {
  private readonly earliestAt: Int32Array;
  private readonly reachedBy: Int32Array;
  private readonly settled: Uint8Array;
  /** Distinct residual routes found, by class and arc list, so chosen routes are shared objects. */
  private readonly residualRoutes = new Map<string, Route>();

  constructor(
    private readonly net: NetworkArrays,
    private readonly ledger: Ledger,
    private readonly classBarred: readonly Uint8Array[],
  ) {
    this.earliestAt = new Int32Array(net.N);
    this.reachedBy = new Int32Array(net.N);
    this.settled = new Uint8Array(net.N);
  }

  /**
   * The earliest-arrival route for eligibility class `c` from node `s0` to `dst` of cargo of
   * `totalP` personnel and `totalT` tonnes ready on `ready`, against the ledger; null if none.
   */
  find(
    c: number,
    s0: number,
    totalP: number,
    totalT: number,
    ready: number,
    dst: number,
    ead: number,
  ): Route | null {
    const { earliestAt, reachedBy, settled } = this;
    const { N, H, outArcs, arcFrom, arcTo, arcTransit, whole, loadP, loadT, closed, capP, capT, recP, recT } =
      this.net;
    const { arcUsedP, arcUsedT, nodeUsedP, nodeUsedT } = this.ledger;
    const barred = this.classBarred[c]!;
    earliestAt.fill(0x7fffffff);
    reachedBy.fill(-1);
    settled.fill(0);
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
    let route = this.residualRoutes.get(key);
    if (!route) {
      route = { arcs: Int32Array.from(path), transit: path.reduce((t, a) => t + arcTransit[a]!, 0) };
      this.residualRoutes.set(key, route);
    }
    return route;
  }
}
