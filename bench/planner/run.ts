// Deployment planner benchmark (npm run bench:planner; see bench/planner/README.md). Plans a family
// of seeded instances (family.ts), checks every plan with the independent checker, proves a lower
// bound for each (src/planner/deploy/bound/, on worker threads, in the same run) and prints per
// instance the planner's gap to it, then the median and worst per group against the issue's targets,
// the plan times, peak memory and the re-plan times. Exits non-zero when a plan is not reproducible,
// breaks a rule or reports an objective the checker does not recompute, or a bound exceeds a plan
// (each is a bug); a FAIL against a target alone does not fail the run.
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { renderTable, type Column } from '../../src/cli/table.ts';
import { generateDeploymentInstance } from '../../src/planner/deploy/instance-generator.ts';
import type {
  DeploymentInstance,
  InstanceShape,
  LoadScenario,
} from '../../src/planner/deploy/instance-generator.ts';
import type { ProvedBounds } from '../../src/planner/deploy/plan-bound.ts';
import { checkPlan } from '../../src/planner/deploy/plan-checker.ts';
import { planDeployment } from '../../src/planner/deploy/schedule.ts';
import { median, wholeOption } from '../measure.ts';
import {
  congested,
  familyInstances,
  gapToBound,
  medianAndWorst,
  specName,
  type InstanceSpec,
} from './family.ts';
import type { AfterBound } from './after-bound.ts';
import { measureReplan } from './replan.ts';

const USAGE = `usage: npm run bench:planner -- [options]
  --seeds N        seeds per size, load and shape (default 6)
  --runs N         measured plans per instance (default 3)
  --warmup N       unmeasured plans first, for the JIT (default 1)
  --bound-limit S  seconds per proved bound (default 60)
  --search-limit S seconds of order search after each bound (default a third of the bound's)
  --threads N      bounds computed at once, on worker threads (default 2)
  --large N        ULNs of the large instance, 0 for none (default 50000)
  --quick          2 seeds, N = 500 and 2,000, no large instance, 20 s bounds
  --no-bound       plans, checks and times only`;

/** The issue's targets (issue 17). */
const TARGET = {
  gapAt: 2000,
  gapMedian: 0.1,
  gapWorst: 0.25,
  planAt: 5000,
  planMs: 1000,
  largeMs: 10_000,
  boundS: 60,
  replanMs: 100,
  rssMb: 500,
};

interface Options {
  seeds: number;
  runs: number;
  warmup: number;
  boundLimit: number;
  searchLimit: number;
  threads: number;
  large: number;
  sizes: number[];
  bound: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seeds: { type: 'string' },
      runs: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '1' },
      'bound-limit': { type: 'string' },
      'search-limit': { type: 'string' },
      threads: { type: 'string', default: '2' },
      large: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-bound': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick;
  const boundLimit = wholeOption('bound-limit', values['bound-limit'] ?? (quick ? '20' : '60'), 1);
  return {
    seeds: wholeOption('seeds', values.seeds ?? (quick ? '2' : '6'), 1),
    runs: wholeOption('runs', values.runs, 1),
    warmup: wholeOption('warmup', values.warmup, 0),
    boundLimit,
    // As the plan job (guided-plan.ts): a third of the bound's time.
    searchLimit: wholeOption('search-limit', values['search-limit'] ?? String(Math.round(boundLimit / 3)), 0),
    threads: wholeOption('threads', values.threads, 1),
    large: wholeOption('large', values.large ?? (quick ? '0' : '50000'), 0),
    sizes: quick ? [500, 2000] : [500, 2000, 5000],
    bound: !values['no-bound'],
  };
}

const instanceOf = (s: Omit<InstanceSpec, 'bound'>): DeploymentInstance =>
  generateDeploymentInstance({
    seed: s.seed,
    ulnCount: s.n,
    scenario: s.load,
    shape: s.shape,
    lift: true,
    ...(s.horizonDays !== undefined && { horizonDays: s.horizonDays }),
  });

/**
 * Child mode: generate, note the peak so far, plan once, print both peaks. A process of its own,
 * because the resident set's peak only ever grows.
 */
function child(shape: InstanceShape, load: LoadScenario, n: number, seed: number, horizon: number): void {
  const instance = instanceOf({ shape, load, n, seed, ...(horizon > 0 && { horizonDays: horizon }) });
  const base = process.resourceUsage().maxRSS;
  planDeployment(instance.network, instance.ulns);
  console.log(JSON.stringify({ base, peak: process.resourceUsage().maxRSS }));
}

function peakRss(s: InstanceSpec): { peakMb: number; baseMb: number } | null {
  const run = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      '--child',
      s.shape,
      s.load,
      String(s.n),
      String(s.seed),
    ],
    { encoding: 'utf8', timeout: 600_000 },
  );
  const line = run.stdout?.trim().split('\n').pop();
  if (run.status !== 0 || !line) return null;
  const { base, peak } = JSON.parse(line) as { base: number; peak: number };
  return { peakMb: peak / 1024, baseMb: base / 1024 };
}

interface Row {
  spec: InstanceSpec;
  times: number[];
  value: number;
  unscheduled: number;
  closure: number | null;
  violations: number;
  firstViolation: string;
  /** The plan's horizon: the bounds are proved over the same. */
  horizonDays: number;
  bound: ProvedBounds | null;
  boundError: string;
  /** The plan made again with the bound's prices (guided-plan.ts), when the bound is short of the plan. */
  /**
   * The plan after the bound (after-bound.ts), when the bound is short of the plan: its objective,
   * the time of the guided plans and the search together, the best guided plan's objective before
   * the search, and the orders the search tried.
   */
  guided: {
    value: number;
    ms: number;
    violations: number;
    guidedValue: number;
    moves: number;
    /** Whether the moves were the neighbourhood search's (from the LP's plan) rather than orders. */
    neighbourhood: boolean;
    /** The best plan from the LP's schedules (follow-on by its LAD), and ULNs missing their LAD. */
    lpValue: number;
    missedLad: number;
    /** The best plan with follow-on equipment allowed after its LAD (after-bound.ts). */
    afterLad: { value: number; missedLad: number };
  } | null;
  memory: { peakMb: number; baseMb: number } | null;
}

function boundInThread(
  spec: InstanceSpec,
  target: number,
  horizonDays: number,
  limitS: number,
  searchS: number,
): Promise<{ bound: ProvedBounds; after: AfterBound | null }> {
  const instance = instanceOf(spec);
  type Reply = { ok: true; bound: ProvedBounds; after: AfterBound | null } | { ok: false; message: string };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./bound-thread.mjs', import.meta.url), {
      workerData: { ...instance, target, horizonDays, seconds: limitS, searchSeconds: searchS },
    });
    worker.once('message', (m: Reply) => {
      void worker.terminate();
      if (m.ok) resolve({ bound: m.bound, after: m.after });
      else reject(new Error(m.message));
    });
    worker.once('error', reject);
  });
}

/** Which bound gave the value, and why it stopped: "delivery, time-limit". */
function boundBy(b: ProvedBounds): string {
  const run = b.runs.reduce((best, x) => (x.value > best.value ? x : best), b.runs[0]!);
  const name =
    run.name === 'uncoupledDeliveryBound'
      ? 'delivery'
      : run.name === 'masterDeliveryBound'
        ? 'delivery LP'
        : run.name === 'deploymentLowerBound'
          ? 'mean'
          : run.name;
  return `${name}, ${run.status ?? ''}`;
}

/**
 * Plans the instance in the options the bound's thread found best after the bound (after-bound.ts:
 * the guided plans, then the order search), as the plan job does (guided-plan.ts), and checks that
 * plan; false when it breaks a rule, beats the bound or is not the plan the thread reported.
 */
function guide(r: Row, after: AfterBound | null): boolean {
  const b = r.bound!;
  if (!after) return true;
  const { network, ulns } = instanceOf(r.spec);
  const plan = planDeployment(network, ulns, after.options);
  const check = checkPlan(network, ulns, plan);
  r.guided = {
    value: plan.objective.value,
    ms: after.ms,
    violations: check.violations.length,
    guidedValue: after.guidedValue,
    moves: after.searchMoves,
    neighbourhood: after.neighbourhood,
    lpValue: after.lpValue,
    missedLad: after.missedLad,
    afterLad: after.afterLad,
  };
  let ok = true;
  if (check.violations.length > 0) {
    console.error(`${specName(r.spec)}: the guided plan breaks a rule: ${check.violations[0]!.message}`);
    ok = false;
  }
  if (Math.abs(plan.objective.value - after.value) > 1e-6 * Math.max(1, after.value)) {
    console.error(
      `${specName(r.spec)}: planned again, the plan after the bound is ${plan.objective.value}, not ${after.value}`,
    );
    ok = false;
  }
  if (b.value > plan.objective.value * (1 + 1e-6) + 1e-6) {
    console.error(
      `${specName(r.spec)}: the bound ${b.value} exceeds the guided plan's ${plan.objective.value}`,
    );
    ok = false;
  }
  return ok;
}

/** Runs `tasks` at most `threads` at a time. */
async function pool(tasks: (() => Promise<void>)[], threads: number): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(threads, tasks.length) }, lane));
}

function planAll(specs: readonly InstanceSpec[], o: Options): { rows: Row[]; failed: boolean } {
  const rows: Row[] = [];
  let failed = false;
  for (const spec of specs) {
    const { network, ulns } = instanceOf(spec);
    const runs = spec.n > 10_000 ? 1 : o.runs;
    const warmup = spec.n > 10_000 ? 0 : o.warmup;
    const times: number[] = [];
    let plan = null;
    for (let i = -warmup; i < runs; i++) {
      const start = performance.now();
      const p = planDeployment(network, ulns);
      const ms = performance.now() - start;
      if (plan && JSON.stringify(p.objective) !== JSON.stringify(plan.objective)) {
        console.error(`${specName(spec)}: two plans of the same instance differ`);
        failed = true;
      }
      plan = p;
      if (i >= 0) times.push(ms);
    }
    const check = checkPlan(network, ulns, plan!);
    if (check.violations.length > 0) failed = true;
    rows.push({
      spec,
      times,
      value: plan!.objective.value,
      unscheduled: plan!.objective.unscheduled,
      closure: plan!.objective.closureDay,
      horizonDays: plan!.horizonDays,
      violations: check.violations.length,
      firstViolation: check.violations[0]?.message ?? '',
      bound: null,
      boundError: '',
      guided: null,
      memory: null,
    });
    process.stderr.write(`planned ${specName(spec)} in ${median(times).toFixed(0)} ms\n`);
  }
  return { rows, failed };
}

const fmtMs = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const fmtNum = (v: number): string =>
  Number.isFinite(v) ? v.toLocaleString('en-GB', { maximumFractionDigits: 0 }) : '∞';
const fmtGap = (g: number | null): string =>
  g === null ? 'none' : Number.isFinite(g) ? `${(100 * g).toFixed(1)}` : '∞';
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');

function printRows(rows: readonly Row[]): void {
  const columns: Column<Row>[] = [
    { header: 'shape', value: (r) => r.spec.shape },
    { header: 'load', value: (r) => r.spec.load },
    { header: 'N', value: (r) => r.spec.n.toLocaleString('en-GB'), align: 'right' },
    { header: 'seed', value: (r) => String(r.spec.seed), align: 'right' },
    { header: 'plan ms', value: (r) => fmtMs(median(r.times)), align: 'right' },
    { header: 'objective', value: (r) => fmtNum(r.value), align: 'right' },
    { header: 'unplanned', value: (r) => String(r.unscheduled), align: 'right' },
    { header: 'closure', value: (r) => String(r.closure ?? '–'), align: 'right' },
    { header: 'checker', value: (r) => (r.violations ? `${r.violations} violations` : 'clean') },
    {
      header: 'bound',
      value: (r) => (r.bound ? fmtNum(r.bound.value) : r.boundError ? 'error' : 'none'),
      align: 'right',
    },
    {
      header: 'bound s',
      value: (r) => (r.bound ? r.bound.seconds.toFixed(1) : ''),
      align: 'right',
    },
    { header: 'by', value: (r) => (r.bound ? boundBy(r.bound) : '') },
    {
      header: 'guided',
      value: (r) => (r.guided ? fmtNum(r.guided.guidedValue) : ''),
      align: 'right',
    },
    {
      header: 'searched',
      value: (r) => (r.guided ? `${r.guided.moves} ${r.guided.neighbourhood ? 'nbh' : 'ord'}` : ''),
      align: 'right',
    },
    {
      header: 'from LP',
      value: (r) => (r.guided && Number.isFinite(r.guided.lpValue) ? fmtNum(r.guided.lpValue) : ''),
      align: 'right',
    },
    {
      header: 'best',
      value: (r) => (r.guided ? fmtNum(r.guided.value) : ''),
      align: 'right',
    },
    { header: 'LAD missed', value: (r) => (r.guided ? String(r.guided.missedLad) : ''), align: 'right' },
    {
      header: 'after LAD',
      value: (r) => (r.guided ? `${fmtNum(r.guided.afterLad.value)} (${r.guided.afterLad.missedLad})` : ''),
      align: 'right',
    },
    { header: 'after ms', value: (r) => (r.guided ? fmtMs(r.guided.ms) : ''), align: 'right' },
    {
      header: 'gap %',
      value: (r) => fmtGap(gapToBound(bestValue(r), r.bound?.value ?? null)),
      align: 'right',
    },
  ];
  console.log(renderTable([...rows], columns));
}

interface SummaryRow {
  what: string;
  count: string;
  median: string;
  worst: string;
  target: string;
  verdict: string;
}

/** The better of the plan and the plan after its bound (what the plan job reports). */
const bestValue = (r: Row): number => Math.min(r.value, r.guided?.value ?? Infinity);

function summary(rows: readonly Row[], replans: readonly number[], o: Options): SummaryRow[] {
  const out: SummaryRow[] = [];
  const gaps = (pick: (r: Row) => boolean, value: (r: Row) => number = bestValue) =>
    rows
      .filter((r) => pick(r) && r.spec.bound && congested(r.value, r.bound?.capacityFree ?? null))
      .map((r) => gapToBound(value(r), r.bound?.value ?? null) ?? Infinity);
  const gapRow = (what: string, values: number[], target: boolean) => {
    const s = medianAndWorst(values);
    out.push({
      what,
      count: String(values.length),
      median: s ? `${fmtGap(s.median)} %` : '–',
      worst: s ? `${fmtGap(s.worst)} %` : '–',
      target: target ? `≤ ${100 * TARGET.gapMedian} % / ≤ ${100 * TARGET.gapWorst} %` : '',
      verdict: target && s ? verdict(s.median <= TARGET.gapMedian && s.worst <= TARGET.gapWorst) : '',
    });
  };
  if (o.bound) {
    gapRow(
      `gap, congested, N = ${TARGET.gapAt.toLocaleString('en-GB')}`,
      gaps((r) => r.spec.n === TARGET.gapAt),
      true,
    );
    gapRow(
      `gap, congested, N = ${TARGET.gapAt.toLocaleString('en-GB')}, guided, no search`,
      gaps(
        (r) => r.spec.n === TARGET.gapAt,
        (r) => Math.min(r.value, r.guided?.guidedValue ?? Infinity),
      ),
      false,
    );
    gapRow(
      `gap, congested, N = ${TARGET.gapAt.toLocaleString('en-GB')}, from the LP's schedules`,
      gaps(
        (r) => r.spec.n === TARGET.gapAt,
        (r) => Math.min(r.value, r.guided?.lpValue ?? Infinity),
      ),
      false,
    );
    gapRow(
      `gap, congested, N = ${TARGET.gapAt.toLocaleString('en-GB')}, follow-on after LAD allowed`,
      gaps(
        (r) => r.spec.n === TARGET.gapAt,
        (r) => Math.min(r.value, r.guided?.afterLad.value ?? Infinity),
      ),
      false,
    );
    gapRow(
      `gap, congested, N = ${TARGET.gapAt.toLocaleString('en-GB')}, unguided plans`,
      gaps(
        (r) => r.spec.n === TARGET.gapAt,
        (r) => r.value,
      ),
      false,
    );
    // What the LAD costs: ULNs whose last load misses their LAD, in the best plan and in the best
    // plan with follow-on equipment allowed after it.
    const ladRow = (what: string, value: (g: NonNullable<Row['guided']>) => number) => {
      const values = rows
        .filter(
          (r) => r.spec.n === TARGET.gapAt && r.guided && congested(r.value, r.bound?.capacityFree ?? null),
        )
        .map((r) => value(r.guided!));
      const m = medianAndWorst(values);
      out.push({
        what,
        count: String(values.length),
        median: m ? String(Math.round(m.median)) : '–',
        worst: m ? String(Math.round(m.worst)) : '–',
        target: '',
        verdict: '',
      });
    };
    ladRow(`ULNs missing their LAD, N = ${TARGET.gapAt.toLocaleString('en-GB')}`, (g) => g.missedLad);
    ladRow(
      `ULNs missing their LAD, N = ${TARGET.gapAt.toLocaleString('en-GB')}, follow-on after LAD allowed`,
      (g) => g.afterLad.missedLad,
    );
    for (const n of o.sizes.filter((n) => n !== TARGET.gapAt))
      gapRow(
        `gap, congested, layered, N = ${n.toLocaleString('en-GB')}`,
        gaps((r) => r.spec.n === n),
        false,
      );
    for (const shape of ['layered', 'single-crossing', 'corridor-detour', 'mid-closure'] as const)
      gapRow(
        `gap, congested, ${shape}, N = ${TARGET.gapAt.toLocaleString('en-GB')}`,
        gaps((r) => r.spec.shape === shape && r.spec.n === TARGET.gapAt),
        false,
      );
    const boundS = rows.filter((r) => r.spec.n === TARGET.gapAt && r.bound).map((r) => r.bound!.seconds);
    const b = medianAndWorst(boundS);
    out.push({
      what: `proved bound s, N = ${TARGET.gapAt.toLocaleString('en-GB')}`,
      count: String(boundS.length),
      median: b ? b.median.toFixed(1) : '–',
      worst: b ? b.worst.toFixed(1) : '–',
      target: `≤ ${TARGET.boundS}`,
      verdict: b ? verdict(b.worst <= TARGET.boundS + 1) : '',
    });
  }
  const timeRow = (what: string, pick: (r: Row) => boolean, limit: number) => {
    const s = medianAndWorst(rows.filter(pick).map((r) => median(r.times)));
    if (!s) return;
    out.push({
      what,
      count: String(s.count),
      median: fmtMs(s.median),
      worst: fmtMs(s.worst),
      target: `≤ ${limit.toLocaleString('en-GB')}`,
      verdict: verdict(s.worst <= limit),
    });
  };
  timeRow(
    `plan ms, N = ${TARGET.planAt.toLocaleString('en-GB')}`,
    (r) => r.spec.n === TARGET.planAt,
    TARGET.planMs,
  );
  timeRow('plan ms, the large instance', (r) => r.spec.n > 10_000, TARGET.largeMs);
  const rp = medianAndWorst(replans);
  if (rp)
    out.push({
      what: 're-plan ms after one change (or none), N = 5,000',
      count: String(rp.count),
      median: fmtMs(rp.median),
      worst: fmtMs(rp.worst),
      target: `≤ ${TARGET.replanMs}`,
      verdict: verdict(rp.worst <= TARGET.replanMs),
    });
  const mem = rows.filter((r) => r.memory).map((r) => r.memory!.peakMb);
  const m = medianAndWorst(mem);
  if (m)
    out.push({
      what: 'peak RSS MB (N = 5,000 and the large instance)',
      count: String(m.count),
      median: m.median.toFixed(0),
      worst: m.worst.toFixed(0),
      target: `< ${TARGET.rssMb} at N = 5,000`,
      verdict: verdict(
        rows.filter((r) => r.memory && r.spec.n <= 5000).every((r) => r.memory!.peakMb < TARGET.rssMb),
      ),
    });
  return out;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    child(
      argv[1] as InstanceShape,
      argv[2] as LoadScenario,
      Number(argv[3]),
      Number(argv[4]),
      Number(argv[5]),
    );
    return;
  }
  const o = parseOptions(argv);
  const specs = familyInstances({ seeds: o.seeds, sizes: o.sizes, shapeN: TARGET.gapAt, largeN: o.large });
  console.log(
    `Deployment planner benchmark: ${specs.length} instances (seeds 1-${o.seeds}; layered N = ${o.sizes.join(', ')} ` +
      `normal and surge; single-crossing, corridor-detour and mid-closure surge at N = ${TARGET.gapAt}` +
      `${o.large ? `; one of ${o.large.toLocaleString('en-GB')} ULNs` : ''}), lift on; ${o.runs} runs (+${o.warmup} ` +
      `warm-up); proved bounds ${o.bound ? `of ${o.boundLimit} s at most, ${o.threads} at a time` : 'skipped'}`,
  );
  console.log(
    `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores, Node ${process.version}`,
  );

  const { rows, failed: planFailed } = planAll(specs, o);
  let failed = planFailed;

  // Re-plans on the 5,000-ULN layered instances (up to three seeds), before the bounds load the machine.
  const replans: number[] = [];
  const replanRows: { spec: string; case: string; ms: number }[] = [];
  for (const r of rows.filter((r) => r.spec.shape === 'layered' && r.spec.n === 5000 && r.spec.seed <= 3)) {
    for (const m of measureReplan(instanceOf(r.spec))) {
      replanRows.push({ spec: specName(r.spec), ...m });
      if (!m.case.startsWith('full plan')) replans.push(m.ms);
    }
  }
  for (const r of rows.filter(
    (r) => (r.spec.n === 5000 && r.spec.seed === 1 && r.spec.shape === 'layered') || r.spec.n > 10_000,
  ))
    r.memory = peakRss(r.spec);

  if (o.bound) {
    const tasks = rows
      .filter((r) => r.spec.bound)
      .map((r) => async () => {
        try {
          const { bound, after } = await boundInThread(
            r.spec,
            r.value,
            r.horizonDays,
            o.boundLimit,
            o.searchLimit,
          );
          r.bound = bound;
          process.stderr.write(
            `bound ${specName(r.spec)}: ${fmtNum(r.bound.value)} (plan ${fmtNum(r.value)}) in ${r.bound.seconds.toFixed(1)} s\n`,
          );
          if (r.bound.runs.some((run) => run.value > r.value * (1 + 1e-6) + 1e-6)) {
            console.error(
              `${specName(r.spec)}: the bound ${r.bound.value} exceeds the plan's objective ${r.value}`,
            );
            failed = true;
          }
          if (!guide(r, after)) failed = true;
        } catch (e) {
          r.boundError = e instanceof Error ? e.message : String(e);
          console.error(`${specName(r.spec)}: bound failed: ${r.boundError}`);
          failed = true;
        }
      });
    await pool(tasks, o.threads);
  }

  console.log('');
  printRows(rows);
  for (const r of rows.filter((r) => r.violations))
    console.log(`  ${specName(r.spec)}: ${r.violations} checker violations, the first: ${r.firstViolation}`);
  console.log('');
  console.log(
    renderTable(replanRows, [
      { header: 'instance', value: (r) => r.spec },
      { header: 're-plan', value: (r) => r.case },
      { header: 'ms', value: (r) => fmtMs(r.ms), align: 'right' },
    ]),
  );
  console.log('');
  console.log(
    renderTable(summary(rows, replans, o), [
      { header: 'figure', value: (r) => r.what },
      { header: 'n', value: (r) => r.count, align: 'right' },
      { header: 'median', value: (r) => r.median, align: 'right' },
      { header: 'worst', value: (r) => r.worst, align: 'right' },
      { header: 'target', value: (r) => r.target },
      { header: '', value: (r) => r.verdict },
    ]),
  );
  console.log(
    '\nobjective: priority-weighted personnel-days late, a unit delivered when its personnel and critical ' +
      'equipment are in, an unplanned ULN counted at twice the horizon (src/planner/deploy/objective.ts). ' +
      'bound: the larger of the two proved lower bounds (src/planner/deploy/plan-bound.ts: the delivery-day bound with its master LP on HiGHS, then the ' +
      'mean-lateness one, sharing the limit 9:1) on a worker thread; no plan can do better. by: the one that gave it, and its status. ' +
      "guided: the best of the plans made again with the bound's capacity prices in each order of src/planner/deploy/guided-tries.ts; from LP: the best plan from the master LP's schedules (src/planner/deploy/lp-schedule-plan.ts), follow-on equipment by its LAD; searched: when that beats the guided plans, the neighbourhoods (nbh) a large-neighbourhood search from it re-planned, else the orders (ord) the order search from the better of the guided plans and the plan tried (src/planner/deploy/after-bound.ts, order-search.ts); best: the best of all these, as the plan job keeps it, planned again on the main thread and checked like the rest; LAD missed: its ULNs whose last load misses the LAD; after LAD: the best plan with follow-on equipment allowed after its LAD (deployment.followOnArrival 'after-lad'), with its ULNs missing the LAD; after ms: all of it, on the bound's thread. " +
      'gap: (the better plan − bound) / bound; 0 when both are 0, ∞ when the bound is 0 under a plan above 0. ' +
      'congested: the plan is later than the capacity-free bound (else every late day is readiness). checker: src/planner/deploy/plan-checker.ts, independent of the planner.',
  );
  if (failed) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  console.error(USAGE);
  process.exitCode = 2;
});
