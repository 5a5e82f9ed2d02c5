// The plans made again after a proved bound, guided by what the bound's relaxation knows: its
// capacity prices (what an arc-day or node-day is worth to the others) and, per ULN, the delivery
// day its own solution at those prices gives it. The plan job (guided-plan.ts) and the planner
// benchmark make each of these plans and keep the best; none is kept unless it beats the plan.
//
// Why the relaxation's delivery days: a list scheduler gives contested lift to whoever comes first,
// and its urgency order (improve.ts) can only guess who should. Where one crossing or corridor binds
// everything, the guess leaves high-priority units late behind low-priority ones that the
// relaxation sends the long way or later; its delivery days say who goes first. Measured against the
// 60 s bound at N = 2,000 (surge): on the corridor beside a free detour (seed 1) the plan in that
// order with prices is 17.6 % above the bound against 25.0 % unguided and 27.2 % guided in the
// urgency order; on the single crossing (seed 2) 51.4 % against 58.3 % and 75.0 %. On the layered
// network (seed 2) it is worse (67.4 % against 27.4 % guided), so it is one try among others.
// Where the bound solved its master LP, each ULN's lateness mixed over the schedules the LP gives it
// is an order too: on the single crossing (seeds 5 and 6, master bound of 60 s) 31.3 % and 29.9 %
// above the bound against 39.3 % and 36.5 % for the best of the others.
import type { LpSchedule } from './bound/delivery-master.ts';
import { lpSchedulePlan } from './lp-schedule-plan.ts';
import { personnelMass } from './objective.ts';
import type { CapacityPrices, DeploymentNetwork, PlanOptions, Uln } from './schedule-types.ts';

/** What a plan is guided by: a proved bound's prices and its relaxation's lateness per ULN. */
export interface Guidance {
  prices: CapacityPrices;
  /** Per ULN (input order): its lateness term in the relaxation (NaN: unplanned there); or null. */
  lateness: Float64Array | null;
  /**
   * Per ULN: its lateness term in the relaxation's LP solution, mixed over its schedules (the
   * master bound's, plan-bound.ts); absent or null without one.
   */
  meanLateness?: Float64Array | null;
  /**
   * Per ULN: the schedule the relaxation's LP solution gives it the largest share of (the master
   * bound's, plan-bound.ts); absent or null without one.
   */
  schedules?: readonly (LpSchedule | null)[] | null;
}

/** One guided plan: the options it is planned with, and what to say of it when it is kept. */
export interface GuidedTry {
  options: Pick<PlanOptions, 'prices' | 'order' | 'holdOnTime' | 'improvementPasses' | 'previous'>;
  /** How the plan was ordered, for the report: "the urgency order", "the relaxation's delivery days". */
  order: string;
}

/**
 * The guided plans to try, best first on the benchmark: the urgency order and its improvement
 * passes, with prices; then, given the relaxation's lateness, the ULNs in the order of their
 * relaxed delivery days, with prices, as they come and held at their origins for their days to
 * spare (hold-on-time.ts); then the same in the order of their mean delivery days in the master's
 * LP solution, when the bound solved one. The order is given whole, so no improvement pass
 * reorders it.
 */
export function guidedTries(
  ulns: readonly Uln[],
  guidance: Guidance,
  weightOf: (priority: number) => number = (p) => 1 / p,
): GuidedTry[] {
  const tries: GuidedTry[] = [{ options: { prices: guidance.prices }, order: 'the urgency order' }];
  const inOrder = (lateness: Float64Array | null | undefined, words: string) => {
    if (!lateness || lateness.length !== ulns.length) return;
    const order = relaxedDayOrder(ulns, lateness, weightOf).map((j) => ulns[j]!.uln);
    const { prices } = guidance;
    tries.push(
      { options: { prices, order, improvementPasses: 0 }, order: words },
      { options: { prices, order, improvementPasses: 0, holdOnTime: true }, order: words },
    );
  };
  inOrder(guidance.lateness, "the relaxation's delivery days");
  inOrder(guidance.meanLateness, "the relaxation's mean delivery days");
  return tries;
}

/**
 * The plans that start from the relaxation's LP schedules (lp-schedule-plan.ts), when the bound
 * solved its master: the ULNs that do not fit theirs planned after the others with the prices and
 * without, held and not (each takes tens of milliseconds at N = 2,000; which wins varies). The
 * schedules are kept in the order of the ULNs' mean delivery days in the LP solution. None when the
 * bound has no schedules.
 */
export function lpScheduleTries(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  guidance: Guidance,
  followOnAfterLad: boolean,
  weightOf: (priority: number) => number = (p) => 1 / p,
): GuidedTry[] {
  const { schedules, meanLateness } = guidance;
  if (!schedules || schedules.length !== ulns.length) return [];
  const order =
    meanLateness && meanLateness.length === ulns.length
      ? relaxedDayOrder(ulns, meanLateness, weightOf).map((j) => ulns[j]!.uln)
      : ulns.map((u) => u.uln);
  const previous = lpSchedulePlan(network, ulns, schedules, order, { followOnAfterLad });
  const words = "the relaxation's LP schedules";
  return [guidance.prices, undefined].flatMap((prices) =>
    [false, true].map((holdOnTime) => ({
      options: { previous, order, holdOnTime, ...(prices && { prices }) },
      order: words,
    })),
  );
}

/**
 * ULN indices by the delivery day the relaxation gives them: the RDD plus its days late (lateness
 * ÷ weight × personnel), the RDD when on time; those it leaves unplanned last. Ties: priority, RDD,
 * ALD, input order.
 */
export function relaxedDayOrder(
  ulns: readonly Uln[],
  lateness: Float64Array,
  weightOf: (priority: number) => number,
): number[] {
  const day = new Float64Array(ulns.length);
  ulns.forEach((u, j) => {
    const late = lateness[j]!;
    const mass = weightOf(u.priority) * personnelMass(u);
    day[j] = Number.isNaN(late) ? Infinity : late > 0 && mass > 0 ? u.rdd + late / mass : u.rdd;
  });
  return Array.from({ length: ulns.length }, (_, j) => j).sort((x, y) => {
    const ux = ulns[x]!;
    const uy = ulns[y]!;
    const byDay = day[x]! === day[y]! ? 0 : day[x]! < day[y]! ? -1 : 1;
    return byDay || ux.priority - uy.priority || ux.rdd - uy.rdd || ux.ald - uy.ald || x - y;
  });
}
