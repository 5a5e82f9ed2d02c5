// Runs the deployment reference solve (src/planner/deploy/lp-reference.ts) on a worker thread with
// a time limit. HiGHS blocks the thread it runs on, so the event loop that serves requests must not
// be that thread. The limit is given to the solve itself (HiGHS's time_limit and the column
// generation's own clock), which then stops cleanly with the best bound it proved; should the thread
// still not answer some seconds after the limit (a long model build, a solver that ignores its
// clock), it is terminated.
import { Worker } from 'node:worker_threads';
import type { ReferenceOptions, ReferenceProgress, ReferenceResult } from '../planner/deploy/lp-reference.ts';
import type { DeploymentNetwork, Uln } from '../planner/deploy/schedule.ts';

export interface WorkerReferenceOptions extends Omit<
  ReferenceOptions,
  'priorityWeight' | 'onProgress' | 'timeLimitSeconds'
> {
  timeLimitSeconds: number;
  /** Seconds past the limit before the thread is terminated. Default 2 plus a tenth of the limit. */
  graceSeconds?: number;
  onProgress?: (progress: ReferenceProgress) => void;
  /** Terminates the solver thread when aborted (the client went away). */
  signal?: AbortSignal;
}

/** What is left when the thread failed or had to be terminated. */
export interface ReferenceAbort {
  status: 'time-limit' | 'error';
  /** True when the thread was terminated rather than answering. */
  terminated: boolean;
  message: string;
  /** The best lower bound the thread reported before it stopped (column generation), else 0. */
  lowerBound: number;
  solveSeconds: number;
}

export type WorkerReferenceResult = ReferenceResult | ReferenceAbort;

type ThreadMessage =
  | { kind: 'progress'; progress: ReferenceProgress }
  | { kind: 'result'; result: ReferenceResult }
  | { kind: 'error'; message: string };

export function solveReferenceInWorker(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: WorkerReferenceOptions,
): Promise<WorkerReferenceResult> {
  const started = performance.now();
  const { onProgress, graceSeconds, signal, ...solveOptions } = options;
  const grace = graceSeconds ?? 2 + 0.1 * options.timeLimitSeconds;
  return new Promise((resolve) => {
    let settled = false;
    let last: ReferenceProgress | null = null;
    const worker = new Worker(threadFile(), {
      workerData: { network, ulns, options: solveOptions },
    });
    const finish = (result: WorkerReferenceResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolve(result);
    };
    const abort = (status: ReferenceAbort['status'], terminated: boolean, message: string): void =>
      finish({
        status,
        terminated,
        message,
        lowerBound: last?.lowerBound ?? 0,
        solveSeconds: (performance.now() - started) / 1000,
      });
    const timer = setTimeout(
      () => abort('time-limit', true, `no answer ${grace} s after the ${options.timeLimitSeconds} s limit`),
      (options.timeLimitSeconds + grace) * 1000,
    );
    const onAbort = () => abort('error', true, 'cancelled: the client went away');
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: ThreadMessage) => {
      if (m.kind === 'progress') {
        last = m.progress;
        onProgress?.(m.progress);
      } else if (m.kind === 'result') finish(m.result);
      else abort('error', false, m.message);
    });
    worker.on('error', (e) => abort('error', true, e.message));
    worker.on('exit', (code) =>
      abort('error', true, `the solver thread exited (code ${code}) without answering`),
    );
  });
}

/** The thread module: compiled JavaScript beside this code (dist/cli), or the TypeScript sources through tsx. */
function threadFile(): URL {
  const fromSources = import.meta.url.endsWith('.ts');
  return new URL(fromSources ? './lp-reference-thread.mjs' : './lp-reference-thread.js', import.meta.url);
}
