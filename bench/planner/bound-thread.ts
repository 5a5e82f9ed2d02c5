// One proved bound (src/planner/deploy/bound/) on a worker thread: the benchmark computes the
// family's bounds two at a time, off the thread that times the planner.
import { parentPort, workerData } from 'node:worker_threads';
import { deploymentLowerBound } from '../../src/planner/deploy/bound/lagrangian-bound.ts';
import type { DeploymentBoundOptions } from '../../src/planner/deploy/bound/lagrangian-bound.ts';
import type { DeploymentNetwork, Uln } from '../../src/planner/deploy/schedule.ts';

const { network, ulns, options } = workerData as {
  network: DeploymentNetwork;
  ulns: Uln[];
  options: DeploymentBoundOptions;
};
try {
  parentPort!.postMessage({ ok: true, bound: deploymentLowerBound(network, ulns, options) });
} catch (e) {
  parentPort!.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
}
