// Latency and throughput figures of one load run. Percentiles are computed here from every
// response time, not taken from autocannon's histogram: two autocannon instances (one per API
// process) cannot merge their percentiles, and in fixed-rate mode autocannon back-fills its
// histogram with synthetic samples that shift the percentiles it reports.

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p975: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of ascending values; 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : 0,
    p50: percentile(sorted, 50),
    p975: percentile(sorted, 97.5),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : 0,
  };
}

/** Everything one run measured, over all the API processes it loaded. */
export interface RunStats {
  requests: number;
  durationSec: number;
  reqPerSec: number;
  latency: LatencySummary;
  /** Latency of the read operations alone (the goal is about reads). */
  reads: LatencySummary;
  /** Responses by status code. */
  statusCodes: Record<number, number>;
  non2xx: number;
  /** Connection errors and timeouts: requests that got no answer. */
  errors: number;
  timeouts: number;
  byOp: Record<string, { latency: LatencySummary; non2xx: number; statusCodes: Record<number, number> }>;
}

/** One response as the load generator saw it. */
export interface Sample {
  op: string;
  status: number;
  ms: number;
}

/** One stretch of load: every API process of the run loaded at the same time. */
export interface Round {
  samples: Sample[];
  durationSec: number;
  /** Connection errors and timeouts over all processes. */
  errors: number;
  timeouts: number;
}

/** Combines the rounds of a run: request rate over their total time, percentiles over every response. */
export function runStats(rounds: readonly Round[], isRead: (op: string) => boolean): RunStats {
  const samples = rounds.flatMap((r) => r.samples);
  const statusCodes: Record<number, number> = {};
  const ops = new Map<string, { ms: number[]; non2xx: number; statusCodes: Record<number, number> }>();
  let non2xx = 0;
  for (const s of samples) {
    statusCodes[s.status] = (statusCodes[s.status] ?? 0) + 1;
    const ok = s.status >= 200 && s.status < 300;
    if (!ok) non2xx++;
    let op = ops.get(s.op);
    if (!op) ops.set(s.op, (op = { ms: [], non2xx: 0, statusCodes: {} }));
    op.ms.push(s.ms);
    op.statusCodes[s.status] = (op.statusCodes[s.status] ?? 0) + 1;
    if (!ok) op.non2xx++;
  }
  const byOp: RunStats['byOp'] = {};
  for (const [name, op] of [...ops].sort(([a], [b]) => a.localeCompare(b))) {
    byOp[name] = { latency: summarize(op.ms), non2xx: op.non2xx, statusCodes: op.statusCodes };
  }
  const durationSec = rounds.reduce((sum, r) => sum + r.durationSec, 0);
  return {
    requests: samples.length,
    durationSec,
    reqPerSec: durationSec > 0 ? samples.length / durationSec : 0,
    latency: summarize(samples.map((s) => s.ms)),
    reads: summarize(samples.filter((s) => isRead(s.op)).map((s) => s.ms)),
    statusCodes,
    non2xx,
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    timeouts: rounds.reduce((sum, r) => sum + r.timeouts, 0),
    byOp,
  };
}

/** "3 (409×2 500×1)": the count of non-2xx answers and which codes they were. */
export function describeNon2xx(statusCodes: Record<number, number>): string {
  const bad = Object.entries(statusCodes)
    .map(([code, n]) => [Number(code), n] as const)
    .filter(([code]) => code < 200 || code >= 300)
    .sort(([a], [b]) => a - b);
  const total = bad.reduce((sum, [, n]) => sum + n, 0);
  return total === 0 ? '0' : `${total} (${bad.map(([code, n]) => `${code}×${n}`).join(' ')})`;
}

/** ours ÷ reference, as printed: "4.2×"; a dash when the reference measured nothing. */
export function formatRatio(ours: number, reference: number): string {
  if (!(reference > 0) || !Number.isFinite(ours)) return '–';
  const r = ours / reference;
  return `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}

export function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

export interface GoalVerdict {
  pass: boolean;
  reason: string;
}

/**
 * The issue's goal for reads on the embedded store: p99 at most `maxP99Ms` while actually serving
 * the target rate, with no failed request. A run that fell short of the rate did not test the goal.
 */
export function goalVerdict(stats: RunStats, targetRate: number, maxP99Ms: number): GoalVerdict {
  const p99 = stats.latency.p99;
  const achieved = stats.reqPerSec;
  const figures =
    `p99 ${formatMs(p99)} ms over all requests (reads alone: ${formatMs(stats.reads.p99)} ms) ` +
    `at ${achieved.toFixed(0)} req/s`;
  if (stats.errors > 0 || stats.non2xx > 0) {
    return { pass: false, reason: `${figures}, but ${stats.errors} errors and ${stats.non2xx} non-2xx` };
  }
  // autocannon counts whole seconds and the last one is partial, so allow a few percent.
  if (achieved < targetRate * 0.95) {
    return { pass: false, reason: `${figures}: the target rate of ${targetRate} req/s was not reached` };
  }
  // Judged on every request of the read-heavy mix, its writes included: stricter than reads alone.
  return p99 <= maxP99Ms
    ? { pass: true, reason: `${figures} (goal ≤ ${maxP99Ms} ms)` }
    : { pass: false, reason: `${figures} (goal ≤ ${maxP99Ms} ms)` };
}
