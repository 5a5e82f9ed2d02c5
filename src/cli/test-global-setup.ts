// Vitest global setup: builds the compiled CLI (dist/cli, scripts/build-cli.mjs) once before the
// test workers start, when it is missing or older than its sources, so that the CLI tests run the
// command as users do while every child process skips the freshness check (COALITION_PREBUILT=1).
// A build failure does not stop the whole run (most tests do not need the CLI): it is handed to the
// CLI tests, which fail with its message.
import type { TestProject } from 'vitest/node';
import { buildCli, cliIsStale } from '../../scripts/build-cli.mjs';

declare module 'vitest' {
  interface ProvidedContext {
    /** Why the compiled CLI could not be built; empty when it was (or was fresh already). */
    cliBuildError: string;
  }
}

export async function setup(project: TestProject): Promise<void> {
  let error = '';
  try {
    if (cliIsStale()) await buildCli();
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  project.provide('cliBuildError', error);
}
