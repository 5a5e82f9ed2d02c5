// How `coalition compare` prints a comparison of courses of action, every line within 100 columns:
// who is compared (the variants keyed V1, V2… with their what-ifs), the figures side by side grouped
// as the catalogue groups them (src/domain/comparison/figures.ts) with each variant's delta and
// verdict, the drivers of every change (in short, or one figure's in full), and the COA decision
// matrix with the course of action it prefers. With more variants than fit, the tables are split:
// each part repeats the figure and the baseline. Units are written as a staff reads them: personnel
// with separators, a probability as a percentage, EUR compactly, a day as C+N, no day as "never".
import type { CompareEnvelope, CompareResult } from '../../contract/compare.ts';
import { formatCDayOffset } from '../../domain/deployment/c-day.ts';
import {
  COMPARED_FIGURES,
  COMPARED_FIGURE_KEYS,
  FIGURE_GROUPS,
  type ComparedFigureKey,
  type DriverDimension,
  type FigureUnit,
} from '../../domain/comparison/figures.ts';
import { renderTable, wrapCell, type Column } from '../table.ts';

/** The widest line printed. */
export const COMPARE_WIDTH = 100;

type Figure = CompareResult['figures'][number];
type DriverGroup = Figure['drivers'][number][number];
type Driver = DriverGroup['entries'][number];
type CoaRow = CompareResult['coa']['rows'][number];

/** Scenarios in tables: the baseline, then V1, V2… in the order asked. */
export function scenarioKey(index: number): string {
  return index === 0 ? 'BASE' : `V${index}`;
}

// ---- Units ----

const thousands = (n: number) => Math.round(n).toLocaleString('en-GB');
const signed = (n: number, text: string) => (n > 0 ? `+${text}` : n < 0 ? `-${text}` : text);

/** EUR 1.91 bn, EUR 350 m, EUR 12 k, EUR 900. */
function eurCompact(n: number): string {
  const a = Math.abs(n);
  const [scaled, suffix] =
    a >= 1e9 ? [a / 1e9, ' bn'] : a >= 1e6 ? [a / 1e6, ' m'] : a >= 1e4 ? [a / 1e3, ' k'] : [a, ''];
  const digits = suffix === '' ? 0 : scaled < 10 ? 2 : scaled < 100 ? 1 : 0;
  const text = `EUR ${scaled.toLocaleString('en-GB', { maximumFractionDigits: digits })}${suffix}`;
  return n < 0 ? `-${text}` : text;
}

/** A figure's value in its unit; no value is "never" for a day (the plan never gets there). */
export function formatValue(unit: FigureUnit, v: number | null): string {
  if (v === null) return unit === 'C-day' ? 'never' : '—';
  switch (unit) {
    case 'probability':
      return `${(v * 100).toFixed(1)} %`;
    case 'EUR':
      return eurCompact(v);
    case 'C-day':
      return formatCDayOffset(v);
    default:
      return thousands(v);
  }
}

/** A change in a figure's unit, its sign always written: +9,590, -12.5 pts, +EUR 1.2 bn, +24 days. */
export function formatDelta(unit: FigureUnit, d: number): string {
  const a = Math.abs(d);
  switch (unit) {
    case 'probability':
      return signed(d, `${(a * 100).toFixed(1)} pts`);
    case 'EUR':
      return signed(d, eurCompact(a));
    case 'C-day':
      return signed(d, `${thousands(a)} ${Math.round(a) === 1 ? 'day' : 'days'}`);
    default:
      return signed(d, thousands(a));
  }
}

/** A Monte Carlo figure's drivers are each nation's expected personnel, not probabilities. */
const driverUnit = (f: Figure): FigureUnit => (f.unit === 'probability' ? 'personnel' : f.unit);

const sameValue = (a: number | null, b: number | null) =>
  a === b || (a !== null && b !== null && Math.abs(a - b) < 1e-9);

const moved = (f: Figure, i: number) => !sameValue(f.values[i] ?? null, f.values[0] ?? null);

/** The delta cell: `+9,590 better`, `same`, or the verdict alone when one side has no value. */
export function deltaText(f: Figure, i: number): string {
  if (!moved(f, i)) return 'same';
  const d = f.deltas[i] ?? null;
  const verdict = f.verdicts[i] ?? null;
  if (d === null) return verdict ?? 'changed';
  return verdict === null ? formatDelta(f.unit, d) : `${formatDelta(f.unit, d)} ${verdict}`;
}

// ---- Tables that fit ----

const widest = (text: string) => Math.max(0, ...text.split('\n').map((l) => l.length));

/**
 * The table with the fixed columns and as many column groups (one per scenario) as fit `width`,
 * then the next part with the fixed columns again, and so on: one table per part.
 */
export function renderFitted<T>(
  rows: readonly T[],
  fixed: readonly Column<T>[],
  groups: readonly (readonly Column<T>[])[],
  width = COMPARE_WIDTH,
): string[] {
  const render = (part: readonly (readonly Column<T>[])[]) => renderTable(rows, [...fixed, ...part.flat()]);
  const tables: string[] = [];
  let part: (readonly Column<T>[])[] = [];
  for (const group of groups) {
    if (part.length > 0 && widest(render([...part, group])) > width) {
      tables.push(render(part));
      part = [];
    }
    part.push(group);
  }
  if (part.length > 0 || tables.length === 0) tables.push(render(part));
  return tables;
}

/** A paragraph wrapped to the width, the first line after `first`, the others after `rest`. */
export function paragraph(text: string, first = '', rest = first, width = COMPARE_WIDTH): string[] {
  return wrapCell(text, width - Math.max(first.length, rest.length)).map(
    (l, i) => `${i === 0 ? first : rest}${l}`,
  );
}

// ---- The comparison ----

export interface PrintOptions {
  /** List this figure's drivers in full, and no other figure's. */
  drivers?: ComparedFigureKey | undefined;
}

export function printComparison(body: CompareEnvelope, options: PrintOptions = {}): string {
  const r = body.result;
  const out = [...headerLines(body), ''];
  out.push(
    'FIGURES (each variant against the baseline: its value, then the change and whether it is better)',
  );
  out.push(...renderFitted(...figuresTable(r)).flatMap((t, i) => (i === 0 ? [t] : ['', t])));
  out.push('');
  out.push(...(options.drivers === undefined ? shortDrivers(r) : fullDrivers(r, options.drivers)));
  out.push('');
  out.push(...coaLines(r));
  return out.join('\n');
}

function headerLines(body: CompareEnvelope): string[] {
  const r = body.result;
  const n = r.scenarios.length - 1;
  const out = paragraph(
    `Comparing ${body.baseline} (the baseline, BASE) with ${n} ${n === 1 ? 'variant' : 'variants'}:`,
  );
  r.scenarios.forEach((s, i) => {
    const key = `  ${scenarioKey(i).padEnd(4)}  `;
    const indent = ' '.repeat(key.length);
    if (!s.variantOf) {
      out.push(...paragraph(`${s.id}: ${s.name}`, key, indent));
      return;
    }
    const from =
      s.variantOf.parent === body.baseline
        ? ''
        : ` (branched from ${s.variantOf.parent}, version ${s.variantOf.parentVersion})`;
    const titles = s.variantOf.whatIfs.join('; ');
    const whatIfs = `what-ifs${from}: ${titles === '' ? 'none' : titles}`;
    // A variant named as `branch` names it (the parent's name and the what-ifs) says no more than them.
    if (titles !== '' && s.name.endsWith(`: ${titles}`))
      out.push(...paragraph(`${s.id}, ${whatIfs}`, key, indent));
    else out.push(...paragraph(`${s.id}: ${s.name}`, key, indent), ...paragraph(whatIfs, indent));
  });
  out.push(...paragraph(`Assumptions: ${assumptions(body.parameters)}.`));
  if (body.partial) out.push('PARTIAL: the figures cover only the records releasable to you');
  r.scenarios.forEach((s, i) => {
    for (const note of s.notes) out.push(...paragraph(note, `Note on ${scenarioKey(i)} (${s.id}): `, '  '));
  });
  return out;
}

function assumptions(p: CompareEnvelope['parameters']): string {
  return [
    `as of ${p.asOf}`,
    p.usBackstop ? 'US backstop assumed' : 'US backstop not assumed',
    p.allowLate ? 'late matches counted' : 'on-time matches only',
    p.minStatus === 'offered' ? 'every offer not withdrawn counts' : `offers ${p.minStatus} or firmer count`,
    ...(p.excludeNations.length > 0 ? [`without ${p.excludeNations.join(', ')}`] : []),
    ...(p.activationCDay !== 0 ? [`nations told to move on ${formatCDayOffset(p.activationCDay)}`] : []),
    `${p.defaultPolicy} for nations without a rotation policy`,
    `sustainment on personnel ${p.basis}`,
    `Monte Carlo ${thousands(p.draws)} draws, seed ${p.seed}`,
  ].join('; ');
}

type FigureRow = { group: string } | { figure: Figure };

function figuresTable(r: CompareResult): [FigureRow[], Column<FigureRow>[], Column<FigureRow>[][]] {
  const rows: FigureRow[] = FIGURE_GROUPS.flatMap((group) => {
    const figures = r.figures.filter((f) => f.group === group);
    return figures.length === 0
      ? []
      : [{ group: group.toUpperCase() }, ...figures.map((figure) => ({ figure }))];
  });
  const cell = (fn: (f: Figure) => string) => (row: FigureRow) => ('figure' in row ? fn(row.figure) : '');
  const fixed: Column<FigureRow>[] = [
    { header: 'FIGURE', value: (row) => ('figure' in row ? row.figure.label : row.group), maxWidth: 28 },
    { header: 'BASE', value: cell((f) => formatValue(f.unit, f.values[0] ?? null)), align: 'right' },
  ];
  const groups = r.scenarios.slice(1).map((_, k): Column<FigureRow>[] => {
    const i = k + 1;
    return [
      {
        header: scenarioKey(i),
        value: cell((f) => formatValue(f.unit, f.values[i] ?? null)),
        align: 'right',
      },
      { header: `CHANGE ${scenarioKey(i)}`, value: cell((f) => deltaText(f, i)), align: 'right' },
    ];
  });
  return [rows, fixed, groups];
}

// ---- Drivers ----

const DIMENSION_NAME: { readonly [D in DriverDimension]: [string, string] } = {
  line: ['line', 'lines'],
  nation: ['nation', 'nations'],
  offer: ['offer', 'offers'],
  pledge: ['pledge', 'pledges'],
  uln: ['ULN', 'ULNs'],
};

/** Drivers shown per breakdown in the short form. */
const SHORT_DRIVERS = 3;

/** A driver in a few characters: a nation by its name, other records by their id. */
const driverName = (d: Driver) => (d.dimension === 'nation' ? d.label : d.id);

/** For every variant, every figure that moved with its biggest drivers per breakdown. */
function shortDrivers(r: CompareResult): string[] {
  const out = ['DRIVERS OF THE CHANGES (biggest first; --drivers FIGURE lists one figure’s in full)'];
  r.scenarios.slice(1).forEach((s, k) => {
    const i = k + 1;
    const changed = r.figures.filter((f) => moved(f, i));
    out.push(`${scenarioKey(i)} ${s.id}${changed.length === 0 ? ': no figure moved' : ''}`);
    for (const f of changed) {
      const groups = f.drivers[i] ?? [];
      const parts = groups.map((g) => {
        const unit = driverUnit(f);
        const shown = g.entries
          .slice(0, SHORT_DRIVERS)
          .map((d) => `${driverName(d)} ${formatDelta(unit, d.delta)}`);
        const more = g.entries.length - shown.length + g.notShown;
        return `${DIMENSION_NAME[g.dimension][1]} ${shown.join(', ')}${more > 0 ? ` (${more} more)` : ''}`;
      });
      const why = parts.length > 0 ? parts.join('; ') : 'an input of the scenario, with no breakdown';
      out.push(...paragraph(`${f.label} ${deltaText(f, i)}: ${why}`, '  ', '    '));
    }
  });
  return out;
}

/** One figure's drivers in full, for every variant: each breakdown as a table. */
function fullDrivers(r: CompareResult, key: ComparedFigureKey): string[] {
  const f = r.figures.find((x) => x.key === key);
  if (!f) return [`${COMPARED_FIGURES[key].label}: not in this comparison`];
  const unit = driverUnit(f);
  const out = [`DRIVERS OF ${f.label.toUpperCase()}`, ...paragraph(f.definition, '  ')];
  r.scenarios.slice(1).forEach((s, k) => {
    const i = k + 1;
    const from = formatValue(f.unit, f.values[0] ?? null);
    const to = formatValue(f.unit, f.values[i] ?? null);
    out.push('');
    if (!moved(f, i)) {
      out.push(...paragraph(`${scenarioKey(i)} ${s.id}: ${from}, the same as the baseline`));
      return;
    }
    out.push(...paragraph(`${scenarioKey(i)} ${s.id}: ${from} → ${to} (${deltaText(f, i)})`));
    const groups = f.drivers[i] ?? [];
    if (groups.length === 0) out.push('An input of the scenario, with no breakdown.');
    else out.push('(—: the record is not in that scenario)');
    for (const g of groups) {
      const [one, many] = DIMENSION_NAME[g.dimension];
      out.push(
        `By ${one}${g.additive ? ` (the ${many} listed and the rest add up to the change)` : ` (the ${many} that moved it)`}`,
      );
      out.push(driverTable(g.entries, one.toUpperCase(), scenarioKey(i), unit));
      if (g.notShown > 0) {
        const rest = g.additive && g.rest !== null ? `, together ${formatDelta(unit, g.rest)}` : '';
        out.push(`${g.notShown} more ${g.notShown === 1 ? one : many} not listed${rest}`);
      } else if (g.additive && g.rest !== null && g.rest !== 0) {
        out.push(`The rest: ${formatDelta(unit, g.rest)}`);
      }
    }
  });
  return out;
}

/** A driver's number; none where the record is not in that scenario (or has no number there). */
const driverValue = (unit: FigureUnit, v: number | null) => (v === null ? '—' : formatValue(unit, v));

/** A breakdown's drivers, the names wrapped to what the other columns leave of the width. */
function driverTable(entries: readonly Driver[], dimension: string, key: string, unit: FigureUnit): string {
  const numbers: Column<Driver>[] = [
    { header: 'BASE', value: (d) => driverValue(unit, d.baseline), align: 'right' },
    { header: key, value: (d) => driverValue(unit, d.variant), align: 'right' },
    { header: 'CHANGE', value: (d) => formatDelta(unit, d.delta), align: 'right' },
  ];
  const id: Column<Driver> = { header: dimension, value: (d) => d.id };
  const width = (c: Column<Driver>) =>
    Math.max(c.header.length, ...entries.map((d) => String(c.value(d)).length));
  const others = [id, ...numbers].reduce((sum, c) => sum + width(c) + 2, 0);
  const name: Column<Driver> = {
    header: 'NAME',
    value: (d) => d.label,
    maxWidth: Math.max(16, COMPARE_WIDTH - others),
  };
  return renderTable(entries, [id, name, ...numbers]);
}

// ---- The COA matrix ----

type MatrixRow = { criterion: CoaRow } | { total: 'TOTAL' | 'PLACE' };

function coaLines(r: CompareResult): string[] {
  const coa = r.coa;
  const rows: MatrixRow[] = [
    ...coa.rows.map((criterion) => ({ criterion })),
    { total: 'TOTAL' },
    { total: 'PLACE' },
  ];
  const fixed: Column<MatrixRow>[] = [
    {
      header: 'CRITERION',
      value: (row) =>
        'criterion' in row
          ? row.criterion.label
          : row.total === 'TOTAL'
            ? 'Total (Σ weight × rank)'
            : 'Place',
      maxWidth: 28,
    },
    {
      header: 'WEIGHT',
      value: (row) => ('criterion' in row ? String(row.criterion.weight) : ''),
      align: 'right',
    },
    {
      header: 'BENCHMARK',
      value: (row) =>
        'criterion' in row
          ? row.criterion.benchmark === null
            ? '—'
            : formatValue(row.criterion.unit, row.criterion.benchmark)
          : '',
      align: 'right',
    },
  ];
  const groups = r.scenarios.map((_, i): Column<MatrixRow>[] => [
    {
      header: scenarioKey(i),
      value: (row) => {
        if ('total' in row) return String(row.total === 'TOTAL' ? coa.totals[i] : coa.places[i]);
        const c = row.criterion;
        const fails = c.meetsBenchmark[i] === false ? ' ✗' : '';
        return `${formatValue(c.unit, c.values[i] ?? null)} [${c.ranks[i]}]${fails}`;
      },
      align: 'right',
    },
  ]);
  const out = [
    'COA DECISION MATRIX (↑/↓: higher/lower is better; [n]: rank, 1 is best; ✗: fails the benchmark)',
    ...renderFitted(rows, fixed, groups).flatMap((t, i) => (i === 0 ? [t] : ['', t])),
    '',
    ...paragraph(preferred(r)),
  ];
  return out;
}

/** The sentence naming the preferred course of action (or those tied for it). */
export function preferred(r: CompareResult): string {
  const coa = r.coa;
  const first = r.scenarios.flatMap((s, i) => (coa.places[i] === 1 ? [{ s, i }] : []));
  if (first.length === 0) return 'No course of action is preferred: there are no criteria.';
  const name = ({ s, i }: { s: { id: string }; i: number }) => `${scenarioKey(i)} ${s.id}`;
  const total = coa.totals[first[0]!.i];
  if (first.length > 1) {
    const names = first.map(name);
    return `The matrix prefers none alone: ${andList(names)} tie at a total of ${total}, the lowest.`;
  }
  const only = first[0]!;
  const fails = coa.failsBenchmark[only.i] ?? [];
  const label = (k: ComparedFigureKey) => COMPARED_FIGURES[k].label;
  return (
    `The matrix prefers ${name(only)} (total ${total}, the lowest)` +
    (fails.length > 0
      ? `, though it fails the ${fails.length === 1 ? 'benchmark' : 'benchmarks'} of ${andList(fails.map(label))}.`
      : '.')
  );
}

/** "a", "a and b", "a, b and c". */
const andList = (xs: readonly string[]) =>
  xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;

/** The compared figure named by `--drivers`: its key, or its label in any case. */
export function figureByName(name: string): ComparedFigureKey | undefined {
  const wanted = name.trim().toLowerCase();
  return COMPARED_FIGURE_KEYS.find(
    (k) => k.toLowerCase() === wanted || COMPARED_FIGURES[k].label.toLowerCase() === wanted,
  );
}
