// A plan's gap to the best possible: proved lower bounds on the planner's objective over the input
// it planned from (src/planner/deploy/bound/), the largest of them, and the bound block the plan's
// report carries (proved, optimal, or none and why). The bounds are heavy: callers run them off the
// request thread (the plan job, the benchmark's worker threads).
import type { Highs } from 'highs';
import type { PlanBound, PlanReport } from '../../contract/plan.ts';
import { deliveryLowerBound } from './bound/delivery-bound.ts';
import { deliveryMasterBound } from './bound/delivery-master.ts';
import type { LpSchedule } from './bound/delivery-master.ts';
import type { StartSchedule } from './bound/delivery-master.ts';
import { deploymentLowerBound } from './bound/lagrangian-bound.ts';
import type { CapacityPrices, DeploymentNetwork, ExecutedMovement, Uln } from './schedule-types.ts';

/** What a bound is proved over: the planner's input (plan-report.ts PlannerInput). */
export interface BoundInput {
  network: DeploymentNetwork;
  ulns: readonly Uln[];
  today: number;
  horizonDays: number;
  /** Movement records the plan keeps: a plan with any is not bounded. */
  executed: readonly ExecutedMovement[];
}

const count = (x: number) => Math.round(x).toLocaleString('en-GB');

/** What every proved bound takes besides the planner's network and ULNs. */
export interface ProvedBoundOptions {
  timeLimitMs: number;
  /** The plan's objective: the bound aims at it and stops once within `relativeGap` of it. */
  target: number;
  relativeGap: number;
  today: number;
  horizonDays: number;
  /**
   * The schedules of the plan whose objective is `target`, when the caller has them: a bound that
   * solves an LP over schedules may start from them (the master bound does). They change how fast
   * a bound gets where it gets, never its validity.
   */
  start?: readonly StartSchedule[];
}

/**
 * A lower bound on objective.value of every plan the planner's rules allow over this input, proved
 * (not estimated): bound/lagrangian-bound.ts's deploymentLowerBound is one. `timeShare`: the share
 * of the time left it takes when bounds follow it (default an equal share with each of them).
 */
export type ProvedBoundFunction = ((
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: ProvedBoundOptions,
) => ProvedBoundResult) & { timeShare?: number };

/** What a proved bound answers: its value, and what the benchmark prints of it. */
export interface ProvedBoundResult {
  value: number;
  /** The bound with no capacity or reception limits (its first iteration), when it has one. */
  capacityFree?: number;
  /** Why it stopped: 'converged', 'time-limit', 'iteration-limit'. */
  status?: string;
  /** The capacity prices that gave `value`, when the bound prices capacity per day. */
  prices?: CapacityPrices;
  /** Per ULN, its lateness term in the relaxation's solution at `prices` (NaN: unplanned there). */
  lateness?: Float64Array;
  /**
   * Per ULN, its lateness term in the relaxation's LP solution (its schedules' lateness weighted by
   * their shares, the penalty for the share left unplanned), when the bound solved one.
   */
  meanLateness?: Float64Array;
  /**
   * Per ULN, the schedule the relaxation's LP solution gives the largest share of (null: none), when
   * the bound solved one: what a plan can start from (lp-schedule-plan.ts).
   */
  schedules?: (LpSchedule | null)[];
}

/**
 * The delivery-day bound (bound/delivery-bound.ts), its personnel and tonnes on walks of their own:
 * the planner may send a late unit's personnel and tonnes on separate routes (choose-route.ts), so
 * coupling them would bound only plans it no longer restricts itself to. Valid for plans from
 * scratch: the plan job bounds no re-plan that keeps movement records.
 */
export const uncoupledDeliveryBound: ProvedBoundFunction = (network, ulns, options) =>
  deliveryLowerBound(network, ulns, options);

/**
 * The delivery-day bound with its prices from a restricted master LP on HiGHS after a shorter ascent
 * (bound/delivery-master.ts): the same relaxation, its prices chosen better where many units share a
 * crossing or corridor. Started from the plan it bounds (ProvedBoundOptions.start), it proves the
 * relaxation's optimum on all 24 congested surge instances of the planner benchmark at N = 2,000, in
 * 9-47 s (single-crossing seed 2: 49,572 against the ascent's 45,429). Uncoupled, as
 * uncoupledDeliveryBound. It takes most of the time: the mean-lateness bound after it rarely wins.
 */
export function masterDeliveryBound(
  highs: Highs,
  onSolverFailure?: (message: string) => void,
): ProvedBoundFunction {
  const bound: ProvedBoundFunction = (network, ulns, options) => {
    const b = deliveryMasterBound(network, ulns, { ...options, highs });
    // The bound stands (the ascent's or better), but a failed HiGHS may not be fit to use again.
    if (b.error !== undefined) onSolverFailure?.(b.error);
    return {
      value: b.value,
      capacityFree: b.capacityFree,
      status: b.status,
      prices: b.prices,
      lateness: b.lateness,
      ...(b.ulnLateness && { meanLateness: b.ulnLateness }),
      ...(b.schedules && { schedules: b.schedules }),
    };
  };
  bound.timeShare = MASTER_TIME_SHARE;
  return Object.defineProperty(bound, 'name', { value: 'masterDeliveryBound' });
}

/** The share of the bound's time the master bound takes before the mean-lateness bound. */
const MASTER_TIME_SHARE = 0.9;

/**
 * The bounds a plan is measured against where HiGHS is at hand: the master bound first.
 * `onSolverFailure` hears of a HiGHS failure inside it (the caller may load HiGHS afresh).
 */
export const provedBoundsWith = (
  highs: Highs,
  onSolverFailure?: (message: string) => void,
): readonly ProvedBoundFunction[] => [masterDeliveryBound(highs, onSolverFailure), deploymentLowerBound];

/**
 * The bounds a plan is measured against. Each is a valid lower bound, so the largest is too: they
 * run in turn, each with an equal share of the time left, until one reaches the plan's objective.
 * The delivery-day bound first: it is the stronger where units wait for lift.
 */
export const PROVED_BOUNDS: readonly ProvedBoundFunction[] = [uncoupledDeliveryBound, deploymentLowerBound];

/**
 * How close a bound must come to the objective for the plan to count as optimal: a millionth of it
 * (the bounds' own stopping rule), which floating-point sums and the planner's tolerances are below.
 */
export const OPTIMAL_RELATIVE_GAP = 1e-6;

export interface PlanBoundOptions {
  /** Wall-clock budget in seconds; 0: no bound is computed. */
  seconds: number;
  /** Default PROVED_BOUNDS. */
  bounds?: readonly ProvedBoundFunction[];
  /**
   * Seconds of order search after the guided plans (guided-plan.ts, order-search.ts). Default a
   * third of `seconds`.
   */
  searchSeconds?: number;
  /** At most this many orders searched (tests: a count, not a time, is the same on every machine). */
  searchMoves?: number;
}

/**
 * The plan's gap to the best possible, proved over the input it was planned from. A plan whose
 * objective is 0 is optimal without a bound. A re-plan that keeps movement records is not bounded:
 * the bounds plan every ULN from its origin and cannot take loads already moved, so their value
 * would not bound it.
 */
export function provePlanBound(objective: number, input: BoundInput, options: PlanBoundOptions): PlanBound {
  return provePlanBoundRuns(objective, input, options).bound;
}

/** provePlanBound's bound block, and the bounds' runs when any ran (with their prices). */
export function provePlanBoundRuns(
  objective: number,
  input: BoundInput,
  options: PlanBoundOptions,
  start?: readonly StartSchedule[],
): { bound: PlanBound; proved: ProvedBounds | null } {
  if (objective <= 0) return { bound: planBoundOf(objective, 0, 0), proved: null };
  if (input.executed.length > 0)
    return {
      bound: noBound(
        `the bound plans every ULN from its origin, and this plan keeps ${input.executed.length} movement ${input.executed.length === 1 ? 'record' : 'records'} of loads already moved`,
      ),
      proved: null,
    };
  if (!(options.seconds > 0)) return { bound: noBound('none was asked for (bound time 0 s)'), proved: null };
  const proved = proveBounds(objective, input, options.seconds, options.bounds, start);
  return { bound: planBoundOf(objective, proved.value, proved.seconds, options.seconds), proved };
}

/** One bound's run in proveBounds. */
export interface ProvedBoundRun extends ProvedBoundResult {
  /** The bound function's name. */
  name: string;
  seconds: number;
}

/** The largest of the bounds proved, and each bound's run. */
export interface ProvedBounds {
  value: number;
  /** The largest capacity-free bound any of them gave (0 when none gives one). */
  capacityFree: number;
  seconds: number;
  /** Runs without their prices. */
  runs: ProvedBoundRun[];
  /** The prices of the largest bound that has them (guided-plan.ts plans by them), or null. */
  prices: CapacityPrices | null;
  /** That bound's ProvedBoundResult.lateness, or null. */
  lateness: Float64Array | null;
  /** That bound's ProvedBoundResult.meanLateness, or null. */
  meanLateness: Float64Array | null;
  /** That bound's ProvedBoundResult.schedules, or null. */
  schedules: (LpSchedule | null)[] | null;
}

/**
 * Runs `bounds` in turn over the planner's input from scratch, each with its share of the
 * `seconds` left (ProvedBoundFunction.timeShare, else an equal share), until one reaches `objective`
 * (a plan's, whose schedules `start` is when given): the largest value is a proved bound. What
 * provePlanBound and the planner benchmark share.
 */
export function proveBounds(
  objective: number,
  input: Pick<BoundInput, 'network' | 'ulns' | 'today' | 'horizonDays'>,
  seconds: number,
  bounds: readonly ProvedBoundFunction[] = PROVED_BOUNDS,
  start?: readonly StartSchedule[],
): ProvedBounds {
  const started = performance.now();
  const budget = seconds * 1000;
  const runs: ProvedBoundRun[] = [];
  let best = 0;
  let capacityFree = 0;
  let prices: CapacityPrices | null = null;
  let lateness: Float64Array | null = null;
  let meanLateness: Float64Array | null = null;
  let schedules: (LpSchedule | null)[] | null = null;
  let pricedValue = -Infinity;
  for (let k = 0; k < bounds.length; k++) {
    const left = budget - (performance.now() - started);
    if (k > 0 && (left <= 0 || best >= reachesObjective(objective))) break;
    const began = performance.now();
    const share = k === bounds.length - 1 ? 1 : (bounds[k]!.timeShare ?? 1 / (bounds.length - k));
    const bound = bounds[k]!(input.network, input.ulns, {
      timeLimitMs: Math.max(left, 0) * share,
      target: objective,
      relativeGap: OPTIMAL_RELATIVE_GAP,
      today: input.today,
      horizonDays: input.horizonDays,
      ...(start && { start }),
    });
    runs.push({
      name: bounds[k]!.name,
      value: bound.value,
      ...(bound.capacityFree !== undefined && { capacityFree: bound.capacityFree }),
      ...(bound.status !== undefined && { status: bound.status }),
      seconds: (performance.now() - began) / 1000,
    });
    best = Math.max(best, bound.value);
    capacityFree = Math.max(capacityFree, bound.capacityFree ?? 0);
    if (bound.prices && bound.value > pricedValue) {
      prices = bound.prices;
      lateness = bound.lateness ?? null;
      meanLateness = bound.meanLateness ?? null;
      schedules = bound.schedules ?? null;
      pricedValue = bound.value;
    }
  }
  return {
    value: best,
    capacityFree,
    seconds: (performance.now() - started) / 1000,
    runs,
    prices,
    lateness,
    meanLateness,
    schedules,
  };
}

/** The least bound that proves a plan of this objective optimal. */
const reachesObjective = (objective: number) => objective - OPTIMAL_RELATIVE_GAP * Math.max(1, objective);

export const noBound = (why: string, seconds = 0): PlanBound => ({
  value: null,
  gapPercent: null,
  status: 'none',
  seconds,
  text: `No proved bound: ${why}.`,
});

/**
 * The bound block for a plan of `objective` and a proved lower bound `bound` found in `seconds`
 * (of a budget of `budgetSeconds`). The bound is rounded down and the gap up, so that neither
 * claims more than was proved; a bound of 0 under a plan above 0 proves nothing and is no bound.
 */
export function planBoundOf(
  objective: number,
  bound: number,
  seconds: number,
  budgetSeconds = seconds,
): PlanBound {
  const time = Math.round(seconds * 1000) / 1000;
  if (objective <= 0)
    return { value: 0, gapPercent: 0, status: 'optimal', seconds: time, text: 'Optimal: nobody is late.' };
  const proved = Math.floor(Math.min(bound, objective) * 1000) / 1000;
  if (bound >= reachesObjective(objective))
    return {
      value: proved,
      gapPercent: 0,
      status: 'optimal',
      seconds: time,
      text: `Optimal: no plan can do better (a proved bound reaches its ${count(objective)} weighted personnel-days late).`,
    };
  if (!(bound > 0))
    return noBound(
      `the best bound found in ${budgetSeconds} s is 0, which proves nothing of a plan above 0 (more time may find one)`,
      time,
    );
  const gap = Math.ceil(((objective - bound) / bound) * 100 * 1000) / 1000;
  return {
    value: proved,
    gapPercent: gap,
    status: 'proved',
    seconds: time,
    text: `Within ${gapText(gap)} of the best possible (proved bound ${count(Math.floor(bound))} weighted personnel-days late).`,
  };
}

/** A gap in percent for people, never less than it is: "12.4%", "0.1%" for anything below it. */
function gapText(percent: number): string {
  const tenths = Math.ceil(percent * 10) / 10;
  if (tenths >= 100) return `${Math.ceil(percent).toLocaleString('en-GB')}%`;
  return `${tenths.toFixed(1)}%`;
}

/** The report with its bound: what planScenario leaves as not computed, provePlanBound fills in. */
export function withPlanBound(report: PlanReport, bound: PlanBound): PlanReport {
  return { ...report, objective: { ...report.objective, bound } };
}
