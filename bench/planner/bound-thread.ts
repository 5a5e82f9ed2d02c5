// The proved bounds of one instance (src/planner/deploy/plan-bound.ts proveBounds: the delivery-day
// bound with its master LP on HiGHS, then the mean-lateness one, the larger kept, as in the plan
// job) and, when the bound is short of the plan, the guided plans and the order search after it
// (after-bound.ts), on a worker thread: the benchmark does this two instances at a time, off the
// thread that times the planner.
import { parentPort, workerData } from 'node:worker_threads';
import { loadHighs } from '../../src/planner/deploy/lp-reference.ts';
import { proveBounds, provedBoundsWith } from '../../src/planner/deploy/plan-bound.ts';
import { planDeployment } from '../../src/planner/deploy/schedule.ts';
import type { DeploymentNetwork, Uln } from '../../src/planner/deploy/schedule.ts';
import { afterBound } from './after-bound.ts';
import { gapToBound } from './family.ts';

const { network, ulns, target, horizonDays, seconds, searchSeconds } = workerData as {
  network: DeploymentNetwork;
  ulns: Uln[];
  target: number;
  horizonDays: number;
  seconds: number;
  searchSeconds: number;
};
try {
  // The plan the bound aims at, made again here (the planner is deterministic) for the master LP to
  // start from, as the plan job's bound starts from the plan it bounds.
  const plan = planDeployment(network, ulns);
  if (plan.objective.value !== target)
    throw new Error(`planned again: ${plan.objective.value}, not ${target}`);
  const bound = proveBounds(
    target,
    { network, ulns, today: 0, horizonDays },
    seconds,
    provedBoundsWith(await loadHighs()),
    plan.ulns,
  );
  const short = bound.value > 0 && (gapToBound(target, bound.value) ?? 0) > 0;
  const after = short ? afterBound(network, ulns, plan, bound, searchSeconds * 1000) : null;
  parentPort!.postMessage({ ok: true, bound, after });
} catch (e) {
  parentPort!.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
}
