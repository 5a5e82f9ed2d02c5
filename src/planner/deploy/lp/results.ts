// Reading a reference solve: the gap between the planner and the reference, the result every
// method starts from, the closure curve, and the HiGHS model status codes the solvers map to a
// ReferenceStatus.
import type { Prepared } from './prepared-instance.ts';
import type { ReferenceMethod, ReferenceResult } from './reference-types.ts';

export interface ReferenceGap {
  /**
   * (planner - reference) / reference when reference > tolerance. When the reference is 0 (every
   * unit can be on time), a relative gap means nothing: it is 0 when the planner is 0 too and
   * Infinity otherwise; read `absolute` then.
   */
  gap: number;
  /** planner - reference, in weighted personnel-days. */
  absolute: number;
}

export function referenceGap(planner: number, reference: number, tolerance = 1e-6): ReferenceGap {
  const absolute = planner - reference;
  if (reference > tolerance) return { gap: absolute / reference, absolute };
  return { gap: planner > tolerance ? Infinity : 0, absolute };
}

/** HiGHS's model status codes (HighsModelStatus) that the solvers tell apart. */
export const MODEL_STATUS_OPTIMAL = 7;
export const MODEL_STATUS_INFEASIBLE = 8;
export const MODEL_STATUS_TIME_LIMIT = 13;

/** Seconds of wall clock since `since` (a performance.now() reading). */
export const seconds = (since: number): number => (performance.now() - since) / 1000;

/** Personnel arriving per day, in place, into personnel arrived by the end of each day. */
export function cumulative(curve: Float64Array): Float64Array {
  for (let d = 1; d < curve.length; d++) curve[d] = curve[d]! + curve[d - 1]!;
  return curve;
}

/** What the instance alone says, before any solve: an optimal empty model, sizes and counts. */
export function baseResult(
  prep: Prepared,
  ulnCount: number,
  method: ReferenceMethod,
  integer: boolean,
): ReferenceResult {
  return {
    status: 'optimal',
    method,
    integer,
    objective: 0,
    lowerBound: 0,
    solveSeconds: 0,
    highsSeconds: 0,
    size: { rows: 0, columns: 0, nonzeros: 0 },
    horizonDays: prep.net.H,
    ulns: ulnCount - prep.excluded.length,
    commodities: prep.commodities.length,
    excluded: prep.excluded,
    closureDayLowerBound: prep.commodities.length
      ? Math.max(...prep.commodities.map((c) => c.earliestArrival))
      : null,
    closureCurve: null,
    iterations: 0,
  };
}
