// How the Compare page writes a compared figure, its change and the numbers of its drivers, by the
// figure's unit (src/domain/comparison/figures.ts): personnel with thousands separators, chance as a
// percentage and its change in percentage points, euros in bn or m, a closure day as `C+45` and its
// change in days. A figure with no value (a closure never reached) reads "never", anything else "—".
import type { FigureComparison } from '../../../src/domain/comparison/compare.ts';
import {
  COMPARED_FIGURES,
  type ComparedFigureKey,
  type DriverDimension,
  type FigureUnit,
} from '../../../src/domain/comparison/figures.ts';
import { countOf, formatNumber, formatSigned } from '../format.ts';
import { formatCDay, formatEur, formatProbability } from './analysis-common.tsx';

export type Verdict = 'better' | 'worse' | 'same' | null;

/** A value in its unit; null as "never" (a closure day) or "—". */
export function formatValue(unit: FigureUnit, value: number | null): string {
  if (value === null) return unit === 'C-day' ? 'never' : '—';
  switch (unit) {
    case 'probability':
      return formatProbability(value);
    case 'EUR':
      return formatEur(value);
    case 'C-day':
      return formatCDay(value);
    default:
      return formatNumber(Math.round(value));
  }
}

/** What a null value means, for a reader who wonders why a figure has none. */
export function nullExplanation(unit: FigureUnit): string {
  return unit === 'C-day'
    ? 'Never: that share of the force is not at its destinations within the plan’s horizon.'
    : 'No value in this scenario.';
}

/** A change in the unit: `+9,260`, `−12 pp`, `+€1.2 bn`, `+5 days`. */
export function formatDelta(unit: FigureUnit, delta: number): string {
  if (Math.abs(delta) < 1e-9) return '0';
  const sign = delta < 0 ? '−' : '+';
  const abs = Math.abs(delta);
  switch (unit) {
    case 'probability': {
      const pp = abs * 100;
      return `${sign}${pp < 1 ? pp.toFixed(1) : formatNumber(Math.round(pp))} pp`;
    }
    case 'EUR':
      return `${sign}${formatEur(abs)}`;
    case 'C-day':
      return `${sign}${countOf(Math.round(abs), 'day')}`;
    default:
      return formatSigned(delta < 0 ? -Math.round(abs) : Math.round(abs));
  }
}

/** The verdict in words, never in colour alone. */
export function verdictWord(verdict: Verdict, better: FigureComparison['better']): string {
  if (better === null) return 'input';
  return verdict ?? '';
}

export function sameValue(a: number | null | undefined, b: number | null | undefined): boolean {
  return a === b || (a != null && b != null && Math.abs(a - b) < 1e-9);
}

/**
 * A variant's change in a figure as one phrase: `+9,260 (better)`, `0 (same)`, or, where only one
 * side has a value, which side reached it: `reached only here (better)`.
 */
export function changeText(figure: FigureComparison, index: number): string {
  const delta = figure.deltas[index] ?? null;
  const value = figure.values[index] ?? null;
  const base = figure.values[0] ?? null;
  const word = verdictWord(figure.verdicts[index] ?? null, figure.better);
  const suffix = word ? ` (${word})` : '';
  if (delta !== null) return `${formatDelta(figure.unit, delta)}${suffix}`;
  if (sameValue(value, base)) return `no change${suffix}`;
  const phrase =
    value === null ? 'never here, reached in the baseline' : 'reached here, never in the baseline';
  return `${phrase}${suffix}`;
}

/** Whether a variant's figure differs from the baseline's: the change then has drivers to show. */
export function hasChange(figure: FigureComparison, index: number): boolean {
  return !sameValue(figure.values[index] ?? null, figure.values[0] ?? null);
}

export const DIMENSION_LABELS: Readonly<Record<DriverDimension, string>> = {
  line: 'Requirement lines',
  nation: 'Nations',
  offer: 'Offers',
  pledge: 'Funding pledges',
  uln: 'ULNs',
};

/**
 * The unit of a breakdown's numbers: the figure's own where the figure is their sum; otherwise the
 * breakdown's field (a ULN's arrival day for a closure day, a nation's expected personnel for the
 * Monte Carlo figures, a line's matched personnel for the shortfall against the target).
 */
export function driverUnit(key: ComparedFigureKey, dimension: DriverDimension): FigureUnit {
  const figure = COMPARED_FIGURES[key];
  const spec = figure.drivers.find((d) => d.dimension === dimension);
  if (!spec || spec.additive) return figure.unit;
  if (spec.field === 'arrivalDay') return 'C-day';
  if (spec.field === 'expected' || spec.field === 'matched') return 'personnel';
  return figure.unit;
}

/** Whether a record on one side only counts as the figure's value there (a ULN added to the plan). */
export function missingCountsAsFigure(key: ComparedFigureKey, dimension: DriverDimension): boolean {
  return COMPARED_FIGURES[key].drivers.some((d) => d.dimension === dimension && d.missing === 'figure');
}

/** A field value of a record, shortened for a table cell: JSON cut at `max` characters. */
export function shortValue(value: unknown, max = 80): string {
  const text =
    value === undefined
      ? '—'
      : value === null
        ? 'none'
        : typeof value === 'string'
          ? value === ''
            ? '(empty)'
            : value
          : Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)
            ? value.length === 0
              ? '(none)'
              : value.map(String).join(', ')
            : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
