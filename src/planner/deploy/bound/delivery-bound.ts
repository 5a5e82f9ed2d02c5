// A proved lower bound on the deployment planner's objective (objective.ts) that keeps its delivery
// day: a unit is late until its LAST personnel and critical tonnes are in, not by their mean
// lateness (the relaxation lagrangian-bound.ts makes). No plan that obeys the planner's rules
// (schedule.ts) does better than `value`. Pure and synchronous; callers run it on a worker thread.
//
// PROOF SKETCH. Take any plan. It gives each ULN u a delivery day D_u (objective.ts: the day its
// personnel P and critical tonnes C = criticalShare × tonnes are in, a tolerance off) or leaves it
// unplanned; u's term is W_u × (D_u − RDD)+ or W_u × (2H − RDD)+, W_u = weight(priority) ×
// max(P, 1). Relax, each step only adding solutions, so the minimum can only fall:
//  1. Keep of u only what the objective and conservation demand: P' = P − 1e-6 × max(1, P)
//     personnel and C' = C − 1e-6 × max(1, tonnes) tonnes arrive at the destination by D_u (that is
//     what delivered on D_u means), and, u being planned, the rest of its tonnes (all of them, the
//     same tolerance off, less C') by H − 1 (a planned ULN's cargo all arrives inside the horizon).
//     The cargo moves as divisible flow on the time-expanded network (node, day), waiting anywhere
//     for free, over the arcs canCarry allows and that have capacity in its dimension, departing on
//     open days only, leaving the origin no earlier than max(ALD, today), arriving by H − 1 and at
//     the destination no earlier than EAD. Personnel and tonnes may take different paths, and each
//     part of each its own; lift loads, whole-unit lifts, one route per ULN, simple paths and
//     all-or-nothing planning are dropped. D_u is then any day by which everything it needs is in.
//  2. One restriction that every plan keeps: D_u ≥ E_u, the earliest day u's needed cargo could be in
//     with the network to itself, bounded by two cuts its cargo crosses (the arcs out of its origin
//     and the arrivals at its destination, delivery-network.ts earliestDelivery): u's own loads use
//     no more of an arc-day or node-day than the whole plan may (with coupling, below, per route
//     class over the arcs the class allows). Without it the convex hull below would let a ULN bigger
//     than a day's lift count as partly delivered on its first day.
//  3. Capacities. What the ULNs share is per (arc, departure day) personnel ≤ capacity and tonnes ≤
//     capacity, and per (node, arrival day) personnel and tonnes ≤ reception, every arc's arrival
//     counted at its head node (the planner's rule). The plan's image keeps them up to the planner's
//     tolerance, 1e-7, added to every right-hand side.
// Dualise the step-3 constraints with prices π ≥ 0. What is left is one problem per ULN:
//   min( W_u (2H − RDD)+ , min_{D ≥ E_u} [ W_u (D − RDD)+ + P'·cp_u(D) + C'·ct_u(D) + rest·ct_u(H − 1) ] )
// where cp_u(D) is the cheapest personnel-price walk from (origin, start) to the destination arriving
// on some day t, max(EAD, start + 1) ≤ t ≤ D (a divisible amount with no capacity takes its cheapest
// path whole), ct_u alike at tonnes prices, D ranging over days by which every needed part can be in
// (and, when P' = C' = 0, by which some cargo arrives: the delivery day is an arrival day). So L(π) =
// Σ_u (that minimum) − Σ π · rhs ≤ min over relaxed solutions of [objective + π · (usage − rhs)] ≤
// the objective of the plan's image, which is at most the plan's: weak duality. Every iterate's L(π)
// is a proved bound; `value` is the best, lowered by 1e-9 of the magnitudes summed so that rounding
// in the sums cannot make it invalid.
//
// Coupling (option `couplingModes`, default none): a plan that moves each ULN on one route has its
// personnel and tonnes use the same set of long-haul modes (air, sea). Tracking that set as a route
// class in the walks (state (node, day, class)) and making both dimensions of a ULN end in the same
// class is still a relaxation of every one-route plan, and stops the bound flying a unit's soldiers
// while its vehicles sail. The planner sends a late unit's personnel and tonnes on routes of their
// own when that delivers it sooner (choose-route.ts; the checker allows it), which coupling does not
// cover: hence opt-in, and off in the bounds plans are measured against (plan-bound.ts). Each
// coupling mode doubles the trees' states.
//
// What it cannot prove: by duality the best L(π) is the optimum of this relaxation's convex hull, in
// which a ULN may be split across delivery days (a share delivered on day 10, the rest on day 12),
// so many ULNs sharing a congested lift are as late as their mean, not their last, part: the
// delivery day adds over the mean-lateness bound that personnel and tonnes are late together and,
// through E_u, a single ULN's own spread. Measured on generated surge instances (2,000 ULNs, 60 s),
// coupled it ends 0.4 to 3 % above the mean-lateness bound (9 % on the corridor, where that one is
// slower to converge); uncoupled it is faster but may end below it where the air/sea split binds.
//
// METHOD. Projected subgradient ascent on the prices with Polyak steps towards a level, deflected:
// the direction is the projected supergradient (usage − rhs, 0 where a price at 0 has slack) plus
// DEFLECTION × its component against the last direction when the two form an obtuse angle
// (Camerini, Fratta and Maffioli), which damps the zig-zag of plain steps. The level is best bound +
// gap, at most `target` when given (a plan's objective.value, an upper bound on the optimum); the
// gap starts at target − first bound (a tenth of the first bound without a target), halves whenever
// PATIENCE iterations (or PATIENCE_SHARE of those so far) bring no improvement, and when halved to
// nothing restarts at RESTART_SHARE of its first rule. Only constraints that the force's whole cargo
// could exceed are priced.
//
// The subproblem: ULNs sharing (origin, first day, the arcs they may use) share a source
// (delivery-network.ts); per source and dimension one forward pass over the time-expanded DAG in day
// order gives the cheapest price to arrive at every (node, day) (hold-over free; arc a departing day
// d costs price_arc[a, d] + price_node[head, d + transit]), with predecessor pointers; each member
// reads its destination's arrival costs, takes prefix minima from its first day, picks D in O(H),
// and adds its amounts along the chosen paths to the usage. Typed arrays sized once: an iteration
// allocates nothing. Deterministic: the same input and iteration count give the same value; under a
// time limit the iteration count, hence the value, depends on the machine.
import { buildDeliveryNetwork } from './delivery-network.ts';
import type { DeliveryNetwork, DeliveryNetworkOptions, PricedSet } from './delivery-network.ts';
import { dayArrays, newWorkspace, solveSubproblem } from './delivery-subproblem.ts';
import type { ColumnRecorder, DayArrays, Workspace } from './delivery-subproblem.ts';
import type { CapacityPrices, DeploymentNetwork, Uln } from '../schedule-types.ts';

export interface DeliveryBoundOptions extends DeliveryNetworkOptions {
  /** Wall-clock budget. Default 60,000 ms. At least one iteration runs. */
  timeLimitMs?: number;
  /** Default 1,000,000. */
  maxIterations?: number;
  /** An upper bound on the optimum (a plan's objective.value): the Polyak steps aim at most at it. */
  target?: number;
  /** Stop when the bound is within this share of `target`. Default 1e-6. */
  relativeGap?: number;
  /** Called after an iteration that improves the bound, at most every `progressEveryMs`. */
  onProgress?: (progress: DeliveryBoundProgress) => void;
  /** Default 500 ms. */
  progressEveryMs?: number;
}

export interface DeliveryBoundProgress {
  iteration: number;
  /** Best bound so far. */
  value: number;
  /** This iteration's Lagrangian value. */
  current: number;
  elapsedMs: number;
}

export type DeliveryBoundStatus = 'converged' | 'time-limit' | 'iteration-limit';

export interface DeliveryBound {
  /** A lower bound on objective.value of every plan the planner's rules allow. */
  value: number;
  /** The first iteration's bound: no capacity or reception limits at all. */
  capacityFree: number;
  iterations: number;
  /** Iteration (1-based) that gave `value`. */
  bestIteration: number;
  elapsedMs: number;
  /**
   * 'converged': the bound reached `target` (within relativeGap), or the subproblem's solution kept
   * every constraint with complementary slackness (the bound is the relaxation's optimum).
   */
  status: DeliveryBoundStatus;
  /** Shortest-path sources: ULNs grouped by origin, first day and usable arcs. */
  sources: number;
  /** Priced constraints (arc-days and node-days, per dimension). */
  constraints: number;
  horizonDays: number;
  /**
   * The prices that gave `value`: what an arc-day or node-day of capacity is worth to the others, in
   * the objective's units (PlanOptions.prices guides the planner by them).
   */
  prices: CapacityPrices;
  /**
   * Per ULN (input order), its lateness term in the relaxation's solution at those prices (weight ×
   * days late of the delivery day its cheapest schedule takes); NaN where that solution leaves it
   * unplanned. Not a bound on anything: an order to plan by (guided-tries.ts).
   */
  lateness: Float64Array;
}

/**
 * Iterations without improvement after which the level's gap halves: PATIENCE, or this share of the
 * iterations so far when more (late on, improvements come rarer but still come).
 */
const PATIENCE = 20;
const PATIENCE_SHARE = 0.05;
/** The gap without a target: this share of the bound. */
const NO_TARGET_GAP = 0.1;
/** A gap halved to nothing restarts at this share of the first gap's rule. */
const RESTART_SHARE = 0.1;
/** How much of the last direction a deflected step keeps (CFM's γ, in (0, 2)). */
const DEFLECTION = 1.5;

/** The priced sets in DaySet order. */
export const DIMENSIONS = ['arcP', 'arcT', 'nodeP', 'nodeT'] as const;

/**
 * The best lower bound the relaxation proves within the budget (see the header for the proof).
 * RangeErrors as planDeployment's for bad input.
 */
export function deliveryLowerBound(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: DeliveryBoundOptions = {},
): DeliveryBound {
  const started = performance.now();
  return deliveryAscent(buildDeliveryNetwork(network, ulns, options), options, started);
}

/**
 * The subgradient ascent over a built network (deliveryLowerBound's body), its clock started at
 * `started`; every iteration's schedules go to `rec` when given.
 */
export function deliveryAscent(
  net: DeliveryNetwork,
  options: DeliveryBoundOptions,
  started: number,
  rec?: ColumnRecorder,
): DeliveryBound {
  const timeLimit = options.timeLimitMs ?? 60_000;
  const maxIterations = options.maxIterations ?? 1_000_000;
  const relativeGap = options.relativeGap ?? 1e-6;
  const target = options.target;
  const progressEvery = options.progressEveryMs ?? 500;
  let lastProgress = -Infinity;
  const prices = dayArrays(net);
  const bestPrices = dayArrays(net);
  const usage = dayArrays(net);
  const ws = newWorkspace(net);
  const priced: Record<(typeof DIMENSIONS)[number], PricedSet> = {
    arcP: net.arcP,
    arcT: net.arcT,
    nodeP: net.nodeP,
    nodeT: net.nodeT,
  };
  const constraints = DIMENSIONS.reduce((n, k) => n + priced[k].index.length, 0);

  // Per priced set: its indices and right-hand sides, the prices and usage they index, and the
  // ascent's state (the deflected direction and the projected supergradient).
  const sets = DIMENSIONS.map((key) => ({
    index: priced[key].index,
    rhs: priced[key].rhs,
    price: prices[key],
    use: usage[key],
    direction: new Float64Array(priced[key].index.length),
    gradient: new Float64Array(priced[key].index.length),
  }));
  let best = -Infinity;
  let bestIteration = 0;
  let capacityFree = 0;
  let iterations = 0;
  let status: DeliveryBoundStatus = 'iteration-limit';
  /** The level aimed at is best + gap (at most the target). */
  let gap = 0;
  let sinceImprovement = 0;
  const initialGap = (from: number): number =>
    target !== undefined ? Math.max(target - from, 0) : NO_TARGET_GAP * Math.max(Math.abs(from), 1);

  for (;;) {
    if (iterations >= maxIterations) {
      status = 'iteration-limit';
      break;
    }
    if (iterations > 0 && performance.now() - started >= timeLimit) {
      status = 'time-limit';
      break;
    }
    const terms = solveSubproblem(net, prices, usage, ws, rec);
    iterations++;
    let priceTimesRhs = 0;
    let norm2 = 0;
    let slackness = 0;
    let along = 0;
    let previous2 = 0;
    for (const { index, rhs, price, use, gradient: grad, direction: dir } of sets) {
      for (let k = 0; k < index.length; k++) {
        const i = index[k]!;
        const pi = price[i]!;
        const g = use[i]! - rhs[k]!;
        priceTimesRhs += pi * rhs[k]!;
        slackness += pi * g;
        // Projected: a price at 0 whose constraint has slack cannot move.
        const h = pi > 0 || g > 0 ? g : 0;
        grad[k] = h;
        norm2 += h * h;
        along += h * dir[k]!;
        previous2 += dir[k]! * dir[k]!;
      }
    }
    const current = terms - priceTimesRhs - 1e-9 * (terms + priceTimesRhs);
    if (iterations === 1) {
      capacityFree = Math.max(0, current);
      gap = initialGap(current);
    }
    if (current > best + 1e-9 * Math.max(1, Math.abs(best))) sinceImprovement = 0;
    else sinceImprovement++;
    if (current > best) {
      best = current;
      bestIteration = iterations;
      for (const key of DIMENSIONS) bestPrices[key].set(prices[key]);
      const now = performance.now();
      if (options.onProgress && now - lastProgress >= progressEvery) {
        lastProgress = now;
        options.onProgress({
          iteration: iterations,
          value: Math.max(0, best),
          current,
          elapsedMs: now - started,
        });
      }
    }
    if (target !== undefined && best >= target - relativeGap * Math.max(1, Math.abs(target))) {
      status = 'converged';
      break;
    }
    // Feasible with complementary slackness: L is the relaxation's optimum.
    if (norm2 === 0 || (norm2 < 1e-18 && Math.abs(slackness) < 1e-12)) {
      status = 'converged';
      break;
    }
    if (sinceImprovement >= Math.max(PATIENCE, PATIENCE_SHARE * iterations)) {
      gap /= 2;
      sinceImprovement = 0;
      // Halved to nothing, the steps would stall: aim higher again.
      if (gap <= 1e-4 * Math.max(1, Math.abs(best))) gap = RESTART_SHARE * initialGap(best);
    }
    const level = target !== undefined ? Math.min(target, best + gap) : best + gap;
    // Deflection (Camerini, Fratta and Maffioli): when the new supergradient turns back on the last
    // direction, keep some of the direction, which damps the zig-zag between iterates.
    const beta = along < 0 && previous2 > 0 ? (-DEFLECTION * along) / previous2 : 0;
    let direction2 = 0;
    for (const { index, price, gradient: grad, direction: dir } of sets) {
      for (let k = 0; k < index.length; k++) {
        const d = grad[k]! + beta * dir[k]!;
        dir[k] = d;
        if (price[index[k]!]! > 0 || d > 0) direction2 += d * d;
      }
    }
    if (!(direction2 > 0)) continue;
    const step = Math.max(level - current, 0) / direction2;
    for (const { index, price, direction: dir } of sets) {
      for (let k = 0; k < index.length; k++) {
        const i = index[k]!;
        const next = price[i]! + step * dir[k]!;
        price[i] = next > 0 ? next : 0;
      }
    }
  }
  const lateness = latenessAt(net, bestPrices, usage, ws);
  return {
    value: Math.max(0, best),
    capacityFree,
    iterations,
    bestIteration,
    elapsedMs: performance.now() - started,
    status,
    sources: net.sourceStart.length,
    constraints,
    horizonDays: net.H,
    prices: { H: net.H, ...bestPrices },
    lateness,
  };
}

/**
 * Each ULN's lateness term in the subproblem's solution at `prices` (one more subproblem, not
 * recorded as a column); NaN where it leaves the ULN unplanned. DeliveryBound.lateness.
 */
export function latenessAt(
  net: DeliveryNetwork,
  prices: DayArrays,
  usage: DayArrays = dayArrays(net),
  ws: Workspace = newWorkspace(net),
): Float64Array {
  const lateness = new Float64Array(net.ulnSource.length).fill(Number.NaN);
  solveSubproblem(net, prices, usage, ws, {
    begin: (j, late) => {
      lateness[j] = late;
    },
    add: () => {},
  });
  return lateness;
}
