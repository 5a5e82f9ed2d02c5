// The states column generation prices over. A walk may revisit a node only by going round a cycle
// of the static network, and the planner's routes are simple, so pricing keeps to simple routes:
// inside a small strongly connected component (the hub ring) a state is a node plus the set of the
// component's nodes visited so far; elsewhere a state is a node. A walk cannot leave a component and
// come back to it. Pricing only simple routes is still a relaxation of every planner schedule, and
// no looser than the arc-flow LP, whose flow may go round a cycle.
import type { Net } from './prepared-instance.ts';

/** Strongly connected components larger than this are priced as walks (a weaker, still valid LP). */
const MAX_TRACKED_COMPONENT = 8;

export interface PricingStates {
  count: number;
  /** node -> the state on arriving at it from outside its component. */
  entry: Int32Array;
  /** Transitions per state, CSR: arc and target state. */
  start: Int32Array;
  arc: Int32Array;
  target: Int32Array;
}

/** The strongly connected components of the static network. */
interface Components {
  /** node -> its component. */
  comp: Int32Array;
  /** node -> its number inside its component (its bit in a visited set). */
  local: Int32Array;
  /** component -> its node count. */
  size: number[];
}

export function pricingStates(net: Net): PricingStates {
  const out = outArcs(net);
  const { comp, local, size } = components(net, out);
  const tracked = (v: number): boolean => size[comp[v]!]! > 1 && size[comp[v]!]! <= MAX_TRACKED_COMPONENT;
  const { N, arcTo } = net;
  // States by node and visited set; a set must contain its node.
  const stateNode: number[] = [];
  const stateMask: number[] = [];
  const table: Int32Array[] = [];
  const entry = new Int32Array(N);
  for (let v = 0; v < N; v++) {
    const masks = tracked(v) ? 1 << size[comp[v]!]! : 1;
    const t = new Int32Array(masks).fill(-1);
    for (let mask = 0; mask < masks; mask++) {
      if (tracked(v) && !(mask & (1 << local[v]!))) continue;
      t[mask] = stateNode.length;
      stateNode.push(v);
      stateMask.push(mask);
    }
    table.push(t);
    entry[v] = tracked(v) ? t[1 << local[v]!]! : t[0]!;
  }
  // Transitions: inside a tracked component only to nodes not yet visited.
  const start = [0];
  const arcs: number[] = [];
  const targets: number[] = [];
  for (let s = 0; s < stateNode.length; s++) {
    const u = stateNode[s]!;
    for (const a of out[u]!) {
      const w = arcTo[a]!;
      let target: number;
      if (tracked(u) && comp[w] === comp[u]) {
        const bit = 1 << local[w]!;
        if (stateMask[s]! & bit) continue;
        target = table[w]![stateMask[s]! | bit]!;
      } else target = entry[w]!;
      arcs.push(a);
      targets.push(target);
    }
    start.push(arcs.length);
  }
  return {
    count: stateNode.length,
    entry,
    start: Int32Array.from(start),
    arc: Int32Array.from(arcs),
    target: Int32Array.from(targets),
  };
}

/** Per node, the arcs leaving it that can carry anything (no loops). */
function outArcs(net: Net): number[][] {
  const { N, A, arcFrom, arcTo, cap } = net;
  const out: number[][] = Array.from({ length: N }, () => []);
  for (let a = 0; a < A; a++) {
    if (arcFrom[a] !== arcTo[a] && (cap[2 * a]! > 0 || cap[2 * a + 1]! > 0)) out[arcFrom[a]!]!.push(a);
  }
  return out;
}

/** Components by mutual reachability (a breadth-first search from every node: networks are small). */
function components(net: Net, out: number[][]): Components {
  const { N, arcTo } = net;
  const reach = new Uint8Array(N * N);
  const queue = new Int32Array(N);
  for (let s = 0; s < N; s++) {
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    reach[s * N + s] = 1;
    while (head < tail) {
      const u = queue[head++]!;
      for (const a of out[u]!) {
        const w = arcTo[a]!;
        if (!reach[s * N + w]) {
          reach[s * N + w] = 1;
          queue[tail++] = w;
        }
      }
    }
  }
  const comp = new Int32Array(N).fill(-1);
  const local = new Int32Array(N);
  const size: number[] = [];
  for (let v = 0; v < N; v++) {
    if (comp[v]! >= 0) continue;
    const id = size.length;
    let m = 0;
    for (let u = 0; u < N; u++) {
      if (reach[v * N + u] && reach[u * N + v]) {
        comp[u] = id;
        local[u] = m++;
      }
    }
    size.push(m);
  }
  return { comp, local, size };
}
