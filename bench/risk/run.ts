// Risk benchmark (npm run bench:risk; see bench/README.md). Runs each measure of MEASURES in turn and
// prints its case table: today the exposure of 5,000 unit positions to a 2,000-vertex line of
// contact (exposure.ts, ≤ 0.5 s), with the naive exact scan as its reference in the same run; then
// the escalation Monte Carlo of 10,000 draws (escalation.ts, ≤ 1 s), with the resilience Monte Carlo
// as its reference. Exits 1 when a check fails (an answer differs from the reference, or a seed
// does not rebuild the same case), 2 on bad options; a missed target alone does not fail the run.
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { collector, wholeOption } from '../measure.ts';
import { escalationMeasure } from './escalation.ts';
import { exposureMeasure } from './exposure.ts';
import type { RiskMeasure, RiskOptions } from './measures.ts';

/** The measures, one table each, in this order. */
const MEASURES: readonly RiskMeasure[] = [exposureMeasure, escalationMeasure];

const USAGE = `usage: npm run bench:risk -- [options]
  --runs N        measured runs per case and seed (default 5)
  --warmup N      unmeasured runs first, per case and seed (default 1)
  --seed N        first seed (default 1)
  --seeds N       seeds per case (default 3)
  --positions N   exposure: unit positions per case (default 5000)
  --vertices N    exposure: line vertices per case (default 2000)
  --subset N      exposure: positions the reference scans per case and seed (default 500; 0: none)
  --only NAME     run one measure (${MEASURES.map((m) => m.name).join(', ')})`;

function parseOptions(argv: readonly string[]): { options: RiskOptions; only: string | undefined } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
      seeds: { type: 'string', default: '3' },
      positions: { type: 'string', default: '5000' },
      vertices: { type: 'string', default: '2000' },
      subset: { type: 'string', default: '500' },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.only !== undefined && !MEASURES.some((m) => m.name === values.only))
    throw new Error(`--only must be one of ${MEASURES.map((m) => m.name).join(', ')}, got "${values.only}"`);
  return {
    only: values.only,
    options: {
      runs: wholeOption('runs', values.runs, 1),
      warmup: wholeOption('warmup', values.warmup, 0),
      seed: wholeOption('seed', values.seed, 0),
      seeds: wholeOption('seeds', values.seeds, 1),
      positions: wholeOption('positions', values.positions, 1),
      vertices: wholeOption('vertices', values.vertices, 100),
      subset: wholeOption('subset', values.subset, 0),
      gc: collector(),
    },
  };
}

function main(): void {
  const { options, only } = parseOptions(process.argv.slice(2));
  console.log(
    `Risk benchmark: load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores, Node ${process.version}` +
      (options.gc ? '' : ' (no gc(): a run may collect an earlier run’s garbage)'),
  );
  const failures: string[] = [];
  for (const measure of MEASURES.filter((m) => only === undefined || m.name === only)) {
    const report = measure.run(options);
    console.log('');
    console.log(report.title);
    for (const line of report.about) console.log(line);
    console.log('');
    console.log(report.table);
    console.log('');
    for (const line of report.notes) console.log(line);
    failures.push(...report.failures);
  }
  if (failures.length > 0) {
    console.error('');
    console.error(`FAILED: ${failures.length} check(s)`);
    for (const f of failures.slice(0, 20)) console.error(`  ${f}`);
    process.exitCode = 1;
  }
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  console.error(USAGE);
  process.exitCode = 2;
}
