// Thread entry of lp-reference-worker.ts. Plain JavaScript, because a worker thread does not
// inherit the loader that runs TypeScript in its parent (tsx, or vitest's transform): it loads the
// TypeScript module through tsx's scoped import, as bin/coalition.mjs does for the CLI.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const port = parentPort;
try {
  const { loadHighs, solveDeploymentReference } = await tsImport(
    '../planner/deploy/lp-reference.ts',
    import.meta.url,
  );
  const highs = await loadHighs();
  const { network, ulns, options } = workerData;
  const result = solveDeploymentReference(highs, network, ulns, {
    ...options,
    onProgress: (progress) => port.postMessage({ kind: 'progress', progress }),
  });
  port.postMessage({ kind: 'result', result });
} catch (e) {
  port.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
}
