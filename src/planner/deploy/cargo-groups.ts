// Where each ULN's cargo is once the executed loads are counted: at its origin from max(ALD, today),
// at an intermediate node from max(arrival, today), in transit from its arrival. The cargo at one
// node is a group of lots (cargo available from a day), planned as one; the groups of the ULN at
// hand live in flat arrays sized once per plan, as tens of thousands of ULNs are assembled per plan
// and per-ULN arrays were most of what a re-plan allocated. Also the main path of cargo that moved
// on several routes, for its reported route.
import { EPS } from './ledger.ts';
import type { ExecutedLoads, NetworkArrays } from './network-arrays.ts';
import type { Movement, Uln } from './schedule-types.ts';

export class CargoGroups {
  /** Indices into the executed loads per ULN, in the order given; undefined when none. */
  readonly execOf: (number[] | undefined)[];
  /** The most lots a ULN can have: its origin's and one per executed load. */
  readonly maxLots: number;
  // The groups of the ULN at hand: group g is lots [groupStart[g], groupStart[g + 1]) of
  // groupDay/P/T, at node groupNode[g]; groupOrder lists them earliest available first.
  readonly groupNode: Int32Array;
  readonly groupStart: Int32Array;
  readonly groupDay: Int32Array;
  readonly groupP: Float64Array;
  readonly groupT: Float64Array;
  readonly groupOrder: Int32Array;
  // Scratch of groupsOf: lots by node then day, and what left each node.
  private readonly lotNode: Int32Array;
  private readonly lotDay: Int32Array;
  private readonly lotP: Float64Array;
  private readonly lotT: Float64Array;
  private readonly lotOrder: Int32Array;
  private readonly outP: Float64Array;
  private readonly outT: Float64Array;
  private readonly touchedNodes: Int32Array;
  // Scratch of mainPath: what each arc carried.
  private readonly carried: Float64Array;
  private readonly touchedArcs: number[] = [];

  constructor(
    private readonly ulns: readonly Uln[],
    private readonly net: NetworkArrays,
    private readonly exec: ExecutedLoads,
    private readonly today: number,
    /** Origin and destination node of each ULN. */
    readonly originOf: Int32Array,
    readonly destOf: Int32Array,
  ) {
    const M = ulns.length;
    const executed = exec.executed;
    this.execOf = new Array<number[] | undefined>(M);
    if (executed.length > 0) {
      const ulnIndex = new Map<string, number>();
      ulns.forEach((u, j) => ulnIndex.set(u.uln, j));
      executed.forEach((m, e) => {
        const j = ulnIndex.get(m.uln)!;
        (this.execOf[j] ??= []).push(e);
      });
    }
    const maxLots = 1 + this.execOf.reduce((m, es) => Math.max(m, es ? es.length : 0), 0);
    this.maxLots = maxLots;
    this.lotNode = new Int32Array(maxLots);
    this.lotDay = new Int32Array(maxLots);
    this.lotP = new Float64Array(maxLots);
    this.lotT = new Float64Array(maxLots);
    this.lotOrder = new Int32Array(maxLots);
    this.outP = new Float64Array(net.N);
    this.outT = new Float64Array(net.N);
    this.touchedNodes = new Int32Array(maxLots);
    this.carried = new Float64Array(net.A);
    this.groupNode = new Int32Array(maxLots);
    this.groupStart = new Int32Array(maxLots + 1);
    this.groupDay = new Int32Array(maxLots);
    this.groupP = new Float64Array(maxLots);
    this.groupT = new Float64Array(maxLots);
    this.groupOrder = new Int32Array(maxLots);
  }

  /** Fills the groups of ULN `j`'s cargo not yet at its destination; returns how many. */
  groupsOf(j: number): number {
    const u = this.ulns[j]!;
    const o = this.originOf[j]!;
    const dst = this.destOf[j]!;
    const start = Math.max(u.ald, this.today);
    const es = this.execOf[j];
    const { groupNode, groupStart, groupDay, groupP, groupT, groupOrder } = this;
    if (!es) {
      groupNode[0] = o;
      groupStart[0] = 0;
      groupStart[1] = 1;
      groupDay[0] = start;
      groupP[0] = u.personnel;
      groupT[0] = u.tonnes;
      groupOrder[0] = 0;
      return 1;
    }
    const { lotNode, lotDay, lotP, lotT, lotOrder, outP, outT, touchedNodes } = this;
    const { arcFrom, arcTo } = this.net;
    const { arc: execArc, arrive: execArrive, personnel: execP, tonnes: execT } = this.exec;
    let lots = 0;
    let touched = 0;
    this.addLot(lots++, o, start, u.personnel, u.tonnes);
    for (const e of es) {
      const a = execArc[e]!;
      const from = arcFrom[a]!;
      if (outP[from] === 0 && outT[from] === 0) touchedNodes[touched++] = from;
      outP[from] = outP[from]! + execP[e]!;
      outT[from] = outT[from]! + execT[e]!;
      if (arcTo[a] !== dst)
        this.addLot(lots++, arcTo[a]!, Math.max(execArrive[e]!, this.today), execP[e]!, execT[e]!);
    }
    // Residues within the validator's tolerance are rounding, not cargo left behind.
    const tolP = 1e-6 * Math.max(1, u.personnel);
    const tolT = 1e-6 * Math.max(1, u.tonnes);
    let groups = 0;
    let filled = 0;
    for (let k = 0; k < lots; k++) {
      const i = lotOrder[k]!;
      const node = lotNode[i]!;
      // What left a node left first what came first.
      const tp = Math.min(lotP[i]!, outP[node]!);
      const tt = Math.min(lotT[i]!, outT[node]!);
      outP[node] = outP[node]! - tp;
      outT[node] = outT[node]! - tt;
      const p = lotP[i]! - tp > tolP ? lotP[i]! - tp : 0;
      const t = lotT[i]! - tt > tolT ? lotT[i]! - tt : 0;
      if (p === 0 && t === 0) continue;
      if (groups === 0 || groupNode[groups - 1] !== node) {
        groupNode[groups] = node;
        groupStart[groups] = filled;
        groups++;
      } else if (groupDay[filled - 1] === lotDay[i]) {
        groupP[filled - 1] = groupP[filled - 1]! + p;
        groupT[filled - 1] = groupT[filled - 1]! + t;
        continue;
      }
      groupDay[filled] = lotDay[i]!;
      groupP[filled] = p;
      groupT[filled] = t;
      filled++;
    }
    groupStart[groups] = filled;
    for (let k = 0; k < touched; k++) outP[touchedNodes[k]!] = outT[touchedNodes[k]!] = 0;
    // Earliest available first, then by node.
    for (let g = 0; g < groups; g++) {
      const day = groupDay[groupStart[g]!]!;
      let k = g;
      while (k > 0 && groupDay[groupStart[groupOrder[k - 1]!]!]! > day) {
        groupOrder[k] = groupOrder[k - 1]!;
        k--;
      }
      groupOrder[k] = g;
    }
    return groups;
  }

  /**
   * Adds lot `n` (the lots so far) in order by node, then day, as they come: an insertion sort, as
   * a ULN has a handful of lots.
   */
  private addLot(n: number, node: number, day: number, p: number, t: number): void {
    const { lotNode, lotDay, lotOrder } = this;
    let k = n;
    while (k > 0) {
      const prev = lotOrder[k - 1]!;
      if (lotNode[prev]! < node || (lotNode[prev] === node && lotDay[prev]! <= day)) break;
      lotOrder[k] = prev;
      k--;
    }
    lotOrder[k] = n;
    lotNode[n] = node;
    lotDay[n] = day;
    this.lotP[n] = p;
    this.lotT[n] = t;
  }

  /**
   * The path from `o` that takes, at each node, the used arc that carried the most personnel plus
   * tonnes, each arc at most once; it stops short of `dst` only if the loads themselves do.
   */
  mainPath(o: number, dst: number, moveArcs: readonly number[], movements: readonly Movement[]): number[] {
    const { carried, touchedArcs } = this;
    const { arcFrom, arcTo } = this.net;
    touchedArcs.length = 0;
    for (let i = 0; i < moveArcs.length; i++) {
      // Follow-on tonnes have legs of their own (record.ts): the unit's path is its cargo's.
      if (movements[i]!.followOn) continue;
      const a = moveArcs[i]!;
      if (carried[a] === 0) touchedArcs.push(a);
      carried[a] = carried[a]! + movements[i]!.personnel + movements[i]!.tonnes;
    }
    const path: number[] = [];
    for (let v = o; v !== dst;) {
      let best = -1;
      for (const a of touchedArcs) {
        if (arcFrom[a] !== v || carried[a]! < 0) continue;
        const w = carried[a]!;
        if (best < 0 || w > carried[best]! + EPS || (Math.abs(w - carried[best]!) <= EPS && a < best))
          best = a;
      }
      if (best < 0) break;
      path.push(best);
      // Taken: marked so the walk cannot loop.
      carried[best] = -1;
      v = arcTo[best]!;
    }
    for (const a of touchedArcs) carried[a] = 0;
    return path;
  }
}
