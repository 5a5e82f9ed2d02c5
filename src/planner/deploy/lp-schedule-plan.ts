// A plan to start from, made of the relaxation's own schedules: per ULN, the schedule the master
// LP's solution gives the largest share of (bound/delivery-master.ts), its personnel, critical
// tonnes and follow-on tonnes each on the arcs and days the LP sends them, cut into the arcs' loads.
// Given to the planner as the plan it re-plans (PlanOptions.previous), each ULN keeps those loads
// where they fit around the ones kept before it (keep-previous.ts: capacity, reception, closures,
// load sizes, eligibility, conservation), and the rest are planned after them as the planner plans.
//
// Why: the list scheduler gives contested lift to whoever comes first, and neither its urgency
// order nor the bound's prices say which of the units that tie at the prices should fly and which
// sail; the LP's solution does. It is integral for all but about 150-220 of 2,000 ULNs on the
// planner benchmark's surge instances, and on its congested instances at N = 2,000 the plans made
// from it are 9.9 % above the bound at the median (worst 28.9 %) against 17.5 % (40.0 %) for the
// best guided plans (bench/planner, "Last measured").
//
// The follow-on tonnes: the relaxation needs them in by the horizon only (it bounds every plan, and
// the planner cannot promise a LAD), so its schedule often sails them in after the ULN's LAD to leave
// the contested lift to others' critical equipment. Unless the scenario lets follow-on equipment
// arrive after its LAD (the deployment settings' followOnArrival 'after-lad'), such a ULN's
// follow-on takes its critical tonnes' arcs instead, as late as still brings it in by the LAD.
import type { LpSchedule } from './bound/delivery-master.ts';
import { criticalTonnes } from './objective.ts';
import type { DeploymentNetwork, DeploymentPlan, Movement, PreviousPlan, Uln } from './schedule-types.ts';

/** Schedule parts (bound/delivery-subproblem.ts SchedulePart). */
const PERSONNEL = 0;
const CRITICAL = 1;
const FOLLOW_ON = 2;

export interface LpSchedulePlanOptions {
  /** Keep the LP's follow-on departures even when they arrive after the ULN's LAD. */
  followOnAfterLad: boolean;
}

/** The previous plan (PlanOptions.previous) the LP's schedules make, with `order` as its order. */
export function lpSchedulePlan(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  schedules: readonly (LpSchedule | null)[],
  order: readonly string[],
  options: LpSchedulePlanOptions,
): PreviousPlan {
  const plans: PreviousPlan['ulns'][number][] = [];
  ulns.forEach((u, j) => {
    const schedule = schedules[j];
    const movements = schedule ? loadsOf(network, u, schedule, options) : null;
    if (movements) plans.push({ uln: u.uln, status: 'scheduled', movements });
  });
  return { ulns: plans, order: [...order] };
}

/** Per departure: the part, the arc's index, the day. */
type Step = [part: number, arc: number, day: number];

/**
 * A ULN's cargo on its schedule's departures, in loads of at most the arc's load size (one load on a
 * whole-unit arc); null when the schedule does not carry a part of the cargo the ULN has.
 */
function loadsOf(
  network: DeploymentNetwork,
  u: Uln,
  schedule: LpSchedule,
  options: LpSchedulePlanOptions,
): Movement[] | null {
  // A start plan's schedule (MasterBoundOptions.start) is in loads already, as that plan made them.
  if (schedule.loads) return schedule.loads.map((m) => ({ ...m }));
  const critical = criticalTonnes(u);
  const amounts = [u.personnel, critical, u.tonnes - critical];
  const carried = [false, false, false];
  const movements: Movement[] = [];
  for (const [part, a, day] of stepsOf(network, u, schedule, options)) {
    const amount = amounts[part]!;
    if (!(amount > 0)) continue;
    carried[part] = true;
    const arc = network.arcs[a]!;
    const personnel = part === PERSONNEL;
    const cap = personnel ? arc.capacityPerDay.personnel : arc.capacityPerDay.tonnes;
    const size = personnel ? arc.loadSize.personnel : arc.loadSize.tonnes;
    const load = arc.wholeUnit ? amount : size > 0 ? Math.min(size, cap) : cap;
    // Whole loads and the part-load left, with no sliver from floating-point subtraction.
    const loads = Math.max(1, Math.ceil(amount / load - 1e-9));
    for (let k = 0; k < loads; k++) {
      const x = k < loads - 1 ? load : amount - load * (loads - 1);
      movements.push({
        leg: 0,
        arc: arc.id,
        departDay: day,
        arriveDay: day + arc.transitDays,
        personnel: personnel ? x : 0,
        tonnes: personnel ? 0 : x,
        executed: false,
        followOn: part === FOLLOW_ON,
      });
    }
  }
  for (let part = 0; part < 3; part++) if (amounts[part]! > 0 && !carried[part]) return null;
  return movements;
}

/** The schedule's departures, its follow-on's moved as the header says. */
function stepsOf(
  network: DeploymentNetwork,
  u: Uln,
  schedule: LpSchedule,
  options: LpSchedulePlanOptions,
): Step[] {
  const steps: Step[] = [];
  // The last arrival of each part.
  const arrives = [-1, -1, -1];
  for (let k = 0; k < schedule.part.length; k++) {
    const part = schedule.part[k]!;
    const a = schedule.arc[k]!;
    steps.push([part, a, schedule.day[k]!]);
    arrives[part] = Math.max(arrives[part]!, schedule.day[k]! + network.arcs[a]!.transitDays);
  }
  if (options.followOnAfterLad || arrives[FOLLOW_ON]! <= u.lad || arrives[CRITICAL]! < 0) return steps;
  // As late as still makes the LAD, to leave the days the critical tonnes take to others when it can.
  const shift = Math.max(0, u.lad - arrives[CRITICAL]!);
  const moved: Step[] = steps.filter(([part]) => part !== FOLLOW_ON);
  for (const [part, a, day] of steps) if (part === CRITICAL) moved.push([FOLLOW_ON, a, day + shift]);
  return moved;
}

/**
 * How many of `previous`'s ULNs `plan` keeps exactly on their loads there (the same arcs, days and
 * cargo, in order).
 */
export function keptSchedules(
  previous: Pick<PreviousPlan, 'ulns'>,
  plan: Pick<DeploymentPlan, 'ulns'>,
): number {
  const planned = new Map(plan.ulns.map((s) => [s.uln, s.movements.filter((m) => !m.executed)]));
  let kept = 0;
  for (const s of previous.ulns) {
    const now = planned.get(s.uln);
    const same = (m: Movement, k: number) => {
      const n = now![k]!;
      return (
        n.arc === m.arc && n.departDay === m.departDay && n.personnel === m.personnel && n.tonnes === m.tonnes
      );
    };
    if (now && now.length === s.movements.length && s.movements.every(same)) kept++;
  }
  return kept;
}
