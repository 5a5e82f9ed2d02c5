// TPFDD-style deployment scheduling: move every unit line number (ULN) from its origin to its
// destination over a multimodal network of arcs with daily lift capacity, lift load sizes, closures
// and node reception limits, and report lateness, utilisation, the closure curve and bottlenecks.
//
// Algorithm (a list-scheduling heuristic with an improvement loop, not an exact optimiser;
// deterministic throughout):
//  0. The objective (objective.ts): priority-weighted personnel-days late, a unit delivered when its
//     personnel and critical equipment are in; a ULN left unplanned counts as delivered on the
//     penalty day (twice the horizon), so dropping a hard unit never pays.
//  1. Candidate routes: Yen's k (default 10) shortest simple paths by transit days per (origin,
//     destination), over the arcs the ULN's lift allows (modes, largest item against the lift load),
//     ties broken by leg count then arc indices, cached per eligibility class. Ten, not three: under
//     surge load the three shortest routes all funnel through the same APOD.
//  2. Order ULNs by apparent tardiness cost (improve.ts): priority weight × personnel per unit of
//     lift they take (personnel + α × tonnes), discounted by their days to spare against the RDD,
//     × exp(−spare ÷ k). Light, important, tight units first; heavy ones after light ones of the same
//     worth, since they take more lift for the same personnel.
//  3. For each ULN, try each candidate route against the day-indexed capacity ledger, committing
//     tentatively with an undo log, and keep the route that delivers it least late (weighted), then
//     the earliest arrival, then the lowest route index; a route whose capacity-free earliest
//     arrival (closures and EAD counted) already cannot beat the best is skipped. A unit late by
//     congestion on every fixed route also tries the two shortest routes avoiding each mode those
//     use (a heavy unit late on every air bridge is offered the sea) and the earliest-arrival route
//     through the residual network (a detour the k shortest may never list). Re-run the chosen route for real, recording
//     movements, waiting and saturation.
//  4. Improve: the orders of a few other (k, α) are scheduled again without recording, each as it is
//     and with every unit held at its origin for its days to spare (hold-on-time.ts: the early lift
//     is left to units that need it), and the best plan (least objective, then fewest unscheduled,
//     then earliest closure) is recorded. None when nobody is late.
//  Within a route, cargo moves leg by leg as lift loads: each day the cargo waiting at the leg's
//  tail is cut into loads of the arc's load size, and personnel and tonnes each depart as far as
//  their own share of the arc's capacity that day and of the head node's reception on the arrival
//  day allow: a load's personnel fly even when its tonnes must wait (the personnel of a light unit
//  are not held behind a heavy unit's equipment). A whole-unit arc sends the unit as one lift.
//
// Re-planning from execution (`executed`, `today`): the loads that actually moved are charged to the
// ledgers first, as they happened (beyond capacity or on a closed day if so), and are kept unchanged
// in the output. Each ULN's remaining cargo is then where the records leave it: at its origin from
// max(ALD, today), at an intermediate node from max(arrival, today), in transit from its arrival.
// The cargo at each node is a group planned as above on the routes from that node, the
// groups of one ULN one after another (earliest available first) and all or none of them: a ULN
// whose rest cannot all be planned keeps only its executed movements. A whole-unit arc carries each
// group in one lift: cargo already split by execution is not made to wait for the rest.
// With no records and today 0 there is one group, the whole ULN at its origin from its ALD, and the
// plan is what it was before execution was modelled. Given the previous plan (`previous`), every
// ULN keeps its planned loads where they still fit and only those a change touched are planned
// again, after them: nothing changed gives the same plan, and a ULN that had a plan is dropped only
// if it cannot be planned even first (keep-previous.ts).
//
// Ledgers are flat typed arrays indexed [arc * horizon + day] and [node * horizon + day]; the inner
// loops allocate nothing except the movement records of committed runs.
//
// This file runs the steps; the modules do them, each over the one plan state (plan-state.ts):
//  network-arrays.ts  the network as typed arrays, checked; the executed loads resolved
//  ledger.ts          capacity ledgers, saturation and waiting, the undo log (step 3's tentative runs)
//  routes.ts          step 1 (Yen, cached by network shape and eligibility class) and the residual route
//  cargo-groups.ts    where each ULN's cargo is after execution (its groups), the main path of split cargo
//  lift-run.ts        moving a group leg by leg as lift loads against the ledger
//  lift-limits.ts     whether cargo can ever cross an arc, whatever the ledger
//  choose-route.ts    step 3: the route of each group, and the follow-on tonnes' route
//  record.ts          recording a ULN's loads, legs, result, objective parts and missed LAD
//  keep-previous.ts   re-plans that keep the previous plan's loads (or a plan of the bound's LP
//                     schedules, lp-schedule-plan.ts)
//  improve.ts         steps 2 and 4: the order and the other orders tried
//  hold-on-time.ts    holding a unit at its origin for its days to spare
//  utilisation.ts     utilisation and bottlenecks of the recorded plan
import { firstOrder, improve } from './improve.ts';
import { replanKeeping } from './keep-previous.ts';
import { createPlanState } from './plan-state.ts';
import { recordPass } from './record.ts';
import type { DeploymentNetwork, DeploymentPlan, PlanOptions, Uln } from './schedule-types.ts';
import { utilisation } from './utilisation.ts';

// The shapes the scheduler reads and returns, for its callers as well.
export type {
  ArcUtilisation,
  Bottleneck,
  CapacityPrices,
  Closure,
  DeploymentArc,
  DeploymentNetwork,
  DeploymentNode,
  DeploymentPlan,
  ExecutedMovement,
  LegSchedule,
  MissedLad,
  MissedLadKind,
  Movement,
  NodeUtilisation,
  PersonnelTonnes,
  PlanOptions,
  PreviousPlan,
  Uln,
  UlnSchedule,
  UlnStatus,
} from './schedule-types.ts';
// Input checks shared with the LP reference and the bounds, which read the same input.
export { nodeLookup } from './network-arrays.ts';
export { latestUlnDay } from './plan-state.ts';

export function planDeployment(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: PlanOptions = {},
): DeploymentPlan {
  const s = createPlanState(network, ulns, options);
  const topN = options.topBottlenecks ?? 10;
  const M = ulns.length;

  // Steps 2 and 3: the first order (the urgency order, or the one given), recorded. A re-plan given
  // the previous plan keeps its loads where they still fit (keep-previous.ts).
  const givenOrder = options.order ?? options.previous?.order;
  s.holdOnTime = options.holdOnTime ?? options.previous?.holdOnTime ?? false;
  const first = firstOrder(s, givenOrder);
  const recorded = options.previous ? replanKeeping(s, first) : recordPass(s, first);

  // Step 4. A re-plan keeping the previous plan does not search again: that would move what it keeps.
  const passes = options.previous ? 0 : (options.improvementPasses ?? (givenOrder ? 0 : defaultPasses(M)));
  const best = improve(s, recorded, passes);

  const { record } = s;
  const { closureCurve } = record;
  const H = s.net.H;
  for (let d = 1; d < H; d++) closureCurve[d] = closureCurve[d]! + closureCurve[d - 1]!;
  const { arcs, nodes, bottlenecks } = utilisation(network, s.net, s.ledger, topN);
  return {
    horizonDays: H,
    objective: {
      value: record.objective + record.unplannedPenalty,
      weightedPersonnelDaysLate: record.objective,
      personnelDaysLate: record.personnelDaysLate,
      unitDaysLate: record.unitDaysLate,
      weightedUnitDaysLate: record.weightedUnitDaysLate,
      unplannedPenalty: record.unplannedPenalty,
      closureDay: record.closureDay >= 0 ? record.closureDay : null,
      unscheduled: record.unscheduled,
    },
    ulns: record.results,
    order: best.order.map((j) => ulns[j]!.uln),
    holdOnTime: best.holdOnTime,
    missedLad: record.missedLads(),
    arcs,
    nodes,
    closureCurve,
    bottlenecks,
  };
}

/**
 * Improvement passes for M ULNs: 32,000 / M, at most 16, and at most 3 above 4,000 ULNs. A pass of
 * 5,000 congested ULNs costs some 100 ms on the 2-core benchmark machine (units late by congestion
 * try split routes), and on the benchmark's six 5,000-ULN surge instances the fourth (the third
 * order rule, unheld) changed no plan; on one of the six normal ones it took 1 % off.
 */
export const defaultPasses = (M: number): number =>
  Math.min(M > 4000 ? 3 : 16, Math.floor(32_000 / Math.max(1, M)));
