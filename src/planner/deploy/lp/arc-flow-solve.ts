// Solves the arc-flow model (arc-flow-model.ts) with HiGHS in one run: the LP, or the MIP that
// proves exact optima on small instances; maps HiGHS's status and bounds to a ReferenceResult.
import type { Highs, ModelData } from 'highs';
import { buildArcFlow } from './arc-flow-model.ts';
import type { ArcFlowModel } from './arc-flow-model.ts';
import type { Prepared } from './prepared-instance.ts';
import type { ReferenceOptions, ReferenceResult } from './reference-types.ts';
import {
  MODEL_STATUS_INFEASIBLE,
  MODEL_STATUS_OPTIMAL,
  MODEL_STATUS_TIME_LIMIT,
  cumulative,
  seconds,
} from './results.ts';

export function solveArcFlow(
  highs: Highs,
  prep: Prepared,
  options: ReferenceOptions,
  started: number,
  base: ReferenceResult,
): ReferenceResult {
  const integer = base.integer;
  const model = buildArcFlow(prep, integer);
  const size = { rows: model.numRows, columns: model.numCols, nonzeros: model.index.length };
  return highs.withModel(modelData(model), (hm): ReferenceResult => {
    hm.options.set({ output_flag: false });
    if (integer) hm.options.set({ mip_rel_gap: options.mipRelGap ?? 0, mip_abs_gap: 1e-9 });
    if (options.timeLimitSeconds !== undefined) {
      hm.options.set('time_limit', Math.max(0.01, options.timeLimitSeconds - seconds(started)));
    }
    const status = hm.run().modelStatus;
    const highsSeconds = hm.getRunTime();
    const out = { ...base, size, highsSeconds, iterations: 1 };
    const feasible = Number(hm.info.get('primal_solution_status')) === 2;
    const objective = feasible ? hm.getObjectiveValue() : Number.NaN;
    const dualBound = integer ? Number(hm.info.get('mip_dual_bound')) : Number.NaN;
    if (status === MODEL_STATUS_OPTIMAL) {
      return {
        ...out,
        objective,
        lowerBound: integer && Number.isFinite(dualBound) ? Math.min(objective, dualBound) : objective,
        closureCurve: closureCurve(model, hm.getSolution().colValue, prep.net.H),
      };
    }
    if (status === MODEL_STATUS_INFEASIBLE) return { ...out, status: 'infeasible', objective: Number.NaN };
    if (status === MODEL_STATUS_TIME_LIMIT) {
      return {
        ...out,
        status: 'time-limit',
        objective,
        lowerBound: integer && Number.isFinite(dualBound) ? Math.max(0, dualBound) : 0,
      };
    }
    return { ...out, status: 'error', objective: Number.NaN, message: `HiGHS model status ${status}` };
  });
}

/** The model as HiGHS takes it: the typed arrays as they are, no copy. */
function modelData(model: ArcFlowModel): ModelData {
  return {
    numCols: model.numCols,
    numRows: model.numRows,
    colCost: model.colCost,
    colLower: model.colLower,
    colUpper: model.colUpper,
    rowLower: model.rowLower,
    rowUpper: model.rowUpper,
    matrix: {
      format: 'csc',
      numRows: model.numRows,
      numCols: model.numCols,
      starts: model.starts,
      indices: model.index,
      values: model.value,
    },
    ...(model.integrality ? { integrality: model.integrality } : {}),
  };
}

/** Personnel at their destinations by the end of each day in the solution x. */
function closureCurve(model: ArcFlowModel, x: ArrayLike<number>, H: number): Float64Array {
  const curve = new Float64Array(H);
  const { column, day, personnel } = model.arrivals;
  for (let i = 0; i < column.length; i++) curve[day[i]!] = curve[day[i]!]! + x[column[i]!]! * personnel[i]!;
  return cumulative(curve);
}
