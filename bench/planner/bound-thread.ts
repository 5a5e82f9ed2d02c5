// The proved bounds of one instance (src/planner/deploy/plan-bound.ts proveBounds: the delivery-day
// bound with its master LP on HiGHS, then the mean-lateness one, the larger kept, as in the plan
// job) on a worker thread: the benchmark computes the family's bounds two instances at a time, off
// the thread that times the planner.
import { parentPort, workerData } from 'node:worker_threads';
import { loadHighs } from '../../src/planner/deploy/lp-reference.ts';
import { proveBounds, provedBoundsWith } from '../../src/planner/deploy/plan-bound.ts';
import type { DeploymentNetwork, Uln } from '../../src/planner/deploy/schedule.ts';

const { network, ulns, target, horizonDays, seconds } = workerData as {
  network: DeploymentNetwork;
  ulns: Uln[];
  target: number;
  horizonDays: number;
  seconds: number;
};
try {
  parentPort!.postMessage({
    ok: true,
    bound: proveBounds(
      target,
      { network, ulns, today: 0, horizonDays },
      seconds,
      provedBoundsWith(await loadHighs()),
    ),
  });
} catch (e) {
  parentPort!.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
}
