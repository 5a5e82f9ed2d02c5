// The force generation matrix: every requirement line (CJSOR) against the nations whose offers fill
// it, each cell the units and personnel that nation's offers put on the line, with the line's
// required, filled, shortfall and status beside it. Short lines are marked in colour and in words,
// late assignments say so, and offers left over are listed with the reason. Filter by domain or to
// short lines only, sort by any column; totals by nation and by domain below.
import { useId, useState } from 'react';
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
  type Assumptions,
  type DomainFilter,
} from '../components/analysis-common.tsx';
import { AnalysisShell } from '../components/analysis-shell.tsx';
import { DomainTotals, NationTotals, UnmatchedOffers } from '../components/force-fill-totals.tsx';
import { MatrixTable } from '../components/force-matrix-table.tsx';
import { formatDate, formatNumber } from '../format.ts';
import { useScenario } from './scenario-layout.tsx';

export function ForceMatrixPage() {
  const scenario = useScenario();
  const [assumptions, setAssumptions] = useAssumptions();
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
  /** Starting filters (tests render with them; the page starts with everything). */
  initialDomain?: DomainFilter;
  initialShortOnly?: boolean;
}

export function ForceMatrixView({
  envelope,
  names,
  assumptions,
  onAssumptionsChange,
  initialDomain = 'all',
  initialShortOnly = false,
}: ForceMatrixViewProps) {
  const report = envelope.result;
  const [domain, setDomain] = useState<DomainFilter>(initialDomain);
  const [shortOnly, setShortOnly] = useState(initialShortOnly);
  const filterId = useId();
  const lines = report.lines.filter(
    (l) => (domain === 'all' || l.domain === domain) && (!shortOnly || l.status !== 'filled'),
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
        </div>
        <p className="figure-note">
          Each nation’s cell: units its offers put on the line, with their personnel below. Lines short of
          units are marked <span className="line-status line-status-partial">Partly filled</span> or{' '}
          <span className="line-status line-status-empty">Empty</span>; assignments ready after the line’s
          required date are marked <span className="late-mark">late</span>.
        </p>
        <MatrixTable lines={lines} report={report} names={names} />
      </section>
      <NationTotals report={report} names={names} />
      <DomainTotals report={report} domain={domain} />
      <UnmatchedOffers report={report} names={names} domain={domain} />
    </>
  );
}
