// Runs before every test file, in each worker (vitest runs files in separate workers, each with its
// own fast-check instance): every fc.assert, fc.check and fc.sample draws from the run's seed unless
// it passes its own. The summary reporter prints the seed; FC_SEED=N replays a run.
import fc from 'fast-check';
import { fastCheckSeed } from './test-seed.ts';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: fastCheckSeed() });
