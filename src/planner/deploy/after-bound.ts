// What follows a plan's proved bound when the bound is short of it, one step at a time: the plans
// guided by the bound's prices (guidedTries), the order search from the best of them
// (order-search.ts), then the plans that start from the relaxation's LP schedules (lpScheduleTries),
// each kept only when it beats the best so far. The plan job (guided-plan.ts) runs them over a
// scenario and the planner benchmark over the planner's own input: one sequence, so the figures the
// benchmark prints are those of the plans the plan job reports.
//
// Planning is the caller's (`planWith`): the plan job plans a scenario document and keeps its
// report, the benchmark calls planDeployment. Each step takes and gives the best plan so far.
import type { Guidance, GuidedTry } from './guided-tries.ts';
import { guidedTries, lpScheduleTries } from './guided-tries.ts';
import { keptSchedules } from './lp-schedule-plan.ts';
import { searchOrder } from './order-search.ts';
import { xoshiro128StarStar } from '../prng.ts';
import { planDeployment } from './schedule.ts';
import type { DeploymentNetwork, DeploymentPlan, PlanOptions, Uln, UlnSchedule } from './schedule-types.ts';

/** The options a step plans with, over the caller's own (PlanOptions' and ScenarioPlanOptions'). */
export type StepOptions = GuidedTry['options'];

/** A plan as the caller made it: its own result (a scenario's, say) and the planner's plan in it. */
export interface Planned<R> {
  result: R;
  plan: DeploymentPlan;
}

/** Plans with `options` over the caller's; null when the caller's planning fails. */
export type PlanWith<R> = (options: StepOptions) => Planned<R> | null;

/** What a plan made again from the LP's schedules kept of them (contract: guided.lpSchedules). */
export interface LpScheduleFigures {
  kept: number;
  of: number;
  followOnAfterLad: boolean;
}

/** What the report says of an order search that improved the plan. */
export interface OrderSearchFigures {
  moves: number;
  seconds: number;
  /** The objective of the plan it began from. */
  startValue: number;
}

/** The best plan so far, the options over the caller's that make it, and how it was found. */
export interface Best<R> extends Planned<R> {
  options: StepOptions;
  /** guidedTries' words for the order the prices were used in; null without prices. */
  order: string | null;
  search?: OrderSearchFigures;
  lp?: LpScheduleFigures;
  neighbourhood?: NeighbourhoodFigures;
}

/** The planner input the search plans over (plan-report.ts PlannerInput). */
export interface SearchInput {
  network: DeploymentNetwork;
  ulns: readonly Uln[];
  today: number;
  horizonDays: number;
  routesPerPair?: number;
}

/** A search step's time (and, for tests, a count of moves that is the same on every machine). */
export interface SearchBudget {
  budgetMs: number;
  maxMoves?: number;
}

/** The planner options of the caller's input: what a step plans with inside, before its own. */
const inputOptions = (input: SearchInput): PlanOptions => ({
  today: input.today,
  horizonDays: input.horizonDays,
  ...(input.routesPerPair !== undefined && { routesPerPair: input.routesPerPair }),
});

/** A better plan than `before` by more than floating-point noise. */
export const improves = (after: number, before: number): boolean =>
  after < before - 1e-9 * Math.max(1, before);

const valueOf = (p: Planned<unknown>) => p.plan.objective.value;

/** The plan as first made: the best so far before any step. */
export const firstBest = <R>(planned: Planned<R>): Best<R> => ({ ...planned, options: {}, order: null });

/** The guided plans (guidedTries), the best kept when it beats `best`. */
export function guidedStep<R>(
  best: Best<R>,
  ulns: readonly Uln[],
  guidance: Guidance,
  planWith: PlanWith<R>,
): Best<R> {
  for (const attempt of guidedTries(ulns, guidance)) {
    const guided = planWith(attempt.options);
    if (!guided || !improves(valueOf(guided), valueOf(best))) continue;
    best = { ...guided, options: attempt.options, order: attempt.order };
  }
  return best;
}

/**
 * The order search from `best`, with its options, for `budgetMs` (at most `maxMoves` orders); the
 * plan in the order it finds when that is better, planned again in full (the search reads a unit's
 * delivery from lift runs that wait for its critical loads, while the objective counts follow-on
 * tonnes that come in before them: lift-run.ts moveFollowOn), else null. The order searched: how
 * many moves it tried, for the caller's figures, in `tried`.
 */
export function searchStep<R>(
  best: Best<R>,
  input: SearchInput,
  planWith: PlanWith<R>,
  budget: SearchBudget,
  tried: { moves: number } = { moves: 0 },
): Best<R> | null {
  const { plan } = best;
  if (!(budget.budgetMs > 0) || plan.objective.value <= 0) return null;
  const options: StepOptions = {
    ...(best.options.prices && { prices: best.options.prices }),
    order: plan.order,
    holdOnTime: plan.holdOnTime,
  };
  const found = searchOrder(
    input.network,
    input.ulns,
    { ...inputOptions(input), ...options },
    {
      budgetMs: budget.budgetMs,
      seed: 1,
      ...(budget.maxMoves !== undefined && { maxMoves: budget.maxMoves }),
    },
  );
  tried.moves = found.moves;
  if (!improves(found.value, valueOf(best))) return null;
  const searchedOptions: StepOptions = { ...options, order: found.order, improvementPasses: 0 };
  const searched = planWith(searchedOptions);
  if (!searched || !improves(valueOf(searched), valueOf(best))) return null;
  return {
    ...searched,
    options: searchedOptions,
    order: best.order,
    search: {
      moves: found.moves,
      seconds: Math.round(found.elapsedMs) / 1000,
      startValue: Math.round(valueOf(best) * 1000) / 1000,
    },
  };
}

/**
 * The plans from the LP's schedules (lpScheduleTries): `best` and the best of them (null without
 * schedules), which replaces `best` when it beats it. They re-plan a plan of their own, so no order
 * search starts from them.
 */
export function lpStep<R>(
  best: Best<R>,
  input: Pick<SearchInput, 'network' | 'ulns'>,
  guidance: Guidance,
  followOnAfterLad: boolean,
  planWith: PlanWith<R>,
): { best: Best<R>; top: Best<R> | null } {
  let top: Best<R> | null = null;
  for (const attempt of lpScheduleTries(input.network, input.ulns, guidance, followOnAfterLad)) {
    const fromLp = planWith(attempt.options);
    if (!fromLp || (top && !improves(valueOf(fromLp), valueOf(top)))) continue;
    const previous = attempt.options.previous!;
    top = {
      ...fromLp,
      options: attempt.options,
      order: attempt.options.prices ? attempt.order : null,
      lp: { kept: keptSchedules(previous, fromLp.plan), of: previous.ulns.length, followOnAfterLad },
    };
  }
  return { best: top && improves(valueOf(top), valueOf(best)) ? top : best, top };
}

/** What the report says of a neighbourhood search that improved the plan. */
export interface NeighbourhoodFigures {
  /** Neighbourhoods re-planned, and those that lowered the objective. */
  moves: number;
  accepted: number;
  seconds: number;
  /** The objective of the plan it began from. */
  startValue: number;
}

/** Units re-planned with the late unit each move picks, at most. */
const NEIGHBOURS = 8;

/**
 * A large-neighbourhood search from `best` for `budgetMs` (at most `maxMoves` moves): each move
 * picks a late unit (by its share of the objective) and up to NEIGHBOURS of the units whose loads
 * take the arcs its own take between its ALD and its delivery, and re-plans them after the others,
 * who keep their loads (PlanOptions.previous, keep-previous.ts), most urgent first (RDD, then
 * priority); the plan is kept when better. The better plan, planned again through the caller, or
 * null.
 *
 * Why: a plan from the LP's schedules keeps what fits and plans the rest after it, and the units
 * it plans after find the lift they needed taken by units with days to spare; no order of the
 * whole force undoes that without moving what was kept. On the planner benchmark's single-crossing
 * seed 3 at N = 2,000, 20 s of it takes the plan from the LP's schedules from 62,091 to 61,014
 * (26.3 % → 24.1 % above the relaxation's optimum), about 55 ms a move.
 */
export function neighbourhoodStep<R>(
  best: Best<R>,
  input: SearchInput,
  planWith: PlanWith<R>,
  budget: SearchBudget,
  tried: { moves: number } = { moves: 0 },
): Best<R> | null {
  if (!(budget.budgetMs > 0) || valueOf(best) <= 0) return null;
  const started = performance.now();
  const { network, ulns } = input;
  const index = new Map(ulns.map((u, j) => [u.uln, j]));
  const rng = xoshiro128StarStar(1);
  const base = inputOptions(input);
  const { prices } = best.options;
  let plan = best.plan;
  let options: StepOptions | null = null;
  let accepted = 0;
  const maxMoves = budget.maxMoves ?? Infinity;
  let moves = 0;
  while (moves < maxMoves && (moves === 0 || performance.now() - started < budget.budgetMs)) {
    const removed = neighbourhood(plan, ulns, index, () => rng.nextFloat());
    if (!removed) break;
    moves++;
    const urgent = [...removed].sort((x, y) => {
      const a = ulns[index.get(x)!]!;
      const b = ulns[index.get(y)!]!;
      return a.rdd - b.rdd || a.priority - b.priority || index.get(x)! - index.get(y)!;
    });
    const moveOptions: StepOptions = {
      ...(prices && { prices }),
      holdOnTime: plan.holdOnTime,
      previous: {
        ulns: plan.ulns.filter((s) => !removed.has(s.uln)),
        order: plan.order,
        holdOnTime: plan.holdOnTime,
      },
      order: [...plan.order.filter((u) => !removed.has(u)), ...urgent],
    };
    const next = planDeployment(network, ulns, { ...base, ...moveOptions });
    if (!improves(next.objective.value, plan.objective.value)) continue;
    plan = next;
    options = moveOptions;
    accepted++;
  }
  tried.moves = moves;
  if (!options) return null;
  const found = planWith(options);
  if (!found || !improves(valueOf(found), valueOf(best))) return null;
  return {
    ...found,
    options,
    order: best.order,
    ...(best.lp && { lp: best.lp }),
    neighbourhood: {
      moves,
      accepted,
      seconds: Math.round(performance.now() - started) / 1000,
      startValue: Math.round(valueOf(best) * 1000) / 1000,
    },
  };
}

/**
 * A late unit of `plan`, drawn by its share of the objective, and up to NEIGHBOURS drawn from the
 * units with a load departing on one of its arcs between its ALD and its delivery; null when
 * nobody is late.
 */
function neighbourhood(
  plan: DeploymentPlan,
  ulns: readonly Uln[],
  index: ReadonlyMap<string, number>,
  random: () => number,
): Set<string> | null {
  let total = 0;
  for (const s of plan.ulns) if (s.status === 'scheduled') total += s.weightedPersonnelDaysLate;
  if (!(total > 0)) return null;
  let r = random() * total;
  let late: UlnSchedule | null = null;
  for (const s of plan.ulns) {
    if (s.status !== 'scheduled' || !(s.weightedPersonnelDaysLate > 0)) continue;
    late = s;
    r -= s.weightedPersonnelDaysLate;
    if (r <= 0) break;
  }
  const u = ulns[index.get(late!.uln)!]!;
  const arcs = new Set(late!.movements.map((m) => m.arc));
  const until = late!.deliveredDay ?? u.rdd;
  const others: string[] = [];
  for (const s of plan.ulns)
    if (
      s.uln !== u.uln &&
      s.movements.some((m) => !m.executed && arcs.has(m.arc) && m.departDay >= u.ald && m.departDay <= until)
    )
      others.push(s.uln);
  const removed = new Set([u.uln]);
  for (let k = 0; k < NEIGHBOURS && others.length > 0; k++) {
    const i = Math.floor(random() * others.length);
    removed.add(others[i]!);
    others[i] = others[others.length - 1]!;
    others.pop();
  }
  return removed;
}
