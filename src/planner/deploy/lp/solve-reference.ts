// The reference solve's front door: prepares the instance, chooses arc-flow or column generation,
// and times the whole solve.
import type { Highs } from 'highs';
import type { DeploymentNetwork, Uln } from '../schedule-types.ts';
import { estimateArcFlowColumns } from './arc-flow-model.ts';
import { solveArcFlow } from './arc-flow-solve.ts';
import { solveByColumnGeneration } from './column-generation.ts';
import { prepare } from './prepared-instance.ts';
import type { Prepared } from './prepared-instance.ts';
import type { ReferenceMethod, ReferenceOptions, ReferenceResult } from './reference-types.ts';
import { baseResult, seconds } from './results.ts';

/**
 * Solves the reference model for `ulns` on `network`. Synchronous: HiGHS blocks the thread until it
 * finishes or hits the time limit, so servers run this in a worker (src/app/lp-reference-worker.ts).
 */
export function solveDeploymentReference(
  highs: Highs,
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: ReferenceOptions = {},
): ReferenceResult {
  const started = performance.now();
  const prep = prepare(network, ulns, options);
  const integer = options.integer ?? false;
  const method = chooseMethod(prep, options, integer);
  const base = baseResult(prep, ulns.length, method, integer);
  if (prep.commodities.length === 0) {
    return { ...base, closureCurve: new Float64Array(prep.net.H), solveSeconds: seconds(started) };
  }
  const result =
    method === 'arc-flow'
      ? solveArcFlow(highs, prep, options, started, base)
      : solveByColumnGeneration(highs, network, ulns, prep, options, started, base);
  return { ...result, solveSeconds: seconds(started) };
}

/** The MIP is arc-flow only; 'auto' takes arc-flow while its matrix stays small. */
function chooseMethod(prep: Prepared, options: ReferenceOptions, integer: boolean): ReferenceMethod {
  if (integer || options.method === 'arc-flow') return 'arc-flow';
  if (options.method === 'column-generation') return 'column-generation';
  return estimateArcFlowColumns(prep) <= (options.maxArcFlowColumns ?? 150_000)
    ? 'arc-flow'
    : 'column-generation';
}
