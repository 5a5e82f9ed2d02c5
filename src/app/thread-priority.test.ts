// A heavy-work thread lowers its own priority and no other thread's: checked in a real worker
// thread (the function loaded through tsx, as the pool's threads load it), against the process's
// main thread, which must keep the priority it had.
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { expect, it } from 'vitest';

it.runIf(process.platform === 'linux')('lowers the calling thread only', async () => {
  const before = getPriority(process.pid);
  const module = new URL('./thread-priority.ts', import.meta.url).href;
  const code = `
    const { parentPort } = require('node:worker_threads');
    import('tsx/esm/api')
      .then(({ tsImport }) => tsImport(${JSON.stringify(module)}, ${JSON.stringify(import.meta.url)}))
      .then((m) => parentPort.postMessage(m.lowerThisThreadPriority(15)))
      .catch((e) => parentPort.postMessage(String(e)));`;
  const worker = new Worker(code, { eval: true });
  const lowered = await new Promise((resolve) => worker.once('message', resolve));
  await worker.terminate();
  expect(lowered).toBe(Math.min(19, before + 15));
  expect(getPriority(process.pid)).toBe(before);
});
