// The order ULNs claim capacity in, and improving it. Urgency first: days to spare against the RDD
// on the shortest route, then priority, RDD, ALD and input order. Then the squeaky wheel: the list
// order decides who gets contested capacity, so units made late by others (beyond what they could
// not avoid) move up the order by the days they lost, and the whole list is scheduled again
// without recording (quickPass); the best order found is kept and recorded. Deterministic, and
// skipped when nothing is late by congestion (a plan no order can improve on).
import { choose } from './choose-route.ts';
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
  /** Per ULN: days it lost to others, summed over the improvement passes so far. */
  bump: Float64Array;
}

/**
 * Days to spare against the RDD on the shortest route, none below 0 (units late whatever happens
 * are equally urgent, and go by priority); Infinity with no route. From the ULN's own dates, not
 * its progress, so a re-plan keeps the order of the plan.
 */
export const urgencyOf = (u: Uln, routes: readonly Route[]): number =>
  routes.length ? Math.max(0, u.rdd - u.ald - routes[0]!.transit) : Infinity;

/** ULN indices by urgency less bump, then priority, RDD, ALD and input order. */
export function orderBy(s: ImproveState): number[] {
  const { ulns, urgency, bump } = s;
  return Array.from({ length: ulns.length }, (_, j) => j).sort((x, y) => {
    const ux = ulns[x]!;
    const uy = ulns[y]!;
    return (
      urgency[x]! - bump[x]! - (urgency[y]! - bump[y]!) ||
      ux.priority - uy.priority ||
      ux.rdd - uy.rdd ||
      ux.ald - uy.ald ||
      x - y
    );
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
  const { ulns, ledger, lift, choice, cargo } = s;
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
      lift.run(u, weight, choice.chosen[k]!, false, cargo.groupOrder[k]!);
      delivered = Math.max(delivered, lift.delivered);
      closure = Math.max(closure, lift.arrival);
    }
    ledger.undoN = 0;
    plannedLate[j] = delivered > u.rdd ? weight * personnelMass(u) * (delivered - u.rdd) : 0;
    late += plannedLate[j]!;
  }
  return { unscheduled: unscheduledHere, late, closure };
}

/**
 * Up to `passes` squeaky-wheel passes after the recorded plan (in order `recorded`), stopping after
 * three without gain; leaves the best plan recorded and returns its order. The objective decides
 * (unplanned ULNs carry their penalty), then fewer unplanned, then the earlier closure.
 */
export function improve(s: ImproveState, recorded: number[], passes: number): number[] {
  const { ulns, ledger, record, bump, weightOf } = s;
  const { plannedLate } = record;
  const lowerLate = s.choice.lowerLate;
  const M = ulns.length;
  let best: PassResult = {
    unscheduled: record.unscheduled,
    late: record.objective + record.unplannedPenalty,
    closure: record.closureDay,
  };
  let bestOrder = recorded;
  let firstLedgers: Float64Array[] | null = null;
  for (let pass = 0, stale = 0; pass < passes && stale < 3; pass++) {
    let congested = false;
    for (let j = 0; j < M; j++) {
      // Days lost to others (an unplanned ULN's are to the penalty day, so it moves to the front).
      const excess = plannedLate[j]! - lowerLate[j]!;
      if (excess > EPS * Math.max(1, plannedLate[j]!)) {
        bump[j] = bump[j]! + excess / (weightOf(ulns[j]!.priority) * personnelMass(ulns[j]!));
        congested = true;
      }
    }
    if (!congested) break;
    // The first pass's ledgers, to put back if no pass beats it (its results are still in place).
    firstLedgers ??= ledger.snapshot();
    const order = orderBy(s);
    const r = quickPass(s, order);
    const tol = EPS * Math.max(1, best.late);
    if (
      r.late < best.late - tol ||
      (Math.abs(r.late - best.late) <= tol &&
        (r.unscheduled < best.unscheduled ||
          (r.unscheduled === best.unscheduled && r.closure < best.closure)))
    ) {
      best = r;
      bestOrder = order;
      stale = 0;
    } else stale++;
  }
  // The ledgers hold the last pass's schedule: put the first one's back, or record the best again.
  if (firstLedgers && bestOrder === recorded) ledger.restore(firstLedgers);
  else if (firstLedgers) {
    resetRecord(s);
    recordPass(s, bestOrder);
  }
  return bestOrder;
}
