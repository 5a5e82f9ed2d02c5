// A proved lower bound on the deployment planner's objective (objective.ts): no plan that obeys the
// planner's rules (schedule.ts) does better than `value`, so `plan − value` bounds how far from
// optimal a plan is. Pure and synchronous; callers run it on a worker thread.
//
// PROOF SKETCH. Take any plan. It leaves each ULN u unplanned, term W × (2H − RDD)+, or moves all of
// u's cargo inside the horizon (its personnel and its tonnes each along a simple route, the same one
// or, split by the planner, two) and delivers it on day D (objective.ts), term
// W × (D − RDD)+; W = weight(priority) × max(P, 1). Relax, each step only adding solutions or
// lowering costs, so the minimum can only fall:
//  1. Delivery to means. u counts as delivered once P' = P − 1e-6 × max(1, P) of its personnel and
//     C' = criticalShare × tonnes − 1e-6 × max(1, tonnes) of its tonnes are in; the first P'
//     personnel and the first C' tonnes to arrive all arrive by D, so the mean lateness Lp of the
//     first P' and Lt of the first C' are each ≤ (D − RDD)+: cost u W × max(Lp, Lt) instead. Its
//     other tonnes (tonnes − C') still arrive by H − 1, at no lateness cost; the last 1e-6 of its
//     personnel is dropped (what is dropped only ever used capacity).
//  2. Routes to walks in a class. The cargo moves as divisible flow on the time-expanded network
//     (node, day), waiting anywhere for free, over the arcs canCarry allows and that have capacity in
//     its dimension, departing on open days only, leaving the origin no earlier than max(ALD, today),
//     arriving by H − 1, and arriving at the destination (never after waiting there) no earlier than
//     EAD. With coupling modes (opt-in, for plans that keep each ULN on one route) every walk of u
//     ends in the same route class, the set of coupling modes it used (time-expanded.ts), which a
//     route's personnel and tonnes share; by default there is one class and nothing ties them. Lift
//     loads, whole-unit lifts, simple paths and one path per dimension are dropped.
//  3. Capacities. What the ULNs share is per (arc, departure day) personnel ≤ capacity and tonnes ≤
//     capacity, and per (node, arrival day) personnel and tonnes ≤ reception, every arc's arrival
//     counted at its head node. The plan's image keeps them (up to the planner's 1e-7 tolerance,
//     added to every right-hand side).
// Price the step-3 constraints with π ≥ 0 (Lagrange). What remains is one problem per ULN: the
// cheaper of unplanned and planned in its cheapest class c, where planned in c costs the minimum
// over its flows ending in c of W × max(Lp, Lt) + π · usage. For any α in [0, 1], α Lp + (1 − α) Lt
// ≤ max(Lp, Lt), and with α fixed the minimum splits into shortest paths in the time-expanded
// network (time-expanded.ts): min over personnel walks of (α W lateness + P' × price), over
// critical-tonnes walks of ((1 − α) W lateness + C' × price), and the other tonnes' cheapest walk.
// Any α thus gives a lower bound on the ULN's cost; the best α gives the exact one (for a fixed
// class the flows form a polytope and the cost is bilinear: min-max = max-min). So the Lagrangian
//   L(π) = Σ_u min(unplanned, min_c planned in c) − Σ π × (capacity + 1e-6)
// is at most the objective of every plan, for every π ≥ 0 (weak duality: the plan's image is one of
// the flows minimised over, and its usage is within capacity). Every iterate's L(π) is a proved
// bound; `value` is the best, lowered by 1e-9 of the magnitudes summed so that rounding in the sums
// cannot make it invalid. At best, L reaches the optimum of the relaxation's linear programme (its
// classes convexified: relaxation-lp.ts writes it out for tests).
//
// SCOPE. Plans from scratch: loads already executed (PlanOptions.executed) are not modelled, `today`
// is. The horizon must be the plan's (the penalty day is 2H): the default is the planner's.
//
// METHOD. Projected subgradient ascent on the prices towards a level (Polyak's step). The direction
// is a running average of the supergradients (usage − capacity at the subproblem's solution; three
// tenths of the new one each time, as in the volume algorithm), which damps the zigzag of the
// subproblem's all-or-nothing choices. The level is the best bound plus a gap, capped at `target`
// (a plan's objective, the natural upper bound): the gap starts at target − first bound (a tenth of
// the first bound without a target), grows by half when a step gets halfway to it, and halves when
// 100 iterations bring nothing better, the steps then restarting from the best prices. Only
// constraints that total demand could exceed are priced. Without a target the level is a guess:
// give one when a plan is at hand.
//
// Deterministic: the same input and iteration count give the same value. Under a time limit the
// iteration count, hence the value, depends on the machine.
import { buildTimeExpanded, newWorkspace, solveSubproblem, zeroPrices } from './time-expanded.ts';
import type { Prices, TimeExpandedNetwork, TimeExpandedOptions } from './time-expanded.ts';
import type { DeploymentNetwork, Uln } from '../schedule-types.ts';

export interface DeploymentBoundOptions extends TimeExpandedOptions {
  /** Wall-clock budget. Default 60,000 ms. */
  timeLimitMs?: number;
  /** Default 1,000,000. */
  maxIterations?: number;
  /** An upper bound on the optimum (a plan's objective.value): the steps aim at it. */
  target?: number;
  /** Stop once the bound is within this share of `target`. Default 1e-6. */
  relativeGap?: number;
  /** Called after an iteration that improved the bound, at most every `progressEveryMs`. */
  onProgress?: (progress: DeploymentBoundProgress) => void;
  /** Default 500 ms; 0 reports every improvement. */
  progressEveryMs?: number;
}

export interface DeploymentBoundProgress {
  iteration: number;
  /** Best bound so far. */
  value: number;
  /** This iteration's Lagrangian value. */
  current: number;
  elapsedMs: number;
}

export type DeploymentBoundStatus = 'converged' | 'time-limit' | 'iteration-limit';

export interface DeploymentBound {
  /** A lower bound on objective.value of every plan the planner's rules allow. */
  value: number;
  /** The first iteration's bound: no capacity or reception limits at all. */
  capacityFree: number;
  iterations: number;
  /** Iteration (1-based) that gave `value`. */
  bestIteration: number;
  elapsedMs: number;
  /**
   * 'converged': the bound reached `target` (within relativeGap), or the subproblem's solution was
   * feasible (the bound is then the relaxation's optimum), or the gap to the level shrank to nothing
   * (the method has stalled, as a rule at or near that optimum, though not always: see the tests).
   */
  status: DeploymentBoundStatus;
  /** Shortest-path sources: ULNs grouped by origin, first day and eligibility key. */
  classes: number;
  /** Distinct eligibility keys (objective.ts eligibilityKey). */
  eligibilityClasses: number;
  /** The modes whose use a ULN's personnel and tonnes share. */
  couplingModes: string[];
  /** Priced constraints: arc-days and node-days, per dimension. */
  constraints: number;
  horizonDays: number;
}

const PRICE_ARRAYS = ['arcP', 'arcT', 'nodeP', 'nodeT'] as const;
type PriceArray = (typeof PRICE_ARRAYS)[number];

/** Share of the new supergradient in the direction. */
const DIRECTION_MIX = 0.3;
/** Iterations without a better bound before the level comes down. */
const PATIENCE = 100;
/** Growth of the gap to the level when a step gets at least halfway to it. */
const GAP_GROWTH = 1.5;

/** The constraints worth pricing: those whose right-hand side total demand could exceed. */
interface Priced {
  index: Record<PriceArray, Int32Array>;
  rhs: Record<PriceArray, Float64Array>;
  count: number;
}

function pricedConstraints(net: TimeExpandedNetwork): Priced {
  let totalP = 0;
  let totalT = 0;
  for (let j = 0; j < net.ulnP.length; j++) {
    totalP += net.ulnP[j]!;
    totalT += net.ulnC[j]! + net.ulnRest[j]!;
  }
  // An arc-day that is closed never carries anything: its price stays 0.
  const pick = (cap: Float64Array, total: number, closed: Uint8Array | null) => {
    const index: number[] = [];
    for (let i = 0; i < cap.length; i++) if (cap[i]! < total && !(closed && closed[i])) index.push(i);
    return { index: Int32Array.from(index), rhs: Float64Array.from(index, (i) => cap[i]!) };
  };
  const arcP = pick(net.capP, totalP, net.closed);
  const arcT = pick(net.capT, totalT, net.closed);
  const nodeP = pick(net.recP, totalP, null);
  const nodeT = pick(net.recT, totalT, null);
  return {
    index: { arcP: arcP.index, arcT: arcT.index, nodeP: nodeP.index, nodeT: nodeT.index },
    rhs: { arcP: arcP.rhs, arcT: arcT.rhs, nodeP: nodeP.rhs, nodeT: nodeT.rhs },
    count: arcP.index.length + arcT.index.length + nodeP.index.length + nodeT.index.length,
  };
}

/**
 * The best lower bound the Lagrangian relaxation proves within the budget (see the header for the
 * proof and the method). RangeErrors as planDeployment's for bad input.
 */
export function deploymentLowerBound(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: DeploymentBoundOptions = {},
): DeploymentBound {
  const started = performance.now();
  const timeLimit = options.timeLimitMs ?? 60_000;
  const maxIterations = options.maxIterations ?? 1_000_000;
  const relativeGap = options.relativeGap ?? 1e-6;
  const progressEvery = options.progressEveryMs ?? 500;
  const target = options.target;
  const net = buildTimeExpanded(network, ulns, options);
  const priced = pricedConstraints(net);
  const prices: Prices = zeroPrices(net);
  const usage: Prices = zeroPrices(net);
  const ws = newWorkspace(net);
  const direction = {} as Record<PriceArray, Float64Array>;
  for (const key of PRICE_ARRAYS) direction[key] = new Float64Array(priced.index[key].length);

  let best = -Infinity;
  let bestIteration = 0;
  let capacityFree = 0;
  let iterations = 0;
  let status: DeploymentBoundStatus = 'iteration-limit';
  let lastProgress = -Infinity;
  let sinceImprovement = 0;
  // The level aimed at is the best bound plus `gap`, capped at the target: the gap grows while the
  // steps reach it and halves (steps restarting from the best prices) when they stall.
  let gap = 0;
  // Without a target, the first gap is a day late for every ULN, or a tenth of the first bound.
  let dayForAll = 0;
  for (let j = 0; j < net.ulnWeight.length; j++) dayForAll += net.ulnWeight[j]!;
  const bestPrices = zeroPrices(net);

  for (;;) {
    if (iterations >= maxIterations) {
      status = 'iteration-limit';
      break;
    }
    if (iterations > 0 && performance.now() - started >= timeLimit) {
      status = 'time-limit';
      break;
    }
    const { terms } = solveSubproblem(net, prices, usage, ws);
    iterations++;
    // The Lagrangian, the supergradient's norm (components that projection would not cancel) and
    // the new direction.
    let priceTimesRhs = 0;
    let norm2 = 0;
    for (const key of PRICE_ARRAYS) {
      const index = priced.index[key];
      const rhs = priced.rhs[key];
      const price = prices[key];
      const use = usage[key];
      const dir = direction[key];
      for (let k = 0; k < index.length; k++) {
        const i = index[k]!;
        const g = use[i]! - rhs[k]!;
        priceTimesRhs += price[i]! * rhs[k]!;
        if (price[i]! > 0 || g > 0) norm2 += g * g;
        dir[k] = DIRECTION_MIX * g + (1 - DIRECTION_MIX) * dir[k]!;
      }
    }
    const current = terms - priceTimesRhs - 1e-9 * (terms + priceTimesRhs);
    if (iterations === 1) {
      capacityFree = Math.max(0, current);
      gap =
        target !== undefined ? Math.max(target - current, 0) : Math.max(0.1 * Math.abs(current), dayForAll);
    }
    if (current > best) {
      if (iterations > 1 && current >= best + gap / 2) gap *= GAP_GROWTH;
      if (current > best + 1e-9 * Math.max(1, Math.abs(best))) sinceImprovement = 0;
      best = current;
      bestIteration = iterations;
      for (const key of PRICE_ARRAYS) bestPrices[key].set(prices[key]);
    } else sinceImprovement++;
    const now = performance.now();
    if (options.onProgress && bestIteration === iterations && now - lastProgress >= progressEvery) {
      lastProgress = now;
      options.onProgress({
        iteration: iterations,
        value: Math.max(0, best),
        current,
        elapsedMs: now - started,
      });
    }
    if (target !== undefined && best >= target - relativeGap * Math.max(1, Math.abs(target))) {
      status = 'converged';
      break;
    }
    // No constraint violated, none priced with slack: the subproblem's solution is feasible and
    // optimal for the relaxation, and L is its optimum.
    if (norm2 === 0) {
      status = 'converged';
      break;
    }
    if (target !== undefined) gap = Math.min(gap, target - best);
    if (sinceImprovement >= PATIENCE) {
      // Stalled below the level: aim lower, from the best prices, with a fresh direction.
      gap /= 2;
      sinceImprovement = 0;
      for (const key of PRICE_ARRAYS) {
        prices[key].set(bestPrices[key]);
        direction[key].fill(0);
      }
    }
    if (gap <= 1e-9 * Math.max(1, Math.abs(best))) {
      status = 'converged';
      break;
    }
    const step = (best + gap - current) / norm2;
    for (const key of PRICE_ARRAYS) {
      const index = priced.index[key];
      const price = prices[key];
      const dir = direction[key];
      for (let k = 0; k < index.length; k++) {
        const i = index[k]!;
        const next = price[i]! + step * dir[k]!;
        price[i] = next > 0 ? next : 0;
      }
    }
  }
  return {
    value: Math.max(0, best),
    capacityFree,
    iterations,
    bestIteration,
    elapsedMs: performance.now() - started,
    status,
    classes: net.sourceStart.length,
    eligibilityClasses: net.eligibilityClasses,
    couplingModes: net.couplingModes,
    constraints: priced.count,
    horizonDays: net.H,
  };
}
