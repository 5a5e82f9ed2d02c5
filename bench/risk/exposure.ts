// bench/risk's exposure measure (issue 15): computeExposure for 5,000 unit positions against a line
// of about 2,000 vertices, target ≤ 0.5 s, over the seeded family of exposure-cases.ts. In the same
// run, after each seed's timed runs, the reference (reference.ts, the naive exact scan of every
// segment) measures a subset of the positions; its time is projected to all positions, and the
// fast distances and bands must equal its own (within EQUAL_KM), or the run fails.
import { bandIndexOf, computeExposure, type Exposure } from '../../src/domain/analysis/exposure.ts';
import { distanceToLine, prepareLine } from '../../src/domain/geo/line-distance.ts';
import { renderTable, type Column } from '../../src/cli/table.ts';
import { median } from '../measure.ts';
import { buildCase, CASES, type BuiltCase, type CaseSpec } from './exposure-cases.ts';
import type { MeasureReport, RiskMeasure, RiskOptions } from './measures.ts';
import { naiveDistanceKm } from './reference.ts';

/** The target for 5,000 positions against 2,000 vertices. */
export const EXPOSURE_TARGET_MS = 500;

/** Largest difference allowed between the fast distance and the reference's: 1 mm. */
export const EQUAL_KM = 1e-6;

interface Row {
  name: string;
  shape: string;
  positions: number;
  samples: number[];
  /** The distances alone (prepareLine and distanceToLine for every position), ms. */
  distanceSamples: number[];
  /** Reference ms per position, one per seed. */
  referencePerPosition: number[];
  subset: number;
  maxDiffKm: number;
  compared: number;
  mismatches: number;
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(a / b >= 10 ? 1 : 3)}×` : '–');
const verdict = (v: number) => (v <= EXPOSURE_TARGET_MS ? 'PASS' : 'MISS');

function timed<T>(gc: (() => void) | null, work: () => T): { ms: number; result: T } {
  gc?.();
  const start = performance.now();
  const result = work();
  return { ms: performance.now() - start, result };
}

/** Compares the fast answer with the reference on the first `subset` positions. */
function compare(
  built: BuiltCase,
  fast: Exposure,
  subset: number,
): { reference: number[]; maxDiff: number; mismatches: string[] } {
  const { input } = built;
  const reference = input.positions.slice(0, subset).map((p) => naiveDistanceKm(input.line, [p.lon, p.lat]));
  let maxDiff = 0;
  const mismatches: string[] = [];
  reference.forEach((km, i) => {
    const got = fast.positions[i]!;
    const diff = Math.abs(got.distanceKm - km);
    maxDiff = Math.max(maxDiff, diff);
    const band = bandIndexOf(input.bands, km);
    if (diff > EQUAL_KM || band !== got.band)
      mismatches.push(
        `${built.spec.name}, seed ${built.seed}, ${got.id} at [${got.lon}, ${got.lat}]: ` +
          `${got.distanceKm} km band ${got.band}, reference ${km} km band ${band}`,
      );
  });
  return { reference, maxDiff, mismatches };
}

/** What the reference computes, the fast way: the distance of every position, nothing else. */
function distancesOnly(built: BuiltCase): Float64Array {
  const line = prepareLine(built.input.line);
  const out = new Float64Array(built.input.positions.length);
  built.input.positions.forEach((p, i) => (out[i] = distanceToLine(line, [p.lon, p.lat])));
  return out;
}

function runCase(spec: CaseSpec, options: RiskOptions, failures: string[]): Row {
  const size = { vertices: options.vertices, positions: options.positions };
  const subset = Math.min(options.subset, options.positions);
  const row: Row = {
    name: spec.name,
    shape: '',
    positions: options.positions,
    samples: [],
    distanceSamples: [],
    referencePerPosition: [],
    subset,
    maxDiffKm: 0,
    compared: 0,
    mismatches: 0,
  };
  for (let k = 0; k < options.seeds; k++) {
    const seed = options.seed + k;
    const built = buildCase(spec, seed, size);
    if (k === 0) {
      row.shape = `${built.vertices} / ${built.segments} / ${built.parts}`;
      if (JSON.stringify(buildCase(spec, seed, size).input) !== JSON.stringify(built.input))
        failures.push(`${spec.name}, seed ${seed}: the same seed built a different case`);
    }
    for (let i = 0; i < options.warmup; i++) computeExposure(built.input);
    let last: Exposure | null = null;
    for (let i = 0; i < options.runs; i++) {
      const run = timed(options.gc, () => computeExposure(built.input));
      row.samples.push(run.ms);
      last = run.result;
      row.distanceSamples.push(timed(options.gc, () => distancesOnly(built)).ms);
    }
    if (!last) continue;
    if (subset > 0) {
      const check = timed(options.gc, () => compare(built, last!, subset));
      row.referencePerPosition.push(check.ms / subset);
      row.maxDiffKm = Math.max(row.maxDiffKm, check.result.maxDiff);
      row.compared += subset;
      row.mismatches += check.result.mismatches.length;
      failures.push(...check.result.mismatches.slice(0, 5));
    }
  }
  return row;
}

export const exposureMeasure: RiskMeasure = {
  name: 'exposure',
  run(options: RiskOptions): MeasureReport {
    const failures: string[] = [];
    const rows = CASES.map((spec) => runCase(spec, options, failures));
    const whole: Row = {
      name: 'whole family',
      shape: '',
      positions: options.positions,
      samples: rows.flatMap((r) => r.samples),
      distanceSamples: rows.flatMap((r) => r.distanceSamples),
      referencePerPosition: rows.flatMap((r) => r.referencePerPosition),
      subset: rows[0]?.subset ?? 0,
      maxDiffKm: Math.max(0, ...rows.map((r) => r.maxDiffKm)),
      compared: rows.reduce((s, r) => s + r.compared, 0),
      mismatches: rows.reduce((s, r) => s + r.mismatches, 0),
    };
    const refProjected = (r: Row) =>
      r.referencePerPosition.length ? median(r.referencePerPosition) * r.positions : NaN;
    const columns: Column<Row>[] = [
      { header: 'case', value: (r) => r.name },
      { header: 'vertices / segments / parts', value: (r) => r.shape, align: 'right' },
      { header: 'positions', value: (r) => r.positions.toLocaleString('en-GB'), align: 'right' },
      { header: 'runs', value: (r) => r.samples.length, align: 'right' },
      { header: 'median ms', value: (r) => ms(median(r.samples)), align: 'right' },
      { header: 'worst ms', value: (r) => ms(Math.max(...r.samples)), align: 'right' },
      {
        header: `≤ ${EXPOSURE_TARGET_MS} ms`,
        value: (r) => `${verdict(median(r.samples))} / ${verdict(Math.max(...r.samples))}`,
      },
      {
        header: 'reference ms (projected)',
        value: (r) => (Number.isNaN(refProjected(r)) ? '–' : ms(refProjected(r))),
        align: 'right',
      },
      { header: 'distances ms', value: (r) => ms(median(r.distanceSamples)), align: 'right' },
      {
        header: 'distances ÷ ref',
        value: (r) => ratio(median(r.distanceSamples), refProjected(r)),
        align: 'right',
      },
      {
        header: 'checked',
        value: (r) => (r.compared ? `${r.compared.toLocaleString('en-GB')}` : '–'),
        align: 'right',
      },
      {
        header: 'max |Δ| km',
        value: (r) => (r.compared ? r.maxDiffKm.toExponential(1) : '–'),
        align: 'right',
      },
      {
        header: 'equal',
        value: (r) => (r.compared === 0 ? '–' : r.mismatches === 0 ? 'yes' : `NO (${r.mismatches})`),
      },
    ];
    const seeds = `seeds ${options.seed}..${options.seed + options.seeds - 1}`;
    return {
      title: `Exposure: ${options.positions.toLocaleString('en-GB')} positions against a line of about ${options.vertices.toLocaleString('en-GB')} vertices, target ≤ ${EXPOSURE_TARGET_MS} ms`,
      about: [
        `computeExposure (distances, bands, zones, red lines, caveats, per-nation and timeline counts); ` +
          `${CASES.length} cases × ${seeds}, ${options.runs} runs each (+${options.warmup} warm-up).`,
        `Reference: the naive exact scan (cross-track formulas on every segment, bench/risk/reference.ts) on the ` +
          `first ${whole.subset.toLocaleString('en-GB')} positions of each case and seed, timed and projected to all ` +
          `positions; its distances and bands must equal ours within ${EQUAL_KM * 1e6} mm.`,
        ...CASES.map((c) => `  ${c.name}: ${c.about}.`),
      ],
      table: renderTable([...rows, whole], columns),
      notes: [
        'median and worst: computeExposure over every measured run (seeds × runs); verdict median / worst against ' +
          'the target. reference ms: the naive scan’s time on its subset, projected to all positions. distances ms: ' +
          'the same question answered our way (prepareLine, then distanceToLine for every position), median; ' +
          'distances ÷ ref is the figure to compare from commit to commit. A MISS alone does not fail the run; ' +
          'a difference from the reference does.',
      ],
      failures,
    };
  },
};
