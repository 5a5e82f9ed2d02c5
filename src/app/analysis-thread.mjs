// Thread entry of the analysis pool when the application runs from its TypeScript sources (tests,
// `npm run dev`): a worker thread does not inherit the loader of its parent, so it loads the worker
// module through tsx's scoped import. The compiled build (dist/) points the pool at
// analysis-worker.js directly and never loads this file.
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport('./analysis-worker.ts', import.meta.url);
export default worker.default;
