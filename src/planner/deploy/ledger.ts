// The day-indexed capacity ledgers of one plan: personnel and tonnes used per arc and day and
// received per node and day, the days cargo was turned away (saturation) and the priority-weighted
// waiting per arc and node, with an undo log so routes can be tried and taken back. Flat typed
// arrays indexed [arc * H + day] and [node * H + day], allocated once per plan.
import type { ExecutedLoads, NetworkArrays } from './network-arrays.ts';

/** Tolerance of capacity comparisons, personnel and tonnes alike. */
export const EPS = 1e-7;

export class Ledger {
  readonly arcUsedP: Float64Array;
  readonly arcUsedT: Float64Array;
  readonly nodeUsedP: Float64Array;
  readonly nodeUsedT: Float64Array;
  /** 1 where cargo was turned away by the arc's capacity (or the node's reception) that day. */
  readonly arcSat: Uint8Array;
  readonly nodeSat: Uint8Array;
  /** Priority-weighted days cargo waited for each arc or node. */
  readonly arcWait: Float64Array;
  readonly nodeWait: Float64Array;
  // The undo log: a ledger index (arc index >= 0, node index as -index - 1) and what was added.
  undoIdx = new Int32Array(1024);
  undoP = new Float64Array(1024);
  undoT = new Float64Array(1024);
  /** Entries in the undo log; setting it back to a mark commits what was logged after. */
  undoN = 0;
  private undoCap = 1024;

  constructor(
    private readonly net: NetworkArrays,
    private readonly exec: ExecutedLoads,
  ) {
    const { A, N, H } = net;
    this.arcUsedP = new Float64Array(A * H);
    this.arcUsedT = new Float64Array(A * H);
    this.nodeUsedP = new Float64Array(N * H);
    this.nodeUsedT = new Float64Array(N * H);
    this.arcSat = new Uint8Array(A * H);
    this.nodeSat = new Uint8Array(N * H);
    this.arcWait = new Float64Array(A);
    this.nodeWait = new Float64Array(N);
    this.reset();
  }

  /** Empties the ledgers and charges what happened, whatever it did to capacity: the plan works around it. */
  reset(): void {
    const { arcUsedP, arcUsedT, nodeUsedP, nodeUsedT } = this;
    const { H, arcTo } = this.net;
    const { executed, arc, arrive } = this.exec;
    arcUsedP.fill(0);
    arcUsedT.fill(0);
    nodeUsedP.fill(0);
    nodeUsedT.fill(0);
    for (let e = 0; e < executed.length; e++) {
      const m = executed[e]!;
      const ai = arc[e]! * H + m.departDay;
      const ni = arcTo[arc[e]!]! * H + arrive[e]!;
      arcUsedP[ai] = arcUsedP[ai]! + m.personnel;
      arcUsedT[ai] = arcUsedT[ai]! + m.tonnes;
      nodeUsedP[ni] = nodeUsedP[ni]! + m.personnel;
      nodeUsedT[ni] = nodeUsedT[ni]! + m.tonnes;
    }
  }

  /** Empties saturation and waiting, which only recording passes fill. */
  clearWaiting(): void {
    this.arcSat.fill(0);
    this.nodeSat.fill(0);
    this.arcWait.fill(0);
    this.nodeWait.fill(0);
  }

  /** Logs `p` personnel and `t` tonnes added at ledger index `idx` (a node's as -index - 1). */
  logUndo(idx: number, p: number, t: number): void {
    if (this.undoN === this.undoCap) this.growUndo();
    const n = this.undoN;
    this.undoIdx[n] = idx;
    this.undoP[n] = p;
    this.undoT[n] = t;
    this.undoN = n + 1;
  }

  private growUndo(): void {
    this.undoCap *= 2;
    const i1 = new Int32Array(this.undoCap);
    const p1 = new Float64Array(this.undoCap);
    const t1 = new Float64Array(this.undoCap);
    i1.set(this.undoIdx);
    p1.set(this.undoP);
    t1.set(this.undoT);
    this.undoIdx = i1;
    this.undoP = p1;
    this.undoT = t1;
  }

  /** Undoes the ledger changes logged since `mark`. */
  rollback(mark = 0): void {
    const { arcUsedP, arcUsedT, nodeUsedP, nodeUsedT, undoIdx, undoP, undoT } = this;
    for (let i = this.undoN - 1; i >= mark; i--) {
      const idx = undoIdx[i]!;
      if (idx >= 0) {
        arcUsedP[idx] = arcUsedP[idx]! - undoP[i]!;
        arcUsedT[idx] = arcUsedT[idx]! - undoT[i]!;
      } else {
        nodeUsedP[-idx - 1] = nodeUsedP[-idx - 1]! - undoP[i]!;
        nodeUsedT[-idx - 1] = nodeUsedT[-idx - 1]! - undoT[i]!;
      }
    }
    this.undoN = mark;
  }

  /** Copies of the used-capacity ledgers, to put back with restore. */
  snapshot(): Float64Array[] {
    return [this.arcUsedP.slice(), this.arcUsedT.slice(), this.nodeUsedP.slice(), this.nodeUsedT.slice()];
  }

  restore(saved: readonly Float64Array[]): void {
    this.arcUsedP.set(saved[0]!);
    this.arcUsedT.set(saved[1]!);
    this.nodeUsedP.set(saved[2]!);
    this.nodeUsedT.set(saved[3]!);
  }
}
