// The worker-thread side of lp-reference-worker.ts: loads HiGHS, solves the reference LP from the
// thread's workerData, and posts progress, then the result or the error, to the parent. From the
// TypeScript sources it is loaded through lp-reference-thread.mjs (tsx); the compiled CLI
// (scripts/build-cli.mjs) builds it as dist/cli/lp-reference-thread.js.
import { parentPort, workerData } from 'node:worker_threads';
import {
  loadHighs,
  solveDeploymentReference,
  type ReferenceOptions,
} from '../planner/deploy/lp-reference.ts';
import type { DeploymentNetwork, Uln } from '../planner/deploy/schedule.ts';
import { lowerThisThreadPriority } from './thread-priority.ts';

interface ThreadInput {
  network: DeploymentNetwork;
  ulns: readonly Uln[];
  options: Omit<ReferenceOptions, 'onProgress'>;
}

const port = parentPort!;
// The solve may take minutes of a core: the request thread goes first.
lowerThisThreadPriority();
try {
  const highs = await loadHighs();
  const { network, ulns, options } = workerData as ThreadInput;
  const result = solveDeploymentReference(highs, network, ulns, {
    ...options,
    onProgress: (progress) => port.postMessage({ kind: 'progress', progress }),
  });
  port.postMessage({ kind: 'result', result });
} catch (e) {
  port.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
}
