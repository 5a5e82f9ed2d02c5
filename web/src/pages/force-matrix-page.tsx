// The force generation matrix: every requirement line (CJSOR) against the nations whose offers fill
// it, each cell the units and personnel that nation's offers put on the line, with the line's
// required, filled, shortfall and status beside it. Short lines are marked in colour and in words,
// late assignments say so, and offers left over are listed with the reason. Filter by domain, to
// short lines only, or to chosen nations (their columns, and the lines they fill or could fill with
// an offer left over; kept in the URL with the assumptions, so a nation's view can be shared); sort
// by any column. The matrix scrolls in its own box with its headers in view. Totals by nation and by
// domain below.
import { useId, useMemo, useState } from 'react';
import type { AnalysisAnswer } from '../api-client.ts';
import {
  AssumptionControls,
  DOMAIN_LABELS,
  DOMAIN_ORDER,
  Figure,
  PartialNotice,
  formatCDay,
  useAssumptions,
  useNationNames,
  nationLabel,
  withQuery,
  type Assumptions,
  type DomainFilter,
} from '../components/analysis-common.tsx';
import { AnalysisShell } from '../components/analysis-shell.tsx';
import { DomainTotals, NationTotals, UnmatchedOffers } from '../components/force-fill-totals.tsx';
import { MatrixTable, leftOverByNation } from '../components/force-matrix-table.tsx';
import { formatDate, formatNumber } from '../format.ts';
import { useRouter } from '../router.tsx';
import { useScenario } from './scenario-layout.tsx';

/** `?nations=FRA,DEU` → `['FRA', 'DEU']`: ISO 3166 alpha-3 codes, each once; anything else is ignored. */
export function readNationFilter(search: string): string[] {
  const raw = new URLSearchParams(search).get('nations') ?? '';
  return [...new Set(raw.split(',').filter((c) => /^[A-Z]{3}$/.test(c)))];
}

/** The nation filter of the URL, and a setter that rewrites the URL (replacing the history entry). */
function useNationFilter(): [string[], (nations: readonly string[]) => void] {
  const { path, search, navigate } = useRouter();
  const set = (nations: readonly string[]) =>
    navigate(path + withQuery(search, { nations: nations.join(',') }), { replace: true });
  return [readNationFilter(search), set];
}

export function ForceMatrixPage() {
  const scenario = useScenario();
  const [assumptions, setAssumptions] = useAssumptions();
  const [nationFilter, setNationFilter] = useNationFilter();
  const names = useNationNames(scenario.id, scenario.version);
  return (
    <AnalysisShell
      scenario={scenario}
      kind="fill"
      query={assumptions}
      loading="Matching offers to requirement lines…"
      failed="The force generation matrix could not be computed."
    >
      {(envelope) => (
        <ForceMatrixView
          envelope={envelope}
          names={names}
          assumptions={assumptions}
          onAssumptionsChange={setAssumptions}
          nationFilter={nationFilter}
          onNationFilterChange={setNationFilter}
        />
      )}
    </AnalysisShell>
  );
}

export interface ForceMatrixViewProps {
  envelope: AnalysisAnswer<'fill'>;
  names: ReadonlyMap<string, string>;
  assumptions: Assumptions;
  onAssumptionsChange: (changes: Partial<Assumptions>) => void;
  /** Nations whose columns to show (ISO3 codes, from the URL); empty: every nation that fills a line. */
  nationFilter?: readonly string[];
  onNationFilterChange?: (nations: readonly string[]) => void;
  /** Starting filters (tests render with them; the page starts with everything). */
  initialDomain?: DomainFilter;
  initialShortOnly?: boolean;
}

export function ForceMatrixView({
  envelope,
  names,
  assumptions,
  onAssumptionsChange,
  nationFilter = NO_NATIONS,
  onNationFilterChange = () => undefined,
  initialDomain = 'all',
  initialShortOnly = false,
}: ForceMatrixViewProps) {
  const report = envelope.result;
  const [domain, setDomain] = useState<DomainFilter>(initialDomain);
  const [shortOnly, setShortOnly] = useState(initialShortOnly);
  const filterId = useId();
  const leftOver = useMemo(() => leftOverByNation(report), [report]);
  // Codes of the URL that name no nation with an offer (withheld, or mistyped) are not shown.
  const chosen = report.byNation.map((n) => n.nation as string).filter((n) => nationFilter.includes(n));
  const lines = report.lines.filter(
    (l) =>
      (domain === 'all' || l.domain === domain) &&
      (!shortOnly || l.status !== 'filled') &&
      (chosen.length === 0 ||
        chosen.some((n) => l.nations.some((c) => c.nation === n) || leftOver.get(n)?.has(l.capability))),
  );
  const t = report.totals;
  const p = envelope.parameters;
  return (
    <>
      <h2 className="visually-hidden">Force generation</h2>
      <PartialNotice partial={envelope.partial} />
      <AssumptionControls
        value={assumptions}
        onChange={onAssumptionsChange}
        summary={
          <>
            As of {formatDate(envelope.asOf)}; offers from status “{p.minStatus}” up count; nations move on{' '}
            {formatCDay(p.activationCDay)}.
            {p.excludeNations.length > 0 && <> Left out: {p.excludeNations.join(', ')}.</>}
          </>
        }
      />
      <section aria-label="Fill totals" className="figures">
        <Figure
          label="Requirement lines"
          value={`${formatNumber(t.lineCounts.filled)} of ${formatNumber(report.lines.length)}`}
          unit="filled"
        >
          {formatNumber(t.lineCounts.partial)} partly filled, {formatNumber(t.lineCounts.empty)} empty
        </Figure>
        <Figure
          label="Units filled"
          value={formatNumber(t.quantityFilled)}
          unit={`of ${formatNumber(t.quantityRequired)}`}
        >
          {formatNumber(t.lateQuantity)} late (ready after the line’s required date)
        </Figure>
        <Figure label="Personnel matched" value={formatNumber(t.personnelMatched)} unit="personnel">
          Lines need {formatNumber(t.personnelRequired)}; target {formatNumber(t.personnelTarget)}
        </Figure>
        <Figure
          label="Shortfall against the lines"
          value={formatNumber(t.shortfallAgainstLines)}
          unit="personnel"
          tone={t.shortfallAgainstLines > 0 ? 'shortfall' : 'met'}
        >
          {formatNumber(t.shortfallAgainstTarget)} short of the force target
        </Figure>
      </section>
      <section className="panel" aria-labelledby={`${filterId}-h`}>
        <h2 id={`${filterId}-h`}>
          Requirement lines by nation{' '}
          <span className="heading-count">
            {lines.length === report.lines.length
              ? lines.length
              : `${lines.length} of ${report.lines.length}`}
          </span>
        </h2>
        <div className="filter-fields" role="group" aria-label="Filter the matrix">
          <div className="field">
            <label htmlFor={`${filterId}-domain`}>Domain</label>
            <select
              id={`${filterId}-domain`}
              className="input"
              value={domain}
              onChange={(e) => setDomain(e.target.value as DomainFilter)}
            >
              <option value="all">All domains</option>
              {DOMAIN_ORDER.map((d) => (
                <option key={d} value={d}>
                  {DOMAIN_LABELS[d]}
                </option>
              ))}
            </select>
          </div>
          <div className="check-field filter-check">
            <input
              id={`${filterId}-short`}
              type="checkbox"
              checked={shortOnly}
              onChange={(e) => setShortOnly(e.target.checked)}
            />
            <label htmlFor={`${filterId}-short`}>Short lines only</label>
          </div>
          <NationFilter
            nations={report.byNation.map((n) => n.nation)}
            names={names}
            chosen={chosen}
            onChange={onNationFilterChange}
          />
        </div>
        {chosen.length > 0 && (
          <p className="panel-note" role="status">
            Showing {listOf(chosen.map((n) => nationLabel(names, n)))}: the lines{' '}
            {chosen.length === 1 ? 'it fills' : 'they fill'}, or could fill with an offer left over.
          </p>
        )}
        <p className="figure-note">
          Each nation’s cell: units its offers put on the line, with their personnel below. Lines short of
          units are marked <span className="line-status line-status-partial">Partly filled</span> or{' '}
          <span className="line-status line-status-empty">Empty</span>; assignments ready after the line’s
          required date are marked <span className="late-mark">late</span>.
        </p>
        <MatrixTable
          lines={lines}
          report={report}
          names={names}
          {...(chosen.length > 0 && { nations: chosen })}
        />
      </section>
      <NationTotals report={report} names={names} />
      <DomainTotals report={report} domain={domain} />
      <UnmatchedOffers report={report} names={names} domain={domain} />
    </>
  );
}

const NO_NATIONS: readonly string[] = [];

/** "France (FRA)", "France (FRA) and Germany (DEU)", "A, B and C". */
function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Checkboxes for the nations with an offer, folded away under a summary of the choice: a coalition
 * may have thirty, and the matrix should stay near the top of the page.
 */
function NationFilter({
  nations,
  names,
  chosen,
  onChange,
}: {
  nations: readonly string[];
  names: ReadonlyMap<string, string>;
  chosen: readonly string[];
  onChange: (nations: readonly string[]) => void;
}) {
  const id = useId();
  const toggle = (code: string, on: boolean) =>
    onChange(nations.filter((n) => (n === code ? on : chosen.includes(n))));
  return (
    <details className="nation-filter">
      <summary>
        Nations:{' '}
        {chosen.length === 0 ? 'all' : chosen.length <= 3 ? chosen.join(', ') : `${chosen.length} chosen`}
      </summary>
      <fieldset className="nation-filter-options">
        <legend>Show only these nations</legend>
        {nations.map((n) => (
          <div key={n} className="check-field">
            <input
              id={`${id}-${n}`}
              type="checkbox"
              checked={chosen.includes(n)}
              onChange={(e) => toggle(n, e.target.checked)}
            />
            <label htmlFor={`${id}-${n}`}>{nationLabel(names, n)}</label>
          </div>
        ))}
        <div className="nation-filter-actions">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => onChange([])}
            disabled={chosen.length === 0}
          >
            Show every nation
          </button>
        </div>
      </fieldset>
    </details>
  );
}
