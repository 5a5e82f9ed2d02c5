// The reference LP by column generation, for instances whose arc-flow matrix is too big: the same
// LP in path form (every block's flow a convex combination of time-expanded walks), solved as a
// restricted master (master.ts) that grows by the walks pricing finds (walk-pricing.ts). Every
// round gives a Lagrangian lower bound (duals with the right signs plus each block's cheapest walk),
// so a time limit still leaves a valid bound.
import type { Highs } from 'highs';
import type { DeploymentNetwork, Uln } from '../schedule-types.ts';
import { RestrictedMaster } from './master.ts';
import { plannedWalks } from './planned-walks.ts';
import type { Prepared } from './prepared-instance.ts';
import { pricingStates } from './pricing-states.ts';
import type { ReferenceOptions, ReferenceResult, ReferenceStatus } from './reference-types.ts';
import { MODEL_STATUS_OPTIMAL, MODEL_STATUS_TIME_LIMIT, cumulative, seconds } from './results.ts';
import { WalkPricer } from './walk-pricing.ts';

/** Weight of the best-bound duals in the duals pricing uses. */
const SMOOTHING = 0.7;

export function solveByColumnGeneration(
  highs: Highs,
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  prep: Prepared,
  options: ReferenceOptions,
  started: number,
  base: ReferenceResult,
): ReferenceResult {
  const states = pricingStates(prep.net);
  const master = new RestrictedMaster(prep);
  // Start from the planner's own schedule, cut into walks: a feasible master from the first round.
  if (options.warmStart ?? true) {
    const A = prep.net.A;
    for (const w of plannedWalks(network, ulns, prep, options, master.blockOf)) {
      const key = `${w.block}:${w.arcs.join(',')}:${w.days.join(',')}`;
      if (master.known.has(key) || w.arcs.some((a) => !master.usable[w.commodity * A + a])) continue;
      master.known.add(key);
      master.addColumn(w.block, w.arcs, w.days);
    }
  }
  const generation = new ColumnGeneration(master, new WalkPricer(master, states), options, started);
  master.open(highs);
  try {
    return generation.solve(base);
  } finally {
    master.dispose();
  }
}

/** The rounds: solve the master, price at smoothed duals, add the walks that improve it, repeat. */
class ColumnGeneration {
  private readonly limit: number;
  /** The duals of the best bound so far (the stability centre of the smoothing). */
  private centre: Float64Array | null = null;
  /** The master's value when it uses no artificial: a feasible LP solution's. */
  private feasible = Number.NaN;
  private iterations = 0;
  /** Times the artificials' costs were raised. */
  private raised = 0;
  private bestBound = 0;
  private objective = Number.NaN;
  private status: ReferenceStatus = 'error';
  private message: string | undefined;
  private x: Float64Array | null = null;

  constructor(
    private readonly master: RestrictedMaster,
    private readonly pricer: WalkPricer,
    private readonly options: ReferenceOptions,
    private readonly started: number,
  ) {
    this.limit = options.timeLimitSeconds ?? Infinity;
  }

  solve(base: ReferenceResult): ReferenceResult {
    // Columns join at zero, so the basis stays primal feasible: primal simplex picks up from it.
    this.master.model.options.set({ output_flag: false, solver: 'simplex', simplex_strategy: 4 });
    this.master.flush();
    while (this.round());
    return this.result(base);
  }

  /** One round; false when the solve is over (optimal, infeasible, out of time or failed). */
  private round(): boolean {
    const { master, options } = this;
    const hm = master.model;
    const remaining = this.limit - seconds(this.started);
    if (remaining <= 0) {
      this.status = 'time-limit';
      return false;
    }
    if (Number.isFinite(this.limit)) hm.options.set('time_limit', hm.getRunTime() + remaining);
    const run = hm.run().modelStatus;
    this.iterations++;
    if (run === MODEL_STATUS_TIME_LIMIT) {
      this.status = 'time-limit';
      return false;
    }
    if (run !== MODEL_STATUS_OPTIMAL) {
      this.message = `HiGHS model status ${run} on the restricted master`;
      return false;
    }
    this.objective = hm.getObjectiveValue();
    const solution = hm.getSolution();
    this.x = solution.colValue;
    const colsBefore = master.colBlock.length;
    this.price(solution.rowDual, colsBefore);
    options.onProgress?.({
      iteration: this.iterations,
      objective: this.objective,
      lowerBound: this.bestBound,
      columns: master.colBlock.length,
      rows: master.rowLower.length,
      elapsedSeconds: seconds(this.started),
    });
    if (this.finished(colsBefore)) return false;
    master.flush();
    return true;
  }

  /**
   * Prices at duals between the master's and those of the best bound so far (Wentges smoothing):
   * the master's duals swing from round to round while a few blocks trade capacity, and columns
   * priced at them alone tail off for hundreds of rounds. A column joins only if it improves the
   * master at its own duals; when none does, prices again at the master's duals.
   */
  private price(yOut: Float64Array, colsBefore: number): void {
    const { master, pricer } = this;
    const rows = master.rowsInModel;
    for (let attempt = 0; attempt < 2; attempt++) {
      const centre = this.centre;
      const alpha = attempt === 0 && centre ? SMOOTHING : 0;
      const y = new Float64Array(rows);
      for (let r = 0; r < rows; r++) {
        y[r] = alpha * (centre && r < centre.length ? centre[r]! : 0) + (1 - alpha) * yOut[r]!;
      }
      let bound = pricer.setDuals(y);
      for (let b = 0; b < master.B; b++) bound += this.priceBlock(b, y, yOut);
      if (bound > this.bestBound) {
        this.bestBound = bound;
        this.centre = y;
      }
      if (master.colBlock.length > colsBefore) break;
    }
  }

  /** Prices block b at y, adds its cheapest walk if it improves the master; the walk's cost. */
  private priceBlock(b: number, y: Float64Array, yOut: Float64Array): number {
    const { master, pricer } = this;
    const end = pricer.cheapest(b);
    const total = end.total;
    if (!(total - y[b]! < -1e-7 * (1 + Math.abs(total)))) return total;
    pricer.walk(end);
    const { legArc, legDay } = pricer;
    const signature = `${b}:${legArc.join(',')}:${legDay.join(',')}`;
    if (master.known.has(signature)) return total;
    const mark = master.mark();
    master.addColumn(b, legArc, legDay);
    const { cost, reduced } = master.reducedCost(mark, yOut);
    // A walk joins once: one the simplex will not pivot in (its reduced cost within the solver's
    // tolerance) would otherwise come back every round.
    if (!(reduced < -1e-7 * (1 + Math.abs(cost)))) {
      master.rollback(mark);
      return total;
    }
    master.known.add(signature);
    return total;
  }

  /**
   * Whether to stop after pricing: optimal when no column joined or the bound meets the master
   * without artificials; with artificials left, raises their cost and goes on, or after four raises
   * calls the LP infeasible.
   */
  private finished(colsBefore: number): boolean {
    const { master, objective } = this;
    const artificial = master.usesArtificial(this.x!);
    this.feasible = artificial ? Number.NaN : objective;
    const none = master.colBlock.length === colsBefore;
    if (none || (!artificial && objective - this.bestBound <= 1e-9 * Math.max(1, objective))) {
      if (!artificial) {
        this.status = 'optimal';
        return true;
      }
      if (this.raised >= 4) {
        this.status = 'infeasible';
        return true;
      }
      this.raised++;
      master.raiseArtificialCosts();
    }
    return false;
  }

  private result(base: ReferenceResult): ReferenceResult {
    const { master, status, x } = this;
    const hm = master.model;
    const dims = hm.getDimensions();
    const out: ReferenceResult = {
      ...base,
      status,
      size: { rows: dims.numRows, columns: dims.numCols, nonzeros: dims.numNonzeros },
      highsSeconds: hm.getRunTime(),
      iterations: this.iterations,
      lowerBound: this.bestBound,
      objective: status === 'optimal' ? this.objective : this.feasible,
      ...(this.message ? { message: this.message } : {}),
    };
    if (status === 'optimal' && x) out.closureCurve = cumulative(master.arrivalsPerDay(x));
    return out;
  }
}
