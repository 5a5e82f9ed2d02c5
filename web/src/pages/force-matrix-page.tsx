// The force generation matrix: every requirement line (CJSOR) against the nations whose offers fill
// it, each cell the units and personnel that nation's offers put on the line, with the line's
// required, filled, shortfall and status beside it. Short lines are marked in colour and in words,
// late assignments say so, and offers left over are listed with the reason. Filter by domain or to
// short lines only, sort by any column; totals by nation and by domain below.
import { useId, useMemo, useState, type ReactNode } from 'react';
import type {
  FillAssignment,
  ForceFillReport,
  LineFill,
  LineFillStatus,
  UnmatchedOffer,
} from '../../../src/domain/analysis/force-fill-report.ts';
import type { ForceDomain } from '../../../src/domain/scenario-schema.ts';
import type { AnalysisEnvelope } from '../api-client.ts';
import {
  AssumptionControls,
  DOMAIN_LABELS,
  DOMAIN_ORDER,
  Figure,
  LineStatus,
  NationName,
  PartialNotice,
  formatCDay,
  formatShare,
  useAnalysis,
  useAssumptions,
  useNationNames,
  type Assumptions,
} from '../components/analysis-common.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { countOf, formatDate, formatNumber, formatPercent } from '../format.ts';
import { nextSort, sortRows, type SortState, type SortValue } from '../table-sort.ts';
import { useScenario } from './scenario-layout.tsx';

export function ForceMatrixPage() {
  const scenario = useScenario();
  const [assumptions, setAssumptions] = useAssumptions();
  const result = useAnalysis(scenario.id, scenario.version, 'fill', assumptions);
  const names = useNationNames(scenario.id, scenario.version);
  if (result.status === 'loading')
    return <LoadingMessage>Matching offers to requirement lines…</LoadingMessage>;
  if (result.status === 'error') {
    return (
      <ErrorMessage
        title="The force generation matrix could not be computed."
        error={result.error}
        onRetry={result.reload}
      />
    );
  }
  return (
    <ForceMatrixView
      envelope={result.data}
      names={names}
      assumptions={assumptions}
      onAssumptionsChange={setAssumptions}
      updating={result.updating}
    />
  );
}

export type DomainFilter = ForceDomain | 'all';

export interface ForceMatrixViewProps {
  envelope: AnalysisEnvelope<'fill'>;
  names: ReadonlyMap<string, string>;
  assumptions: Assumptions;
  onAssumptionsChange: (changes: Partial<Assumptions>) => void;
  updating?: boolean;
  /** Starting filters (tests render with them; the page starts with everything). */
  initialDomain?: DomainFilter;
  initialShortOnly?: boolean;
}

export function ForceMatrixView({
  envelope,
  names,
  assumptions,
  onAssumptionsChange,
  updating = false,
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
      <PartialNotice envelope={envelope} />
      <AssumptionControls
        value={assumptions}
        onChange={onAssumptionsChange}
        updating={updating}
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

// ---- The matrix ----

const STATUS_RANK: Record<LineFillStatus, number> = { empty: 0, partial: 1, filled: 2 };

interface MatrixColumn {
  id: string;
  header: ReactNode;
  sortValue: (line: LineFill) => SortValue;
  firstDirection: 'ascending' | 'descending';
  numeric?: boolean;
}

/** Nations with any unit on any line, most matched personnel first (the order of byNation). */
function contributingNations(report: ForceFillReport): string[] {
  const filling = new Set(report.lines.flatMap((l) => l.nations.map((n) => n.nation)));
  return report.byNation.map((n) => n.nation).filter((n) => filling.has(n));
}

function MatrixTable({
  lines,
  report,
  names,
}: {
  lines: readonly LineFill[];
  report: ForceFillReport;
  names: ReadonlyMap<string, string>;
}) {
  const nations = useMemo(() => contributingNations(report), [report]);
  const [sort, setSort] = useState<SortState | null>(null);

  const fixed: MatrixColumn[] = [
    {
      id: 'priority',
      header: 'Priority',
      sortValue: (l) => l.priority,
      firstDirection: 'ascending',
      numeric: true,
    },
    {
      id: 'required',
      header: 'Required',
      sortValue: (l) => l.required.quantity,
      firstDirection: 'descending',
      numeric: true,
    },
    {
      id: 'filled',
      header: 'Filled',
      sortValue: (l) => l.filled.quantity,
      firstDirection: 'descending',
      numeric: true,
    },
    {
      id: 'shortfall',
      header: 'Shortfall',
      sortValue: (l) => l.shortfall.quantity,
      firstDirection: 'descending',
      numeric: true,
    },
    {
      id: 'status',
      header: 'Status',
      sortValue: (l) => STATUS_RANK[l.status] * 10 + l.fillRatio,
      firstDirection: 'ascending',
    },
  ];
  const nationColumns: MatrixColumn[] = nations.map((n) => ({
    id: `nation-${n}`,
    header: <abbr title={names.get(n) ?? n}>{n}</abbr>,
    sortValue: (l) => l.nations.find((c) => c.nation === n)?.quantity ?? 0,
    firstDirection: 'descending',
    numeric: true,
  }));
  const late: MatrixColumn = {
    id: 'late',
    header: 'Late units',

    sortValue: (l) => l.lateQuantity,
    firstDirection: 'descending',
    numeric: true,
  };
  const columns = [...fixed, ...nationColumns, late];

  const sorted = (() => {
    if (!sort) return lines;
    if (sort.column === 'line') return sortRows(lines, (l) => l.line, sort.direction);
    const column = columns.find((c) => c.id === sort.column);
    return column ? sortRows(lines, column.sortValue, sort.direction) : lines;
  })();

  const sortHeader = (
    id: string,
    header: ReactNode,
    first: 'ascending' | 'descending',
    numeric?: boolean,
  ) => {
    const active = sort?.column === id ? sort.direction : undefined;
    return (
      <th key={id} scope="col" aria-sort={active} className={numeric ? 'num' : undefined}>
        <button type="button" className="sort-button" onClick={() => setSort((s) => nextSort(s, id, first))}>
          {header}
          <span className="sort-indicator" aria-hidden="true">
            {active === 'ascending' ? '▲' : active === 'descending' ? '▼' : '↕'}
          </span>
        </button>
      </th>
    );
  };

  const sum = (f: (l: LineFill) => number) => lines.reduce((s, l) => s + f(l), 0);

  return (
    <div
      className="table-scroll matrix-scroll"
      tabIndex={0}
      role="group"
      aria-label="Force generation matrix (scrollable)"
    >
      <table className="data-table matrix-table">
        <caption className="visually-hidden">Force generation matrix</caption>
        <thead>
          <tr>
            {sortHeader('line', 'Requirement line', 'ascending')}
            {columns.map((c) => sortHeader(c.id, c.header, c.firstDirection, c.numeric))}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={columns.length + 1} className="empty-cell">
                No requirement lines match the filters.
              </td>
            </tr>
          ) : (
            sorted.map((line) => (
              <tr
                key={line.line}
                className={line.status === 'filled' ? undefined : `is-short is-${line.status}`}
              >
                <th scope="row">
                  <span className="line-id">{line.line}</span>
                  <span className="cell-note block">
                    {line.capability} · {DOMAIN_LABELS[line.domain]}
                  </span>
                  <span className="cell-note block">
                    {line.sector} · {line.task} · RDD {formatCDay(line.rddCDay)}
                  </span>
                </th>
                <td className="num">{line.priority}</td>
                <td className="num">
                  <Units quantity={line.required.quantity} personnel={line.required.personnel} />
                </td>
                <td className="num">
                  <Units quantity={line.filled.quantity} personnel={line.filled.personnel} />
                </td>
                <td className="num">
                  {line.shortfall.quantity > 0 ? (
                    <span className="shortfall-text">
                      <Units
                        quantity={line.shortfall.quantity}
                        personnel={line.shortfall.personnel}
                        prefix="−"
                        suffix=" short"
                      />
                    </span>
                  ) : (
                    <span className="no">None</span>
                  )}
                </td>
                <td className="nowrap">
                  <LineStatus status={line.status} />
                  <span className="cell-note block">{formatPercent(line.fillRatio, 1)} filled</span>
                </td>
                {nations.map((n) => (
                  <NationCell key={n} line={line} nation={n} />
                ))}
                <td className="num">
                  {line.lateQuantity > 0 ? (
                    <span className="late-mark">{formatNumber(line.lateQuantity)} late</span>
                  ) : (
                    <span className="no">0</span>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
        {sorted.length > 0 && (
          <tfoot>
            <tr>
              <th scope="row">
                Total
                <span className="cell-note block">{countOf(lines.length, 'line')} shown</span>
              </th>
              <td />
              <td className="num">
                <Units
                  quantity={sum((l) => l.required.quantity)}
                  personnel={sum((l) => l.required.personnel)}
                />
              </td>
              <td className="num">
                <Units quantity={sum((l) => l.filled.quantity)} personnel={sum((l) => l.filled.personnel)} />
              </td>
              <td className="num">
                <Units
                  quantity={sum((l) => l.shortfall.quantity)}
                  personnel={sum((l) => l.shortfall.personnel)}
                  prefix={sum((l) => l.shortfall.quantity) > 0 ? '−' : ''}
                />
              </td>
              <td />
              {nations.map((n) => {
                const of = (l: LineFill) => l.nations.find((c) => c.nation === n);
                return (
                  <td key={n} className="num">
                    <Units
                      quantity={sum((l) => of(l)?.quantity ?? 0)}
                      personnel={sum((l) => of(l)?.personnel ?? 0)}
                    />
                  </td>
                );
              })}
              <td className="num">{formatNumber(sum((l) => l.lateQuantity))}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

function Units({
  quantity,
  personnel,
  prefix = '',
  suffix = '',
}: {
  quantity: number;
  personnel: number;
  prefix?: string;
  suffix?: string;
}) {
  return (
    <>
      {prefix}
      {formatNumber(quantity)}
      {suffix}
      <span className="cell-note block">
        {formatNumber(personnel)} <span className="visually-hidden">personnel</span>
        <span aria-hidden="true">pers.</span>
      </span>
    </>
  );
}

function NationCell({ line, nation }: { line: LineFill; nation: string }) {
  const contribution = line.nations.find((c) => c.nation === nation);
  if (!contribution) {
    return (
      <td className="num matrix-empty">
        <span aria-hidden="true">·</span>
        <span className="visually-hidden">none</span>
      </td>
    );
  }
  const late = line.assignments.filter((a) => a.nation === nation && a.late);
  return (
    <td className="num matrix-cell">
      <Units quantity={contribution.quantity} personnel={contribution.personnel} />
      {late.length > 0 && <LateMark assignments={late} />}
    </td>
  );
}

function LateMark({ assignments }: { assignments: FillAssignment[] }) {
  const units = assignments.reduce((s, a) => s + a.quantity, 0);
  const days = Math.max(...assignments.map((a) => a.daysLate));
  return (
    <span className="late-mark block" title={`Ready up to ${days} days after the line’s required date`}>
      {formatNumber(units)} late, +{formatNumber(days)} d
    </span>
  );
}

// ---- Totals ----

function NationTotals({ report, names }: { report: ForceFillReport; names: ReadonlyMap<string, string> }) {
  const units = useMemo(() => {
    const m = new Map<string, number>();
    for (const l of report.lines)
      for (const n of l.nations) m.set(n.nation, (m.get(n.nation) ?? 0) + n.quantity);
    return m;
  }, [report]);
  const columns: Column<ForceFillReport['byNation'][number]>[] = [
    {
      id: 'nation',
      header: 'Nation',
      rowHeader: true,
      cell: (n) => <NationName names={names} code={n.nation} />,
      sortValue: (n) => names.get(n.nation) ?? n.nation,
    },
    {
      id: 'offered',
      header: 'Offered',
      numeric: true,
      cell: (n) => formatNumber(n.personnelOffered),
      sortValue: (n) => n.personnelOffered,
      firstDirection: 'descending',
    },
    {
      id: 'available',
      header: 'Counting',
      numeric: true,
      cell: (n) => formatNumber(n.personnelAvailable),
      sortValue: (n) => n.personnelAvailable,
      firstDirection: 'descending',
    },
    {
      id: 'units',
      header: 'Units on lines',
      numeric: true,
      cell: (n) => formatNumber(units.get(n.nation) ?? 0),
      sortValue: (n) => units.get(n.nation) ?? 0,
      firstDirection: 'descending',
    },
    {
      id: 'matched',
      header: 'Matched',
      numeric: true,
      cell: (n) => formatNumber(n.personnelMatched),
      sortValue: (n) => n.personnelMatched,
      firstDirection: 'descending',
    },
    {
      id: 'share',
      header: 'Share of matched',
      numeric: true,
      cell: (n) => formatShare(n.share),
      sortValue: (n) => n.share,
      firstDirection: 'descending',
    },
  ];
  return (
    <section className="panel" aria-label="Totals by nation">
      <h2>Totals by nation</h2>
      <p className="figure-note">
        Personnel: offered (not withdrawn), counting under these assumptions, and matched to requirement
        lines.
      </p>
      <DataTable
        caption="Totals by nation"
        captionHidden
        columns={columns}
        rows={report.byNation}
        rowKey={(n) => n.nation}
        emptyMessage="No nation offers anything."
      />
    </section>
  );
}

function DomainTotals({ report, domain }: { report: ForceFillReport; domain: DomainFilter }) {
  type Row = ForceFillReport['byDomain'][number];
  const rows = domain === 'all' ? report.byDomain : report.byDomain.filter((d) => d.domain === domain);
  const columns: Column<Row>[] = [
    { id: 'domain', header: 'Domain', rowHeader: true, cell: (d) => DOMAIN_LABELS[d.domain] },
    {
      id: 'units',
      header: 'Units filled',
      numeric: true,
      cell: (d) => `${formatNumber(d.quantityFilled)} of ${formatNumber(d.quantityRequired)}`,
    },
    {
      id: 'required',
      header: 'Personnel required',
      numeric: true,
      cell: (d) => formatNumber(d.personnelRequired),
    },
    { id: 'offered', header: 'Offered', numeric: true, cell: (d) => formatNumber(d.personnelOffered) },
    { id: 'available', header: 'Counting', numeric: true, cell: (d) => formatNumber(d.personnelAvailable) },
    { id: 'matched', header: 'Matched', numeric: true, cell: (d) => formatNumber(d.personnelMatched) },
    {
      id: 'shortfall',
      header: 'Shortfall',
      numeric: true,
      cell: (d) =>
        d.personnelShortfall > 0 ? (
          <span className="shortfall-text">{formatNumber(d.personnelShortfall)} short</span>
        ) : (
          <span className="no">None</span>
        ),
    },
  ];
  return (
    <section className="panel" aria-label="Totals by domain">
      <h2>Totals by domain</h2>
      <DataTable
        caption="Totals by domain"
        captionHidden
        columns={columns}
        rows={rows}
        rowKey={(d) => d.domain}
      />
    </section>
  );
}

// ---- Offers left over ----

const REASON_LABELS: Record<UnmatchedOffer['reason']['kind'], string> = {
  withdrawn: 'Withdrawn',
  'status-below-minimum': 'Status too low',
  expired: 'Expired',
  'requires-us-backstop': 'Needs US backstop',
  'nation-excluded': 'Nation left out',
  'not-delivered': 'Not delivered',
  'no-line-for-capability': 'No line for it',
  'no-eligible-line': 'Caveats exclude it',
  'lines-already-filled': 'Lines already full',
};

function UnmatchedOffers({
  report,
  names,
  domain,
}: {
  report: ForceFillReport;
  names: ReadonlyMap<string, string>;
  domain: DomainFilter;
}) {
  const domainOf = useMemo(
    () => new Map(report.lines.map((l) => [l.capability as string, l.domain])),
    [report],
  );
  const rows =
    domain === 'all'
      ? report.unmatchedOffers
      : report.unmatchedOffers.filter((o) => domainOf.get(o.capability) === domain);
  const columns: Column<UnmatchedOffer>[] = [
    {
      id: 'offer',
      header: 'Offer',
      rowHeader: true,
      cell: (o) => <span className="mono">{o.offer}</span>,
      sortValue: (o) => o.offer,
    },
    {
      id: 'nation',
      header: 'Nation',
      cell: (o) => <NationName names={names} code={o.nation} />,
      sortValue: (o) => names.get(o.nation) ?? o.nation,
    },
    {
      id: 'capability',
      header: 'Capability',
      className: 'nowrap',
      cell: (o) => o.capability,
      sortValue: (o) => o.capability,
    },
    { id: 'status', header: 'Status', cell: (o) => o.status, sortValue: (o) => o.status },
    {
      id: 'units',
      header: 'Units left',
      numeric: true,
      cell: (o) => `${formatNumber(o.remainingQuantity)} of ${formatNumber(o.quantity)}`,
      sortValue: (o) => o.remainingQuantity,
      firstDirection: 'descending',
    },
    {
      id: 'personnel',
      header: 'Personnel left',
      numeric: true,
      cell: (o) => formatNumber(o.remainingPersonnel),
      sortValue: (o) => o.remainingPersonnel,
      firstDirection: 'descending',
    },
    {
      id: 'reason',
      header: 'Why',
      className: 'statement',
      cell: (o) => (
        <>
          <strong>{REASON_LABELS[o.reason.kind]}</strong>
          <span className="cell-note block">{o.explanation}</span>
        </>
      ),
      sortValue: (o) => REASON_LABELS[o.reason.kind],
    },
  ];
  const personnel = rows.reduce((s, o) => s + o.remainingPersonnel, 0);
  return (
    <section className="panel" aria-label="Offers not matched">
      <h2>
        Offers not matched <span className="heading-count">{rows.length}</span>
      </h2>
      <p className="figure-note">
        {rows.length === 0
          ? 'Every offer is used in full.'
          : `${formatNumber(personnel)} personnel in offers, or parts of offers, that fill no line, and why.`}
      </p>
      <DataTable
        caption="Offers not matched"
        captionHidden
        columns={columns}
        rows={rows}
        rowKey={(o) => o.offer}
        emptyMessage="No offer is left over."
      />
    </section>
  );
}
