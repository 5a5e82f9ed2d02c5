// Vitest global setup: builds the compiled CLI (dist/cli, scripts/build-cli.mjs) once before the
// test workers start, when it is missing or older than its sources, so that the CLI tests run the
// command as users do while every child process skips the freshness check (COALITION_PREBUILT=1).
// A build failure does not stop the whole run (most tests do not need the CLI): it is handed to the
// CLI tests, which fail with its message.
//
// It also writes the dump of an empty migrated store that every new embedded store of the run starts
// from (COALITION_STORE_TEMPLATE, set in each worker by vitest.setup.ts and passed on to the CLI's
// child processes): about 2 s less per store than initdb and the migrations, over some hundreds of
// stores. The migrations themselves are still what made it, and run again on each store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildCli, cliIsStale } from '../../scripts/build-cli.mjs';
import { writeStoreTemplate } from '../storage/open-store.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** Why the compiled CLI could not be built; empty when it was (or was fresh already). */
    cliBuildError: string;
    /** The dump new embedded stores start from; empty when it could not be made (they initdb). */
    storeTemplate: string;
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
  project.provide('storeTemplate', await storeTemplate());
}

let templateDir: string | undefined;

async function storeTemplate(): Promise<string> {
  templateDir = mkdtempSync(join(tmpdir(), 'coalition-store-template-'));
  const file = join(templateDir, 'empty-store.tar.gz');
  try {
    await writeStoreTemplate(file);
    return file;
  } catch (e) {
    // Not a failure of the run: every store then starts the slow way, as in production.
    console.warn(`no store template (each new store runs initdb): ${String(e)}`);
    return '';
  }
}

export function teardown(): void {
  if (templateDir !== undefined) rmSync(templateDir, { recursive: true, force: true });
}
