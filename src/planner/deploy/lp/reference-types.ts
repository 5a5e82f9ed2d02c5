// What a reference solve takes and returns (the public shapes of lp-reference.ts): the options, the
// progress reported after each column generation round, and the result with its bounds and sizes.

export type ReferenceMethod = 'arc-flow' | 'column-generation';

export interface ReferenceOptions {
  /** Days in the model. Default: as planDeployment, latest of ALD, RDD and LAD plus 61. */
  horizonDays?: number;
  /** Weight of a personnel-day late by priority. Default 1 / priority, as planDeployment. */
  priorityWeight?: (priority: number) => number;
  /** Solve the MIP instead of the LP (arc-flow only; meant for small instances). Default false. */
  integer?: boolean;
  /** Default 'auto': arc-flow when it has at most `maxArcFlowColumns` columns, else column generation. */
  method?: 'auto' | ReferenceMethod;
  /** Wall-clock limit for the whole solve, HiGHS's `time_limit` included. Default none. */
  timeLimitSeconds?: number;
  /** Default 150,000. */
  maxArcFlowColumns?: number;
  /** Relative MIP gap at which HiGHS may stop. Default 0: prove the optimum. */
  mipRelGap?: number;
  /** Column generation: start from the planner's schedule (planDeployment). Default true. */
  warmStart?: boolean;
  /** Column generation: called after every round. */
  onProgress?: (progress: ReferenceProgress) => void;
}

export interface ReferenceProgress {
  iteration: number;
  /** Restricted master objective: an upper bound on the LP optimum once no artificial is used. */
  objective: number;
  /** Best Lagrangian lower bound so far. */
  lowerBound: number;
  columns: number;
  rows: number;
  elapsedSeconds: number;
}

export type ReferenceStatus = 'optimal' | 'infeasible' | 'time-limit' | 'error';

export interface ReferenceModelSize {
  rows: number;
  columns: number;
  nonzeros: number;
}

export interface ReferenceResult {
  status: ReferenceStatus;
  method: ReferenceMethod;
  integer: boolean;
  /** The optimum when optimal; otherwise the best feasible value found, NaN when none. */
  objective: number;
  /**
   * A lower bound on the objective of any schedule the planner can produce for the included ULNs:
   * the LP (or MIP) optimum when optimal; after a time limit, the best bound proved (0 when none).
   */
  lowerBound: number;
  /** Wall-clock seconds of the whole solve: building, HiGHS and (column generation) pricing. */
  solveSeconds: number;
  /** Seconds inside HiGHS. */
  highsSeconds: number;
  /** The model HiGHS solved (for column generation: the last restricted master). */
  size: ReferenceModelSize;
  horizonDays: number;
  /** ULNs in the model. */
  ulns: number;
  commodities: number;
  /** ULNs that cannot reach their destination inside the horizon at all, left out of the model. */
  excluded: string[];
  /** Latest over the included ULNs of their earliest possible arrival, ignoring capacity. */
  closureDayLowerBound: number | null;
  /** When optimal: personnel at their destinations by the end of each day in the optimal solution. */
  closureCurve: Float64Array | null;
  /** Column generation rounds (1 for arc-flow). */
  iterations: number;
  message?: string;
}
