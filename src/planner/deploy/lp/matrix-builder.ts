// Growable typed arrays and a column-wise (CSC) matrix builder, for models that go to HiGHS as typed
// arrays: at thousands of ULNs the arc-flow model has millions of nonzeros, too many for JS arrays
// of numbers or an LP text.
import type { Highs, Model } from 'highs';
import { EPS } from './prepared-instance.ts';

export class Grow<T extends Float64Array | Int32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
export const f64 = (): Grow<Float64Array> => new Grow(new Float64Array(64), (n) => new Float64Array(n));
export const i32 = (): Grow<Int32Array> => new Grow(new Int32Array(64), (n) => new Int32Array(n));

export interface CscMatrix {
  numRows: number;
  numCols: number;
  starts: Int32Array;
  index: Int32Array;
  value: Float64Array;
}

export class MatrixBuilder {
  readonly starts = i32();
  readonly index = i32();
  readonly value = f64();
  readonly cost = f64();
  readonly lower = f64();
  readonly upper = f64();
  readonly integrality = i32();
  readonly rowLower = f64();
  readonly rowUpper = f64();
  /** 1 for a capacity or reception row (all coefficients positive): dropped when it can never bind. */
  readonly rowShared = i32();

  row(lower: number, upper: number, shared = false): number {
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    this.rowShared.push(shared ? 1 : 0);
    return this.rowLower.length - 1;
  }
  column(cost: number, lower: number, upper: number, integer = false): number {
    this.starts.push(this.index.length);
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integrality.push(integer ? 1 : 0);
    return this.cost.length - 1;
  }
  entry(row: number, value: number): void {
    this.index.push(row);
    this.value.push(value);
  }

  /** Drops shared rows whose largest possible activity is within their bound, renumbering the rest. */
  finish(): CscMatrix {
    const numCols = this.cost.length;
    this.starts.push(this.index.length);
    const starts = this.starts.view();
    const index = this.index.view();
    const value = this.value.view();
    const renumber = this.renumberRows(starts, index, value);
    let out = 0;
    for (let j = 0; j < numCols; j++) {
      const from = starts[j]!;
      const to = starts[j + 1]!;
      starts[j] = out;
      for (let e = from; e < to; e++) {
        const r = renumber[index[e]!]!;
        if (r < 0) continue;
        index[out] = r;
        value[out] = value[e]!;
        out++;
      }
    }
    starts[numCols] = out;
    return {
      numRows: this.rowLower.length,
      numCols,
      starts,
      index: index.subarray(0, out),
      value: value.subarray(0, out),
    };
  }

  /**
   * The new number of each row, -1 for a shared row that can never bind; keeps the bounds of the
   * rest in order.
   */
  private renumberRows(starts: Int32Array, index: Int32Array, value: Float64Array): Int32Array {
    const numCols = this.cost.length;
    const rows = this.rowLower.length;
    const maxActivity = new Float64Array(rows);
    const upper = this.upper.view();
    for (let j = 0; j < numCols; j++) {
      for (let e = starts[j]!; e < starts[j + 1]!; e++) {
        maxActivity[index[e]!]! += Math.max(0, value[e]!) * upper[j]!;
      }
    }
    const renumber = new Int32Array(rows);
    let kept = 0;
    const shared = this.rowShared.view();
    const rowUpper = this.rowUpper.view();
    const rowLower = this.rowLower.view();
    for (let r = 0; r < rows; r++) {
      if (shared[r] && maxActivity[r]! <= rowUpper[r]! + EPS) renumber[r] = -1;
      else {
        rowLower[kept] = rowLower[r]!;
        rowUpper[kept] = rowUpper[r]!;
        renumber[r] = kept++;
      }
    }
    this.rowLower.length = kept;
    this.rowUpper.length = kept;
    return renumber;
  }
}

/** Columns waiting to join a HiGHS model (column generation's restricted masters), CSC over its rows. */
export interface PendingColumns {
  cost: Grow<Float64Array>;
  starts: Grow<Int32Array>;
  index: Grow<Int32Array>;
  value: Grow<Float64Array>;
}

/**
 * Hands HiGHS the rows added since the model had `rowsInModel` (their bounds from that index of
 * `rowLower`/`rowUpper`; empty, as only the pending columns touch them), then the `pending` columns
 * at 0 ≤ x, and empties them. Returns the rows now in the model.
 */
export function flushToModel(
  hm: Model,
  rowsInModel: number,
  rowLower: Float64Array,
  rowUpper: Float64Array,
  colsInModel: number,
  pending: PendingColumns,
): number {
  const rowsNow = rowUpper.length;
  if (rowsNow > rowsInModel) {
    const count = rowsNow - rowsInModel;
    hm.addRows({
      lower: rowLower.slice(rowsInModel),
      upper: rowUpper.slice(rowsInModel),
      matrix: {
        format: 'csr',
        numRows: count,
        numCols: colsInModel,
        starts: new Int32Array(count + 1),
        indices: new Int32Array(0),
        values: new Float64Array(0),
      },
    });
  }
  const added = pending.cost.length;
  if (added > 0) {
    pending.starts.push(pending.index.length);
    hm.addCols({
      cost: pending.cost.view().slice(),
      lower: new Float64Array(added),
      upper: new Float64Array(added).fill(Infinity),
      matrix: {
        format: 'csc',
        numRows: rowsNow,
        numCols: added,
        starts: pending.starts.view().slice(),
        indices: pending.index.view().slice(),
        values: pending.value.view().slice(),
      },
    });
  }
  pending.cost.length = 0;
  pending.starts.length = 0;
  pending.index.length = 0;
  pending.value.length = 0;
  return rowsNow;
}

/**
 * A restricted master to start from: one convexity row (= 1) per block and one column in each, at
 * the given costs (an artificial or a block's "not planned"), which keeps it feasible from the start.
 */
export function convexityModel(highs: Highs, cost: Float64Array): Model {
  const B = cost.length;
  const identity = new Int32Array(B + 1);
  for (let b = 0; b <= B; b++) identity[b] = b;
  return highs.createModel({
    numCols: B,
    numRows: B,
    colCost: cost,
    colLower: new Float64Array(B),
    colUpper: new Float64Array(B).fill(Infinity),
    rowLower: new Float64Array(B).fill(1),
    rowUpper: new Float64Array(B).fill(1),
    matrix: {
      format: 'csc',
      numRows: B,
      numCols: B,
      starts: identity,
      indices: identity.subarray(0, B),
      values: new Float64Array(B).fill(1),
    },
  });
}
