import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './test-sequencer.ts';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'web/src/**/*.test.{ts,tsx}',
      'e2e/**/*.test.ts',
      'data/**/*.test.ts',
      'bench/**/*.test.ts',
      // The test tooling's own tests (summary counting, seed).
      '*.test.ts',
    ],
    // Timeouts only catch hangs: a busy 2-core machine (another full run beside this one) makes
    // an ordinary test many times slower, and that must not fail it.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // PGlite instances are heavy (WASM): cap parallel files on a 2-core machine. Four, not two:
    // much of the suite waits on child processes (the CLI, PostgreSQL, Chromium); on the CI machine
    // three ran the tests in 945 s against 972 s with two, and (a later suite) four in 849 s
    // against about 900 s with three.
    maxWorkers: 4,
    // The slowest files first, so that none of them starts last and makes the tail.
    sequence: { sequencer: SlowFirstSequencer },
    // fast-check draws from one seed per run (FC_SEED, else a fixed default); see test-seed.ts.
    setupFiles: ['./vitest.setup.ts'],
    // Builds the compiled CLI (dist/cli) once, when stale, before any worker starts: the CLI tests
    // run it as users do.
    globalSetup: ['./src/cli/test-global-setup.ts'],
    reporters: ['default', './test-summary-reporter.ts'],
  },
});
