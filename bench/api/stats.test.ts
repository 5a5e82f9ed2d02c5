// The benchmark's arithmetic and its plan: percentiles, combining two processes' figures, the goal
// verdict, the printed ratios, and what the command line asks for.
import { describe, expect, it } from 'vitest';
import { share } from './load.ts';
import { READ_HEAVY } from './mixes.ts';
import { loadRuns, parseBenchArgs } from './plan.ts';
import { referenceBody } from './reference-server.ts';
import { failures, resultsTable, type RunResult } from './report.ts';
import {
  describeNon2xx,
  formatRatio,
  goalVerdict,
  percentile,
  runStats,
  summarize,
  type Sample,
} from './stats.ts';

const isRead = (op: string) => op.startsWith('get') || op.startsWith('list');

describe('stats', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([], 99)).toBe(0);
    expect(summarize([3, 1, 2])).toMatchObject({ count: 3, p50: 2, max: 3, mean: 2 });
  });

  it('combines rounds into one rate and exact percentiles over every response', () => {
    const samples: Sample[] = [
      ...Array.from({ length: 90 }, () => ({ op: 'get-offer', status: 200, ms: 1 })),
      ...Array.from({ length: 10 }, () => ({ op: 'patch-offer', status: 409, ms: 50 })),
    ];
    const stats = runStats(
      [
        { samples: samples.slice(0, 60), durationSec: 6, errors: 1, timeouts: 1 },
        { samples: samples.slice(60), durationSec: 4, errors: 0, timeouts: 0 },
      ],
      isRead,
    );
    expect(stats.reqPerSec).toBe(10);
    expect(stats.latency.p50).toBe(1);
    expect(stats.latency.p99).toBe(50);
    expect(stats.reads.p99).toBe(1);
    expect(stats.non2xx).toBe(10);
    expect(stats.errors).toBe(1);
    expect(stats.byOp['patch-offer']?.non2xx).toBe(10);
    expect(describeNon2xx(stats.statusCodes)).toBe('10 (409×10)');
  });

  it('prints ratios against the reference', () => {
    expect(formatRatio(5, 2)).toBe('2.50×');
    expect(formatRatio(50, 2)).toBe('25.0×');
    expect(formatRatio(5, 0)).toBe('–');
  });

  it('passes the goal only at the target rate, within the p99 limit and without failures', () => {
    const run = (ms: number, requests: number, status = 200) =>
      runStats(
        [
          {
            samples: Array.from({ length: requests }, () => ({ op: 'get-offer', status, ms })),
            durationSec: 1,
            errors: 0,
            timeouts: 0,
          },
        ],
        isRead,
      );
    expect(goalVerdict(run(5, 500), 500, 20).pass).toBe(true);
    expect(goalVerdict(run(25, 500), 500, 20).pass).toBe(false);
    expect(goalVerdict(run(5, 300), 500, 20).reason).toMatch(/not reached/);
    expect(goalVerdict(run(5, 500, 409), 500, 20).pass).toBe(false);
  });
});

describe('plan', () => {
  it('defaults to 10 s runs at 500 req/s on both backends; --quick shortens them', () => {
    const options = parseBenchArgs([]);
    expect(options).toMatchObject({ durationSec: 10, rate: 500, connections: 10, goalP99Ms: 20 });
    expect(options.backends).toEqual(['embedded', 'postgres']);
    expect(parseBenchArgs(['--quick']).durationSec).toBeLessThan(10);
    expect(parseBenchArgs(['--quick', '--duration', '5']).durationSec).toBe(5);
    expect(() => parseBenchArgs(['--duration', '1.5'])).toThrow(/whole number/);
    expect(() => parseBenchArgs(['--backend', 'mysql'])).toThrow(/embedded, postgres or all/);
    expect(() => parseBenchArgs(['--nope'])).toThrow();
  });

  it('judges the goal on the fixed-rate read-heavy run on the embedded store, and runs PostgreSQL on two processes', () => {
    const options = parseBenchArgs([]);
    const embedded = loadRuns(options, 'embedded');
    expect(embedded.filter((r) => r.goal)).toEqual([
      expect.objectContaining({ mix: READ_HEAVY, rate: 500, processes: 1 }),
    ]);
    const postgres = loadRuns(options, 'postgres');
    expect(postgres.every((r) => r.processes === 2 && !r.goal)).toBe(true);
  });

  it('splits connections and rate over processes without losing any', () => {
    expect([0, 1].map((i) => share(11, 2, i))).toEqual([6, 5]);
    expect([0, 1].map((i) => share(500, 2, i))).toEqual([250, 250]);
  });
});

describe('report', () => {
  const stats = (status: number) =>
    runStats(
      [{ samples: [{ op: 'get-offer', status, ms: 2 }], durationSec: 1, errors: 0, timeouts: 0 }],
      isRead,
    );
  const result: RunResult = {
    run: loadRuns(parseBenchArgs([]), 'embedded')[0]!,
    ours: stats(500),
    reference: stats(200),
    referenceBytes: 100,
  };

  it('prints our run beside the reference with ratios', () => {
    const table = resultsTable([result]);
    expect(table).toMatch(/coalition/);
    expect(table).toMatch(/reference/);
    expect(table).toMatch(/1\.00×/);
    expect(table).toMatch(/1 \(500×1\)/);
  });

  it('names every run with failed requests', () => {
    expect(failures([result])).toEqual([
      expect.stringMatching(/embedded read-heavy at 500\/s \(coalition\).*500×1/),
    ]);
  });
});

describe('reference server', () => {
  it('answers with a body of about the size asked for', () => {
    for (const bytes of [200, 3_000, 40_000]) {
      const size = JSON.stringify(referenceBody(bytes)).length;
      expect(size).toBeGreaterThanOrEqual(bytes);
      expect(size).toBeLessThan(bytes * 1.05 + 50);
    }
  });
});
