import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'web/src/**/*.test.{ts,tsx}',
      'e2e/**/*.test.ts',
      'data/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances are heavy (WASM): cap parallel files on a 2-core machine.
    maxWorkers: 2,
    reporters: ['default', './test-summary-reporter.ts'],
  },
});
