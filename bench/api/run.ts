// API load benchmark (npm run bench:api; see bench/README.md). Starts the real server as child
// processes (embedded store: one; PostgreSQL: two on one database), loads them with autocannon
// using seeded read-heavy and write-heavy mixes of planner and liaison requests, and loads a
// minimal Fastify server the same way in the same invocation as the reference. Prints both with
// ratios, judges the goal for reads on the embedded store, and exits non-zero when any request
// failed or got a non-2xx answer.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fixture } from './fixture.ts';
import { heavyReport, measureHeavy } from './heavy.ts';
import { runLoad } from './load.ts';
import { MIXES, READ_HEAVY, READ_OPS, expectedBodyBytes, type Mix } from './mixes.ts';
import { USAGE, loadRuns, parseBenchArgs, type BenchOptions, type LoadRun } from './plan.ts';
import { createBenchDatabase, postgresAdminUrl } from './postgres.ts';
import { loggedErrors, startApiServer, startReferenceServer, stopAll, type Child } from './processes.ts';
import { failures, mixLabel, operationsTable, rateLabel, resultsTable, type RunResult } from './report.ts';
import { formatMs, goalVerdict, runStats, type Round, type RunStats } from './stats.ts';
import { ApiWorkload, type WorkloadState } from './workload.ts';

/** Undone in reverse order on the way out, whether the run finished, failed or was interrupted. */
const cleanups: (() => Promise<void>)[] = [];

async function cleanUp(): Promise<void> {
  await stopAll();
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch (e) {
      console.error(`clean-up: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** Other work on the machine shows in every figure; printed so a reader can tell a quiet run from a busy one. */
function machine(): string {
  return `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores, Node ${process.version}`;
}

/** Set on SIGINT/SIGTERM: the runs still finishing measure servers being stopped, so stay quiet. */
let interrupted = false;

function log(line: string): void {
  if (interrupted) return;
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function brief(s: RunStats): string {
  return (
    `${s.reqPerSec.toFixed(0)} req/s, p50 ${formatMs(s.latency.p50)} ms, p99 ${formatMs(s.latency.p99)} ms, ` +
    `${s.non2xx} non-2xx, ${s.errors} errors`
  );
}

/** Reference servers, one per API process of the run, reused while the body size stays the same. */
class ReferencePool {
  private readonly started = new Map<string, Child[]>();

  constructor(
    private readonly options: BenchOptions,
    private readonly fixture: Fixture,
  ) {}

  async get(bytes: number, processes: number): Promise<string[]> {
    const key = `${bytes}x${processes}`;
    let children = this.started.get(key);
    if (!children) {
      children = [];
      for (let i = 0; i < processes; i++) {
        children.push(await startReferenceServer(`reference server ${i + 1}`, bytes));
      }
      this.started.set(key, children);
      if (this.options.warmupSec > 0) {
        await runLoad({
          urls: children.map((c) => c.url),
          connections: this.options.connections,
          durationSec: this.options.warmupSec,
          workload: referenceWorkload(await this.fixture.state(), READ_HEAVY, this.options.seed),
        });
      }
    }
    return children.map((c) => c.url);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.started.values()].flat().map((c) => c.stop()));
    this.started.clear();
  }
}

let referenceSerial = 0;
/** The same requests as ours; the reference answers them all alike. */
function referenceWorkload(state: WorkloadState, mix: Mix, seed: number): ApiWorkload {
  return new ApiWorkload(state, mix, seed, {
    reference: true,
    nextPledgeId: () => `REF-${++referenceSerial}`,
  });
}

/** Heavy-mix tables of this invocation, printed with the results. */
const heavyTables: { text: string; pass: boolean }[] = [];

/** Loads the API processes at `urls` with each run of the plan, taking turns with the reference. */
async function measure(
  urls: string[],
  runs: LoadRun[],
  options: BenchOptions,
  backend: string,
): Promise<RunResult[]> {
  const fixture = await Fixture.setup(urls[0]!);
  const references = new ReferencePool(options, fixture);
  cleanups.push(() => references.stop());
  if (options.warmupSec > 0) {
    // Both mixes, so the write paths are as warm (JIT, caches, pool) as the read paths.
    log(`warm-up: ${options.warmupSec} s of each mix, not measured`);
    for (const mix of MIXES) {
      await runLoad({
        urls,
        connections: options.connections,
        durationSec: options.warmupSec,
        workload: new ApiWorkload(await fixture.state(), mix, options.seed, {
          nextPledgeId: fixture.nextPledgeId,
        }),
      });
    }
  }
  const isRead = (op: string) => (READ_OPS as readonly string[]).includes(op);
  const roundSec = Math.max(1, Math.round(options.durationSec / options.rounds));
  const results: RunResult[] = [];
  for (const run of runs) {
    const where = `${run.backend} ${mixLabel(run)} at ${rateLabel(run)}, ${run.connections} connections`;
    const referenceBytes = expectedBodyBytes(run.mix, (op, actor) => fixture.sizeOf(op, actor));
    const refUrls = await references.get(referenceBytes, run.processes);
    const load = {
      connections: run.connections,
      durationSec: roundSec,
      ...(run.rate !== undefined && { rate: run.rate }),
    };
    const ours: Round[] = [];
    const reference: Round[] = [];
    // Ours and the reference take turns, so a neighbour's load on this shared machine falls on both.
    for (let round = 0; round < options.rounds; round++) {
      const seed = options.seed + round;
      ours.push(
        await runLoad({
          ...load,
          urls,
          workload: new ApiWorkload(await fixture.state(), run.mix, seed, {
            nextPledgeId: fixture.nextPledgeId,
          }),
        }),
      );
      reference.push(
        await runLoad({
          ...load,
          urls: refUrls,
          workload: referenceWorkload(await fixture.state(), run.mix, seed),
        }),
      );
    }
    const result: RunResult = {
      run,
      ours: runStats(ours, isRead),
      reference: runStats(reference, isRead),
      referenceBytes,
    };
    log(`${where}: ${brief(result.ours)}`);
    log(`${where}, reference (${referenceBytes} B bodies): ${brief(result.reference)}`);
    results.push(result);
  }
  await references.stop();
  if (options.heavyRounds > 0) {
    log(
      `${backend}: heavy analyses in flight, ${plural(options.heavyRounds, 'round')} of ${options.durationSec} s`,
    );
    const heavy = await measureHeavy(urls, fixture, {
      rate: options.rate,
      connections: options.connections,
      durationSec: options.durationSec,
      rounds: options.heavyRounds,
      seed: options.seed,
    });
    heavyTables.push(heavyReport(backend, heavy, backend.startsWith('embedded')));
  }
  return results;
}

async function embedded(options: BenchOptions): Promise<{ results: RunResult[]; servers: Child[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'coalition-bench-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  log(`embedded store: starting the API on a new PGlite store in ${dir}`);
  const server = await startApiServer({ name: 'API (embedded store)', dataDir: join(dir, 'data') });
  cleanups.push(() => server.stop());
  const results = await measure([server.url], loadRuns(options, 'embedded'), options, 'embedded store');
  await server.stop();
  return { results, servers: [server] };
}

async function postgres(
  options: BenchOptions,
  adminUrl: string,
): Promise<{ results: RunResult[]; servers: Child[] }> {
  const db = await createBenchDatabase(adminUrl);
  cleanups.push(() => db.drop());
  log(`PostgreSQL: new database ${db.name}; starting two API processes`);
  // One after the other: the first creates the schema, seeds and creates the administrator; the
  // second finds them there, as a second replica started later would.
  const first = await startApiServer({ name: 'API 1 (PostgreSQL)', databaseUrl: db.url });
  cleanups.push(() => first.stop());
  const second = await startApiServer({ name: 'API 2 (PostgreSQL)', databaseUrl: db.url });
  cleanups.push(() => second.stop());
  const results = await measure(
    [first.url, second.url],
    loadRuns(options, 'postgres'),
    options,
    'PostgreSQL, two API processes',
  );
  await Promise.all([first.stop(), second.stop()]);
  return { results, servers: [first, second] };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let options: BenchOptions;
  try {
    options = parseBenchArgs(args);
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  log(
    `API load benchmark: ${options.durationSec} s per run in ${plural(options.rounds, 'round')}, ` +
      `${options.connections} connections, seed ${options.seed}, ` +
      `goal p99 ≤ ${options.goalP99Ms} ms for reads on the embedded store at ${options.rate} req/s`,
  );
  log(machine());
  const results: RunResult[] = [];
  const servers: Child[] = [];
  const problems: string[] = [];
  for (const backend of options.backends) {
    try {
      if (backend === 'embedded') {
        const r = await embedded(options);
        results.push(...r.results);
        servers.push(...r.servers);
      } else {
        const adminUrl = postgresAdminUrl();
        if (adminUrl === undefined) {
          log(
            'PostgreSQL: skipped — set TEST_DATABASE_URL (or DATABASE_URL) to a server where this role may create databases',
          );
          continue;
        }
        const r = await postgres(options, adminUrl);
        results.push(...r.results);
        servers.push(...r.servers);
      }
    } catch (e) {
      problems.push(`${backend}: ${e instanceof Error ? e.message : String(e)}`);
      log(`${backend}: failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      await cleanUp();
    }
  }

  log(machine());
  if (results.length > 0) {
    console.log(
      `\nResults (${options.durationSec} s per run, taking ${plural(options.rounds, 'turn')} with the reference; ` +
        'ratios are coalition ÷ reference from this same invocation)\n',
    );
    console.log(resultsTable(results));
    console.log('\nBy operation (coalition runs)\n');
    console.log(operationsTable(results));
    console.log('');
  }
  for (const table of heavyTables) {
    console.log(`${table.text}\n`);
    if (!table.pass) problems.push('a heavy-analyses target was missed (see the table above)');
  }
  const goalRun = results.find((r) => r.run.goal);
  if (goalRun) {
    const verdict = goalVerdict(goalRun.ours, options.rate, options.goalP99Ms);
    console.log(
      `Goal, reads on the embedded store at ${options.rate} req/s: ${verdict.pass ? 'PASS' : 'MISS'} — ${verdict.reason}`,
    );
  }
  for (const server of servers) {
    const errors = loggedErrors(server);
    if (errors.length > 0) {
      problems.push(`${server.name} logged ${errors.length} errors; the first: ${errors[0]!.slice(0, 600)}`);
    }
  }
  problems.push(...failures(results));
  if (problems.length > 0) {
    console.log('\nProblems:');
    for (const p of problems) console.log(`  - ${p}`);
    return 1;
  }
  console.log(results.length > 0 ? 'No errors and no non-2xx answers.' : 'Nothing was measured.');
  return 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping the servers and removing the temporary store and database`);
    void cleanUp().finally(() => process.exit(130));
  });
}

const code = await main().catch(async (e: unknown) => {
  console.error(e);
  await cleanUp();
  return 2;
});
process.exit(code);
