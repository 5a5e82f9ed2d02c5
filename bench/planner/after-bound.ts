// What the plan job does after its bound (src/planner/deploy/guided-plan.ts), on the planner's own
// input rather than a scenario: the guided plans of guided-tries.ts, the best kept if it beats the
// plan, then the order search (order-search.ts) from the best for its budget, then the plans from
// the LP's schedules (lpScheduleTries), follow-on equipment by its LAD as the deployment settings
// default to; and, for the summary, the same with follow-on equipment allowed after its LAD
// (deployment.followOnArrival 'after-lad'). Run on the bound's worker thread, so the family's
// searches share the two cores as its bounds do.
import { guidedTries, lpScheduleTries } from '../../src/planner/deploy/guided-tries.ts';
import type { Guidance } from '../../src/planner/deploy/guided-tries.ts';
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
  /** The best plan from the LP's schedules, follow-on by its LAD; Infinity without schedules. */
  lpValue: number;
  /** ULNs whose last load misses its LAD in the best plan. */
  missedLad: number;
  /** The best plan were follow-on equipment allowed after its LAD, and its ULNs missing their LAD. */
  afterLad: { value: number; missedLad: number };
  searchMoves: number;
  ms: number;
}

export function afterBound(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  b: Pick<ProvedBounds, 'prices' | 'lateness' | 'meanLateness' | 'schedules'>,
  searchMs: number,
): AfterBound {
  const start = performance.now();
  const plan = planDeployment(network, ulns);
  let best = { options: {} as PlanOptions, plan };
  const guidance: Guidance | null = b.prices
    ? { prices: b.prices, lateness: b.lateness, meanLateness: b.meanLateness, schedules: b.schedules }
    : null;
  for (const attempt of guidance ? guidedTries(ulns, guidance) : []) {
    const other = planDeployment(network, ulns, attempt.options);
    if (other.objective.value < best.plan.objective.value) best = { options: attempt.options, plan: other };
  }
  const guidedValue = best.plan.objective.value;
  const from: PlanOptions = {
    ...best.options,
    order: best.plan.order,
    holdOnTime: best.plan.holdOnTime,
    improvementPasses: 0,
  };
  const found = searchOrder(network, ulns, from, { budgetMs: searchMs, seed: 1 });
  // The order found planned in full, as the plan job does (guided-plan.ts searchFrom): the search
  // reads a unit's delivery from its lift runs, which wait for its critical loads, while the
  // objective counts follow-on tonnes that come in before them (lift-run.ts moveFollowOn).
  const searchedPlan =
    found.value < guidedValue - 1e-9 * Math.max(1, guidedValue)
      ? planDeployment(network, ulns, { ...from, order: found.order })
      : null;
  const searched =
    searchedPlan !== null && searchedPlan.objective.value < guidedValue - 1e-9 * Math.max(1, guidedValue);
  let options = searched ? { ...from, order: found.order } : best.options;
  let value = searched ? searchedPlan.objective.value : guidedValue;
  let missedLad = searched ? searchedPlan.missedLad.length : best.plan.missedLad.length;
  // The plans from the LP's schedules, compared with the searched plan (guided-plan.ts).
  const fromLp = (followOnAfterLad: boolean) => {
    let top: { options: PlanOptions; value: number; missedLad: number } | null = null;
    for (const attempt of guidance ? lpScheduleTries(network, ulns, guidance, followOnAfterLad) : []) {
      const p = planDeployment(network, ulns, attempt.options);
      if (!top || p.objective.value < top.value)
        top = { options: attempt.options, value: p.objective.value, missedLad: p.missedLad.length };
    }
    return top;
  };
  const byLad = fromLp(false);
  if (byLad && byLad.value < value - 1e-9 * Math.max(1, value)) ({ options, value, missedLad } = byLad);
  const late = fromLp(true);
  const afterLad =
    late && late.value < value - 1e-9 * Math.max(1, value)
      ? { value: late.value, missedLad: late.missedLad }
      : { value, missedLad };
  return {
    options,
    value,
    planValue: plan.objective.value,
    guidedValue,
    lpValue: byLad?.value ?? Infinity,
    missedLad,
    afterLad,
    searchMoves: found.moves,
    ms: performance.now() - start,
  };
}
