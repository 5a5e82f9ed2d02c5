// CLI start-up benchmark (npm run bench:cli; see bench/cli/README.md). Runs the `coalition` command
// as users do (node bin/coalition.mjs, compiled CLI, freshness check included) as child processes,
// N times each, taking turns so that a burst of other work on the machine falls on all of them:
//
//   coalition --version                            target ≤ 0.3 s
//   coalition list, against a running server       target ≤ 0.5 s  (the server holds the data dir)
//   coalition list, on the embedded store          target ≤ 2 s    (opens PGlite itself)
//   node -e 0                                       the floor: a bare Node.js start, no target
//
// Prints median and worst wall time and the peak RSS of each (when /usr/bin/time is there to
// report it), with PASS/FAIL against the target on the median and on the worst. Exits non-zero on
// a FAIL or when a command does not do its job.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCli, cliIsStale, ROOT } from '../../scripts/build-cli.mjs';
import { renderTable } from '../../src/cli/table.ts';
import { median, wholeOption } from '../measure.ts';

const USAGE = `usage: npm run bench:cli -- [options]
  --runs N     measured runs of each command (default 15)
  --warmup N   unmeasured runs of each first (default 2)`;

const BIN = join(ROOT, 'bin/coalition.mjs');
const TIME = '/usr/bin/time';

interface Case {
  name: string;
  /** Seconds, judged on the median and on the worst run; undefined for the floor. */
  target: number | undefined;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** What a run that did its job prints on standard output. */
  expect: RegExp;
}

interface Sample {
  seconds: number;
  rssKb: number | undefined;
}

function parseOptions(argv: readonly string[]): { runs: number; warmup: number } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '2' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return { runs: wholeOption('runs', values.runs, 1), warmup: wholeOption('warmup', values.warmup, 0) };
}

/** One run: wall time from spawn to exit, and the peak RSS /usr/bin/time saw. */
function runOnce(c: Case): Sample {
  const rssFile = join(tmpdir(), `coalition-bench-rss-${process.pid}`);
  const withTime = existsSync(TIME);
  const [command, args] = withTime
    ? [TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...c.args]]
    : [process.execPath, c.args];
  const started = performance.now();
  const r = spawnSync(command, args, { cwd: ROOT, env: c.env, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0 || !c.expect.test(r.stdout)) {
    throw new Error(`${c.name}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  }
  let rssKb: number | undefined;
  if (withTime) {
    rssKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
    rmSync(rssFile, { force: true });
  }
  return { seconds, rssKb };
}

/** `coalition serve --port 0` on `dataDir`; resolves with the child once it listens. */
async function startServer(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((done, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (/Coalition Planner on http/.test(output)) done();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => fail(new Error(`the server exited (code ${code}):\n${output}`)));
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

const seconds = (s: number) => `${s.toFixed(3)} s`;

async function main(): Promise<void> {
  const { runs, warmup } = parseOptions(process.argv.slice(2));
  if (cliIsStale()) {
    const { ms } = await buildCli();
    console.log(`built dist/cli in ${ms} ms`);
  }
  const root = mkdtempSync(join(tmpdir(), 'coalition-bench-cli-'));
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: '',
    COALITION_URL: '',
    COALITION_TOKEN: '',
    COALITION_SEED: 'true',
    LOG_LEVEL: 'warn',
  };
  const embedded = { ...base, COALITION_DATA: join(root, 'embedded') };
  const served = { ...base, COALITION_DATA: join(root, 'served'), COALITION_WORKERS: '1' };
  const listed = /article-2025-03\s+Coalition of the willing/;
  const cases: Case[] = [
    { name: 'node -e 0 (floor)', target: undefined, args: ['-e', '0'], env: base, expect: /^$/ },
    {
      name: 'coalition --version',
      target: 0.3,
      args: [BIN, '--version'],
      env: base,
      expect: /^\d+\.\d+\.\d+\n$/,
    },
    { name: 'coalition list (server)', target: 0.5, args: [BIN, 'list'], env: served, expect: listed },
    { name: 'coalition list (embedded)', target: 2, args: [BIN, 'list'], env: embedded, expect: listed },
  ];

  // The first command on each store loads the reference scenarios; that is not what is measured.
  spawnSync(process.execPath, [BIN, 'list'], { cwd: ROOT, env: embedded });
  const server = await startServer(served);
  const samples = new Map<Case, Sample[]>(cases.map((c) => [c, []]));
  try {
    for (let i = 0; i < warmup + runs; i++) {
      for (const c of cases) {
        const s = runOnce(c);
        if (i >= warmup) samples.get(c)!.push(s);
      }
    }
  } finally {
    await stop(server);
    rmSync(root, { recursive: true, force: true });
  }

  let failed = false;
  const rows = cases.map((c) => {
    const xs = samples.get(c)!;
    const med = median(xs.map((s) => s.seconds));
    const worst = Math.max(...xs.map((s) => s.seconds));
    const rss = xs.map((s) => s.rssKb).filter((kb) => kb !== undefined);
    const verdict =
      c.target === undefined
        ? ''
        : `${med <= c.target ? 'PASS' : 'FAIL'} / ${worst <= c.target ? 'PASS' : 'FAIL'}`;
    if (verdict.includes('FAIL')) failed = true;
    return {
      name: c.name,
      target: c.target === undefined ? '—' : `≤ ${c.target} s`,
      median: seconds(med),
      worst: seconds(worst),
      rss: rss.length > 0 ? `${Math.round(Math.max(...rss) / 1024)} MB` : '—',
      verdict,
    };
  });
  console.log(
    `\n${runs} runs of each (after ${warmup} unmeasured), taking turns; ` +
      `${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)}\n`,
  );
  console.log(
    renderTable(rows, [
      { header: 'COMMAND', value: (r) => r.name },
      { header: 'TARGET', value: (r) => r.target },
      { header: 'MEDIAN', value: (r) => r.median, align: 'right' },
      { header: 'WORST', value: (r) => r.worst, align: 'right' },
      { header: 'PEAK RSS', value: (r) => r.rss, align: 'right' },
      { header: 'MEDIAN / WORST', value: (r) => r.verdict },
    ]),
  );
  if (failed) process.exitCode = 1;
}

await main();
