// The "heavy analyses in flight" mix: four clients ask back to back for uncached 100,000-draw
// analyses (a new Monte Carlo seed each time, so the memo never answers) while reads go on at the
// goal rate (then the read-heavy mix, with its writes, too). The runner keeps that work off the request thread, so the reads'
// p99 must stay within the goal. Measured in rounds with a different seed each, alternating with
// the same reads alone and beside an idle-priority busy loop (the references of this run), and
// reported as median and worst over rounds.
// Also the memo: the same dashboard asked again and again for an unchanged scenario is a lookup.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runLoad } from './load.ts';
import { READ_HEAVY, READ_OPS, READS_ONLY } from './mixes.ts';
import type { Fixture } from './fixture.ts';
import { describeNon2xx, percentile, runStats, type RunStats } from './stats.ts';
import { ApiWorkload } from './workload.ts';

export const HEAVY_CLIENTS = 4;
export const HEAVY_DRAWS = 100_000;
/** Issue 11's targets. */
export const HEAVY_READ_P99_MS = 20;
export const MEMO_HIT_MS = 5;

export interface HeavyRound {
  seed: number;
  withHeavy: RunStats;
  readsAlone: RunStats;
  /**
   * The same reads beside a busy loop at the lowest priority in a process of its own: what any
   * CPU-bound work costs the reads on this machine however it is scheduled (the floor).
   */
  besideBusyLoop: RunStats;
  /**
   * The read-heavy mix (10 % writes) with the heavy analyses: every write changes the scenario, so
   * each analysis first reads it afresh from the store, on the request thread.
   */
  withHeavyAndWrites: RunStats;
  /** Heavy analyses answered 200, refused 503 (queue full), and failed otherwise. */
  heavy: { ok: number; busy: number; failed: number; meanSeconds: number };
}

export interface HeavyResult {
  rounds: HeavyRound[];
  memo: { samples: number; medianMs: number; p99Ms: number; worstMs: number; firstMs: number };
}

const SCENARIO = 'article-2025-03';

/**
 * A load run stops with writes still in flight; they land within a moment. Reading the versions
 * for the next run before they do would make its writes stale (a 409 that is the bench's fault).
 */
const settle = () => new Promise((r) => setTimeout(r, 1000));

/** Loops uncached heavy analyses until `stop` resolves; counts the answers. */
async function heavyClient(
  url: string,
  token: string,
  client: number,
  seedBase: number,
  stopped: () => boolean,
  tally: HeavyRound['heavy'] & { seconds: number },
): Promise<void> {
  for (let i = 0; !stopped(); i++) {
    // A seed nobody asked for before: the memo cannot answer, the pool must compute.
    const seed = seedBase * 1_000_000 + client * 10_000 + i;
    const started = performance.now();
    const res = await fetch(
      `${url}/api/scenarios/${SCENARIO}/analysis/resilience?draws=${HEAVY_DRAWS}&seed=${seed}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    await res.arrayBuffer();
    if (res.status === 200) {
      tally.ok++;
      tally.seconds += (performance.now() - started) / 1000;
    } else if (res.status === 503) {
      tally.busy++;
      // As a client should: wait as long as Retry-After says (bounded, the run is short).
      const wait = Math.min(5, Number(res.headers.get('retry-after') ?? '1'));
      await new Promise((r) => setTimeout(r, wait * 1000));
    } else tally.failed++;
  }
}

export async function measureHeavy(
  urls: string[],
  fixture: Fixture,
  options: { rate: number; connections: number; durationSec: number; rounds: number; seed: number },
): Promise<HeavyResult> {
  const isRead = (op: string) => (READ_OPS as readonly string[]).includes(op);
  const rounds: HeavyRound[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const seed = options.seed + round;
    const load = {
      urls,
      connections: options.connections,
      durationSec: options.durationSec,
      rate: options.rate,
    };
    await settle();
    const alone = await runLoad({
      ...load,
      workload: new ApiWorkload(await fixture.state(), READS_ONLY, seed, {
        nextPledgeId: fixture.nextPledgeId,
      }),
    });
    const burner = spawn(process.execPath, ['-e', 'for (;;) {}']);
    if (burner.pid !== undefined) setPriority(burner.pid, 19);
    await settle();
    const floor = await runLoad({
      ...load,
      workload: new ApiWorkload(await fixture.state(), READS_ONLY, seed, {
        nextPledgeId: fixture.nextPledgeId,
      }),
    }).finally(() => burner.kill('SIGKILL'));
    let stop = false;
    const tally = { ok: 0, busy: 0, failed: 0, meanSeconds: 0, seconds: 0 };
    const clients = Array.from({ length: HEAVY_CLIENTS }, (_, c) =>
      heavyClient(urls[c % urls.length]!, fixture.tokens.planner, c, seed, () => stop, tally),
    );
    await settle();
    const withHeavy = await runLoad({
      ...load,
      workload: new ApiWorkload(await fixture.state(), READS_ONLY, seed, {
        nextPledgeId: fixture.nextPledgeId,
      }),
    });
    const withWrites = await runLoad({
      ...load,
      workload: new ApiWorkload(await fixture.state(), READ_HEAVY, seed, {
        nextPledgeId: fixture.nextPledgeId,
      }),
    });
    stop = true;
    await Promise.all(clients);
    rounds.push({
      seed,
      withHeavy: runStats([withHeavy], isRead),
      withHeavyAndWrites: runStats([withWrites], isRead),
      readsAlone: runStats([alone], isRead),
      besideBusyLoop: runStats([floor], isRead),
      heavy: {
        ok: tally.ok,
        busy: tally.busy,
        failed: tally.failed,
        meanSeconds: tally.ok ? tally.seconds / tally.ok : 0,
      },
    });
  }
  return { rounds, memo: await measureMemo(urls[0]!, fixture.tokens.planner) };
}

/** The same dashboard, same viewer, same parameters, asked one after another: every answer but the first is a memo hit. */
async function measureMemo(url: string, token: string): Promise<HeavyResult['memo']> {
  const path = `${url}/api/scenarios/${SCENARIO}/analysis?seed=424242`;
  const get = async () => {
    const started = performance.now();
    const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`dashboard: HTTP ${res.status}`);
    return performance.now() - started;
  };
  const firstMs = await get();
  const times: number[] = [];
  for (let i = 0; i < 200; i++) times.push(await get());
  times.sort((a, b) => a - b);
  return {
    samples: times.length,
    firstMs,
    medianMs: percentile(times, 50),
    p99Ms: percentile(times, 99),
    worstMs: times[times.length - 1]!,
  };
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

/** The printed table: per round and the median and worst over rounds, against the targets. */
/**
 * The printed table. `judged`: whether the 20 ms target applies, as the goal of this benchmark does,
 * to the embedded store; on PostgreSQL, whose reads alone take longer on this machine, the figure
 * that says whether heavy work hurts them is the ratio to the same reads without it.
 */
export function heavyReport(
  backend: string,
  result: HeavyResult,
  judged: boolean,
): { text: string; pass: boolean } {
  const lines: string[] = [];
  lines.push(
    `Heavy analyses in flight (${backend}): ${HEAVY_CLIENTS} clients asking for uncached ${HEAVY_DRAWS.toLocaleString('en')}-draw resilience analyses back to back, reads at the goal rate alongside (the read mix without its writes)`,
  );
  lines.push(
    '  round  seed   reads p99 alone   beside idle-priority busy loop   with heavy analyses   ratio to floor   req/s   heavy done  503s  mean s/analysis   with heavy and 10 % writes',
  );
  for (const [i, r] of result.rounds.entries()) {
    const floor = r.besideBusyLoop.reads.p99;
    lines.push(
      `  ${String(i + 1).padStart(5)}  ${String(r.seed).padStart(4)}   ${fmt(r.readsAlone.reads.p99).padStart(12)} ms   ` +
        `${fmt(floor).padStart(27)} ms   ${fmt(r.withHeavy.reads.p99).padStart(16)} ms   ` +
        `${(r.withHeavy.reads.p99 / Math.max(0.01, floor)).toFixed(2).padStart(13)}×   ${r.withHeavy.reqPerSec.toFixed(0).padStart(5)}   ` +
        `${String(r.heavy.ok).padStart(10)}  ${String(r.heavy.busy).padStart(4)}  ${r.heavy.meanSeconds.toFixed(2).padStart(15)}   ` +
        `${fmt(r.withHeavyAndWrites.reads.p99).padStart(23)} ms`,
    );
  }
  const p99s = result.rounds.map((r) => r.withHeavy.reads.p99).sort((a, b) => a - b);
  const median = percentile(p99s, 50);
  const worst = p99s[p99s.length - 1] ?? Number.NaN;
  const heavyFailed = result.rounds.reduce((n, r) => n + r.heavy.failed, 0);
  const non2xx = result.rounds.reduce((n, r) => n + r.withHeavy.non2xx + r.withHeavyAndWrites.non2xx, 0);
  const errors = result.rounds.reduce(
    (n, r) =>
      n +
      r.withHeavy.errors +
      r.withHeavy.timeouts +
      r.withHeavyAndWrites.errors +
      r.withHeavyAndWrites.timeouts,
    0,
  );
  const failed = heavyFailed + non2xx + errors;
  const codes = result.rounds
    .flatMap((r) => [
      describeNon2xx(r.withHeavy.statusCodes),
      describeNon2xx(r.withHeavyAndWrites.statusCodes),
    ])
    .filter((d) => d !== '0');
  const failures =
    failed > 0
      ? ` — heavy analyses failed ${heavyFailed}, reads/writes non-2xx ${non2xx}${codes.length ? ` (${codes.join('; ')})` : ''}, no answer ${errors}`
      : '';
  const floors = result.rounds.map((r) => r.besideBusyLoop.reads.p99).sort((a, b) => a - b);
  const alone = result.rounds.map((r) => r.readsAlone.reads.p99).sort((a, b) => a - b);
  const ratio = median / Math.max(0.01, percentile(alone, 50));
  const readPass = (!judged || worst <= HEAVY_READ_P99_MS) && failed === 0;
  const verdict = judged
    ? `(target ≤ ${HEAVY_READ_P99_MS} ms) ${readPass ? 'PASS' : 'FAIL'}`
    : `(${ratio.toFixed(2)}× the reads alone, median ${fmt(percentile(alone, 50))} ms; the ${HEAVY_READ_P99_MS} ms target is the embedded store's)`;
  lines.push(
    `  read p99 with heavy analyses in flight: median ${fmt(median)} ms, worst ${fmt(worst)} ms ${verdict}` +
      failures,
  );
  const withWrites = result.rounds.map((r) => r.withHeavyAndWrites.reads.p99).sort((a, b) => a - b);
  lines.push(
    `  with 10 % writes as well (each write changes the scenario, so every analysis reads it afresh from the store on the request thread): median ${fmt(percentile(withWrites, 50))} ms, worst ${fmt(withWrites[withWrites.length - 1] ?? Number.NaN)} ms (reported, not the target)`,
  );
  lines.push(
    `  the machine's floor (the same reads beside an idle-priority busy loop in another process): median ${fmt(percentile(floors, 50))} ms, worst ${fmt(floors[floors.length - 1] ?? Number.NaN)} ms`,
  );
  const m = result.memo;
  const memoPass = m.p99Ms <= MEMO_HIT_MS;
  lines.push(
    `  repeated dashboard (memo hit, client-side time incl. loopback HTTP, ${m.samples} requests): median ${fmt(m.medianMs)} ms, ` +
      `p99 ${fmt(m.p99Ms)} ms, worst ${fmt(m.worstMs)} ms; first (computed) ${fmt(m.firstMs)} ms (target ≤ ${MEMO_HIT_MS} ms) ${memoPass ? 'PASS' : 'FAIL'}`,
  );
  return { text: lines.join('\n'), pass: readPass && memoPass };
}
