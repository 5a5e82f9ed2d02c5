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
import { firstBest, guidedStep, lpStep, neighbourhoodStep, searchStep } from './after-bound.ts';
import type {
  Best,
  LpScheduleFigures,
  NeighbourhoodFigures,
  OrderSearchFigures,
  PlanWith,
} from './after-bound.ts';
import { planBoundOf, provePlanBoundRuns, withPlanBound } from './plan-bound.ts';
import type { PlanBoundOptions } from './plan-bound.ts';
import { planScenario } from './plan-report.ts';
import type { ScenarioPlanOptions, ScenarioPlanResult } from './plan-report.ts';

export type { LpScheduleFigures, NeighbourhoodFigures, OrderSearchFigures } from './after-bound.ts';

const count = (x: number) => Math.round(x).toLocaleString('en-GB');

/** The share of the bound's seconds the order search has by default. */
const SEARCH_SHARE = 1 / 3;

/**
 * planScenario, its proved bound (provePlanBound), and, when the bound is proved short of the
 * plan and has prices, the steps after it (after-bound.ts: the guided plans, the plans from the
 * LP's schedules, then a neighbourhood search from those if they are better, else an order search
 * from the guided plans), the best kept when better (`objective.guided` says so). The
 * report carries the bound for the plan it reports.
 */
export function planScenarioWithBound(
  doc: ScenarioDocument,
  options: ScenarioPlanOptions,
  bound: PlanBoundOptions,
): ScenarioPlanResult {
  const planned = planScenario(doc, options);
  if (!planned.ok) return planned;
  const before = planned.plan.objective.value;
  const first = provePlanBoundRuns(before, planned.input, bound, planned.plan.ulns);
  const unguided = { ...planned, report: withPlanBound(planned.report, first.bound) };
  if (first.bound.status !== 'proved' || !first.proved) return unguided;
  type Ok = ScenarioPlanResult & { ok: true };
  const planWith: PlanWith<Ok> = (o) => {
    const result = planScenario(doc, { ...options, ...o });
    return result.ok ? { result, plan: result.plan } : null;
  };
  const { prices, lateness, meanLateness, schedules } = first.proved;
  const guidance = prices ? { prices, lateness, meanLateness, schedules } : null;
  const { input } = planned;
  let best: Best<Ok> = firstBest({ result: planned, plan: planned.plan });
  if (guidance) best = guidedStep(best, input.ulns, guidance, planWith);
  const searchInput = {
    ...input,
    ...(options.routesPerPair !== undefined && { routesPerPair: options.routesPerPair }),
  };
  const budget = {
    budgetMs: (bound.searchSeconds ?? bound.seconds * SEARCH_SHARE) * 1000,
    ...(bound.searchMoves !== undefined && { maxMoves: bound.searchMoves }),
  };
  const followOnAfterLad = doc.deployment?.followOnArrival === 'after-lad';
  const fromLp = guidance ? lpStep(best, input, guidance, followOnAfterLad, planWith).best : best;
  // From the LP's schedules when they make the better plan, searched around by neighbourhoods;
  // else the order search from the guided plans (a search's budget is one or the other).
  best =
    fromLp !== best
      ? (neighbourhoodStep(fromLp, searchInput, planWith, budget) ?? fromLp)
      : (searchStep(best, searchInput, planWith, budget) ?? best);
  if (best.result === planned) return unguided;
  const value = best.plan.objective.value;
  const block = planBoundOf(value, first.proved.value, first.proved.seconds, bound.seconds);
  return {
    ...best.result,
    report: withGuidance(
      withPlanBound(best.result.report, block),
      before,
      best.order,
      best.search,
      best.lp,
      best.neighbourhood,
    ),
  };
}

/**
 * The report of a plan improved after its bound, on one of `unguided`: guided by the bound's prices
 * with units planned in `order` (guidedTries' words; null when no prices were used), and, when
 * `search` is given, in the order an order search found.
 */
export function withGuidance(
  report: PlanReport,
  unguided: number,
  order: string | null = 'the urgency order',
  search?: OrderSearchFigures,
  lp?: LpScheduleFigures,
  neighbourhood?: NeighbourhoodFigures,
): PlanReport {
  const o = report.objective;
  const lpValue = neighbourhood?.startValue ?? o.value;
  const fromLp = lp
    ? ` The plan starts from the proved bound's LP solution: ${count(lp.kept)} of the ${count(lp.of)} ULNs it schedules keep the schedule it gives them` +
      `${lp.followOnAfterLad ? ' (follow-on equipment after its LAD where the LP sends it so, as the deployment settings allow)' : ''}, ` +
      `the others planned after them${order === null ? '' : " against the bound's capacity prices"}: ${count(unguided - lpValue)} below the ${count(unguided)} of the plan without it.`
    : '';
  const around = neighbourhood
    ? ` A neighbourhood search then re-planned ${count(neighbourhood.moves)} groups of a late unit and the units taking its lift, after the others, in ${neighbourhood.seconds.toFixed(1)} s, keeping ${count(neighbourhood.accepted)}: ${count(neighbourhood.startValue - o.value)} below the ${count(neighbourhood.startValue)} it began from.`
    : '';
  const priced =
    lp || order === null
      ? ''
      : ` Routes were chosen against the proved bound's capacity prices (each unit's lateness plus the worth to the others of the lift it takes), ` +
        `units planned in ${order}: ${count(unguided - (search?.startValue ?? o.value))} below the ${count(unguided)} of the plan without them.`;
  const searched = search
    ? ` An order search then tried ${count(search.moves)} orders in ${search.seconds.toFixed(1)} s: ${count(search.startValue - o.value)} below the ${count(search.startValue)} it began from.`
    : '';
  return {
    ...report,
    objective: {
      ...o,
      guided: {
        unguidedValue: Math.round(unguided * 1000) / 1000,
        pricesUsed: order !== null,
        search: search ? { ...search } : null,
        lpSchedules: lp ? { ...lp } : null,
        neighbourhood: neighbourhood ? { ...neighbourhood } : null,
      },
      summary: o.summary + fromLp + around + priced + searched,
    },
  };
}
