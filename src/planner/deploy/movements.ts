// Consistency of movement records (actual departures and arrivals of lift loads) against the
// network and the ULNs, before the API stores them and before a re-plan starts from them. Records
// are facts, so capacity and closures are not checked: an overloaded or closed-day departure
// happened all the same. What is refused is what cannot have happened.
import type {
  DeploymentArc,
  DeploymentNetwork,
  DeploymentPlan,
  ExecutedMovement,
  Uln,
} from './schedule-types.ts';

export type MovementField = 'uln' | 'arc' | 'departDay' | 'arriveDay' | 'personnel' | 'tonnes';

export interface MovementProblem {
  /** Index into the movements given. */
  index: number;
  field: MovementField;
  message: string;
}

export interface CheckMovementsOptions {
  /**
   * Refuse departures before the ULN's ALD. Default true. The planner turns it off: an ALD edited
   * after its unit started moving must not make the movements that happened unplannable.
   */
  checkAld?: boolean;
}

const REL_TOL = 1e-9;
const ABS_TOL = 1e-6;

const fmt = (x: number): string => String(Math.round(x * 1000) / 1000);

/**
 * Problems with `movements`, by index; empty when every record is consistent. Checks each record
 * alone (known ULN and arc, whole days, an arrival no sooner than departure plus transit, not before
 * the ULN's ALD, not leaving its destination, amounts neither negative nor both zero), then the
 * flow of each ULN's cargo through each node: cumulative departures from a node never exceed what
 * had arrived there by that day (the origin holds the ULN's whole cargo from the start), and never
 * what ever arrives there. A departure refused for flow is left out of the node's balance, so one
 * bad record is reported once rather than with every record after it.
 */
export function checkMovements(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  movements: readonly ExecutedMovement[],
  options: CheckMovementsOptions = {},
): MovementProblem[] {
  const checkAld = options.checkAld ?? true;
  const problems: MovementProblem[] = [];
  const report = (index: number, field: MovementField, message: string): void => {
    problems.push({ index, field, message });
  };

  const arcById = new Map<string, DeploymentArc>();
  for (const a of network.arcs) arcById.set(a.id, a);
  // Index of each ULN id, or -1 when the id names more than one ULN.
  const ulnById = new Map<string, number>();
  ulns.forEach((u, j) => ulnById.set(u.uln, ulnById.has(u.uln) ? -1 : j));

  // Flow events of the records that pass the single-record checks, two per record: event
  // 2i + 1 is record i's departure from its arc's tail, 2i its arrival at the head. Flat arrays
  // rather than objects: the planner checks tens of thousands of records on every re-plan.
  const n = movements.length;
  const ulnOf = new Int32Array(n).fill(-1);
  // Per event: its node as a number (for sorting) and its day.
  const eventNode = new Int32Array(2 * n);
  const eventDay = new Float64Array(2 * n);
  const nodeNumber = new Map<string, number>();
  network.nodes.forEach((v, i) => nodeNumber.set(v.id, i));
  const numberOf = (id: string): number => {
    let k = nodeNumber.get(id);
    if (k === undefined) nodeNumber.set(id, (k = nodeNumber.size));
    return k;
  };

  for (let index = 0; index < n; index++) {
    const m = movements[index]!;
    const before = problems.length;
    const j = ulnById.get(m.uln);
    if (j === undefined) report(index, 'uln', `unknown ULN ${m.uln}`);
    else if (j < 0) report(index, 'uln', `ULN id ${m.uln} names more than one ULN`);
    const arc = arcById.get(m.arc);
    if (!arc) report(index, 'arc', `unknown arc ${m.arc}`);
    if (!Number.isInteger(m.departDay) || m.departDay < 0) {
      report(index, 'departDay', `departure day ${m.departDay} is not a whole day on or after day 0`);
    }
    if (m.arriveDay !== null && !Number.isInteger(m.arriveDay)) {
      report(index, 'arriveDay', `arrival day ${m.arriveDay} is not a whole day (or null, not yet reported)`);
    }
    if (!(Number.isFinite(m.personnel) && m.personnel >= 0)) {
      report(index, 'personnel', `personnel ${m.personnel} must be a finite amount, not negative`);
    }
    if (!(Number.isFinite(m.tonnes) && m.tonnes >= 0)) {
      report(index, 'tonnes', `tonnes ${m.tonnes} must be a finite amount, not negative`);
    }
    if (problems.length === before && m.personnel === 0 && m.tonnes === 0) {
      report(index, 'personnel', 'the load carries neither personnel nor tonnes');
    }
    if (problems.length > before || j === undefined || j < 0 || !arc) continue;
    const u = ulns[j]!;

    const earliest = m.departDay + arc.transitDays;
    if (m.arriveDay !== null && m.arriveDay < earliest) {
      report(
        index,
        'arriveDay',
        `arrival day ${m.arriveDay} is before departure day ${m.departDay} + transit ` +
          `${arc.transitDays} days on arc ${arc.id}`,
      );
    }
    if (checkAld && m.departDay < u.ald) {
      report(index, 'departDay', `departure day ${m.departDay} is before ULN ${u.uln}'s ALD ${u.ald}`);
    }
    if (arc.from === u.destination) {
      report(
        index,
        'arc',
        `arc ${arc.id} leaves ${arc.from}, ULN ${u.uln}'s destination: its cargo is delivered there`,
      );
      continue;
    }
    ulnOf[index] = j;
    eventNode[2 * index] = numberOf(arc.to);
    eventDay[2 * index] = m.arriveDay ?? earliest;
    eventNode[2 * index + 1] = numberOf(arc.from);
    eventDay[2 * index + 1] = m.departDay;
  }
  const nodeName: string[] = [];
  for (const [id, k] of nodeNumber) nodeName[k] = id;

  // Events bucketed by ULN (a counting sort), then each ULN's sorted by node, day, arrivals before
  // departures (a load can leave on the day it arrives) and record order.
  const count = new Int32Array(ulns.length + 1);
  for (let i = 0; i < n; i++) if (ulnOf[i]! >= 0) count[ulnOf[i]! + 1]! += 2;
  for (let j = 0; j < ulns.length; j++) count[j + 1]! += count[j]!;
  const events = new Int32Array(count[ulns.length]!);
  const fill = count.slice(0, ulns.length);
  for (let i = 0; i < n; i++) {
    const j = ulnOf[i]!;
    if (j < 0) continue;
    events[fill[j]!++] = 2 * i;
    events[fill[j]!++] = 2 * i + 1;
  }
  const order = (x: number, y: number): number =>
    eventNode[x]! - eventNode[y]! || eventDay[x]! - eventDay[y]! || (x & 1) - (y & 1) || x - y;

  /** Reports a departure of `amount` that more than empties the node; true if it did. */
  const refuse = (
    index: number,
    field: 'personnel' | 'tonnes',
    amount: number,
    out: number,
    sofar: number,
    ever: number,
    uln: string,
    node: string,
    atOrigin: boolean,
    day: number,
  ): boolean => {
    if (amount === 0) return false;
    const tol = ABS_TOL + REL_TOL * ever;
    if (out + amount > ever + tol) {
      const what = atOrigin ? `all it has there (${fmt(ever)})` : `all that ever reaches it (${fmt(ever)})`;
      report(
        index,
        field,
        `${fmt(out + amount)} ${field} of ULN ${uln} would have left ${node} by day ${day}, ` +
          `more than ${what}`,
      );
      return true;
    }
    if (out + amount > sofar + tol) {
      report(
        index,
        'departDay',
        `leaves ${node} on day ${day} before its cargo got there: ${fmt(out + amount)} ${field} ` +
          `of ULN ${uln} would have left by then, only ${fmt(sofar)} had arrived`,
      );
      return true;
    }
    return false;
  };

  for (let j = 0; j < ulns.length; j++) {
    // An insertion sort when short, as most are: a comparator sort of typed subarrays was most of
    // the time this check took.
    const list = events.subarray(count[j]!, count[j + 1]!);
    if (list.length > 64) {
      list.sort(order);
    } else {
      for (let i = 1; i < list.length; i++) {
        const e = list[i]!;
        let k = i;
        while (k > 0 && order(list[k - 1]!, e) > 0) {
          list[k] = list[k - 1]!;
          k--;
        }
        list[k] = e;
      }
    }
    const u = ulns[j]!;
    for (let s = 0; s < list.length;) {
      const k = eventNode[list[s]!]!;
      const node = nodeName[k]!;
      let end = s;
      while (end < list.length && eventNode[list[end]!] === k) end++;
      const atOrigin = node === u.origin;
      let everP = atOrigin ? u.personnel : 0;
      let everT = atOrigin ? u.tonnes : 0;
      for (let k = s; k < end; k++) {
        const e = list[k]!;
        if ((e & 1) === 0) {
          everP += movements[e >> 1]!.personnel;
          everT += movements[e >> 1]!.tonnes;
        }
      }
      let inP = atOrigin ? u.personnel : 0;
      let inT = atOrigin ? u.tonnes : 0;
      let outP = 0;
      let outT = 0;
      for (let k = s; k < end; k++) {
        const e = list[k]!;
        const m = movements[e >> 1]!;
        if ((e & 1) === 0) {
          inP += m.personnel;
          inT += m.tonnes;
          continue;
        }
        const refused =
          refuse(e >> 1, 'personnel', m.personnel, outP, inP, everP, u.uln, node, atOrigin, m.departDay) ||
          refuse(e >> 1, 'tonnes', m.tonnes, outT, inT, everT, u.uln, node, atOrigin, m.departDay);
        if (refused) continue;
        outP += m.personnel;
        outT += m.tonnes;
      }
      s = end;
    }
  }

  // Stable: the single-record problems of a record come before its flow problems.
  return problems
    .map((p, i) => ({ p, i }))
    .sort((x, y) => x.p.index - y.p.index || x.i - y.i)
    .map((x) => x.p);
}

/**
 * The records `plan` would have produced by the start of `day` had it run exactly as planned: every
 * load that departed before `day`, its arrival reported if it came before `day`, else null (in
 * transit); loads already executed in `plan` as they are there. In ULN order, each ULN's in its
 * plan's order. For tests, benchmarks and what-ifs.
 */
export function movementsBefore(plan: DeploymentPlan, day: number): ExecutedMovement[] {
  const out: ExecutedMovement[] = [];
  for (const s of plan.ulns) {
    for (const m of s.movements) {
      if (m.departDay >= day) continue;
      out.push({
        uln: s.uln,
        arc: m.arc,
        departDay: m.departDay,
        // An executed load keeps the arrival it was given (or assumed) before.
        arriveDay: m.arriveDay < day || m.executed ? m.arriveDay : null,
        personnel: m.personnel,
        tonnes: m.tonnes,
      });
    }
  }
  return out;
}
