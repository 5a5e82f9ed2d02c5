// The printed results: our runs beside the reference (framework floor) runs made in the same
// invocation, with ratios, because absolute times on a shared 2-core machine are mostly noise.
import { renderTable, type Column } from '../../src/cli/table.ts';
import { readPercent } from './mixes.ts';
import type { LoadRun } from './plan.ts';
import { describeNon2xx, formatMs, formatRatio, type RunStats } from './stats.ts';

export interface RunResult {
  run: LoadRun;
  ours: RunStats;
  reference: RunStats;
  /** Mean body size the reference answered with. */
  referenceBytes: number;
}

interface Line {
  result: RunResult;
  server: 'coalition' | 'reference';
  stats: RunStats;
}

export function mixLabel(run: LoadRun): string {
  const reads = Math.round(readPercent(run.mix));
  return `${run.mix.name} ${reads}/${100 - reads}`;
}

export function rateLabel(run: LoadRun): string {
  return run.rate === undefined ? 'max' : `${run.rate}/s`;
}

export function resultsTable(results: readonly RunResult[]): string {
  const lines: Line[] = results.flatMap((result) => [
    { result, server: 'coalition', stats: result.ours },
    { result, server: 'reference', stats: result.reference },
  ]);
  const ours = (l: Line, f: (ours: RunStats, ref: RunStats) => string) =>
    l.server === 'coalition' ? f(l.result.ours, l.result.reference) : '';
  const columns: Column<Line>[] = [
    { header: 'backend', value: (l) => (l.server === 'coalition' ? l.result.run.backend : '') },
    { header: 'mix', value: (l) => (l.server === 'coalition' ? mixLabel(l.result.run) : '') },
    { header: 'server', value: (l) => l.server },
    { header: 'procs', value: (l) => String(l.result.run.processes), align: 'right' },
    { header: 'conns', value: (l) => String(l.result.run.connections), align: 'right' },
    { header: 'rate', value: (l) => rateLabel(l.result.run), align: 'right' },
    { header: 'req/s', value: (l) => l.stats.reqPerSec.toFixed(0), align: 'right' },
    { header: 'p50 ms', value: (l) => formatMs(l.stats.latency.p50), align: 'right' },
    { header: 'p97.5 ms', value: (l) => formatMs(l.stats.latency.p975), align: 'right' },
    { header: 'p99 ms', value: (l) => formatMs(l.stats.latency.p99), align: 'right' },
    { header: 'max ms', value: (l) => formatMs(l.stats.latency.max), align: 'right' },
    { header: 'non-2xx', value: (l) => describeNon2xx(l.stats.statusCodes), align: 'right' },
    { header: 'errors', value: (l) => String(l.stats.errors), align: 'right' },
    {
      header: 'req/s ÷ ref',
      value: (l) => ours(l, (o, r) => formatRatio(o.reqPerSec, r.reqPerSec)),
      align: 'right',
    },
    {
      header: 'p50 ÷ ref',
      value: (l) => ours(l, (o, r) => formatRatio(o.latency.p50, r.latency.p50)),
      align: 'right',
    },
    {
      header: 'p99 ÷ ref',
      value: (l) => ours(l, (o, r) => formatRatio(o.latency.p99, r.latency.p99)),
      align: 'right',
    },
  ];
  return renderTable(lines, columns);
}

/** Where the time goes: each operation of each of our runs. */
export function operationsTable(results: readonly RunResult[]): string {
  const rows = results.flatMap((result) =>
    Object.entries(result.ours.byOp).map(([op, s]) => ({ result, op, s })),
  );
  return renderTable(rows, [
    { header: 'backend', value: (r) => r.result.run.backend },
    { header: 'mix', value: (r) => r.result.run.mix.name },
    { header: 'rate', value: (r) => rateLabel(r.result.run), align: 'right' },
    { header: 'operation', value: (r) => r.op },
    { header: 'count', value: (r) => String(r.s.latency.count), align: 'right' },
    { header: 'p50 ms', value: (r) => formatMs(r.s.latency.p50), align: 'right' },
    { header: 'p99 ms', value: (r) => formatMs(r.s.latency.p99), align: 'right' },
    { header: 'max ms', value: (r) => formatMs(r.s.latency.max), align: 'right' },
    { header: 'non-2xx', value: (r) => describeNon2xx(r.s.statusCodes), align: 'right' },
  ]);
}

/** Requests that failed in any run, ours or the reference: the benchmark then exits non-zero. */
export function failures(results: readonly RunResult[]): string[] {
  return results.flatMap((r) =>
    (['ours', 'reference'] as const)
      .filter((side) => r[side].errors > 0 || r[side].non2xx > 0)
      .map(
        (side) =>
          `${r.run.backend} ${r.run.mix.name} at ${rateLabel(r.run)} (${side === 'ours' ? 'coalition' : 'reference'}): ` +
          `${r[side].errors} errors (${r[side].timeouts} timeouts), non-2xx ${describeNon2xx(r[side].statusCodes)}`,
      ),
  );
}
