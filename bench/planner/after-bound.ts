// What the plan job does after its bound (src/planner/deploy/guided-plan.ts), on the planner's own
// input rather than a scenario: the guided plans of guided-tries.ts, the best kept if it beats the
// plan, then the order search (order-search.ts) from the best for its budget. Run on the bound's
// worker thread, so the family's searches share the two cores as its bounds do.
import { guidedTries } from '../../src/planner/deploy/guided-tries.ts';
import { searchOrder } from '../../src/planner/deploy/order-search.ts';
import type { ProvedBounds } from '../../src/planner/deploy/plan-bound.ts';
import { planDeployment } from '../../src/planner/deploy/schedule.ts';
import type { DeploymentNetwork, PlanOptions, Uln } from '../../src/planner/deploy/schedule.ts';

export interface AfterBound {
  /** The options that plan the best plan found (planDeployment reproduces it from them). */
  options: PlanOptions;
  value: number;
  /** The plan without guidance or search. */
  planValue: number;
  /** The best of the guided plans alone. */
  guidedValue: number;
  searchMoves: number;
  ms: number;
}

export function afterBound(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  b: Pick<ProvedBounds, 'prices' | 'lateness' | 'meanLateness'>,
  searchMs: number,
): AfterBound {
  const start = performance.now();
  const plan = planDeployment(network, ulns);
  let best = { options: {} as PlanOptions, plan };
  if (b.prices) {
    const guidance = { prices: b.prices, lateness: b.lateness, meanLateness: b.meanLateness };
    for (const attempt of guidedTries(ulns, guidance)) {
      const other = planDeployment(network, ulns, attempt.options);
      if (other.objective.value < best.plan.objective.value) best = { options: attempt.options, plan: other };
    }
  }
  const guidedValue = best.plan.objective.value;
  const from: PlanOptions = {
    ...best.options,
    order: best.plan.order,
    holdOnTime: best.plan.holdOnTime,
    improvementPasses: 0,
  };
  const found = searchOrder(network, ulns, from, { budgetMs: searchMs, seed: 1 });
  const searched = found.value < guidedValue - 1e-9 * Math.max(1, guidedValue);
  return {
    options: searched ? { ...from, order: found.order } : best.options,
    value: searched ? found.value : guidedValue,
    planValue: plan.objective.value,
    guidedValue,
    searchMoves: found.moves,
    ms: performance.now() - start,
  };
}
