// The delivery-day bound (delivery-bound.ts) with its prices from a restricted master LP rather than
// from subgradient steps alone. The bound proved is the same function, L(π) at prices π ≥ 0 (the
// header of delivery-bound.ts proves every such value a lower bound on every plan): only how π is
// chosen changes, so nothing here can make the bound invalid, only higher or lower.
//
// Why: subgradient steps stall well short of the relaxation's optimum on congested instances (on
// the benchmark's surge instances at N = 2,000 the ascent gains under 0.2 % between 35 s and 200 s).
// The optimum of the Lagrangian dual equals that of the Dantzig-Wolfe master over the ULNs'
// schedules: per ULN a convexity row (its schedules' weights sum to 1), per priced arc-day or
// node-day its capacity row. Column generation solves that master over the schedules found so far
// (HiGHS, warm-started simplex), prices at its duals (smoothed towards the best prices, Wentges),
// and adds the schedules the subproblem returns that improve it.
//
// The ascent runs first for `ascentShare` of the time; its best prices' schedules seed the master,
// with the schedules of the plan the bound aims at when the caller has it (`start`): those fit
// together, so the first master is no worse than that plan and its first duals price the lift the
// units contend for. From the plan, the master reaches the relaxation's optimum on every congested
// instance of the planner benchmark at N = 2,000 (24 of 24, 9-47 s at an ascent of a tenth of the
// time, two bounds at a time on 2 cores); without it, single-crossing seed 2 ended its 54 s with a
// master of 50,381 and the ascent's bound of 45,397, against the optimum of 49,572 reached from it.
import type { Highs, Model } from 'highs';
import { convexityModel, f64, flushToModel, i32 } from '../lp/matrix-builder.ts';
import { MODEL_STATUS_OPTIMAL } from '../lp/results.ts';
import type { DeploymentNetwork, Movement, Uln } from '../schedule-types.ts';
import { deliveryAscent, DIMENSIONS, latenessAt } from './delivery-bound.ts';
import type { DeliveryBound, DeliveryBoundOptions } from './delivery-bound.ts';
import { buildDeliveryNetwork } from './delivery-network.ts';
import type { DeliveryNetwork } from './delivery-network.ts';
import { addStartColumns } from './start-columns.ts';
import type { StartSchedule } from './start-columns.ts';

export type { StartSchedule } from './start-columns.ts';
import { dayArrays, newWorkspace, solveSubproblem } from './delivery-subproblem.ts';
import type { ColumnRecorder, DayArrays, DaySet, SchedulePart } from './delivery-subproblem.ts';

export interface MasterBoundOptions extends DeliveryBoundOptions {
  highs: Highs;
  /**
   * The share of the time limit the subgradient ascent has before the master. Default 0.1 from a
   * start plan of at most START_ASCENT_ULNS ULNs, else 0.4 (see defaultAscentShare).
   */
  ascentShare?: number;
  /** Called after each master round. */
  onRound?: (round: MasterRound) => void;
  /**
   * A plan of the same input (the one the bound aims at): each of its ULNs' schedules joins the
   * master as a column of its own before the first round (start-columns.ts).
   */
  start?: readonly StartSchedule[];
}

export interface MasterRound {
  round: number;
  /** The restricted master's LP value: the bound cannot rise above it until new columns join. */
  master: number;
  /** Best proved bound so far. */
  value: number;
  columns: number;
  rows: number;
  elapsedMs: number;
}

export interface MasterBound extends DeliveryBound {
  /** The ascent's bound before the master. */
  ascentValue: number;
  rounds: number;
  columns: number;
  rows: number;
  /** The last restricted master's value (an upper bound on the relaxation's optimum over its columns). */
  masterValue: number;
  /**
   * Per ULN (input order), its lateness term in the last master's solution (its schedules' lateness
   * weighted by their share; the penalty for the share not planned); null without a master solve.
   * Where a plan's lateness exceeds it says where the plan loses to the relaxation.
   */
  ulnLateness: Float64Array | null;
  /** ULNs the last master's solution splits over more than one schedule. */
  fractional: number;
  /**
   * Per ULN (input order), the schedule with the largest share in the last master's solution, or
   * null (not planned there, or no master solve): what the relaxation would do with the unit, for a
   * plan to start from (lp-schedule-plan.ts).
   */
  schedules: (LpSchedule | null)[] | null;
  /** Why the master stopped early (a HiGHS failure), if it did: the bound is then the ascent's or better. */
  error?: string;
}

/** One ULN's schedule in the master's LP solution: its cargo's arc departures. */
export interface LpSchedule {
  /** Its share of the ULN in the LP solution, (0, 1]. */
  share: number;
  /** Per departure: the part of the cargo (SchedulePart), the arc, the day it departs. */
  part: Uint8Array;
  arc: Int32Array;
  day: Int32Array;
  /**
   * When the schedule is a start plan's (MasterBoundOptions.start): its loads as that plan has
   * them, the cargo split over several paths where it was. Otherwise each part is on one walk.
   */
  loads?: readonly Movement[];
}

/** The most ULNs a start plan shortens the ascent for (defaultAscentShare). */
const START_ASCENT_ULNS = 3000;

/**
 * The ascent's share of the time. From a start plan the master needs little of the ascent (its
 * first duals come from the plan's columns), and the sooner it starts the sooner it converges: on
 * the benchmark's 24 congested instances at N = 2,000 all converge from a tenth (9-47 s, two at a
 * time on 2 cores) and from a fifth (14-51 s). Not so at N = 5,000: the first master alone takes
 * 26 s of HiGHS's simplex there, so the master hardly moves in a minute and the bound is the
 * ascent's, which a tenth of the time cuts to half (layered surge seed 2: 110,961 against 221,302).
 */
function defaultAscentShare(ulnCount: number, options: Pick<MasterBoundOptions, 'start'>): number {
  return options.start && ulnCount <= START_ASCENT_ULNS ? 0.1 : 0.4;
}

/** Weight of the best prices in the prices the subproblem is solved at (Wentges smoothing). */
const SMOOTHING = 0.5;
/** A column joins the master when its reduced cost is below minus this share of its cost scale. */
const REDUCED_COST_EPS = 1e-9;

/** Column store of the master: distinct schedules per ULN, pending ones until flushed to HiGHS. */
class Columns implements ColumnRecorder {
  readonly rowOf: Int32Array[];
  /** Position in the priced set of each index, -1 when unpriced (its constraint cannot bind). */
  private readonly pricedPos: Int32Array[];
  readonly rowUpper = f64();
  /** Per row: its set and index (-1 for a convexity row). */
  readonly rowSet = i32();
  readonly rowIndex = i32();
  rowsInModel = 0;
  columns = 0;
  private readonly seen = new Set<string>();
  // The column being recorded.
  private j = -1;
  private cost = 0;
  // Its arc departures, priced or not, by part (the master needs the priced ones only; a plan made
  // from its solution needs them all).
  private partNow: SchedulePart = 0;
  private readonly stepPart = i32();
  private readonly stepIndex = i32();
  /** Per column joined (after the penalty columns, in order): where its departures start. */
  readonly colStepStart = i32();
  readonly colStepPart = i32();
  readonly colStepIndex = i32();
  private readonly entSet = i32();
  private readonly entIndex = i32();
  private readonly entValue = f64();
  // Pending columns, CSC over rows.
  readonly newCost = f64();
  readonly newStarts = i32();
  readonly newIndex = i32();
  readonly newValue = f64();
  /** When set, only columns of negative reduced cost at these prices and convexity duals join. */
  filter: { prices: DayArrays; sigma: Float64Array } | null = null;
  /** Per column in the model or pending after the penalty columns: its ULN and lateness. */
  readonly colUln = i32();
  readonly colCost = f64();
  /** The start plan's loads of the columns made from it, by column. */
  readonly colLoads = new Map<number, readonly Movement[]>();
  /** The loads of the column being recorded, when it is a start plan's. */
  loads: readonly Movement[] | null = null;
  added = 0;

  /** Convexity rows: the plannable ULNs. */
  readonly convexityCount: number;

  constructor(
    private readonly net: DeliveryNetwork,
    readonly convexityRow: Int32Array,
  ) {
    const sizes = [net.A * net.H, net.A * net.H, net.N * net.H, net.N * net.H];
    this.rowOf = sizes.map((n) => new Int32Array(n).fill(-1));
    this.pricedPos = sizes.map((n) => new Int32Array(n).fill(-1));
    DIMENSIONS.forEach((key, set) => {
      const { index } = net[key];
      for (let k = 0; k < index.length; k++) this.pricedPos[set]![index[k]!] = k;
    });
    let count = 0;
    for (let j = 0; j < convexityRow.length; j++) {
      if (convexityRow[j]! < 0) continue;
      count++;
      this.rowUpper.push(1);
      this.rowSet.push(-1);
      this.rowIndex.push(j);
    }
    this.convexityCount = count;
  }

  begin(j: number, lateness: number): void {
    this.end();
    this.j = j;
    this.cost = lateness;
  }

  part(part: SchedulePart): void {
    this.partNow = part;
  }

  add(set: DaySet, index: number, amount: number): void {
    if (set < 2) {
      this.stepPart.push(this.partNow);
      this.stepIndex.push(index);
    }
    if (this.pricedPos[set]![index]! < 0) return;
    // Merge an entry on a row the column already touches (tonnes needed and the rest on one arc).
    for (let e = 0; e < this.entSet.length; e++) {
      if (this.entSet.data[e] === set && this.entIndex.data[e] === index) {
        this.entValue.data[e] = this.entValue.data[e]! + amount;
        return;
      }
    }
    this.entSet.push(set);
    this.entIndex.push(index);
    this.entValue.push(amount);
  }

  /** Closes the column being recorded: joins the pending ones if new (and improving, if filtered). */
  end(): void {
    const j = this.j;
    if (j < 0) return;
    this.j = -1;
    const n = this.entSet.length;
    let key = `${j}:${this.cost}`;
    for (let e = 0; e < n; e++) key += `,${this.entSet.data[e]}.${this.entIndex.data[e]}`;
    const fresh = !this.seen.has(key);
    if (fresh && this.improves(j, n)) {
      this.seen.add(key);
      this.push(j, n);
    }
    this.entSet.length = 0;
    this.entIndex.length = 0;
    this.entValue.length = 0;
    this.stepPart.length = 0;
    this.stepIndex.length = 0;
    this.partNow = 0;
    this.loads = null;
  }

  private improves(j: number, n: number): boolean {
    const f = this.filter;
    if (!f) return true;
    let reduced = this.cost - f.sigma[j]!;
    let scale = Math.abs(this.cost) + Math.abs(f.sigma[j]!);
    for (let e = 0; e < n; e++) {
      const set = this.entSet.data[e]!;
      const term = f.prices[DIMENSIONS[set]!][this.entIndex.data[e]!]! * this.entValue.data[e]!;
      reduced += term;
      scale += Math.abs(term);
    }
    return reduced < -REDUCED_COST_EPS * Math.max(1, scale);
  }

  private push(j: number, n: number): void {
    if (this.loads) this.colLoads.set(this.colUln.length, this.loads);
    this.newStarts.push(this.newIndex.length);
    this.newCost.push(this.cost);
    this.colUln.push(j);
    this.colCost.push(this.cost);
    this.colStepStart.push(this.colStepPart.length);
    for (let k = 0; k < this.stepPart.length; k++) {
      this.colStepPart.push(this.stepPart.data[k]!);
      this.colStepIndex.push(this.stepIndex.data[k]!);
    }
    this.newIndex.push(this.convexityRow[j]!);
    this.newValue.push(1);
    for (let e = 0; e < n; e++) {
      const set = this.entSet.data[e]!;
      const index = this.entIndex.data[e]!;
      let row = this.rowOf[set]![index]!;
      if (row < 0) {
        row = this.rowOf[set]![index] = this.rowUpper.length;
        const key = DIMENSIONS[set]!;
        this.rowUpper.push(this.net[key].rhs[this.pricedPos[set]![index]!]!);
        this.rowSet.push(set);
        this.rowIndex.push(index);
      }
      this.newIndex.push(row);
      this.newValue.push(this.entValue.data[e]!);
    }
    this.added++;
  }

  /** Hands the rows and columns made since the last flush to HiGHS. */
  flush(hm: Model): void {
    const added = this.newCost.length;
    const rowUpper = this.rowUpper.view();
    this.rowsInModel = flushToModel(
      hm,
      this.rowsInModel,
      new Float64Array(rowUpper.length).fill(-Infinity),
      rowUpper,
      this.columns,
      { cost: this.newCost, starts: this.newStarts, index: this.newIndex, value: this.newValue },
    );
    this.columns += added;
  }
}

/** Σ π · rhs over the priced sets. */
function priceTimesRhs(net: DeliveryNetwork, prices: DayArrays): number {
  let sum = 0;
  for (const key of DIMENSIONS) {
    const { index, rhs } = net[key];
    const price = prices[key];
    for (let k = 0; k < index.length; k++) sum += price[index[k]!]! * rhs[k]!;
  }
  return sum;
}

/**
 * The delivery-day bound, its prices from the subgradient ascent and then a restricted master LP
 * (see the header). RangeErrors as planDeployment's for bad input.
 */
export function deliveryMasterBound(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: MasterBoundOptions,
): MasterBound {
  const started = performance.now();
  const timeLimit = options.timeLimitMs ?? 60_000;
  const net = buildDeliveryNetwork(network, ulns, options);
  // Convexity rows for the ULNs that can be planned at all; the others pay their penalty.
  const convexityRow = new Int32Array(net.ulnSource.length).fill(-1);
  let B = 0;
  for (let j = 0; j < convexityRow.length; j++) if (net.ulnSource[j]! >= 0) convexityRow[j] = B++;
  const ascent = deliveryAscent(
    net,
    {
      ...options,
      timeLimitMs: timeLimit * (options.ascentShare ?? defaultAscentShare(ulns.length, options)),
    },
    started,
  );
  const result: MasterBound = {
    ...ascent,
    ascentValue: ascent.value,
    rounds: 0,
    columns: 0,
    rows: 0,
    masterValue: Number.NaN,
    ulnLateness: null,
    fractional: 0,
    schedules: null,
  };
  const reached = (value: number) =>
    options.target !== undefined &&
    value >= options.target - (options.relativeGap ?? 1e-6) * Math.max(1, Math.abs(options.target));
  if (reached(ascent.value) || ascent.status === 'converged' || performance.now() - started >= timeLimit)
    return result;
  const cols = new Columns(net, convexityRow);
  if (options.start) addStartColumns(net, network, ulns, options.start, cols);
  let hm: Model | null = null;
  const solution: { x: Float64Array | null } = { x: null };
  try {
    hm = openMaster(options.highs, net, convexityRow, B);
    columnGeneration(net, hm, cols, result, options, started, reached, solution);
  } catch (e) {
    // A failure of the solver (out of memory on a huge master) costs the master's gain, not the bound.
    result.error = e instanceof Error ? e.message : String(e);
  } finally {
    hm?.dispose();
  }
  // The master may have moved the best prices since the ascent: its lateness is read at them again.
  if (result.bestIteration > ascent.bestIteration) result.lateness = latenessAt(net, result.prices);
  if (solution.x) result.schedules = largestSchedules(solution.x, cols, net.H);
  result.columns = cols.added;
  result.rows = cols.rowUpper.length;
  result.elapsedMs = performance.now() - started;
  return result;
}

/** The master with, per plannable ULN, its convexity row and its penalty column (not planned). */
function openMaster(highs: Highs, net: DeliveryNetwork, convexityRow: Int32Array, B: number): Model {
  const penalty = new Float64Array(B);
  for (let j = 0; j < convexityRow.length; j++)
    if (convexityRow[j]! >= 0) penalty[convexityRow[j]!] = net.ulnPenalty[j]!;
  const hm = convexityModel(highs, penalty);
  hm.options.set({ output_flag: false, solver: 'simplex', simplex_strategy: 4 });
  return hm;
}

/**
 * The rounds: solve the master, price at its duals smoothed towards the best prices, keep L(π) when
 * it is the best bound, add the schedules that improve the master; until the budget is spent, the
 * target is reached, or no schedule improves the master at its own duals (its value is then the
 * relaxation's optimum). Updates `result` as it goes.
 */
function columnGeneration(
  net: DeliveryNetwork,
  hm: Model,
  cols: Columns,
  result: MasterBound,
  options: MasterBoundOptions,
  started: number,
  reached: (value: number) => boolean,
  last: { x: Float64Array | null },
): void {
  const timeLimit = options.timeLimitMs ?? 60_000;
  const B = hm.getDimensions().numRows;
  const bestPrices: DayArrays = result.prices;
  const prices = dayArrays(net);
  const at = dayArrays(net);
  const usage = dayArrays(net);
  const ws = newWorkspace(net);
  const convexityRow = cols.convexityRow;
  const sigma = new Float64Array(convexityRow.length);
  cols.rowsInModel = B;
  cols.columns = B;
  // Seed: the schedules at the ascent's best prices.
  solveSubproblem(net, bestPrices, usage, ws, cols);
  cols.end();
  result.status = 'time-limit';
  for (;;) {
    cols.flush(hm);
    const remaining = timeLimit - (performance.now() - started);
    if (remaining <= 0) return;
    hm.options.set('time_limit', hm.getRunTime() + remaining / 1000);
    if (hm.run().modelStatus !== MODEL_STATUS_OPTIMAL) return;
    result.rounds++;
    result.masterValue = hm.getObjectiveValue() + unplannableTerms(net);
    const solution = hm.getSolution();
    last.x = Float64Array.from(solution.colValue);
    summariseSolution(solution.colValue, cols, net, result);
    const y = solution.rowDual;
    // The master's capacity duals (≤ 0 on a ≤ row of a minimisation) as prices ≥ 0.
    for (const key of DIMENSIONS) prices[key].fill(0);
    for (let r = B; r < cols.rowsInModel; r++) {
      const key = DIMENSIONS[cols.rowSet.data[r]!]!;
      prices[key][cols.rowIndex.data[r]!] = Math.max(0, -y[r]!);
    }
    for (let j = 0; j < convexityRow.length; j++) sigma[j] = convexityRow[j]! >= 0 ? y[convexityRow[j]!]! : 0;
    // Smoothed towards the best prices first; if that finds nothing, at the master's own duals.
    for (const alpha of [SMOOTHING, 0]) {
      for (const key of DIMENSIONS) {
        const p = at[key];
        const m = prices[key];
        const c = bestPrices[key];
        for (let i = 0; i < p.length; i++) p[i] = alpha * c[i]! + (1 - alpha) * m[i]!;
      }
      cols.filter = { prices: at, sigma };
      const before = cols.added;
      const terms = solveSubproblem(net, at, usage, ws, cols);
      cols.end();
      result.iterations++;
      const rhs = priceTimesRhs(net, at);
      const current = terms - rhs - 1e-9 * (terms + rhs);
      if (current > result.value) {
        result.value = current;
        result.bestIteration = result.iterations;
        for (const key of DIMENSIONS) bestPrices[key].set(at[key]);
      }
      if (cols.added > before) break;
    }
    options.onRound?.({
      round: result.rounds,
      master: result.masterValue,
      value: result.value,
      columns: cols.columns + cols.newCost.length,
      rows: cols.rowUpper.length,
      elapsedMs: performance.now() - started,
    });
    if (reached(result.value) || cols.newCost.length === 0) {
      result.status = 'converged';
      return;
    }
  }
}

/** What the ULNs that cannot be planned at all add: their penalties (they have no convexity row). */
function unplannableTerms(net: DeliveryNetwork): number {
  let sum = 0;
  for (let j = 0; j < net.ulnSource.length; j++) if (net.ulnSource[j]! < 0) sum += net.ulnPenalty[j]!;
  return sum;
}

/** The master solution x per ULN: its lateness term, and how many ULNs it splits. */
function summariseSolution(x: Float64Array, cols: Columns, net: DeliveryNetwork, result: MasterBound): void {
  const { convexityRow } = cols;
  const J = convexityRow.length;
  const lateness = new Float64Array(J);
  const used = new Int32Array(J);
  const rowUln = new Int32Array(cols.convexityCount).fill(-1);
  for (let j = 0; j < J; j++) {
    if (convexityRow[j]! >= 0) rowUln[convexityRow[j]!] = j;
    else lateness[j] = net.ulnPenalty[j]!;
  }
  // The penalty columns first, one per convexity row, then the schedules in the order they joined.
  for (let b = 0; b < rowUln.length; b++) {
    if (!(x[b]! > 1e-9)) continue;
    const j = rowUln[b]!;
    lateness[j] = lateness[j]! + x[b]! * net.ulnPenalty[j]!;
    used[j] = used[j]! + 1;
  }
  for (let c = 0; c < cols.colUln.length && rowUln.length + c < x.length; c++) {
    const v = x[rowUln.length + c]!;
    if (!(v > 1e-9)) continue;
    const j = cols.colUln.data[c]!;
    lateness[j] = lateness[j]! + v * cols.colCost.data[c]!;
    used[j] = used[j]! + 1;
  }
  result.ulnLateness = lateness;
  result.fractional = used.reduce((n, k) => n + (k > 1 ? 1 : 0), 0);
}

/** Per ULN, the schedule with the largest share in the master's solution x (null: the penalty's, or none). */
function largestSchedules(x: Float64Array, cols: Columns, H: number): (LpSchedule | null)[] {
  const { convexityRow } = cols;
  const B = cols.convexityCount;
  const share = new Float64Array(convexityRow.length);
  const best = new Int32Array(convexityRow.length).fill(-1);
  for (let j = 0; j < convexityRow.length; j++) if (convexityRow[j]! >= 0) share[j] = x[convexityRow[j]!]!;
  for (let c = 0; c < cols.colUln.length && B + c < x.length; c++) {
    const j = cols.colUln.data[c]!;
    if (x[B + c]! > share[j]! + 1e-9) {
      share[j] = x[B + c]!;
      best[j] = c;
    }
  }
  const starts = cols.colStepStart.view();
  const end = (c: number) => (c + 1 < starts.length ? starts[c + 1]! : cols.colStepPart.length);
  return Array.from(best, (c, j) => {
    if (c < 0) return null;
    const n = end(c) - starts[c]!;
    const schedule: LpSchedule = {
      share: share[j]!,
      part: new Uint8Array(n),
      arc: new Int32Array(n),
      day: new Int32Array(n),
    };
    for (let k = 0; k < n; k++) {
      const i = cols.colStepIndex.data[starts[c]! + k]!;
      schedule.part[k] = cols.colStepPart.data[starts[c]! + k]!;
      schedule.arc[k] = Math.floor(i / H);
      schedule.day[k] = i % H;
    }
    const loads = cols.colLoads.get(c);
    if (loads) schedule.loads = loads;
    return schedule;
  });
}
