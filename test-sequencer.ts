// The order vitest starts test files in: the slowest first. With four workers on two cores the run
// lasts as long as its last file, and vitest's own order on a fresh clone (no timings cached yet:
// larger files first) started the suite's slow but short files (the releasability property per
// backend, the CLI's analyse tests) last, where they made the tail. The seconds are one CI run's
// (`.ci/run`, 2026-12-07, 836 s in all); a file missing from the table, or slower since, only costs ordering.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds each slow file took in CI (files of 30 s or more). */
export const CI_SECONDS: Readonly<Record<string, number>> = {
  'src/server/withheld-invariance-pglite.test.ts': 137,
  'src/storage/store.contract.test.ts': 120,
  'src/cli/cli.test.ts': 113,
  'src/server/security.test.ts': 112,
  'src/server/fuzz.test.ts': 106,
  'src/cli/cli-analyse.test.ts': 89,
  'src/server/withheld-invariance-postgres.test.ts': 87,
  'src/storage/read-cache.test.ts': 78,
  'src/cli/server-mode.test.ts': 70,
  'src/server/crash.test.ts': 69,
  'e2e/deployment.test.ts': 62,
  'e2e/analysis-b.test.ts': 62,
  'src/planner/deploy/bound/delivery-bound.test.ts': 61,
  'src/server/routes/deployment-routes.test.ts': 57,
  'e2e/briefing.test.ts': 55,
  'e2e/editing.test.ts': 55,
  'e2e/csp.test.ts': 46,
  'e2e/access.test.ts': 46,
  'e2e/risk-line-import.test.ts': 44,
  'e2e/analysis-a.test.ts': 43,
  'e2e/scenario-settings.test.ts': 43,
  'e2e/risk-ladder-editor.test.ts': 42,
  'e2e/compare.test.ts': 42,
  'src/cli/plan-output.test.ts': 38,
  'e2e/figures.test.ts': 37,
  'src/cli/compare.test.ts': 33,
  'e2e/risk.test.ts': 31,
};

/**
 * `files` (paths relative to the root, in the base order) with the ones CI_SECONDS lists first,
 * slowest first, and the rest after in the order given.
 */
export function slowFirst(files: readonly string[], seconds = CI_SECONDS): string[] {
  const rank = (f: string) => seconds[f] ?? 0;
  return files
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(b.f) - rank(a.f) || a.i - b.i)
    .map((x) => x.f);
}

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const key = (s: TestSpecification) => relative(this.ctx.config.root, s.moduleId);
    const byKey = new Map(base.map((s) => [key(s), s]));
    return slowFirst(base.map(key)).map((k) => byKey.get(k)!);
  }
}
