// A scenario's plan with its proved bound, and the plan made again with the bound's capacity prices.
//
// Why: a list scheduler gives each unit the route that makes it least late, whatever that route
// takes from the units after it. The bound's relaxation prices every arc-day and node-day of
// capacity by what it is worth to the others (its Lagrangian multipliers, bound/delivery-bound.ts).
// Planned again with each unit choosing the route of least lateness plus the price of the lift it
// uses (PlanOptions.prices), the heavy units that can only take strategic lift find it left for
// them: on the planner benchmark's congested instances at N = 2,000 this lowers the objective by
// 2-9 % (layered, mid-closure; 0-3 % where one crossing binds everything, bench/planner). It is also
// planned in the order of the relaxation's own delivery days (guided-tries.ts), which is what lifts
// the single crossing and the corridor. The best of the plans is kept, so guidance never makes a
// plan worse, and the bound, which does not depend on the plan, bounds them all.
import type { PlanReport } from '../../contract/plan.ts';
import type { ScenarioDocument } from '../../domain/scenario-schema.ts';
import { guidedTries } from './guided-tries.ts';
import { planBoundOf, provePlanBoundRuns, withPlanBound } from './plan-bound.ts';
import type { PlanBoundOptions } from './plan-bound.ts';
import { planScenario } from './plan-report.ts';
import type { ScenarioPlanOptions, ScenarioPlanResult } from './plan-report.ts';

const count = (x: number) => Math.round(x).toLocaleString('en-GB');

/** A better plan than `before` by more than floating-point noise. */
const improves = (after: number, before: number) => after < before - 1e-9 * Math.max(1, before);

/**
 * planScenario, its proved bound (provePlanBound), and, when the bound is proved short of the
 * plan and has prices, the plans made again with them (guidedTries), the best kept when better
 * (`objective.guided` says so). The report carries the bound for the plan it reports.
 */
export function planScenarioWithBound(
  doc: ScenarioDocument,
  options: ScenarioPlanOptions,
  bound: PlanBoundOptions,
): ScenarioPlanResult {
  const planned = planScenario(doc, options);
  if (!planned.ok) return planned;
  const before = planned.plan.objective.value;
  const first = provePlanBoundRuns(before, planned.input, bound);
  const unguided = { ...planned, report: withPlanBound(planned.report, first.bound) };
  if (first.bound.status !== 'proved' || !first.proved?.prices) return unguided;
  const guidance = {
    prices: first.proved.prices,
    lateness: first.proved.lateness,
    meanLateness: first.proved.meanLateness,
  };
  let kept: { result: ScenarioPlanResult & { ok: true }; order: string } | null = null;
  let keptValue = before;
  for (const attempt of guidedTries(planned.input.ulns, guidance)) {
    const guided = planScenario(doc, { ...options, ...attempt.options });
    if (!guided.ok || !improves(guided.plan.objective.value, keptValue)) continue;
    kept = { result: guided, order: attempt.order };
    keptValue = guided.plan.objective.value;
  }
  if (!kept) return unguided;
  const block = planBoundOf(keptValue, first.proved.value, first.proved.seconds, bound.seconds);
  return {
    ...kept.result,
    report: withGuidance(withPlanBound(kept.result.report, block), before, kept.order),
  };
}

/**
 * The report of a plan guided by the bound's prices, units planned in `order` (guidedTries' words),
 * which improved on one of `unguided`.
 */
export function withGuidance(report: PlanReport, unguided: number, order = 'the urgency order'): PlanReport {
  const o = report.objective;
  const sentence =
    ` Routes were chosen against the proved bound's capacity prices (each unit's lateness plus the worth to the others of the lift it takes), ` +
    `units planned in ${order}: ${count(unguided - o.value)} below the ${count(unguided)} of the plan without them.`;
  return {
    ...report,
    objective: {
      ...o,
      guided: { unguidedValue: Math.round(unguided * 1000) / 1000 },
      summary: o.summary + sentence,
    },
  };
}
