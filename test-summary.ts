// The closing count of a test run, `tests: N passed, N failed, N skipped`, which CI reads, and how a
// skipped block says why. Pure: test-summary-reporter.ts turns vitest's results into the plain tree
// below; this module counts it, so the rules are tested without running vitest inside vitest.
//
// Every test that did not run is counted. A test that was to run but did not because the suite or
// file around it failed in set-up (an import error, a beforeAll that threw) is failed, not skipped;
// a file or suite that failed with no test of its own failing (an import error leaves no tests at
// all; an afterAll that threw) counts once as failed. Skipped tests are counted one by one, grouped
// by the reason the block gave (see skippedFor), so a run without PostgreSQL says how much of the
// suite it left out instead of "2 skipped".
import type {} from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Why the block is skipped; set through skippedFor, read by the summary reporter. */
    skipReason?: string;
  }
}

/** The skip reasons of this repository's optional back-ends, one wording each so they group. */
export const NO_POSTGRES = 'PostgreSQL: TEST_DATABASE_URL not set';
export const NO_CHROMIUM = 'Chromium not installed';
export const NO_POPPLER = 'poppler-utils (pdftotext, pdftoppm) not installed';

/**
 * Options for `describe(name, options, fn)`: skip the block and say why when `reason` is given, else
 * run it. The reason reaches the reporter through the suite's meta, which its tests inherit.
 */
export function skippedFor(reason: string | undefined): { skip?: boolean; meta?: { skipReason: string } } {
  return reason === undefined ? {} : { skip: true, meta: { skipReason: reason } };
}

export interface SummaryTest {
  kind: 'test';
  name: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  /** How it was declared: `skip` and `todo` were never meant to run in this run. */
  mode: 'run' | 'only' | 'skip' | 'todo';
  /** From `ctx.skip(note)`. */
  note?: string | undefined;
  /** From skippedFor, on the test or a block around it. */
  skipReason?: string | undefined;
}

export interface SummarySuite {
  kind: 'module' | 'suite';
  /** A module's path relative to the project; a suite's name. */
  name: string;
  /** Errors of the block itself (collection, beforeAll, afterAll), not of its tests. */
  errors: number;
  children: SummaryNode[];
}

export type SummaryNode = SummaryTest | SummarySuite;

export interface TestSummary {
  passed: number;
  failed: number;
  skipped: number;
  /** Skipped tests per reason, most first. */
  skippedBy: [reason: string, count: number][];
  /** Files and suites that failed outside their tests ("file > suite"). */
  brokenBlocks: string[];
  /** Tests that were started or queued but never finished (an interrupted run). */
  unfinished: number;
}

export const NO_REASON = 'no reason given (it.skip, describe.skip, or not selected by -t or .only)';
export const TODO = 'todo';

export function summarize(modules: readonly SummarySuite[], unhandledErrors = 0): TestSummary {
  let passed = 0;
  let failed = unhandledErrors;
  let skipped = 0;
  let unfinished = 0;
  const reasons = new Map<string, number>();
  const brokenBlocks: string[] = [];

  /** Counts `node`'s tests; returns how many were counted failed. */
  const walk = (node: SummaryNode, path: string, broken: boolean): number => {
    if (node.kind === 'test') {
      switch (node.state) {
        case 'passed':
          passed++;
          return 0;
        case 'failed':
          failed++;
          return 1;
        case 'pending':
          unfinished++;
          failed++;
          return 1;
        case 'skipped': {
          // Meant to run, not skipped by itself, in a block that broke: it failed with the block.
          const meantToRun = node.mode === 'run' || node.mode === 'only';
          if (broken && meantToRun && node.note === undefined) {
            failed++;
            return 1;
          }
          const reason = node.note ?? node.skipReason ?? (node.mode === 'todo' ? TODO : NO_REASON);
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
          skipped++;
          return 0;
        }
      }
    }
    const here = path === '' ? node.name : `${path} > ${node.name}`;
    const brokenHere = broken || node.errors > 0;
    let failedBelow = 0;
    for (const child of node.children) failedBelow += walk(child, here, brokenHere);
    if (node.errors > 0) {
      brokenBlocks.push(here);
      if (failedBelow === 0) {
        failed++;
        failedBelow = 1;
      }
    }
    return failedBelow;
  };
  for (const m of modules) walk(m, '', false);

  const skippedBy = [...reasons].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  return { passed, failed, skipped, skippedBy, brokenBlocks, unfinished };
}

/** The lines printed at the end of a run; the last is the plain closing line CI reads. */
export function summaryLines(s: TestSummary, fastCheckSeed: number, unhandledErrors = 0): string[] {
  const lines = [`fast-check seed: ${fastCheckSeed} (override with FC_SEED)`];
  if (s.brokenBlocks.length > 0) {
    const shown = s.brokenBlocks.slice(0, 10).join('; ');
    const more = s.brokenBlocks.length > 10 ? `; and ${s.brokenBlocks.length - 10} more` : '';
    lines.push(`failed outside its tests (import, set-up or tear-down): ${shown}${more}`);
  }
  if (s.unfinished > 0) lines.push(`did not finish: ${s.unfinished} (counted as failed)`);
  if (unhandledErrors > 0) lines.push(`unhandled errors: ${unhandledErrors} (counted as failed)`);
  if (s.skipped > 0) lines.push(`skipped: ${s.skippedBy.map(([r, n]) => `${n} (${r})`).join(', ')}`);
  lines.push(`tests: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
  return lines;
}
