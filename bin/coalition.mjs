#!/usr/bin/env node
// The `coalition` command: runs the compiled CLI (dist/cli/main.js). When that is missing or older
// than its sources (a fresh clone's first `npx coalition`, or after an edit) it is built first, with
// esbuild, in well under a second (scripts/build-cli.mjs); the freshness check stats the build's
// inputs and costs a few milliseconds. COALITION_PREBUILT=1 skips the check and runs dist/cli as it
// is (the tests, which build once before they start).
import { buildCli, cliIsStale } from '../scripts/build-cli.mjs';

if (process.env.COALITION_PREBUILT !== '1' && cliIsStale()) {
  try {
    await buildCli();
  } catch (e) {
    console.error(
      `coalition: could not build the CLI from src/:\n${e instanceof Error ? e.message : String(e)}`,
    );
    process.exit(2);
  }
}
// Stack traces of an unexpected error name the TypeScript sources (costs ~20 ms on a store-opening
// command, nothing measurable on --version).
process.setSourceMapsEnabled(true);
await import('../dist/cli/main.js');
