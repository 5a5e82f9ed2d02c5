// A plan's schedules as columns of the delivery master (delivery-master.ts): what lets the master
// start from the plan it bounds rather than from the ascent's schedules alone.
import type { DeploymentNetwork, Movement, Uln, UlnSchedule } from '../schedule-types.ts';
import type { DeliveryNetwork } from './delivery-network.ts';
import type { ColumnRecorder } from './delivery-subproblem.ts';

/** What the master reads of a plan's ULN to make a column of it. */
export type StartSchedule = Pick<UlnSchedule, 'uln' | 'status' | 'deliveredDay' | 'movements'>;

/** The master's column store as a start plan's columns are recorded into it. */
export interface StartColumns extends Required<ColumnRecorder> {
  /** Per ULN its convexity row, -1 when it cannot be planned at all. */
  readonly convexityRow: Int32Array;
  /** The loads of the column being recorded: the plan's, kept with the column. */
  loads: readonly Movement[] | null;
  /** Closes the column being recorded. */
  end(): void;
}

/**
 * Each scheduled ULN of a plan of the same input as a column: its lateness at the plan's delivered
 * day (objective.ts delivers it when its personnel and critical tonnes are in, the relaxation's
 * rule), its loads' departures on the arc-days and arrivals on the node-days.
 *
 * Why: the ascent's schedules, each a ULN's cheapest at one set of prices, crowd the same lift, so
 * the first masters plan most ULNs on their penalty columns and their duals price little but that
 * (single-crossing seed 2 at N = 2,000: a first master of 2.8 million against a plan of 71,033,
 * and after twelve rounds, at the end of its 54 s, 50,381 against the relaxation's 49,572). The
 * plan's schedules fit together, so the first master is already no worse than the plan (63,041
 * there) and its duals price the lift the units contend for.
 *
 * A column that splits the cargo over several paths or carries more than the relaxation needs is a
 * mix of schedules the subproblem could return, with no less usage: the master stays a
 * restriction of the relaxation's, and the bound, L at prices, does not depend on the columns.
 * ULNs with executed loads (a re-plan, which the bound does not bound) or cargo beyond the horizon
 * are left out.
 */
export function addStartColumns(
  net: DeliveryNetwork,
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  start: readonly StartSchedule[],
  cols: StartColumns,
): void {
  const { H, arcTo, arcTransit } = net;
  const arcOf = new Map(network.arcs.map((arc, a) => [arc.id, a]));
  const ulnOf = new Map(ulns.map((u, j) => [u.uln, j]));
  for (const s of start) {
    const j = ulnOf.get(s.uln);
    if (j === undefined || s.status !== 'scheduled' || s.deliveredDay === null || cols.convexityRow[j]! < 0)
      continue;
    const fits = s.movements.every((m) => {
      const a = arcOf.get(m.arc);
      return !m.executed && a !== undefined && m.departDay >= 0 && m.departDay + arcTransit[a]! < H;
    });
    if (!fits) continue;
    const late = Math.max(0, s.deliveredDay - net.ulnRdd[j]!);
    cols.begin(j, net.ulnWeight[j]! * late);
    cols.loads = s.movements;
    for (const m of s.movements) {
      const a = arcOf.get(m.arc)!;
      const depart = a * H + m.departDay;
      const arrive = arcTo[a]! * H + m.departDay + arcTransit[a]!;
      if (m.personnel > 0) {
        cols.part(0);
        cols.add(0, depart, m.personnel);
        cols.add(2, arrive, m.personnel);
      }
      if (m.tonnes > 0) {
        cols.part(m.followOn ? 2 : 1);
        cols.add(1, depart, m.tonnes);
        cols.add(3, arrive, m.tonnes);
      }
    }
    cols.end();
  }
}
