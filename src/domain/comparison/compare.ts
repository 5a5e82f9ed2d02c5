// Courses of action side by side: from one summary per scenario (every compared figure, and per line,
// nation, offer, pledge and ULN the numbers behind them), each figure's value in each scenario, its
// delta against the baseline and the drivers of that delta: the records whose numbers moved, biggest
// first. Where a figure is the sum of a breakdown the shown drivers and `rest` add up to the delta
// exactly; a reader can check the arithmetic. Pure and JSON-safe: it goes on the wire as it is.
import {
  COMPARED_FIGURE_LIST,
  type ComparedFigure,
  type ComparedFigureKey,
  type DriverDimension,
  type FigureGroup,
  type FigureUnit,
} from './figures.ts';

/** One record of a breakdown: its numbers by field (`onTime`, `committed`, `arrivalDay`…). */
export interface SummaryEntry {
  id: string;
  /** A name for people: "Armoured infantry battalion, Kyiv", "Germany", "DEU-1 (Germany)". */
  label: string;
  values: Record<string, number | null>;
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
  share: number;
}

/** What a comparison needs of one scenario: computed by the analyses, in the viewer's view. */
export interface ScenarioSummary {
  scenario: string;
  name: string;
  figures: Record<ComparedFigureKey, number | null>;
  breakdowns: Record<DriverDimension, SummaryEntry[]>;
  /** Personnel at their destinations by the end of each day of the deployment plan. */
  closureCurve: number[];
  /** Personnel matched over the Monte Carlo's draws. */
  monteCarlo: { draws: number; binWidth: number; bins: HistogramBin[] };
  /** What a reader of this scenario's figures must know (e.g. why the plan is empty). */
  notes: string[];
}

export interface Driver {
  dimension: DriverDimension;
  id: string;
  label: string;
  /** The record's number in the baseline; null when the record is not there (or has no value). */
  baseline: number | null;
  variant: number | null;
  /** variant − baseline, a missing side counted as 0 (times the figure's sign). */
  delta: number;
}

export interface DriverGroup {
  dimension: DriverDimension;
  /** The figure is the sum of this breakdown: the entries and `rest` add up to the figure's delta. */
  additive: boolean;
  entries: Driver[];
  /** Records that moved but are not listed (beyond the first few). */
  notShown: number;
  /** Additive breakdowns: the delta not accounted for by the listed entries; 0 when all are listed. */
  rest: number | null;
}

export interface FigureComparison {
  key: ComparedFigureKey;
  label: string;
  group: FigureGroup;
  unit: FigureUnit;
  better: 'higher' | 'lower' | null;
  definition: string;
  /** Per scenario, the baseline first; null where the figure has no value (closure never reached). */
  values: (number | null)[];
  /** Per scenario, value − baseline's value; null for the baseline itself and where either is null. */
  deltas: (number | null)[];
  /** Per scenario: better, worse or the same as the baseline (null: the baseline, or no direction). */
  verdicts: ('better' | 'worse' | 'same' | null)[];
  /** Per scenario, the drivers of its delta by breakdown; empty for the baseline and unmoved figures. */
  drivers: DriverGroup[][];
}

/** Drivers listed per breakdown before the rest are summed up. */
export const DRIVERS_SHOWN = 8;

/** Compares every figure of `summaries[1..]` against `summaries[0]`, the baseline. */
export function compareSummaries(summaries: readonly ScenarioSummary[]): FigureComparison[] {
  const [baseline] = summaries;
  if (!baseline) return [];
  return COMPARED_FIGURE_LIST.map((figure) => {
    const values = summaries.map((s) => s.figures[figure.key]);
    const base = values[0] ?? null;
    const deltas = values.map((v, i) => (i === 0 || v === null || base === null ? null : tidy(v - base)));
    return {
      key: figure.key,
      label: figure.label,
      group: figure.group,
      unit: figure.unit,
      better: figure.better,
      definition: figure.definition,
      values,
      deltas,
      verdicts: deltas.map((d, i) => verdict(figure, i === 0 ? undefined : d, values[i] ?? null, base)),
      drivers: summaries.map((s, i) =>
        i === 0 || sameValue(values[i] ?? null, base)
          ? []
          : driversOf(figure, baseline, s, deltas[i] ?? null),
      ),
    };
  });
}

function verdict(
  figure: ComparedFigure,
  delta: number | null | undefined,
  value: number | null,
  base: number | null,
): 'better' | 'worse' | 'same' | null {
  if (delta === undefined || figure.better === null) return null;
  if (sameValue(value, base)) return 'same';
  // A figure that exists on one side only (closure reached in one plan, never in the other): the
  // side where it exists is better for "lower is better" (a day beats never) and worse otherwise.
  if (delta === null) return (value === null) === (figure.better === 'lower') ? 'worse' : 'better';
  return delta > 0 === (figure.better === 'higher') ? 'better' : 'worse';
}

function sameValue(a: number | null, b: number | null): boolean {
  return a === b || (a !== null && b !== null && Math.abs(a - b) < 1e-9);
}

function driversOf(
  figure: ComparedFigure,
  baseline: ScenarioSummary,
  variant: ScenarioSummary,
  delta: number | null,
): DriverGroup[] {
  return figure.drivers.flatMap((spec) => {
    const before = new Map(baseline.breakdowns[spec.dimension].map((e) => [e.id, e]));
    const after = new Map(variant.breakdowns[spec.dimension].map((e) => [e.id, e]));
    const ids = [...new Set([...before.keys(), ...after.keys()])];
    const figureIn = (summary: ScenarioSummary) => summary.figures[figure.key];
    const moved: Driver[] = [];
    for (const id of ids) {
      const b = before.get(id)?.values[spec.field] ?? null;
      const a = after.get(id)?.values[spec.field] ?? null;
      if (sameValue(a, b)) continue;
      const otherwise = (summary: ScenarioSummary) => (spec.missing === 'zero' ? 0 : figureIn(summary));
      const to = a ?? otherwise(variant);
      const from = b ?? otherwise(baseline);
      moved.push({
        dimension: spec.dimension,
        id,
        label: (after.get(id) ?? before.get(id))!.label,
        baseline: b,
        variant: a,
        delta: to === null || from === null ? 0 : tidy(spec.sign * (to - from)),
      });
    }
    if (moved.length === 0) return [];
    // Biggest change first, then by id, so the order is stable.
    moved.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.id.localeCompare(y.id));
    const entries = moved.slice(0, DRIVERS_SHOWN);
    const shownSum = entries.reduce((s, e) => s + e.delta, 0);
    return [
      {
        dimension: spec.dimension,
        additive: spec.additive,
        entries,
        notShown: moved.length - entries.length,
        rest: spec.additive && delta !== null ? tidy(delta - shownSum) : null,
      },
    ];
  });
}

/** Rounds away floating-point dust (0.1 + 0.2) without hiding a real difference. */
function tidy(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
