// Comparison benchmark (npm run bench:compare; see bench/README.md). Issue 14: a baseline and five
// variants, every analysis, cold ≤ 2 s and warm (memo) ≤ 50 ms on this 2-core machine. Opens an
// installation on a memory PGlite store with the reference scenarios, branches five variants of each
// through the service, and for each case of the family (family.ts) runs CompareService.compare on the
// analysis runner in pool mode (worker threads, as the server runs it):
//
//   first  a new runner: the pool's start, its threads loading the code and a cold JIT included;
//   cold   memo empty (cleared, or a seed nobody asked for), the pool started and used before;
//   warm   the same comparison again, answered by the memo.
//
// In the same invocation, taking turns with the cold runs, the reference: the same six scenarios'
// dashboard analysis and deployment plan one after another in-process (what a user would otherwise
// ask for scenario by scenario). Then where a summary's time goes (profile.ts). Exits non-zero when
// a cold run was not computed afresh, a warm one not answered by the memo, or the same comparison
// gave two answers; a MISS alone does not fail the run.
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { AnalysisRunner } from '../../src/app/analysis-runner.ts';
import { AnalysisService } from '../../src/app/analysis-service.ts';
import { CompareService } from '../../src/app/compare-service.ts';
import { DeploymentService } from '../../src/app/deployment-service.ts';
import { openInstallation, type Installation } from '../../src/app/installation.ts';
import { loadExchangeRates } from '../../src/app/reference-data.ts';
import { renderTable, type Column } from '../../src/cli/table.ts';
import type { CompareEnvelope } from '../../src/contract/compare.ts';
import type { Principal } from '../../src/domain/access.ts';
import type { ExchangeRates } from '../../src/domain/exchange-rates.ts';
import { collector, median, wholeOption } from '../measure.ts';
import { CASES, VARIANTS, compareQuery, type CompareCase } from './family.ts';
import { PARTS, profileSummary, type Part } from './profile.ts';

const USAGE = `usage: npm run bench:compare -- [options]
  --runs N        measured cold comparisons per case (default 5)
  --warm N        warm comparisons per case, one after another (default 50)
  --warmup N      unmeasured cold comparisons per case after the first (default 1)
  --no-profile    skip the table of where a summary's time goes`;

/** Issue 14's targets, for a baseline and five variants on this 2-core machine. */
const TARGET = { coldMs: 2000, warmMs: 50 };

/** A planner: coalition staff, who compare courses of action and see every record. */
const VIEWER: Principal = { userId: 'planner', role: 'planner', nation: null };

interface Options {
  runs: number;
  warm: number;
  warmup: number;
  profile: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: 'string', default: '5' },
      warm: { type: 'string', default: '50' },
      warmup: { type: 'string', default: '1' },
      'no-profile': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    runs: wholeOption('runs', values.runs, 1),
    warm: wholeOption('warm', values.warm, 1),
    warmup: wholeOption('warmup', values.warmup, 0),
    profile: !values['no-profile'],
  };
}

interface Row {
  case: CompareCase;
  /** A new runner's first comparison: pool start, code loading and cold JIT included. */
  firstMs: number;
  cold: number[];
  /** The same cold comparison on an in-process runner: the work at the reference's priority. */
  coldInProcess: number[];
  warm: number[];
  /** The six scenarios' dashboard and plan, one after another, in-process. */
  reference: number[];
  answerBytes: number;
  /** The first answer: which scenarios and what-ifs were compared. */
  envelope: CompareEnvelope;
}

/** Where a comparison runs: its runner and the comparison service over it. */
interface Asker {
  runner: AnalysisRunner;
  compare: CompareService;
}

const fmtMs = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
const verdict = (ms: number, target: number) => (ms <= target ? 'PASS' : 'MISS');
const worst = (xs: readonly number[]) => Math.max(...xs);

/** Load average and cores, printed at the start and the end: a busy machine shows in every figure. */
function machine(): string {
  return `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores, Node ${process.version}`;
}

async function setUp(): Promise<{ inst: Installation; ms: number }> {
  const start = performance.now();
  const inst = await openInstallation({ dataDir: 'memory://', seed: true, referenceSolver: null });
  try {
    for (const [baseline, requests] of Object.entries(VARIANTS))
      for (const request of requests) await inst.service.branchScenario(baseline, request, VIEWER);
  } catch (e) {
    await inst.close();
    throw e;
  }
  return { inst, ms: performance.now() - start };
}

/** The reference: each scenario's dashboard and plan, in turn, on an in-process runner with an empty memo. */
async function referenceRun(
  analyses: AnalysisService,
  deployment: DeploymentService,
  ids: readonly string[],
  params: CompareCase['params'],
): Promise<number> {
  analyses.runner.clearMemo();
  const start = performance.now();
  for (const id of ids) {
    await analyses.runText('dashboard', id, params, VIEWER);
    await deployment.planText(id, {}, VIEWER);
  }
  return performance.now() - start;
}

async function measureCase(
  c: CompareCase,
  inst: Installation,
  rates: ExchangeRates,
  options: Options,
  gc: (() => void) | null,
  problems: string[],
): Promise<Row> {
  const ids = [c.baseline, ...VARIANTS[c.baseline]!.map((v) => v.id)];
  const inline = new AnalysisRunner({ mode: 'inline', rates });
  const analyses = new AnalysisService(inst.service, inline);
  const deployment = new DeploymentService(inst.service, inline);
  const inProcess = { runner: new AnalysisRunner({ mode: 'inline', rates }) } as Asker;
  inProcess.compare = new CompareService(inst.service, inProcess.runner);
  // As openInstallation builds it for `coalition serve`: a pool of worker threads (one fewer than
  // the cores), and the comparison over the same store.
  gc?.();
  const started = performance.now();
  const runner = new AnalysisRunner({ mode: 'pool', rates });
  const pool: Asker = { runner, compare: new CompareService(inst.service, runner) };
  try {
    const answers = new Map<string, string>();
    /**
     * One comparison; checks that it was computed (cold) or looked up (warm), and that the same
     * comparison always gives the same answer, on the pool and in-process alike.
     */
    const ask = async (
      on: Asker,
      run: number,
      expect: 'cold' | 'warm',
    ): Promise<{ ms: number; text: string }> => {
      const query = compareQuery(c, run);
      const before = on.runner.stats();
      const start = performance.now();
      const envelope = await on.compare.compare(c.baseline, query, VIEWER);
      const ms = performance.now() - start;
      const after = on.runner.stats();
      const text = JSON.stringify(envelope);
      const misses = after.memoMisses - before.memoMisses;
      const hits = after.memoHits - before.memoHits;
      // Cold: the comparison and its six summaries all computed; warm: one lookup.
      const expected = expect === 'cold' ? { misses: ids.length + 1, hits: 0 } : { misses: 0, hits: 1 };
      if (misses !== expected.misses || hits !== expected.hits)
        problems.push(
          `${c.name}: a ${expect} comparison (${on.runner.mode}) made ${misses} memo misses and ${hits} hits ` +
            `(expected ${expected.misses} and ${expected.hits})`,
        );
      const key = JSON.stringify(query);
      const seen = answers.get(key);
      if (seen === undefined) answers.set(key, text);
      else if (seen !== text)
        problems.push(`${c.name}: the same comparison gave two different answers (${on.runner.mode})`);
      return { ms, text };
    };

    const first = await ask(pool, 0, 'cold');
    const firstMs = performance.now() - started;
    const envelope = JSON.parse(first.text) as CompareEnvelope;
    checkAnswer(c, envelope, ids, problems);

    const cold: number[] = [];
    const coldInProcess: number[] = [];
    const reference: number[] = [];
    let run = 0;
    for (let i = -options.warmup; i < options.runs; i++) {
      // Taking turns, so a neighbour's burst of work on the shared machine falls on all three.
      run++;
      gc?.();
      const ref = await referenceRun(analyses, deployment, ids, c.params);
      inProcess.runner.clearMemo();
      gc?.();
      const here = await ask(inProcess, run, 'cold');
      if (!c.newSeedEachRun) runner.clearMemo();
      gc?.();
      const { ms } = await ask(pool, run, 'cold');
      if (i < 0) continue;
      cold.push(ms);
      coldInProcess.push(here.ms);
      reference.push(ref);
    }
    const warm: number[] = [];
    gc?.();
    for (let i = 0; i < options.warm; i++) warm.push((await ask(pool, run, 'warm')).ms);
    if (c.newSeedEachRun) {
      // The first seed again, computed afresh: the same answer as the first time.
      runner.clearMemo();
      await ask(pool, 0, 'cold');
    }
    return {
      case: c,
      firstMs,
      cold,
      coldInProcess,
      warm,
      reference,
      answerBytes: Buffer.byteLength(first.text),
      envelope,
    };
  } finally {
    await runner.close();
  }
}

/** The comparison names the six scenarios, in order, each variant with its what-if. */
function checkAnswer(
  c: CompareCase,
  envelope: CompareEnvelope,
  ids: readonly string[],
  problems: string[],
): void {
  const got = envelope.result.scenarios.map((s) => s.id);
  if (JSON.stringify(got) !== JSON.stringify(ids))
    problems.push(`${c.name}: the comparison has scenarios ${got.join(', ')}, not ${ids.join(', ')}`);
  if (envelope.result.scenarios.slice(1).some((s) => s.variantOf?.parent !== c.baseline))
    problems.push(`${c.name}: a variant does not name ${c.baseline} as its parent`);
  if (envelope.result.figures.length === 0) problems.push(`${c.name}: the comparison has no figures`);
}

function printFamily(envelopes: Map<string, CompareEnvelope>): void {
  for (const [baseline, envelope] of envelopes) {
    console.log(`  ${baseline}:`);
    for (const s of envelope.result.scenarios.slice(1))
      console.log(`    ${s.id.padEnd(22)} ${s.variantOf?.whatIfs.join('; ') ?? ''}`);
  }
}

async function profile(inst: Installation, rates: ExchangeRates): Promise<string> {
  const runs = 3;
  const columns: Record<string, Record<Part, number>> = {};
  for (const c of CASES) {
    const ids = [c.baseline, ...VARIANTS[c.baseline]!.map((v) => v.id)];
    const docs = [];
    for (const id of ids) docs.push(await inst.service.exportDocument(id, VIEWER));
    const params = compareQuery(c, 0);
    const { variants: _v, ...args } = params;
    const samples: Record<Part, number>[] = [];
    // One unmeasured round for the JIT, then the median of `runs` rounds of the six scenarios.
    for (let i = -1; i < runs; i++) {
      const total = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>;
      for (const doc of docs) {
        const one = profileSummary(doc, rates, args as Parameters<typeof profileSummary>[2]);
        for (const p of PARTS) total[p] += one[p];
      }
      if (i >= 0) samples.push(total);
    }
    columns[c.name] = Object.fromEntries(PARTS.map((p) => [p, median(samples.map((s) => s[p]))])) as Record<
      Part,
      number
    >;
  }
  const cols: Column<Part>[] = [
    { header: 'part of a summary (× 6 scenarios)', value: (p) => p },
    ...CASES.map((c) => ({
      header: c.name,
      value: (p: Part) => fmtMs(columns[c.name]![p]),
      align: 'right' as const,
    })),
  ];
  return renderTable([...PARTS], cols);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const gc = collector();
  const rates = loadExchangeRates();
  const threads = Math.max(1, availableParallelism() - 1);
  console.log(
    `Comparison benchmark: a baseline and ${VARIANTS[CASES[0]!.baseline]!.length} variants, every analysis; ` +
      `${CASES.length} cases × ${options.runs} cold runs (+${options.warmup} warm-up, + the first on a new pool) ` +
      `and ${options.warm} warm; pool of ${threads} worker thread${threads === 1 ? '' : 's'}`,
  );
  console.log(machine() + (gc ? '' : ' (no gc(): a run may pay for the garbage of the one before)'));
  const { inst, ms: setUpMs } = await setUp();
  const problems: string[] = [];
  const rows: Row[] = [];
  let profileTable: string | undefined;
  try {
    console.log(
      `set-up: memory PGlite store, reference scenarios imported, ${Object.values(VARIANTS).flat().length} variants ` +
        `branched in ${(setUpMs / 1000).toFixed(1)} s (not measured)`,
    );
    const envelopes = new Map<string, CompareEnvelope>();
    for (const c of CASES) {
      process.stderr.write(`${c.name}… `);
      const row = await measureCase(c, inst, rates, options, gc, problems);
      rows.push(row);
      process.stderr.write(`cold ${fmtMs(median(row.cold))} ms, warm ${fmtMs(median(row.warm))} ms\n`);
      if (!envelopes.has(c.baseline)) envelopes.set(c.baseline, row.envelope);
    }
    console.log('\nThe variants (one what-if each, branched through CoalitionService.branchScenario):');
    printFamily(envelopes);
    if (options.profile) {
      process.stderr.write('profiling the summaries in-process…\n');
      profileTable = await profile(inst, rates);
    }
  } finally {
    await inst.close();
  }

  interface Line {
    name: string;
    first: number[];
    cold: number[];
    coldInProcess: number[];
    warm: number[];
    reference: number[];
    bytes: number | undefined;
  }
  const lines: Line[] = rows.map((r) => ({
    name: r.case.name,
    first: [r.firstMs],
    cold: r.cold,
    coldInProcess: r.coldInProcess,
    warm: r.warm,
    reference: r.reference,
    bytes: r.answerBytes,
  }));
  lines.push({
    name: 'whole family',
    first: rows.map((r) => r.firstMs),
    cold: rows.flatMap((r) => r.cold),
    coldInProcess: rows.flatMap((r) => r.coldInProcess),
    warm: rows.flatMap((r) => r.warm),
    reference: rows.flatMap((r) => r.reference),
    bytes: undefined,
  });
  const columns: Column<Line>[] = [
    { header: 'case', value: (l) => l.name },
    {
      header: 'first ms',
      value: (l) =>
        l.first.length === 1 ? fmtMs(l.first[0]!) : `${fmtMs(median(l.first))} / ${fmtMs(worst(l.first))}`,
      align: 'right',
    },
    { header: 'cold median', value: (l) => fmtMs(median(l.cold)), align: 'right' },
    { header: 'cold worst', value: (l) => fmtMs(worst(l.cold)), align: 'right' },
    { header: 'warm median', value: (l) => fmtMs(median(l.warm)), align: 'right' },
    { header: 'warm worst', value: (l) => fmtMs(worst(l.warm)), align: 'right' },
    { header: 'in-process', value: (l) => fmtMs(median(l.coldInProcess)), align: 'right' },
    { header: 'reference', value: (l) => fmtMs(median(l.reference)), align: 'right' },
    { header: 'cold ÷ ref', value: (l) => ratio(median(l.cold), median(l.reference)), align: 'right' },
    {
      header: 'in-proc ÷ ref',
      value: (l) => ratio(median(l.coldInProcess), median(l.reference)),
      align: 'right',
    },
    {
      header: `cold ≤ ${TARGET.coldMs} ms`,
      value: (l) => `${verdict(median(l.cold), TARGET.coldMs)} / ${verdict(worst(l.cold), TARGET.coldMs)}`,
    },
    {
      header: `warm ≤ ${TARGET.warmMs} ms`,
      value: (l) => `${verdict(median(l.warm), TARGET.warmMs)} / ${verdict(worst(l.warm), TARGET.warmMs)}`,
    },
    {
      header: 'answer KB',
      value: (l) => (l.bytes === undefined ? '' : (l.bytes / 1024).toFixed(0)),
      align: 'right',
    },
  ];
  console.log('');
  console.log(renderTable(lines, columns));
  console.log('');
  console.log(
    `ms. cold: on the pool (worker threads at the lowest priority, as the server runs them), memo empty (cleared; ` +
      `"new seed": a seed not asked before), the pool started and used before; median and worst of ${options.runs} runs. ` +
      `warm: the same comparison again, a memo hit; median and worst of ${options.warm}. first: a new runner's first ` +
      "comparison, the pool's start, its threads loading the code (through tsx here) and a cold JIT included; " +
      '"whole family": median / worst of the cases\' first. in-process: the same cold comparison on an in-process ' +
      "runner (the request thread's priority). reference: the same six scenarios' dashboard analysis and deployment " +
      'plan, one after another, in-process with an empty memo. The three take turns. in-proc ÷ ref is the figure to ' +
      'compare from commit to commit (same thread, same priority); cold ÷ ref also shows what the pool costs, which on ' +
      "a busy machine is mostly its threads' low priority. Verdicts: median / worst.",
  );
  if (profileTable !== undefined) {
    console.log(
      "\nWhere a cold comparison's time goes: each part of summariseScenario, in-process, summed over the " +
        'six scenarios (ms, median of 3 rounds after one unmeasured):\n',
    );
    console.log(profileTable);
  }
  console.log(`\n${machine()}`);
  if (problems.length > 0) {
    console.log('\nProblems:');
    for (const p of problems) console.log(`  - ${p}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  console.error(USAGE);
  process.exitCode = 2;
});
