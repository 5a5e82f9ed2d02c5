// The fewest days a move takes over the network: from one place, the shortest transit (sum of the
// arcs' transit days) to every place it reaches. It is the planner's route model on an empty
// network: the planner's candidate routes are the k shortest by transit days over the arcs that carry
// anything (src/planner/deploy/schedule.ts), so no plan arrives earlier than this; capacity,
// reception and closures only ever add to it. The force list uses it to give each ULN an arrival
// window it can physically make.
import type { Network } from './network.ts';

type TransitArc = Pick<Network['arcs'][number], 'from' | 'to' | 'transitDays' | 'capacityPerDay'>;

/**
 * Shortest transit days from `origin` to each place reachable from it (the origin itself at 0); a
 * place missing from the map cannot be reached. Arcs with no capacity at all are left out, as the
 * planner leaves them out of its routes. Dijkstra over an array: reference networks have a hundred
 * places, and a force list asks once per origin.
 */
export function shortestTransitFrom(arcs: readonly TransitArc[], origin: string): Map<string, number> {
  const out = new Map<string, TransitArc[]>();
  for (const a of arcs) {
    if (a.capacityPerDay.personnel <= 0 && a.capacityPerDay.tonnes <= 0) continue;
    const list = out.get(a.from);
    if (list) list.push(a);
    else out.set(a.from, [a]);
  }
  const dist = new Map<string, number>([[origin, 0]]);
  const done = new Set<string>();
  for (;;) {
    let v: string | undefined;
    for (const [node, d] of dist) if (!done.has(node) && (v === undefined || d < dist.get(v)!)) v = node;
    if (v === undefined) return dist;
    done.add(v);
    const dv = dist.get(v)!;
    for (const a of out.get(v) ?? []) {
      const nd = dv + a.transitDays;
      if (nd < (dist.get(a.to) ?? Infinity)) dist.set(a.to, nd);
    }
  }
}

/** shortestTransitFrom per origin, each computed once: `days(origin, destination)`, undefined if unreachable. */
export function transitTable(
  arcs: readonly TransitArc[],
): (origin: string, destination: string) => number | undefined {
  const from = new Map<string, Map<string, number>>();
  return (origin, destination) => {
    let d = from.get(origin);
    if (!d) {
      d = shortestTransitFrom(arcs, origin);
      from.set(origin, d);
    }
    return d.get(destination);
  };
}
