// Holding a unit that need not leave yet. A list scheduler moves each unit as early as its route
// allows, so a unit with days to spare takes the first lift and reception it finds, and a unit
// after it in the order that has no days to spare finds them gone and is late. Held at its origin
// for its days to spare, the unit is still delivered on its RDD (or, late whatever it does, on the
// day it would have been), and the early lift is left to the units that need it: on the planner
// benchmark's congested instances this cuts the objective by about a tenth (bench/planner). Each
// dimension is held for its own spare days, so personnel that would only wait in theatre for their
// equipment wait at home instead. So does each unit's follow-on equipment, its tonnes beyond the
// critical share (spares, stocks, second-line vehicles, which the objective does not wait for): it
// leaves after the unit, as a lot and a lift of its own, as late as it would still arrive by the LAD
// on an empty network and at most FOLLOW_ON_DAYS later (lift-run.ts), instead of taking the early
// lift another unit's critical equipment needs (on the planner benchmark's surge instances, 6-8 %
// off the objective); it goes by bulk lift where that makes the LAD (choose-route.ts
// followRouteFor), on legs of its own after the unit's (record.ts). Holding is one of the plans improvement tries (improve.ts); a plan where
// nobody is late never holds, so it closes as early as it can.
import type { CargoGroups } from './cargo-groups.ts';
import type { Ledger } from './ledger.ts';
import type { LiftRun } from './lift-run.ts';
import type { Route } from './routes.ts';
import type { Uln } from './schedule-types.ts';

/** The parts of a plan's state holding reads and writes (choose-route.ts's Choice fills `choice`). */
export interface HoldState {
  cargo: CargoGroups;
  ledger: Ledger;
  lift: LiftRun;
  choice: {
    /** Routes chosen, one per group. */
    readonly chosen: readonly Route[];
    groups: number;
    /** A single group's tonnes' route when they go apart from its personnel (choose-route.ts). */
    splitT: Route | null;
    holdP: number;
    holdT: number;
  };
}

/** Attempts at a hold, each half the last, before the unit goes unheld. */
const ATTEMPTS = 3;

/**
 * Sets choice.holdP and choice.holdT for group `g` of ULN `u` on `route` (the route chosen for it,
 * which reaches the destination): the longest holds, each dimension up to its days to spare against
 * the later of its delivery day unheld and its RDD, halved until the unit is still delivered by that
 * day. Zero for a group of more than one lot (cargo split by execution). Leaves the ledger as it was.
 */
export function chooseHolds(s: HoldState, u: Uln, weight: number, g: number, route: Route): void {
  const { choice, cargo, ledger, lift } = s;
  choice.holdP = 0;
  choice.holdT = 0;
  if (cargo.groupStart[g + 1]! - cargo.groupStart[g]! !== 1) return;
  const mark = ledger.undoN;
  const ok = lift.run(u, weight, route, false, g);
  ledger.rollback(mark);
  if (!ok) return;
  const target = Math.max(lift.delivered, u.rdd);
  // A dimension with nothing that counts for delivery (no personnel, or no critical tonnes) is
  // held as long as the other, so that it does not go ahead on its own.
  const spareP = lift.personnelIn >= 0 ? target - lift.personnelIn : -1;
  const spareT = lift.criticalIn >= 0 ? target - lift.criticalIn : -1;
  const fullP = spareP >= 0 ? spareP : Math.max(0, spareT);
  const fullT = spareT >= 0 ? spareT : Math.max(0, spareP);
  if (fullP <= 0 && fullT <= 0) return;
  // The full holds first; failing that, a bisection on their share (a later departure can meet
  // lift taken by the units before it, so a shorter hold may deliver on time where a longer fails).
  let lo = 0;
  let hi = 1;
  let share = 1;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const holdP = Math.floor(fullP * share);
    const holdT = Math.floor(fullT * share);
    const late = holdP > 0 || holdT > 0 ? runHeld(s, u, weight, route, g, holdP, holdT, false) : null;
    ledger.rollback(mark);
    if (late !== null && lift.delivered <= target) {
      choice.holdP = holdP;
      choice.holdT = holdT;
      lo = share;
    } else hi = share;
    if (lo === 1) return;
    share = (lo + hi) / 2;
  }
}

/**
 * Runs group `g` of ULN `u` on `route` with holds `holdP`, `holdT` (lift.run's rules; recorded when
 * `record`); its lateness, or null when it cannot reach the destination.
 */
export function runHeld(
  s: Pick<HoldState, 'lift'>,
  u: Uln,
  weight: number,
  route: Route,
  g: number,
  holdP: number,
  holdT: number,
  record: boolean,
): number | null {
  const { lift } = s;
  lift.holdP = holdP;
  lift.holdT = holdT;
  try {
    return lift.run(u, weight, route, record, g) ? lift.late : null;
  } finally {
    lift.holdP = 0;
    lift.holdT = 0;
  }
}

/** Runs the k-th group chosen for ULN `u` (choose), held as chosen; false when it fails. */
export function runChosen(s: HoldState, u: Uln, weight: number, k: number, record: boolean): boolean {
  const { choice, cargo } = s;
  if (choice.splitT)
    return s.lift.runSplit(u, weight, choice.chosen[0]!, choice.splitT, record, cargo.groupOrder[0]!);
  const held = choice.groups === 1 && (choice.holdP > 0 || choice.holdT > 0);
  return (
    runHeld(
      s,
      u,
      weight,
      choice.chosen[k]!,
      cargo.groupOrder[k]!,
      held ? choice.holdP : 0,
      held ? choice.holdT : 0,
      record,
    ) !== null
  );
}
