// What the plan job does after its bound (src/planner/deploy/guided-plan.ts), on the planner's own
// input rather than a scenario, by the same steps (src/planner/deploy/after-bound.ts): the guided
// plans, the plans from the LP's schedules (follow-on equipment by its LAD, as the deployment
// settings default to), then for the search's budget a neighbourhood search from those when they
// win, else an order search from the guided plans; and, for the summary, the plans from the LP's
// schedules with follow-on equipment allowed after its LAD (deployment.followOnArrival
// 'after-lad'), no search after them. Run on the bound's worker thread, so the family's searches
// share the two cores as its bounds do.
import {
  firstBest,
  guidedStep,
  lpStep,
  neighbourhoodStep,
  searchStep,
} from '../../src/planner/deploy/after-bound.ts';
import type { PlanWith } from '../../src/planner/deploy/after-bound.ts';
import type { Guidance } from '../../src/planner/deploy/guided-tries.ts';
import type { ProvedBounds } from '../../src/planner/deploy/plan-bound.ts';
import { planDeployment } from '../../src/planner/deploy/schedule.ts';
import type {
  DeploymentNetwork,
  DeploymentPlan,
  PlanOptions,
  Uln,
} from '../../src/planner/deploy/schedule.ts';

export interface AfterBound {
  /** The options that plan the best plan found (planDeployment reproduces it from them). */
  options: PlanOptions;
  value: number;
  /** The plan without guidance or search. */
  planValue: number;
  /** The best of the guided plans alone. */
  guidedValue: number;
  /** The best plan from the LP's schedules, follow-on by its LAD; Infinity without schedules. */
  lpValue: number;
  /** ULNs whose last load misses its LAD in the best plan. */
  missedLad: number;
  /** The best plan were follow-on equipment allowed after its LAD, and its ULNs missing their LAD. */
  afterLad: { value: number; missedLad: number };
  /** Orders the order search tried, or neighbourhoods the neighbourhood search re-planned. */
  searchMoves: number;
  /** Whether the searching was the neighbourhood search's (from the LP's plan). */
  neighbourhood: boolean;
  ms: number;
}

/** The plan job's steps after the bound (src/planner/deploy/after-bound.ts) from `plan`, planned from scratch. */
export function afterBound(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  plan: DeploymentPlan,
  b: Pick<ProvedBounds, 'prices' | 'lateness' | 'meanLateness' | 'schedules'>,
  searchMs: number,
): AfterBound {
  const start = performance.now();
  const planWith: PlanWith<null> = (options) => ({
    result: null,
    plan: planDeployment(network, ulns, options),
  });
  const guidance: Guidance | null = b.prices
    ? { prices: b.prices, lateness: b.lateness, meanLateness: b.meanLateness, schedules: b.schedules }
    : null;
  let best = firstBest({ result: null, plan });
  if (guidance) best = guidedStep(best, ulns, guidance, planWith);
  const guidedValue = best.plan.objective.value;
  const input = { network, ulns, today: 0, horizonDays: plan.horizonDays };
  const tried = { moves: 0 };
  const byLad = guidance ? lpStep(best, input, guidance, false, planWith) : null;
  // As the plan job: a neighbourhood search from the LP's plan when it wins, else the order search.
  const lpWins = byLad !== null && byLad.best !== best;
  best = lpWins
    ? (neighbourhoodStep(byLad!.best, input, planWith, { budgetMs: searchMs }, tried) ?? byLad!.best)
    : (searchStep(best, input, planWith, { budgetMs: searchMs }, tried) ?? best);
  // For the summary: the plans from the LP's schedules with follow-on allowed after its LAD.
  const afterLad = guidance ? lpStep(best, input, guidance, true, planWith).best : best;
  return {
    options: best.options,
    value: best.plan.objective.value,
    planValue: plan.objective.value,
    guidedValue,
    lpValue: byLad?.top?.plan.objective.value ?? Infinity,
    missedLad: best.plan.missedLad.length,
    afterLad: { value: afterLad.plan.objective.value, missedLad: afterLad.plan.missedLad.length },
    searchMoves: tried.moves,
    neighbourhood: lpWins,
    ms: performance.now() - start,
  };
}
