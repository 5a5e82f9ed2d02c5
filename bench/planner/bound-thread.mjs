// Thread entry of the benchmark's bound workers: a worker thread does not inherit tsx from its
// parent, so it loads bound-thread.ts through tsx's scoped import.
import { tsImport } from 'tsx/esm/api';

await tsImport('./bound-thread.ts', import.meta.url);
