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
import { guidedTries, lpScheduleTries } from './guided-tries.ts';
import { keptSchedules } from './lp-schedule-plan.ts';
import { searchOrder } from './order-search.ts';
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
  const first = provePlanBoundRuns(before, planned.input, bound, planned.plan.ulns);
  const unguided = { ...planned, report: withPlanBound(planned.report, first.bound) };
  if (first.bound.status !== 'proved' || !first.proved) return unguided;
  let best: Kept = { result: planned, options: {}, order: null };
  const { prices, lateness, meanLateness, schedules } = first.proved;
  const guidance = prices ? { prices, lateness, meanLateness, schedules } : null;
  const tries = guidance ? guidedTries(planned.input.ulns, guidance) : [];
  for (const attempt of tries) {
    const guided = planScenario(doc, { ...options, ...attempt.options });
    if (!guided.ok || !improves(guided.plan.objective.value, best.result.plan.objective.value)) continue;
    best = { result: guided, options: attempt.options, order: attempt.order };
  }
  const searched = searchFrom(doc, options, best, bound);
  if (searched) best = searched;
  // The plans from the LP's schedules re-plan a plan of their own, so no order search starts from
  // them: they are compared with the searched plan.
  const followOnAfterLad = doc.deployment?.followOnArrival === 'after-lad';
  const { network, ulns } = planned.input;
  for (const attempt of guidance ? lpScheduleTries(network, ulns, guidance, followOnAfterLad) : []) {
    const fromLp = planScenario(doc, { ...options, ...attempt.options });
    if (!fromLp.ok || !improves(fromLp.plan.objective.value, best.result.plan.objective.value)) continue;
    const previous = attempt.options.previous!;
    best = {
      result: fromLp,
      options: attempt.options,
      order: attempt.options.prices ? attempt.order : null,
      lp: { kept: keptSchedules(previous, fromLp.plan), of: previous.ulns.length, followOnAfterLad },
    };
  }
  if (best.result === planned) return unguided;
  const value = best.result.plan.objective.value;
  const block = planBoundOf(value, first.proved.value, first.proved.seconds, bound.seconds);
  return {
    ...best.result,
    report: withGuidance(withPlanBound(best.result.report, block), before, best.order, best.search, best.lp),
  };
}

/** The best plan so far: its options over the caller's, the order words, and any search's figures. */
interface Kept {
  result: ScenarioPlanResult & { ok: true };
  options: ScenarioPlanOptions;
  /** guidedTries' words for the order the prices were used in; null without prices. */
  order: string | null;
  search?: OrderSearchFigures;
  lp?: LpScheduleFigures;
}

/** What the report says of a plan made from the LP's schedules (contract: guided.lpSchedules). */
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

/** The share of the bound's seconds the order search has by default. */
const SEARCH_SHARE = 1 / 3;

/**
 * The order search (order-search.ts) from the best plan so far, with its options, for the search's
 * seconds; the plan in the order it finds when that is better (planned again from scratch, so the
 * report is of the plan a re-plan in the same order reproduces), else null.
 */
function searchFrom(
  doc: ScenarioDocument,
  options: ScenarioPlanOptions,
  best: Kept,
  bound: PlanBoundOptions,
): Kept | null {
  const seconds = bound.searchSeconds ?? bound.seconds * SEARCH_SHARE;
  const { plan, input } = best.result;
  if (!(seconds > 0) || input.executed.length > 0 || plan.objective.value <= 0) return null;
  const from = { ...options, ...best.options, order: plan.order, holdOnTime: plan.holdOnTime };
  const found = searchOrder(
    input.network,
    input.ulns,
    {
      today: input.today,
      horizonDays: input.horizonDays,
      ...(from.routesPerPair !== undefined && { routesPerPair: from.routesPerPair }),
      ...(from.prices && { prices: from.prices }),
      order: from.order,
      holdOnTime: from.holdOnTime,
    },
    {
      budgetMs: seconds * 1000,
      seed: 1,
      ...(bound.searchMoves !== undefined && { maxMoves: bound.searchMoves }),
    },
  );
  if (!improves(found.value, plan.objective.value)) return null;
  const result = planScenario(doc, { ...from, order: found.order, improvementPasses: 0 });
  if (!result.ok || !improves(result.plan.objective.value, plan.objective.value)) return null;
  return {
    result,
    options: { ...best.options, order: found.order, holdOnTime: plan.holdOnTime, improvementPasses: 0 },
    order: best.order,
    search: {
      moves: found.moves,
      seconds: Math.round(found.elapsedMs) / 1000,
      startValue: Math.round(plan.objective.value * 1000) / 1000,
    },
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
): PlanReport {
  const o = report.objective;
  const fromLp = lp
    ? ` The plan starts from the proved bound's LP solution: ${count(lp.kept)} of the ${count(lp.of)} ULNs it schedules keep the schedule it gives them` +
      `${lp.followOnAfterLad ? ' (follow-on equipment after its LAD where the LP sends it so, as the deployment settings allow)' : ''}, ` +
      `the others planned after them${order === null ? '' : " against the bound's capacity prices"}: ${count(unguided - o.value)} below the ${count(unguided)} of the plan without it.`
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
      },
      summary: o.summary + fromLp + priced + searched,
    },
  };
}
