// What a benchmark invocation runs: the command-line options and the list of load runs they give.
// Pure, so the plan can be tested without starting anything.
import { parseArgs } from 'node:util';
import { READ_HEAVY, WRITE_HEAVY, type Mix } from './mixes.ts';

export type Backend = 'embedded' | 'postgres';

export interface BenchOptions {
  /** Measured seconds per run, split over `rounds` turns taken with the reference. */
  durationSec: number;
  rounds: number;
  warmupSec: number;
  connections: number;
  /** The goal's rate: requests per second of the fixed-rate runs. */
  rate: number;
  /** The goal: p99 of reads on the embedded store at `rate`, in milliseconds. */
  goalP99Ms: number;
  seed: number;
  backends: Backend[];
  /** Rounds of the heavy-analyses-in-flight mix (0: skip it), each with its own seed. */
  heavyRounds: number;
}

export const USAGE = `usage: npm run bench:api -- [options]
  --duration S      seconds per measured run (default 10)
  --rounds N        turns ours and the reference take within a run (default 2)
  --warmup S        seconds of unmeasured load per mix after the API starts (default 3)
  --quick           smoke run: --duration 2 --rounds 1 --warmup 1
  --connections N   concurrent connections over all API processes (default 10)
  --rate N          requests per second of the fixed-rate runs (default 500)
  --seed N          seed of the request mixes (default 1)
  --backend B       embedded, postgres or all (default all; postgres needs TEST_DATABASE_URL or DATABASE_URL)
  --heavy-rounds N  rounds of the "heavy analyses in flight" mix, each a new seed (default 3; 0 skips it)`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      quick: { type: 'boolean', default: false },
      connections: { type: 'string', default: '10' },
      rate: { type: 'string', default: '500' },
      seed: { type: 'string', default: '1' },
      backend: { type: 'string', default: 'all' },
      'heavy-rounds': { type: 'string' },
    },
    strict: true,
  });
  const whole = (name: string, raw: string | undefined, fallback: number, min: number): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
    return n;
  };
  const backend = values.backend;
  if (backend !== 'all' && backend !== 'embedded' && backend !== 'postgres') {
    throw new Error(`--backend must be embedded, postgres or all, got "${backend}"`);
  }
  return {
    // autocannon stops on whole-second ticks, so durations are whole seconds.
    durationSec: whole('duration', values.duration, values.quick ? 2 : 10, 1),
    rounds: whole('rounds', values.rounds, values.quick ? 1 : 2, 1),
    warmupSec: whole('warmup', values.warmup, values.quick ? 1 : 3, 0),
    connections: whole('connections', values.connections, 10, 2),
    rate: whole('rate', values.rate, 500, 1),
    goalP99Ms: 20,
    seed: whole('seed', values.seed, 1, 0),
    backends: backend === 'all' ? ['embedded', 'postgres'] : [backend],
    heavyRounds: whole('heavy-rounds', values['heavy-rounds'], values.quick ? 1 : 3, 0),
  };
}

export interface LoadRun {
  backend: Backend;
  mix: Mix;
  processes: number;
  connections: number;
  /** Fixed rate in requests per second; undefined: as fast as the server answers. */
  rate?: number;
  /** The run the goal is judged on. */
  goal: boolean;
}

/**
 * Per backend: reads at the goal's fixed rate, then each mix at full speed; the write-heavy run
 * last, as its writes leave the audit log longer for whatever follows. PostgreSQL runs with two
 * API processes, the way it is deployed behind a load balancer.
 */
export function loadRuns(options: BenchOptions, backend: Backend): LoadRun[] {
  const processes = backend === 'postgres' ? 2 : 1;
  const common = { backend, processes, connections: options.connections };
  return [
    { ...common, mix: READ_HEAVY, rate: options.rate, goal: backend === 'embedded' },
    { ...common, mix: READ_HEAVY, goal: false },
    { ...common, mix: WRITE_HEAVY, goal: false },
  ];
}
