// The releasability property end to end through the API (test-withheld-invariance.ts), on PGlite.
import { testBackends } from './test-backends.ts';
import { describeInvariance } from './test-withheld-invariance.ts';

for (const backend of testBackends('releasability invariance', 'inv', 'PGlite'))
  describeInvariance(backend, 8, 0);
