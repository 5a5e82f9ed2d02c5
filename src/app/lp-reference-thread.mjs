// Thread entry of lp-reference-worker.ts when the application runs from its TypeScript sources
// (tests, `npm run dev`): a worker thread does not inherit the loader that runs TypeScript in its
// parent (tsx, or vitest's transform), so it loads the thread's module through tsx's scoped import.
// The compiled CLI (dist/cli) runs lp-reference-thread.js directly and never loads this file.
import { tsImport } from 'tsx/esm/api';

await tsImport('./lp-reference-thread.ts', import.meta.url);
