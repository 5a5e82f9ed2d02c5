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
import type { DeploymentNetwork, DeploymentPlan, Uln } from './schedule-types.ts';

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
}

/** The planner input the search plans over (plan-report.ts PlannerInput). */
export interface SearchInput {
  network: DeploymentNetwork;
  ulns: readonly Uln[];
  today: number;
  horizonDays: number;
  routesPerPair?: number;
}

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
  budget: { budgetMs: number; maxMoves?: number },
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
    {
      today: input.today,
      horizonDays: input.horizonDays,
      ...(input.routesPerPair !== undefined && { routesPerPair: input.routesPerPair }),
      ...options,
    },
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
