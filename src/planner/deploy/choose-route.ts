// Choosing a route for each group of a ULN's cargo against the capacity ledger: candidate routes
// are run tentatively (undo log) soonest capacity-free arrival first, the least priority-weighted
// personnel-days late wins, then the earliest arrival, then the lowest route index; a route that
// cannot beat the best is cut short or skipped. A unit late by congestion on every fixed route also
// tries the routes avoiding each of their modes and the residual route (routes.ts), which the k
// shortest may not list.
import type { CargoGroups } from './cargo-groups.ts';
import { EPS } from './ledger.ts';
import type { Ledger } from './ledger.ts';
import { DIM_BOTH, DIM_P, DIM_T, followOnDay } from './lift-run.ts';
import type { Dim, LiftRun } from './lift-run.ts';
import type { NetworkArrays } from './network-arrays.ts';
import { criticalShareOf, personnelMass } from './objective.ts';
import { chooseHolds } from './hold-on-time.ts';
import { earliestOn, sameArcs } from './routes.ts';
import type { ResidualRouter, Route, RouteFinder } from './routes.ts';
import type { CapacityPrices, Uln, UlnStatus } from './schedule-types.ts';

/** What choose found for the ULN at hand, and per ULN the lateness no plan can avoid. */
export class Choice {
  /** The routes chosen: one per group, in CargoGroups.groupOrder's order. */
  readonly chosen: Route[] = [];
  /** Groups of the ULN's cargo (CargoGroups.groupsOf). */
  groups = 0;
  /** Why the ULN cannot be planned, or null. */
  failed: UlnStatus | null = null;
  /** The node a 'no-route' failure starts from. */
  failNode = 0;
  /** Earliest arrival from where the cargo is, ignoring capacity and closures. */
  earliest = -1;
  /** Days a single group holds its personnel and its tonnes at the origin (hold-on-time.ts). */
  holdP = 0;
  holdT = 0;
  /**
   * A single group's tonnes' own route when its personnel and tonnes go separately (chosen[0] then
   * carries the personnel only; splitRoutes), else null.
   */
  splitT: Route | null = null;
  /**
   * The route a single group's follow-on tonnes take when it is not the unit's own
   * (followRouteFor), else null.
   */
  followRoute: Route | null = null;
  /**
   * Per ULN, its follow-on route found last (followRouteFor) and the node and ready day it was
   * found for (-1: none yet): a plan's prices are fixed, so only those can change it, and every
   * pass of every order would otherwise look for it again.
   */
  readonly followFound: (Route | null)[];
  readonly followNode: Int32Array;
  readonly followReady: Int32Array;
  // Scratch: candidate routes' capacity-free arrivals, sorted, and their indices.
  readonly routeBound: Float64Array;
  readonly routeTry: Int32Array;

  constructor(ulnCount: number, routesPerPair: number) {
    this.followFound = new Array<Route | null>(ulnCount).fill(null);
    this.followNode = new Int32Array(ulnCount).fill(-1);
    this.followReady = new Int32Array(ulnCount);
    this.routeBound = new Float64Array(routesPerPair);
    this.routeTry = new Int32Array(routesPerPair);
  }
}

/** The parts of a plan's state choose reads and writes. */
export interface ChooseState {
  ulns: readonly Uln[];
  weightOf: (priority: number) => number;
  /** Eligibility class of each ULN (RouteFinder.classOfUln). */
  classOf: Int32Array;
  net: NetworkArrays;
  ledger: Ledger;
  routes: RouteFinder;
  residual: ResidualRouter;
  cargo: CargoGroups;
  lift: LiftRun;
  choice: Choice;
  /** Whether units with days to spare are held at their origin (hold-on-time.ts). */
  holdOnTime: boolean;
  /** Capacity prices in the ledger's layout (PlanOptions.prices), or null. */
  prices: CapacityPrices | null;
}

/**
 * Chooses a route per group of ULN `j` against the ledger and leaves the ledger as it was: for
 * each group, the candidate route with the least priority-weighted personnel-days late, then
 * the earliest arrival, then the lowest index. Sets s.choice; the latest lift run is not the
 * chosen route's.
 */
export function choose(s: ChooseState, j: number): void {
  const { ulns, cargo, ledger, lift, choice } = s;
  const { groupOrder, groupDay, groupStart, groupNode } = cargo;
  const u = ulns[j]!;
  const dst = cargo.destOf[j]!;
  const weight = s.weightOf(u.priority);
  const groups = cargo.groupsOf(j);
  choice.groups = groups;
  // With several groups, each is planned around those before it, so they are committed
  // tentatively and undone together if a later one fails.
  const several = groups > 1;
  choice.chosen.length = 0;
  choice.failed = null;
  choice.failNode = cargo.originOf[j]!;
  choice.earliest = -1;
  choice.holdP = 0;
  choice.holdT = 0;
  choice.splitT = null;
  // Holding on time holds follow-on tonnes too (hold-on-time.ts), on a route of their own when
  // one brings them in by the LAD; every run of this ULN reads both.
  lift.followOn = s.holdOnTime;
  choice.followRoute = s.holdOnTime && groups === 1 ? followRouteOf(s, j, groupOrder[0]!) : null;
  lift.followRoute = choice.followRoute;
  ledger.undoN = 0;
  for (let k = 0; k < groups; k++) {
    const g = groupOrder[k]!;
    const ready = groupDay[groupStart[g]!]!;
    const routes = s.routes.routesFor(s.classOf[j]!, groupNode[g]!, dst);
    if (routes.length === 0) {
      choice.failed = 'no-route';
      choice.failNode = groupNode[g]!;
      break;
    }
    choice.earliest = Math.max(choice.earliest, ready + routes[0]!.transit);
    const soonest = rankRoutes(s, routes, ready, u.ead);
    const best = bestRoute(s, j, weight, g, ready, routes, soonest, !several);
    if (!best.route) {
      choice.failed = 'beyond-horizon';
      break;
    }
    choice.chosen.push(best.route);
    if (several) lift.run(u, weight, best.route, false, g);
    else if (best.splitT) choice.splitT = best.splitT;
    else if (s.holdOnTime) chooseHolds(s, u, weight, g, best.route);
  }
  ledger.rollback(0);
}

/**
 * Sorts `routes` into choice.routeTry by capacity-free arrival (routeBound) for cargo ready on
 * `ready`, then by index; returns the soonest arrival.
 */
function rankRoutes(s: ChooseState, routes: readonly Route[], ready: number, ead: number): number {
  const { routeBound, routeTry } = s.choice;
  const R = routes.length;
  for (let r = 0; r < R; r++) {
    const bound = earliestOn(s.net, routes[r]!, ready, ead);
    let k = r;
    while (k > 0 && routeBound[k - 1]! > bound) {
      routeBound[k] = routeBound[k - 1]!;
      routeTry[k] = routeTry[k - 1]!;
      k--;
    }
    routeBound[k] = bound;
    routeTry[k] = r;
  }
  return R > 0 ? routeBound[0]! : Infinity;
}

/**
 * The best route found so far for the group at hand: its weighted lateness, last arrival, and
 * lateness plus the price of the capacity it uses (= late without prices).
 */
interface Best {
  /** The route, or with splitT the personnel's. */
  route: Route | null;
  /** The tonnes' route when they go apart from the personnel (splitRoutes), else null. */
  splitT: Route | null;
  late: number;
  arrival: number;
  total: number;
}

/** The price of what the ledger logged since `mark`. */
function pricedUsage(s: ChooseState, mark: number): number {
  const p = s.prices!;
  const { undoIdx, undoP, undoT, undoN } = s.ledger;
  let sum = 0;
  for (let i = mark; i < undoN; i++) {
    const idx = undoIdx[i]!;
    if (idx >= 0) sum += p.arcP[idx]! * undoP[i]! + p.arcT[idx]! * undoT[i]!;
    else sum += p.nodeP[-idx - 1]! * undoP[i]! + p.nodeT[-idx - 1]! * undoT[i]!;
  }
  return sum;
}

/**
 * Runs `route` for group `g` of ULN `u` tentatively, cut short once it cannot beat `best`, and
 * takes it into `best` when it is less late, or as late and arriving sooner.
 */
function tryRoute(s: ChooseState, u: Uln, weight: number, g: number, route: Route, best: Best): void {
  const { ledger, lift } = s;
  const mark = ledger.undoN;
  const priced = s.prices !== null;
  const ok = priced
    ? lift.run(u, weight, route, false, g, best.total, Infinity)
    : lift.run(u, weight, route, false, g, best.late, best.arrival);
  const total = ok ? lift.late + (priced ? pricedUsage(s, mark) : 0) : Infinity;
  ledger.rollback(mark);
  if (
    ok &&
    (total < best.total - EPS || (Math.abs(total - best.total) <= EPS && lift.arrival < best.arrival))
  ) {
    best.route = route;
    best.splitT = null;
    best.late = lift.late;
    best.arrival = lift.arrival;
    best.total = total;
  }
}

/**
 * Whether no load of a route whose capacity-free arrival is `bound` can beat `best`: the unit is
 * not delivered before it.
 */
function cannotBeat(u: Uln, mass: number, bound: number, best: Best): boolean {
  const lateBound = bound > u.rdd ? mass * (bound - u.rdd) : 0;
  return lateBound > best.total + EPS || (lateBound >= best.total - EPS && bound >= best.arrival);
}

/**
 * The best route for group `g` of ULN `j` (ready on `ready`, priority weight `weight`), trying
 * `routes` in rankRoutes' order and then, if late by congestion, the routes avoiding each of their
 * modes and the residual route; null if none reaches the destination.
 */
function bestRoute(
  s: ChooseState,
  j: number,
  weight: number,
  g: number,
  ready: number,
  routes: readonly Route[],
  soonest: number,
  single: boolean,
): Best {
  const { cargo } = s;
  const { routeBound, routeTry } = s.choice;
  const u = s.ulns[j]!;
  const best: Best = { route: null, splitT: null, late: Infinity, arrival: Infinity, total: Infinity };
  const mass = weight * personnelMass(u);
  // Routes are tried soonest capacity-free arrival first (then by index), so a good one is
  // found early; once a route found is at least as good as the next one's capacity-free arrival,
  // that one and every later one in this order cannot win.
  for (let i = 0; i < routes.length; i++) {
    if (cannotBeat(u, mass, routeBound[i]!, best)) break;
    tryRoute(s, u, weight, g, routes[routeTry[i]!]!, best);
  }
  const unavoidable = unavoidableLate(u, weight, soonest);
  // Late by congestion on every fixed route (or on none): the shortest routes that avoid a mode
  // the fixed ones use (routes.ts alternativesFor), for the personnel and the tonnes apart when the
  // unit is one group of both (splitRoutes: never later than both on one route), then the route
  // the residual capacity leaves open, found against the ledger, which may be a detour no listed
  // route takes. Units on time keep their route among the k shortest.
  if (best.late > unavoidable + EPS) {
    if (single && u.personnel > 0 && u.tonnes > 0) splitRoutes(s, j, weight, g, routes, best);
    else {
      for (const alt of s.routes.alternativesFor(s.classOf[j]!, cargo.groupNode[g]!, cargo.destOf[j]!)) {
        if (!cannotBeat(u, mass, earliestOn(s.net, alt, ready, u.ead), best))
          tryRoute(s, u, weight, g, alt, best);
      }
    }
  }
  if (best.late > unavoidable + EPS) {
    let totalP = 0;
    let totalT = 0;
    for (let i = cargo.groupStart[g]!; i < cargo.groupStart[g + 1]!; i++) {
      totalP += cargo.groupP[i]!;
      totalT += cargo.groupT[i]!;
    }
    const detour = s.residual.find(
      s.classOf[j]!,
      cargo.groupNode[g]!,
      totalP,
      totalT,
      ready,
      cargo.destOf[j]!,
      u.ead,
    );
    if (detour && !routes.some((r) => sameArcs(r.arcs, detour.arcs))) tryRoute(s, u, weight, g, detour, best);
  }
  return best;
}

/** The lateness of ULN `u` delivered on `day`, the soonest any route delivers it on an empty network. */
const unavoidableLate = (u: Uln, weight: number, day: number): number =>
  day > u.rdd ? weight * personnelMass(u) * (day - u.rdd) : 0;

/** The best route found for one part of a split group: its lateness alone, arrival and price. */
interface Part {
  route: Route | null;
  /** Weighted lateness were the unit delivered when this part is in. */
  late: number;
  delivered: number;
  arrival: number;
  priced: number;
}

/**
 * Runs part `dim` of group `g` on `route` tentatively, cut short once it cannot beat `part` or
 * `cut` (the best whole route's total), and takes it into `part` when less late, or as late and
 * arriving sooner (or cheaper, with prices). Leaves the ledger as it was.
 */
function tryPart(
  s: ChooseState,
  u: Uln,
  weight: number,
  g: number,
  route: Route,
  cut: number,
  part: Part,
): void {
  const { ledger, lift } = s;
  const mark = ledger.undoN;
  const priced = s.prices !== null;
  // A part's lateness is at most its total (prices are never negative): one later than the best
  // part's total, or than the best whole route's, cannot win.
  const ok = lift.run(
    u,
    weight,
    route,
    false,
    g,
    Math.min(cut, part.late + part.priced),
    priced ? Infinity : part.arrival,
  );
  const price = ok && priced ? pricedUsage(s, mark) : 0;
  ledger.rollback(mark);
  if (!ok) return;
  const key = lift.late + price;
  const bestKey = part.late + part.priced;
  if (key < bestKey - EPS || (Math.abs(key - bestKey) <= EPS && lift.arrival < part.arrival)) {
    part.route = route;
    part.late = lift.late;
    part.delivered = lift.delivered;
    part.arrival = lift.arrival;
    part.priced = price;
  }
}

/**
 * The route of part `dim` (personnel or tonnes) of group `g` alone: the fixed routes in
 * rankRoutes' order (choice.routeTry), then the routes avoiding each of their modes; the least
 * late, then the soonest (with prices, the least late plus price). Without prices it stops at the
 * first route that delivers the part by `enough` (no later than the other part: the unit is then
 * delivered when that one is).
 */
function bestPart(
  s: ChooseState,
  j: number,
  weight: number,
  g: number,
  dim: Dim,
  routes: readonly Route[],
  cut: number,
  enough: number,
): Part {
  const { lift, choice } = s;
  const u = s.ulns[j]!;
  const mass = weight * personnelMass(u);
  const part: Part = { route: null, late: Infinity, delivered: Infinity, arrival: Infinity, priced: 0 };
  const done = () => s.prices === null && part.delivered <= enough;
  lift.only = dim;
  try {
    for (let i = 0; i < routes.length && !done(); i++) {
      const bound = choice.routeBound[i]!;
      if ((bound > u.rdd ? mass * (bound - u.rdd) : 0) > Math.min(cut, part.late + part.priced) + EPS) break;
      tryPart(s, u, weight, g, routes[choice.routeTry[i]!]!, cut, part);
    }
    const alternatives = s.routes.alternativesFor(s.classOf[j]!, s.cargo.groupNode[g]!, s.cargo.destOf[j]!);
    for (let i = 0; i < alternatives.length && !done(); i++)
      tryPart(s, u, weight, g, alternatives[i]!, cut, part);
  } finally {
    lift.only = DIM_BOTH;
  }
  return part;
}

/**
 * For a single group late by congestion on its best fixed route (`best`): its personnel and tonnes
 * on routes of their own, marrying up at the destination as units do (the soldiers fly while the
 * vehicles sail), over the fixed routes and those avoiding each of their modes. The tonnes, which
 * decide most late units' delivery, take the route that delivers them soonest, then the personnel
 * the first that brings them in no later (rankRoutes' order), or the soonest; the unit is delivered
 * when both are in. Personnel and tonnes run apart over their own capacity, so this is never later
 * than the two on any one route (whole-unit arcs aside, where one lift waits for both). Takes the
 * split into `best` when it beats it, or the one route both parts chose as a route of its own.
 * Leaves the ledger as it was.
 */
function splitRoutes(
  s: ChooseState,
  j: number,
  weight: number,
  g: number,
  routes: readonly Route[],
  best: Best,
): void {
  const u = s.ulns[j]!;
  const t = bestPart(s, j, weight, g, DIM_T, routes, best.total, -Infinity);
  if (!t.route) return;
  const p = bestPart(s, j, weight, g, DIM_P, routes, best.total, t.delivered);
  if (!p.route) return;
  if (sameArcs(p.route.arcs, t.route.arcs)) {
    if (p.route !== best.route) tryRoute(s, u, weight, g, p.route, best);
    return;
  }
  const delivered = Math.max(p.delivered, t.delivered);
  const late = delivered > u.rdd ? weight * personnelMass(u) * (delivered - u.rdd) : 0;
  const total = late + p.priced + t.priced;
  if (total >= best.total - EPS) return;
  best.route = p.route;
  best.splitT = t.route;
  best.late = late;
  best.arrival = Math.max(p.arrival, t.arrival);
  best.total = total;
}

/** followRouteFor for group `g` of ULN `j`, found once per node and ready day (Choice.followFound). */
function followRouteOf(s: ChooseState, j: number, g: number): Route | null {
  const { choice, cargo } = s;
  const node = cargo.groupNode[g]!;
  const ready = cargo.groupDay[cargo.groupStart[g]!]!;
  if (choice.followNode[j] !== node || choice.followReady[j] !== ready) {
    choice.followFound[j] = followRouteFor(s, j, node, ready);
    choice.followNode[j] = node;
    choice.followReady[j] = ready;
  }
  return choice.followFound[j]!;
}

/**
 * The route ULN `j`'s follow-on tonnes take (hold-on-time.ts) from `node`, ready on `ready`, when
 * not the unit's own; null when the unit's own will do. Of the fixed routes and those avoiding
 * each of their modes, those that carry tonnes on every arc and bring them in by the LAD on an
 * empty network: with prices, the one whose capacity costs least on the days it would use it;
 * without, the one on which a tonne takes the least share of a day's capacity summed over its
 * arcs (bulk lift, the sea or the railway, before the airlift the units' critical equipment
 * needs), then the shortest. On the planner benchmark's congested instances this moves the
 * objective by about 1 % either way: the follow-on share is small and leaves late. It is what
 * movement staffs do with sustainment stocks, and what the relaxation does (bound/delivery-bound.ts).
 */
export function followRouteFor(s: ChooseState, j: number, node: number, ready: number): Route | null {
  const u = s.ulns[j]!;
  if (!(u.tonnes > 0) || criticalShareOf(u) >= 1) return null;
  const dst = s.cargo.destOf[j]!;
  const c = s.classOf[j]!;
  const { loadT, capT, arcTransit, arcTo, H } = s.net;
  const prices = s.prices;
  let best: Route | null = null;
  let bestCost = Infinity;
  let bestFootprint = Infinity;
  const consider = (r: Route): void => {
    // The share of a day's capacity a tonne takes, summed over the arcs.
    let footprint = 0;
    for (let l = 0; l < r.arcs.length; l++) {
      const a = r.arcs[l]!;
      if (!(loadT[a]! > 0 && capT[a]! > 0)) return;
      footprint += 1 / capT[a]!;
    }
    if (earliestOn(s.net, r, ready, u.ead) > u.lad) return;
    let cost = 0;
    if (prices) {
      // Along its capacity-free days from the day it would leave (lift-run.ts followDay).
      let d = followOnDay(u, ready, r.transit);
      for (let l = 0; l < r.arcs.length && d < H; l++) {
        const a = r.arcs[l]!;
        const arrive = d + arcTransit[a]!;
        cost += prices.arcT[a * H + d]! + (arrive < H ? prices.nodeT[arcTo[a]! * H + arrive]! : 0);
        d = arrive;
      }
    }
    const better =
      best === null ||
      cost < bestCost - EPS ||
      (cost <= bestCost + EPS &&
        (footprint < bestFootprint || (footprint === bestFootprint && r.transit < best.transit)));
    if (better) {
      best = r;
      bestCost = cost;
      bestFootprint = footprint;
    }
  };
  for (const r of s.routes.routesFor(c, node, dst)) consider(r);
  for (const r of s.routes.alternativesFor(c, node, dst)) consider(r);
  return best;
}
