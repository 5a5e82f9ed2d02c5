// The planner's own schedule cut into time-expanded walks: the columns column generation starts
// from, so the master is feasible from the first round and its duals mean something at once (with
// the artificials alone, the first rounds' duals are their costs and the columns they price are
// noise).
import { planDeployment } from '../schedule.ts';
import type { DeploymentNetwork, Movement, Uln, UlnSchedule } from '../schedule-types.ts';
import { EPS, P, T } from './prepared-instance.ts';
import type { Prepared } from './prepared-instance.ts';
import type { ReferenceOptions } from './reference-types.ts';

/** A walk of one block: the arcs and their departure days. */
export interface PlannedWalk {
  block: number;
  commodity: number;
  arcs: number[];
  days: number[];
}

/**
 * The walks of planDeployment's schedule over the same horizon, in the order of its ULNs, per
 * dimension. `blockOf[2 * commodity + dimension]` is the block that carries the dimension (-1 for
 * none: a joint block's walks are its personnel's, its tonnes travel with them).
 */
export function plannedWalks(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  prep: Prepared,
  options: ReferenceOptions,
  blockOf: Int32Array,
): PlannedWalk[] {
  // Each commodity carries one dimension of its members (prepared-instance.ts).
  const ulnCommodity = new Int32Array(2 * ulns.length).fill(-1);
  prep.commodities.forEach((c, ci) => {
    const k = c.qty[P]! > EPS ? P : T;
    c.members.forEach((j) => (ulnCommodity[2 * j + k] = ci));
  });
  const arcIndex = new Map(network.arcs.map((a, i) => [a.id, i]));
  const plan = planDeployment(network, ulns, {
    horizonDays: prep.net.H,
    ...(options.priorityWeight ? { priorityWeight: options.priorityWeight } : {}),
  });
  const walks: PlannedWalk[] = [];
  plan.ulns.forEach((s, j) => {
    if (s.status !== 'scheduled') return;
    for (let k = 0; k < 2; k++) {
      const ci = ulnCommodity[2 * j + k]!;
      const b = ci < 0 ? -1 : blockOf[2 * ci + k]!;
      const total = k === P ? ulns[j]!.personnel : ulns[j]!.tonnes;
      if (b < 0 || total <= EPS) continue;
      // The dimension's own path (the planner may send personnel and tonnes apart), and its
      // follow-on tonnes' path, each carrying what its first leg carries.
      for (const followOn of k === T ? [false, true] : [false]) {
        const route = dimensionRoute(s, k, ulns[j]!.origin, followOn);
        if (route.length === 0) continue;
        const moves = s.movements.map((m) => ({ ...m, leg: route.indexOf(s.legs[m.leg]!) }));
        const amount = followOn
          ? moves.reduce((x, m) => x + (m.leg === 0 ? m.tonnes : 0), 0)
          : total - (s.legs.some((l) => l.followOn) ? followOnTonnes(s) : 0);
        const arcs = route.map((l) => arcIndex.get(l.arc)!);
        for (const w of ulnWalks(moves, arcs, k, amount, ulns[j]!.ald) ?? []) {
          walks.push({ block: b, commodity: ci, arcs: w.arcs, days: w.days });
        }
      }
    }
  });
  return walks;
}

/** Tonnes of scheduled ULN `s` that are follow-on (Movement.followOn): what leaves its origin. */
function followOnTonnes(s: UlnSchedule): number {
  const first = s.legs.findIndex((l) => l.followOn);
  return s.movements.reduce((x, m) => x + (m.leg === first ? m.tonnes : 0), 0);
}

/**
 * The legs of scheduled ULN `s` that carry dimension `k`, the unit's or (`followOn`) its follow-on
 * tonnes', in path order from `origin`.
 */
function dimensionRoute(s: UlnSchedule, k: number, origin: string, followOn: boolean): UlnSchedule['legs'] {
  const carried = new Set<number>();
  for (const m of s.movements)
    if (m.followOn === followOn && (k === P ? m.personnel : m.tonnes) > EPS) carried.add(m.leg);
  const left = s.legs.filter((_, i) => carried.has(i));
  const route: UlnSchedule['legs'] = [];
  for (
    let at = origin, i = left.findIndex((l) => l.from === at);
    i >= 0;
    i = left.findIndex((l) => l.from === at)
  ) {
    route.push(left[i]!);
    at = left[i]!.to;
    left.splice(i, 1);
  }
  return route;
}

/**
 * The schedule of one ULN in one dimension as walks (arcs and departure days) with the amount on
 * each: lots at each leg's tail are matched first in, first out to the loads that leave. Null when
 * the movements do not fit together (they always should).
 */
function ulnWalks(
  moves: readonly Movement[],
  route: readonly number[],
  dimension: number,
  total: number,
  ald: number,
): { arcs: number[]; days: number[]; amount: number }[] | null {
  let partial = [{ arcs: [] as number[], days: [] as number[], amount: total, day: ald }];
  for (let leg = 0; leg < route.length; leg++) {
    const lots = moves
      .filter((m) => m.leg === leg && (dimension === P ? m.personnel : m.tonnes) > EPS)
      .sort((x, y) => x.departDay - y.departDay);
    partial.sort((x, y) => x.day - y.day);
    const next: typeof partial = [];
    let i = 0;
    for (const lot of lots) {
      let need = dimension === P ? lot.personnel : lot.tonnes;
      while (need > EPS && i < partial.length) {
        const p = partial[i]!;
        if (p.day > lot.departDay) return null;
        const take = Math.min(p.amount, need);
        next.push({
          arcs: [...p.arcs, route[leg]!],
          days: [...p.days, lot.departDay],
          amount: take,
          day: lot.arriveDay,
        });
        p.amount -= take;
        need -= take;
        if (p.amount <= EPS * Math.max(1, total)) i++;
      }
    }
    partial = next;
  }
  return partial;
}
