// The order ULNs claim capacity in, and improving it. A list scheduler gives contested capacity to
// whoever comes first, so the order is most of the plan's quality. The rule is the apparent
// tardiness cost (ATC) of single-machine scheduling: a ULN's weight per unit of the lift it takes,
// (priority weight × personnel) ÷ (personnel + α × tonnes), discounted by its days to spare against
// the RDD on the shortest route, × exp(−spare ÷ k). Heavy units weigh no more than light ones of the
// same personnel (a unit counts by its people) but take far more lift, so they go after light units
// of the same urgency and priority; a unit with a week to spare waits for the tight ones. On the
// benchmark's surge instances this order halves the objective of the old one (days to spare, then
// priority). Improvement tries several (k, α) and keeps the best: the plans are scheduled again
// without recording (quickPass), the best order is recorded. Deterministic.
import { choose } from './choose-route.ts';
import { runChosen } from './hold-on-time.ts';
import { EPS } from './ledger.ts';
import { personnelMass } from './objective.ts';
import { penaltyOf, recordPass, resetRecord } from './record.ts';
import type { RecordState } from './record.ts';
import type { Route } from './routes.ts';
import type { Uln } from './schedule-types.ts';

/** The parts of a plan's state ordering and improving read and write. */
export interface ImproveState extends RecordState {
  /** Per ULN: days to spare against its RDD on its shortest route (urgencyOf). */
  urgency: Float64Array;
}

/**
 * Days to spare against the RDD on the shortest route, none below 0 (units late whatever happens
 * are equally urgent, and go by priority); Infinity with no route. From the ULN's own dates, not
 * its progress, so a re-plan keeps the order of the plan.
 */
export const urgencyOf = (u: Uln, routes: readonly Route[]): number =>
  routes.length ? Math.max(0, u.rdd - u.ald - routes[0]!.transit) : Infinity;

/** An ATC ordering rule: look-ahead days `k` and tonnes' weight `alpha` against personnel. */
export interface OrderRule {
  k: number;
  alpha: number;
}

/**
 * The rules tried, the first one first: k of 5 to 13 days and α of ½ to 2 were each the best on
 * some of the benchmark's family, (5, 1) the most often; k of 1 is close to the old order.
 */
export const ORDER_RULES: readonly OrderRule[] = [
  { k: 5, alpha: 1 },
  { k: 8, alpha: 1 },
  // Days to spare first, nearly: a slack high-priority unit waits for a tight low-priority one.
  { k: 1, alpha: 1 },
  { k: 5, alpha: 0.5 },
  { k: 13, alpha: 1 },
  { k: 5, alpha: 2 },
  { k: 8, alpha: 0.5 },
  { k: 3, alpha: 1 },
  { k: 21, alpha: 1 },
];

/** ULN indices by ATC index under `rule`, highest first, then priority, RDD, ALD and input order. */
export function orderBy(s: ImproveState, rule: OrderRule = ORDER_RULES[0]!): number[] {
  const { ulns, urgency } = s;
  const M = ulns.length;
  const index = new Float64Array(M);
  for (let j = 0; j < M; j++) {
    const u = ulns[j]!;
    // No route (urgency Infinity): index 0, last; it fails at once and claims nothing.
    index[j] =
      (personnelMass(u) / u.priority / Math.max(1e-9, u.personnel + rule.alpha * u.tonnes)) *
      Math.exp(-urgency[j]! / rule.k);
  }
  return Array.from({ length: M }, (_, j) => j).sort((x, y) => {
    const ux = ulns[x]!;
    const uy = ulns[y]!;
    return index[y]! - index[x]! || ux.priority - uy.priority || ux.rdd - uy.rdd || ux.ald - uy.ald || x - y;
  });
}

/** The first order: `given` (ULN ids; unknown and repeated ones ignored), the rest after by orderBy. */
export function firstOrder(s: ImproveState, given: readonly string[] | undefined): number[] {
  if (!given) return orderBy(s);
  const { ulns } = s;
  const M = ulns.length;
  const index = new Map<string, number>();
  ulns.forEach((u, j) => index.set(u.uln, j));
  const listed = new Uint8Array(M);
  const listedOrder: number[] = [];
  for (const id of given) {
    const j = index.get(id);
    if (j !== undefined && !listed[j]) {
      listed[j] = 1;
      listedOrder.push(j);
    }
  }
  // Sorting 5,000 ULNs is a few milliseconds of a re-plan: skipped when the list names them all.
  return listedOrder.length === M ? listedOrder : listedOrder.concat(orderBy(s).filter((j) => !listed[j]));
}

interface PassResult {
  unscheduled: number;
  /** The objective: weighted lateness of the planned loads plus the unplanned ULNs' penalty. */
  late: number;
  closure: number;
}

/**
 * Schedules every ULN in `order` without recording movements (an improvement pass): returns
 * the unscheduled count, the objective of the planned loads and their latest arrival.
 */
export function quickPass(s: ImproveState, order: readonly number[]): PassResult {
  const { ulns, ledger, lift, choice } = s;
  const plannedLate = s.record.plannedLate;
  ledger.reset();
  let unscheduledHere = 0;
  let late = 0;
  let closure = -1;
  for (const j of order) {
    choose(s, j);
    const u = ulns[j]!;
    if (choice.failed) {
      unscheduledHere++;
      plannedLate[j] = penaltyOf(s, u);
      late += plannedLate[j]!;
      continue;
    }
    const weight = s.weightOf(u.priority);
    // Delivered when the last of its groups is (exact for the usual single group).
    let delivered = -1;
    for (let k = 0; k < choice.groups; k++) {
      runChosen(s, u, weight, k, false);
      delivered = Math.max(delivered, lift.delivered);
      closure = Math.max(closure, lift.arrival);
    }
    ledger.undoN = 0;
    plannedLate[j] = delivered > u.rdd ? weight * personnelMass(u) * (delivered - u.rdd) : 0;
    late += plannedLate[j]!;
  }
  return { unscheduled: unscheduledHere, late, closure };
}

/** A plan improvement tries: an order rule, with units held for their days to spare or not. */
export interface SearchTry {
  rule: OrderRule;
  holdOnTime: boolean;
}

/**
 * The plans improvement tries after the first (ORDER_RULES[0], nothing held), best first: the first
 * rule held, then each other rule unheld and held. Holding cut the objective of the benchmark's
 * congested instances by about a tenth under each rule, and is tried as a pass of its own so that a
 * plan that gains nothing by it keeps its earlier closure.
 */
export function searchTries(passes: number): SearchTry[] {
  const tries: SearchTry[] = [{ rule: ORDER_RULES[0]!, holdOnTime: true }];
  for (const rule of ORDER_RULES.slice(1))
    tries.push({ rule, holdOnTime: false }, { rule, holdOnTime: true });
  return tries.slice(0, Math.max(0, passes));
}

/** The order and holding of the plan improve leaves recorded. */
export interface Improved {
  order: number[];
  holdOnTime: boolean;
}

/**
 * Tries up to `passes` of searchTries after the recorded plan (in order `recorded`, held as
 * s.holdOnTime); leaves the best plan recorded and returns its order and holding. The objective
 * decides (unplanned ULNs carry their penalty), then fewer unplanned, then the earlier closure.
 */
export function improve(s: ImproveState, recorded: number[], passes: number): Improved {
  const { record, ledger } = s;
  const recordedHold = s.holdOnTime;
  let best: PassResult = {
    unscheduled: record.unscheduled,
    late: record.objective + record.unplannedPenalty,
    closure: record.closureDay,
  };
  // Nobody late: no order can do better.
  if (best.late <= EPS) return { order: recorded, holdOnTime: recordedHold };
  let bestTry: Improved = { order: recorded, holdOnTime: recordedHold };
  let firstLedgers: Float64Array[] | null = null;
  for (const attempt of searchTries(passes)) {
    // The first pass's ledgers, to put back if no pass beats it (its results are still in place).
    firstLedgers ??= ledger.snapshot();
    const order = orderBy(s, attempt.rule);
    s.holdOnTime = attempt.holdOnTime;
    const r = quickPass(s, order);
    const tol = EPS * Math.max(1, best.late);
    if (
      r.late < best.late - tol ||
      (Math.abs(r.late - best.late) <= tol &&
        (r.unscheduled < best.unscheduled ||
          (r.unscheduled === best.unscheduled && r.closure < best.closure)))
    ) {
      best = r;
      bestTry = { order, holdOnTime: attempt.holdOnTime };
    }
  }
  s.holdOnTime = bestTry.holdOnTime;
  // The ledgers hold the last pass's schedule: put the first one's back, or record the best again.
  if (firstLedgers && bestTry.order === recorded) ledger.restore(firstLedgers);
  else if (firstLedgers) {
    resetRecord(s);
    recordPass(s, bestTry.order);
  }
  return bestTry;
}
