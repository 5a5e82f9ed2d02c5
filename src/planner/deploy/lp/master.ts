// The restricted master of column generation: per block (a commodity's personnel or its tonnes) a
// convexity row over the time-expanded walks found so far, and the capacity and reception rows
// those walks touch, added as columns first touch them. Columns wait in CSC arrays until flush() hands them to the HiGHS model.
import type { Highs, Model } from 'highs';
import { convexityModel, f64, flushToModel, i32 } from './matrix-builder.ts';
import { EPS, P } from './prepared-instance.ts';
import type { Commodity, Net, Prepared } from './prepared-instance.ts';

// Row kinds of the master.
export const ROW_CONVEXITY = 0;
export const ROW_CAPACITY = 1;
export const ROW_RECEPTION = 2;

/** Where the pending columns stood: what rollback() returns to. */
export type ColumnMark = readonly [starts: number, entries: number, costs: number, columns: number];

export class RestrictedMaster {
  readonly net: Net;
  readonly commodities: Commodity[];
  /** [commodity * A + arc]: 1 when the commodity may use the arc. */
  readonly usable: Uint8Array;
  /** [commodity * 2 + dimension]: the block that carries it, -1 for none. */
  readonly blockOf: Int32Array;
  readonly blockComm: number[] = [];
  /** P or T. */
  readonly blockKind: number[] = [];
  readonly B: number;
  /** Rows: one convexity row per block first, then shared rows as columns touch them. */
  readonly rowLower = f64();
  readonly rowUpper = f64();
  readonly rowKind = i32();
  /** Capacity and reception: the shared key. */
  readonly rowKey = i32();
  rowsInModel: number;
  /** Per column (the artificials first, one per block): its block, and its arrival day (-1: none). */
  readonly colBlock = i32();
  readonly colArrive = i32();
  /** Columns waiting to join the master, CSC; their cost computed when added. */
  readonly newCost = f64();
  readonly newStarts = i32();
  readonly newIndex = i32();
  readonly newValue = f64();
  /** Walks in the master, by block, arcs and days. */
  readonly known = new Set<string>();
  private readonly capRow: Int32Array;
  private readonly recRow: Int32Array;
  private readonly artificialCost: Float64Array;
  private pendingFrom: number;
  private hm: Model | null = null;

  constructor(prep: Prepared) {
    const { net, commodities } = prep;
    const { N, A, H } = net;
    const C = commodities.length;
    this.net = net;
    this.commodities = commodities;
    this.usable = new Uint8Array(C * A);
    this.blockOf = new Int32Array(2 * C).fill(-1);
    commodities.forEach((c, ci) => {
      for (const a of c.arcs) this.usable[ci * A + a] = 1;
      for (let k = 0; k < 2; k++) {
        if (c.qty[k]! > EPS) {
          this.blockOf[2 * ci + k] = this.blockComm.length;
          this.blockComm.push(ci);
          this.blockKind.push(k);
        }
      }
    });
    const B = (this.B = this.blockComm.length);
    for (let b = 0; b < B; b++) this.addRow(1, 1, ROW_CONVEXITY, b);
    this.capRow = new Int32Array(A * H * 2).fill(-1);
    this.recRow = new Int32Array(N * H * 2).fill(-1);
    this.rowsInModel = B;
    this.artificialCost = this.artificialCosts();
    for (let b = 0; b < B; b++) {
      this.colBlock.push(b);
      this.colArrive.push(-1);
    }
    this.pendingFrom = B;
  }

  get model(): Model {
    return this.hm!;
  }

  /** The HiGHS model with the artificial columns alone; the rest joins at flush(). */
  open(highs: Highs): Model {
    this.hm = convexityModel(highs, this.artificialCost);
    return this.hm;
  }

  dispose(): void {
    this.hm?.dispose();
  }

  /** The walk of block b (arcs and departure days) as a pending column, with the rows it touches. */
  addColumn(b: number, arcs: ArrayLike<number>, days: ArrayLike<number>): void {
    const { arcTo, arcTransit } = this.net;
    const ci = this.blockComm[b]!;
    const kind = this.blockKind[b]!;
    const c = this.commodities[ci]!;
    let arrive = -1;
    this.newStarts.push(this.newIndex.length);
    const first = this.newIndex.length;
    this.put(first, b, 1);
    for (let l = 0; l < arcs.length; l++) {
      const a = arcs[l]!;
      const d = days[l]!;
      if (arcTo[a] === c.dest) arrive = d + arcTransit[a]!;
      this.legEntries(first, ci, kind, a, d);
    }
    this.newCost.push(kind === P ? c.weight * c.qty[P]! * Math.max(0, arrive - c.rdd) : 0);
    this.colBlock.push(b);
    this.colArrive.push(kind === P ? arrive : -1);
  }

  mark(): ColumnMark {
    return [this.newStarts.length, this.newIndex.length, this.newCost.length, this.colBlock.length];
  }

  /** Drops the pending columns added since `mark`. */
  rollback(mark: ColumnMark): void {
    this.newStarts.length = mark[0];
    this.newIndex.length = mark[1];
    this.newValue.length = mark[1];
    this.newCost.length = mark[2];
    this.colBlock.length = mark[3];
    this.colArrive.length = mark[3];
  }

  /** The reduced cost at duals y of the one column added since `mark` (rows not yet in y count 0). */
  reducedCost(mark: ColumnMark, y: ArrayLike<number>): { cost: number; reduced: number } {
    const cost = this.newCost.data[mark[2]]!;
    let reduced = cost;
    for (let e = mark[1]; e < this.newIndex.length; e++) {
      const r = this.newIndex.data[e]!;
      if (r < y.length) reduced -= y[r]! * this.newValue.data[e]!;
    }
    return { cost, reduced };
  }

  /** Hands the rows and columns made since the last flush to HiGHS. */
  flush(): void {
    this.rowsInModel = flushToModel(
      this.model,
      this.rowsInModel,
      this.rowLower.view(),
      this.rowUpper.view(),
      this.pendingFrom,
      { cost: this.newCost, starts: this.newStarts, index: this.newIndex, value: this.newValue },
    );
    this.pendingFrom = this.colBlock.length;
  }

  /** Whether the solution x uses an artificial column. */
  usesArtificial(x: ArrayLike<number>): boolean {
    let artificial = false;
    for (let b = 0; b < this.B; b++) if (x[b]! > 1e-9) artificial = true;
    return artificial;
  }

  /** Makes every artificial a hundred times dearer, in HiGHS too. */
  raiseArtificialCosts(): void {
    const cost = this.artificialCost;
    for (let b = 0; b < this.B; b++) this.model.changeColCost(b, (cost[b] = cost[b]! * 100));
  }

  /** Personnel at their destinations by the end of each day in the master's solution x. */
  arrivalsPerDay(x: ArrayLike<number>): Float64Array {
    const curve = new Float64Array(this.net.H);
    const arrive = this.colArrive.view();
    const blocks = this.colBlock.view();
    for (let j = this.B; j < x.length; j++) {
      if (arrive[j]! < 0 || x[j]! <= 0) continue;
      const c = this.commodities[this.blockComm[blocks[j]!]!]!;
      curve[arrive[j]!] = curve[arrive[j]!]! + x[j]! * c.qty[P]!;
    }
    return curve;
  }

  /**
   * Artificial columns (one per block, in its convexity row only) keep the master feasible from
   * the start. Each costs more than its block could ever be late, and is raised if one survives
   * (either the LP is infeasible or the cost was too low); costs far above that make the
   * simplex's duals unstable.
   */
  private artificialCosts(): Float64Array {
    const { commodities, B } = this;
    const H = this.net.H;
    let longest = 1;
    for (const c of commodities) longest = Math.max(longest, c.weight * c.qty[P]! * H);
    const artificialCost = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      const c = commodities[this.blockComm[b]!]!;
      artificialCost[b] = 10 * (this.blockKind[b] === P ? c.weight * c.qty[P]! * H : longest) + 1;
    }
    return artificialCost;
  }

  /** One leg's entries: capacity and reception of the block's dimension. */
  private legEntries(first: number, ci: number, k: number, a: number, d: number): void {
    const { H, arcTo, arcTransit, cap, rec } = this.net;
    const c = this.commodities[ci]!;
    const w = arcTo[a]!;
    const t = d + arcTransit[a]!;
    const q = c.qty[k]!;
    const ck = (a * H + d) * 2 + k;
    if (this.capRow[ck]! < 0) this.capRow[ck] = this.addRow(-Infinity, cap[2 * a + k]!, ROW_CAPACITY, ck);
    this.put(first, this.capRow[ck]!, q);
    if (Number.isFinite(rec[2 * w + k]!)) {
      const rk = (w * H + t) * 2 + k;
      if (this.recRow[rk]! < 0) this.recRow[rk] = this.addRow(-Infinity, rec[2 * w + k]!, ROW_RECEPTION, rk);
      this.put(first, this.recRow[rk]!, q);
    }
  }

  /** Adds value at row to the column whose entries start at `first`, merging a repeated row. */
  private put(first: number, row: number, value: number): void {
    const { newIndex, newValue } = this;
    for (let e = first; e < newIndex.length; e++) {
      if (newIndex.data[e] === row) {
        newValue.data[e] = newValue.data[e]! + value;
        return;
      }
    }
    newIndex.push(row);
    newValue.push(value);
  }

  private addRow(lower: number, upper: number, kind: number, key: number): number {
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    this.rowKind.push(kind);
    this.rowKey.push(key);
    return this.rowLower.length - 1;
  }
}
