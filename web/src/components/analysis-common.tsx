// What the analysis pages share besides their frame (analysis-shell.tsx): the assumption controls
// (held in the URL, so a view can be bookmarked and shared in a briefing), the notice that figures
// are partial (also said by the overview, nations, funding and deployment pages), headline figures,
// nation names and the number formats of money and chance.
import type { Column } from './data-table.tsx';
import { useId, useMemo, type ReactNode } from 'react';
import type { LineFillStatus } from '../../../src/domain/analysis/force-fill-report.ts';
import type { ForceDomain } from '../../../src/domain/scenario-schema.ts';
import { formatNumber } from '../format.ts';
import { useRouter } from '../router.tsx';
import { useApi } from '../use-api.tsx';

// ---- Assumptions in the URL ----

/** The assumptions a reader changes most: both re-run the fill. */
export interface Assumptions {
  /** Count offers that require a US backstop (the API's default: no, the US is assumed absent). */
  usBackstop: boolean;
  /**
   * Count matches of offers ready after a line's RDD, flagged late (default: no; the headline shows
   * them as "Matched late" either way).
   */
  allowLate: boolean;
}

export const DEFAULT_ASSUMPTIONS: Assumptions = { usBackstop: false, allowLate: false };

/** `?usBackstop=true&allowLate=true` → the assumptions; anything else is the default. */
export function readAssumptions(search: string): Assumptions {
  const q = new URLSearchParams(search);
  return {
    usBackstop: q.get('usBackstop') === 'true',
    allowLate: q.get('allowLate') === 'true',
  };
}

/** The current query string with `changes` applied; values equal to `defaults` are left out. */
export function withQuery(
  search: string,
  changes: Record<string, string | number | boolean | undefined>,
  defaults: Record<string, string | number | boolean> = {},
): string {
  const q = new URLSearchParams(search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined || value === '' || value === defaults[name]) q.delete(name);
    else q.set(name, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The assumptions of the URL, and a setter that rewrites the URL (replacing the history entry). */
export function useAssumptions(): [Assumptions, (changes: Partial<Assumptions>) => void] {
  const { path, search, navigate } = useRouter();
  const assumptions = readAssumptions(search);
  const set = (changes: Partial<Assumptions>) =>
    navigate(path + withQuery(search, changes, { ...DEFAULT_ASSUMPTIONS }), { replace: true });
  return [assumptions, set];
}

/**
 * Two checkboxes that re-run the analysis; `children` adds page-specific controls. They stay usable
 * while the frame recomputes (the frame dims everything else).
 */
export function AssumptionControls({
  value,
  onChange,
  children,
  summary,
}: {
  value: Assumptions;
  onChange: (changes: Partial<Assumptions>) => void;
  children?: ReactNode;
  /** The other assumptions in use, in words. */
  summary?: ReactNode;
}) {
  const id = useId();
  return (
    <section className="panel assumptions" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Assumptions</h2>
      <div className="assumption-fields">
        <div className="check-field">
          <input
            id={`${id}-us`}
            type="checkbox"
            checked={value.usBackstop}
            onChange={(e) => onChange({ usBackstop: e.target.checked })}
            aria-describedby={`${id}-us-hint`}
          />
          <label htmlFor={`${id}-us`}>US backstop</label>
          <p className="field-hint" id={`${id}-us-hint`}>
            Count offers that depend on a US backstop
          </p>
        </div>
        <div className="check-field">
          <input
            id={`${id}-late`}
            type="checkbox"
            checked={value.allowLate}
            onChange={(e) => onChange({ allowLate: e.target.checked })}
            aria-describedby={`${id}-late-hint`}
          />
          <label htmlFor={`${id}-late`}>Count late matches</label>
          <p className="field-hint" id={`${id}-late-hint`}>
            Offers ready after a line’s RDD fill it too, marked late (shown as “Matched late” either way)
          </p>
        </div>
        {children}
      </div>
      {summary && <p className="assumption-summary">{summary}</p>}
    </section>
  );
}

// ---- Partial figures ----

/**
 * What a viewer who is not coalition staff is told: figures cover only the records releasable to it.
 * The same words whether or not anything was in fact withheld, so the notice gives nothing away.
 */
const PARTIAL_NOTICE = 'Figures count only the records releasable to you.';

/** Said first on every page of figures when the API marks them `partial`; nothing otherwise. */
export function PartialNotice({ partial }: { partial: boolean | undefined }) {
  if (!partial) return null;
  return (
    <p className="notice notice-partial" role="note">
      {PARTIAL_NOTICE}
    </p>
  );
}

// ---- Figures ----

export function Figure({
  label,
  value,
  unit,
  tone,
  textValue = false,
  children,
}: {
  label: string;
  value: string;
  unit?: string;
  tone?: 'shortfall' | 'surplus' | 'met' | undefined;
  /** The value is a name rather than a number: set smaller, so it wraps on a narrow screen. */
  textValue?: boolean;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id} className={tone ? `figure figure-${tone}` : 'figure'}>
      <p className="figure-label" id={id}>
        {label}
      </p>
      <p className={textValue ? 'figure-value figure-value-text' : 'figure-value'}>
        {value}
        {unit && <span className="figure-unit"> {unit}</span>}
      </p>
      {children && <p className="figure-note">{children}</p>}
    </div>
  );
}

// ---- Nations ----

/** Nation names by ISO3 code, as far as the viewer may see them (codes are shown while loading). */
export function useNationNames(scenarioId: string, scenarioVersion: number): ReadonlyMap<string, string> {
  const result = useApi(
    (client, signal) => client.listRecords(scenarioId, 'nations', { signal }),
    [scenarioId, scenarioVersion],
  );
  const nations = result.status === 'ready' ? result.data : undefined;
  return useMemo(() => (nations ? new Map(nations.map((n) => [n.id, n.name])) : EMPTY_NAMES), [nations]);
}

const EMPTY_NAMES: ReadonlyMap<string, string> = new Map();

/** "Germany (DEU)", or the code alone when the name is unknown. */
export function nationLabel(names: ReadonlyMap<string, string>, code: string): string {
  const name = names.get(code);
  return name ? `${name} (${code})` : code;
}

/** A nation's name with its ISO3 code beside it. */
export function NationName({ names, code }: { names: ReadonlyMap<string, string>; code: string }) {
  const name = names.get(code);
  return name ? (
    <>
      {name} <span className="iso">{code}</span>
    </>
  ) : (
    <span className="iso">{code}</span>
  );
}

// ---- Words for codes ----

export const DOMAIN_LABELS: Readonly<Record<ForceDomain, string>> = {
  land: 'Land',
  air: 'Air',
  maritime: 'Maritime',
  enabler: 'Enablers',
};

export const DOMAIN_ORDER = Object.keys(DOMAIN_LABELS) as ForceDomain[];

/** A domain to show, or all of them. */
export type DomainFilter = ForceDomain | 'all';

export const LINE_STATUS_LABELS: Readonly<Record<LineFillStatus, string>> = {
  filled: 'Filled',
  partial: 'Partly filled',
  empty: 'Empty',
};

/** A requirement line's id with its capability and sector beneath, as the first cell of a row. */
export function LineName({ line }: { line: { line: string; capability: string; sector: string } }) {
  return (
    <>
      {line.line}
      <span className="cell-note block">
        {line.capability} · {line.sector}
      </span>
    </>
  );
}

/** A line's fill status in words, coloured: never colour alone. */
/** The first two columns of a table of requirement lines: the line (row header) and its priority. */
export function lineAndPriorityColumns<
  T extends { line: string; capability: string; sector: string; priority: number },
>(): Column<T>[] {
  return [
    { id: 'line', header: 'Line', rowHeader: true, cell: (l) => <LineName line={l} /> },
    { id: 'priority', header: 'Priority', numeric: true, cell: (l) => l.priority },
  ];
}

export function LineStatus({ status }: { status: LineFillStatus }) {
  return <span className={`line-status line-status-${status}`}>{LINE_STATUS_LABELS[status]}</span>;
}

/** Record ids (requirement lines…) as a list that wraps between ids, never inside one. */
export function IdList({ ids, className }: { ids: readonly string[]; className?: string }) {
  return (
    <span className={className ? `id-list ${className}` : 'id-list'}>
      {ids.map((id, i) => (
        <span key={id} className="nowrap">
          {id}
          {i < ids.length - 1 ? ', ' : ''}
        </span>
      ))}
    </span>
  );
}

// ---- Numbers ----

/** A day relative to C-day: `14` → `C+14`, `-14` → `C−14`. */
export function formatCDay(days: number): string {
  return days < 0 ? `C−${formatNumber(-days)}` : `C+${formatNumber(days)}`;
}

/** `1913872000` → `€1.91 bn`; `2500000` → `€2.5 m`; smaller amounts in full. */
export function formatEur(eur: number): string {
  const abs = Math.abs(eur);
  const sign = eur < 0 ? '−' : '';
  if (abs >= 1e9) return `${sign}€${trimZeros((abs / 1e9).toFixed(2))} bn`;
  if (abs >= 1e6) return `${sign}€${trimZeros((abs / 1e6).toFixed(1))} m`;
  return `${sign}€${formatNumber(abs)}`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/**
 * A probability as a percentage: whole percents, except near certainty or impossibility, where a
 * decimal keeps 0.3% from reading as 0% (only exactly 0 or 1 read as 0% or 100%).
 */
export function formatProbability(p: number): string {
  if (p <= 0) return '0%';
  if (p >= 1) return '100%';
  const pct = p * 100;
  if (pct < 1 || pct > 99) return `${pct.toFixed(1)}%`;
  return `${Math.round(pct)}%`;
}

/** A standard error of a probability in percentage points: `0.0043` → `±0.4 pp`. */
export function formatProbabilityError(se: number): string {
  return `±${(se * 100).toFixed(1)} pp`;
}

/** `0.43` → `43%` (a share of a whole, 0 to 1). */
export function formatShare(share: number): string {
  return formatProbability(share);
}
