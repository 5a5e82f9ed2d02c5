// The time-expanded arc-flow model of the reference LP (and its MIP) as one CSC matrix: per
// commodity and block a flow column per (usable arc, departure day) and hold-over columns per
// (node, day), one conservation row per (block, node, day), and the shared capacity and reception
// rows. Each commodity carries one dimension (prepared-instance.ts), so it has one block. See lp-reference.ts for the
// model and why it relaxes every planner schedule.
import { MatrixBuilder, f64, i32 } from './matrix-builder.ts';
import { EPS, NEVER, P, T, backwardEarliest, forwardEarliest } from './prepared-instance.ts';
import type { Commodity, Net, Prepared } from './prepared-instance.ts';

export interface ArcFlowModel {
  numRows: number;
  numCols: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** CSC. */
  starts: Int32Array;
  index: Int32Array;
  value: Float64Array;
  integrality: Int32Array | null;
  /** Columns that deliver personnel to a destination: column, arrival day, personnel at flow 1. */
  arrivals: { column: Int32Array; day: Int32Array; personnel: Float64Array };
}

/** Rough column count of the arc-flow model, for choosing the method. */
export function estimateArcFlowColumns(prep: Prepared): number {
  const H = prep.net.H;
  let n = 0;
  for (const c of prep.commodities) {
    const blocks = (c.qty[P]! > 0 ? 1 : 0) + (c.qty[T]! > 0 ? 1 : 0);
    n +=
      blocks *
      (c.arcs.length + prep.net.N) *
      Math.max(1, c.earliestArrival - c.ald + (H - c.earliestArrival) / 2);
  }
  return n;
}

/** The arc-flow LP, or with `integer` the MIP (route and whole-unit binaries, integer loads). */
export function buildArcFlow(prep: Prepared, integer: boolean): ArcFlowModel {
  const builder = new ArcFlowBuilder(prep.net, integer);
  for (const c of prep.commodities) builder.addCommodity(c);
  return builder.finish();
}

/**
 * Adds commodities one by one. Rows and columns are numbered in the order they are made, so the
 * steps below keep one fixed order: reachability, conservation rows, per arc its flow columns, then
 * hold-over.
 */
class ArcFlowBuilder {
  private readonly m = new MatrixBuilder();
  /** Shared rows, -1 until used: [(arc * H + day) * 2 + dimension], [(node * H + day) * 2 + dimension]. */
  private readonly capRow: Int32Array;
  private readonly recRow: Int32Array;
  /** Per commodity: backward earliest arrival, forward earliest time and last departure per node. */
  private readonly E: Int32Array;
  private readonly ear: Int32Array;
  private readonly lastDep: Int32Array;
  /** Per commodity and dimension, by [node * H + day]: the conservation row and (MIP) the pool row. */
  private readonly cons: Int32Array[];
  private readonly poolRow: Int32Array[];
  private readonly arrCol = i32();
  private readonly arrDay = i32();
  private readonly arrPers = f64();
  /** MIP: per head node, the row that lets at most one route arc of a commodity enter it. */
  private readonly simple = new Map<number, number>();
  private c!: Commodity;
  private has = [false, false];

  constructor(
    private readonly net: Net,
    private readonly integer: boolean,
  ) {
    const { N, H } = net;
    this.capRow = new Int32Array(net.A * H * 2).fill(-1);
    this.recRow = new Int32Array(N * H * 2).fill(-1);
    this.E = new Int32Array(N * H);
    this.ear = new Int32Array(N);
    this.lastDep = new Int32Array(N);
    this.cons = [new Int32Array(N * H), new Int32Array(N * H)];
    this.poolRow = [new Int32Array(N * H), new Int32Array(N * H)];
  }

  addCommodity(c: Commodity): void {
    this.c = c;
    this.has = [c.qty[P]! > EPS, c.qty[T]! > EPS];
    this.reach();
    this.conservationRows();
    // Per arc: its flow columns, and in the MIP its route binary.
    for (let i = 0; i < c.arcs.length; i++) this.arcColumns(c.arcs[i]!);
    this.holdOver();
    this.simple.clear();
  }

  finish(): ArcFlowModel {
    const { m } = this;
    const matrix = m.finish();
    return {
      numRows: matrix.numRows,
      numCols: matrix.numCols,
      colCost: m.cost.view(),
      colLower: m.lower.view(),
      colUpper: m.upper.view(),
      rowLower: m.rowLower.view(),
      rowUpper: m.rowUpper.view(),
      starts: matrix.starts,
      index: matrix.index,
      value: matrix.value,
      integrality: this.integer ? m.integrality.view() : null,
      arrivals: { column: this.arrCol.view(), day: this.arrDay.view(), personnel: this.arrPers.view() },
    };
  }

  /**
   * Earliest times both ways and each node's last useful departure: columns outside that window are
   * zero in every feasible flow, so leaving them out changes nothing.
   */
  private reach(): void {
    const { net, c, ear, lastDep } = this;
    const { H, arcFrom } = net;
    backwardEarliest(net, c, this.E);
    forwardEarliest(net, c, ear);
    lastDep.fill(-1);
    for (let i = 0; i < c.arcs.length; i++) {
      const a = c.arcs[i]!;
      const u = arcFrom[a]!;
      for (let d = ear[u]!; d < H; d++) if (this.departs(a, d)) lastDep[u] = Math.max(lastDep[u]!, d);
    }
  }

  /** Whether the commodity may depart on `a` on day `d` and still reach its destination in time. */
  private departs(a: number, d: number): boolean {
    const { H, arcTo, arcTransit, closed } = this.net;
    const c = this.c;
    if (closed[a * H + d]) return false;
    const t = d + arcTransit[a]!;
    if (t >= H) return false;
    const w = arcTo[a]!;
    return w === c.dest ? t >= c.ead : this.E[w * H + t]! < NEVER;
  }

  /** One row per (block, node, day) in the window: supply 1 at (origin, ALD), 0 elsewhere. */
  private conservationRows(): void {
    const { net, c, ear, lastDep, cons, poolRow } = this;
    const { N, H } = net;
    for (let k = 0; k < 2; k++) {
      cons[k]!.fill(-1);
      poolRow[k]!.fill(-1);
      if (!this.has[k]) continue;
      for (let v = 0; v < N; v++) {
        if (v === c.dest || ear[v]! >= NEVER) continue;
        for (let d = ear[v]!; d <= lastDep[v]!; d++) {
          const supply = v === c.origin && d === c.ald ? 1 : 0;
          cons[k]![v * H + d] = this.m.row(supply, supply);
        }
      }
    }
  }

  private arcColumns(a: number): void {
    const { m, ear, lastDep, integer } = this;
    const u = this.net.arcFrom[a]!;
    let any = false;
    for (let d = ear[u]!; d <= lastDep[u]! && !any; d++) any = this.departs(a, d);
    if (!any) return;
    // MIP: sum_d x - f = 0, f the binary of the arc on the block's one route.
    const routeRow = integer ? m.row(0, 0) : -1;
    for (let d = ear[u]!; d <= lastDep[u]!; d++) {
      if (this.departs(a, d)) this.departureColumn(a, d, routeRow);
    }
    if (integer) {
      m.column(0, 0, 1, true);
      m.entry(routeRow, -1);
      // A simple route enters each node at most once.
      m.entry(this.simpleRow(this.net.arcTo[a]!), 1);
    }
  }

  /** The flow column of the commodity's block departing on `a` on day `d`. */
  private departureColumn(a: number, d: number, routeRow: number): void {
    const { m, c, integer } = this;
    const k = this.has[P] ? P : T;
    const w = this.net.arcTo[a]!;
    const isWhole = this.net.whole[a] === 1;
    const t = d + this.net.arcTransit[a]!;
    const late = k === P && w === c.dest ? c.weight * c.qty[P]! * Math.max(0, t - c.rdd) : 0;
    const col = m.column(late, 0, 1, integer && isWhole);
    this.flowEntries(a, d, k);
    if (routeRow >= 0) m.entry(routeRow, 1);
    if (k === P && w === c.dest) {
      this.arrCol.push(col);
      this.arrDay.push(t);
      this.arrPers.push(c.qty[P]!);
    }
    if (integer && !isWhole) this.loadGranularity(a, d, k);
  }

  /** A flow column's entries for dimension k: conservation at both ends, capacity, reception. */
  private flowEntries(a: number, d: number, k: number): void {
    const { m, c, cons } = this;
    const { H, arcFrom, arcTo, arcTransit, cap, rec } = this.net;
    const u = arcFrom[a]!;
    const w = arcTo[a]!;
    const t = d + arcTransit[a]!;
    m.entry(cons[k]![u * H + d]!, 1);
    if (w !== c.dest) m.entry(cons[k]![w * H + t]!, -1);
    m.entry(this.sharedRow(this.capRow, (a * H + d) * 2 + k, cap[2 * a + k]!), c.qty[k]!);
    if (Number.isFinite(rec[2 * w + k]!)) {
      m.entry(this.sharedRow(this.recRow, (w * H + t) * 2 + k, rec[2 * w + k]!), c.qty[k]!);
    }
  }

  /**
   * MIP load granularity of the column just made, dimension k: Q x = l n + r with n integer loads
   * and a remainder r <= l z, where z = 1 only if the pool at the tail is empty after day d (only
   * the pool's last load may be short).
   */
  private loadGranularity(a: number, d: number, k: number): void {
    const { m, c, poolRow } = this;
    const H = this.net.H;
    const u = this.net.arcFrom[a]!;
    const l = this.net.load[2 * a + k]!;
    const g = m.row(0, 0);
    m.entry(g, c.qty[k]!);
    const rr = m.row(-Infinity, 0);
    let pr = poolRow[k]![u * H + d]!;
    if (pr < 0) poolRow[k]![u * H + d] = pr = m.row(-Infinity, 1);
    m.column(0, 0, Math.ceil(c.qty[k]! / l) + 1, true);
    m.entry(g, -l);
    m.column(0, 0, l);
    m.entry(g, -1);
    m.entry(rr, 1);
    m.column(0, 0, 1, true);
    m.entry(rr, -l);
    m.entry(pr, 1);
  }

  /** Hold-over columns: a block waits at a node from one day to the next. */
  private holdOver(): void {
    const { m, c, ear, lastDep, cons, poolRow, integer } = this;
    const { N, H } = this.net;
    for (let k = 0; k < 2; k++) {
      if (!this.has[k]) continue;
      for (let v = 0; v < N; v++) {
        if (v === c.dest || ear[v]! >= NEVER) continue;
        for (let d = ear[v]!; d < lastDep[v]!; d++) {
          m.column(0, 0, 1);
          m.entry(cons[k]![v * H + d]!, 1);
          m.entry(cons[k]![v * H + d + 1]!, -1);
          if (integer && poolRow[k]![v * H + d]! >= 0) m.entry(poolRow[k]![v * H + d]!, 1);
        }
      }
    }
  }

  private sharedRow(table: Int32Array, key: number, bound: number): number {
    let r = table[key]!;
    if (r < 0) table[key] = r = this.m.row(-Infinity, bound, true);
    return r;
  }

  private simpleRow(v: number): number {
    let r = this.simple.get(v);
    if (r === undefined) this.simple.set(v, (r = this.m.row(-Infinity, 1)));
    return r;
  }
}
