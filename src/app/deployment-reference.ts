// The optimality reference of a plan: the HiGHS LP relaxation of the same model, solved in a worker
// thread with a time limit so that a large force list cannot stall the API, and the planner's gap to
// it. The LP plans from C+0 with nothing moved, so it is only a valid bound for a plan that has no
// movement records; with records it is not computed, and the answer says why.
import { referenceGap } from '../planner/deploy/lp-reference.ts';
import { toDeploymentNetwork, toPlannerUlns } from '../planner/deploy/plan-report.ts';
import type { ReferenceSolver, ReferenceSummary } from './deployment-service.ts';
import { solveReferenceInWorker } from './lp-reference-worker.ts';

export const REFERENCE_TIME_LIMIT_SECONDS = 120;

export function workerReferenceSolver(timeLimitSeconds = REFERENCE_TIME_LIMIT_SECONDS): ReferenceSolver {
  return async ({ scenario, objective, ulns }, signal): Promise<ReferenceSummary> => {
    if (scenario.movements.length > 0)
      return {
        status:
          'not computed: the LP plans from C+0 with nothing moved, and this scenario has movement records',
        objective: null,
        gapPercent: null,
        seconds: 0,
      };
    const result = await solveReferenceInWorker(
      toDeploymentNetwork(scenario.network.nodes, scenario.network.arcs),
      toPlannerUlns(ulns, scenario),
      { timeLimitSeconds, ...(signal && { signal }) },
    );
    const planner = objective;
    if (!('method' in result) || result.status !== 'optimal')
      return {
        status: 'method' in result ? result.status : `${result.status}: ${result.message}`,
        objective: null,
        gapPercent: null,
        seconds: result.solveSeconds,
      };
    const gap = referenceGap(planner, result.objective);
    return {
      status: 'optimal',
      objective: result.objective,
      gapPercent: Number.isFinite(gap.gap) ? gap.gap * 100 : null,
      seconds: result.solveSeconds,
    };
  };
}
