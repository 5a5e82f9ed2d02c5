// Runs before every test file, in each worker (vitest runs files in separate workers, each with its
// own fast-check instance): every fc.assert, fc.check and fc.sample draws from the run's seed unless
// it passes its own. The summary reporter prints the seed; FC_SEED=N replays a run.
//
// New embedded stores start from the run's template (src/cli/test-global-setup.ts), and so do the
// CLI's child processes, which inherit this environment, as they do the cheaper password hashing.
import fc from 'fast-check';
import { inject } from 'vitest';
import { fastCheckSeed } from './test-seed.ts';

const template = inject('storeTemplate');
if (template) process.env.COALITION_STORE_TEMPLATE = template;
// Passwords hashed at scrypt's least accepted cost (passwords.ts scryptCost): the suite signs in
// thousands of times. A test of the production cost sets its own environment.
process.env.COALITION_SCRYPT_N ??= String(2 ** 10);

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: fastCheckSeed() });
