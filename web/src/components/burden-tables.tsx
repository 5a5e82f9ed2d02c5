// The Funding page's tables: every converted pledge with the rate used, each nation's burden against
// its means, the coalition's totals and the rankings by measure.
import { useId } from 'react';
import type { BurdenMeasure, BurdenReport, NationBurden } from '../../../src/domain/analysis/burden.ts';
import { PLEDGE_STAGES } from '../../../src/domain/scenario-schema.ts';
import type { UserView } from '../api-client.ts';
import { countOf, formatDate, formatNumber } from '../format.ts';
import { canEditRecord, editRecordPath } from '../pages/edit-paths.ts';
import {
  STAGE_LABELS,
  describeRate,
  formatEur,
  formatMoney,
  formatPer100k,
  formatPerCapita,
  formatShare,
} from '../pages/funding-format.ts';
import { Link } from '../router.tsx';
import type { Column } from './data-table.tsx';

const MEASURE_LABELS: Readonly<Record<BurdenMeasure, string>> = {
  eur: 'EUR pledged',
  shareOfGdp: 'Share of GDP',
  eurPerCapita: 'EUR per capita',
  personnel: 'Personnel',
  personnelPer100k: 'Personnel per 100,000 inhabitants',
};

function formatMeasure(measure: BurdenMeasure, value: number): string {
  switch (measure) {
    case 'eur':
      return formatEur(value);
    case 'shareOfGdp':
      return formatShare(value);
    case 'eurPerCapita':
      return formatPerCapita(value);
    case 'personnel':
      return formatNumber(value);
    case 'personnelPer100k':
      return formatPer100k(value);
  }
}

export function pledgeColumns(
  scenarioId: string,
  user: Pick<UserView, 'role' | 'nation'>,
  back: string,
  nameOf: (id: string) => string,
  purposeOf: (id: string) => string | undefined,
): Column<BurdenReport['pledges'][number]>[] {
  return [
    {
      id: 'id',
      header: 'Pledge',
      rowHeader: true,
      cell: (p) => (
        <>
          <span className="mono">{p.id}</span>
          {purposeOf(p.id) && <span className="cell-note block">{purposeOf(p.id)}</span>}
        </>
      ),
      sortValue: (p) => p.id,
    },
    { id: 'nation', header: 'Nation', cell: (p) => nameOf(p.nation), sortValue: (p) => nameOf(p.nation) },
    {
      id: 'date',
      header: 'Date',
      className: 'nowrap',
      cell: (p) => <time dateTime={p.date}>{formatDate(p.date)}</time>,
      sortValue: (p) => p.date,
      firstDirection: 'descending',
    },
    {
      id: 'stage',
      header: 'Stage',
      cell: (p) => <span className={`stage-badge stage-${p.stage}`}>{STAGE_LABELS[p.stage]}</span>,
      sortValue: (p) => PLEDGE_STAGES.indexOf(p.stage),
    },
    {
      id: 'amount',
      header: 'Amount',
      numeric: true,
      cell: (p) => formatMoney(p.amount, p.currency),
      sortValue: (p) => p.amount,
      firstDirection: 'descending',
    },
    {
      id: 'rate',
      header: 'Rate used',
      className: 'rate',
      cell: (p) => describeRate(p.rate, p.currency),
      sortValue: (p) => p.rate.period,
    },
    {
      id: 'eur',
      header: 'EUR',
      numeric: true,
      cell: (p) => formatEur(p.eur),
      sortValue: (p) => p.eur,
      firstDirection: 'descending',
    },
    {
      id: 'edit',
      header: 'Change',
      cell: (p) =>
        canEditRecord(user, 'pledges', p.nation) ? (
          <Link to={editRecordPath(scenarioId, 'pledges', p.id, { back })} aria-label={`Edit pledge ${p.id}`}>
            Edit
          </Link>
        ) : (
          <span className="cell-note">–</span>
        ),
    },
  ];
}

export const NATION_COLUMNS: readonly Column<NationBurden>[] = [
  { id: 'name', header: 'Nation', rowHeader: true, cell: (n) => n.name, sortValue: (n) => n.name },
  {
    id: 'eur',
    header: 'Committed',
    numeric: true,
    cell: (n) => (
      <>
        {formatEur(n.eur.committed)}
        {n.shareOfCoalitionEur !== null && n.eur.committed > 0 && (
          <span className="cell-note block">{formatShare(n.shareOfCoalitionEur)} of coalition</span>
        )}
      </>
    ),
    sortValue: (n) => n.eur.committed,
    firstDirection: 'descending',
  },
  {
    id: 'allocated',
    header: 'Allocated',
    numeric: true,
    cell: (n) => formatEur(n.eur.allocated),
    sortValue: (n) => n.eur.allocated,
    firstDirection: 'descending',
  },
  {
    id: 'delivered',
    header: 'Delivered',
    numeric: true,
    cell: (n) => formatEur(n.eur.delivered),
    sortValue: (n) => n.eur.delivered,
    firstDirection: 'descending',
  },
  {
    id: 'shareOfGdp',
    header: 'Share of GDP',
    numeric: true,
    cell: (n) => (n.gdp.ok ? formatShare(n.shareOfGdp) : <span title={n.gdp.reason}>GDP unknown</span>),
    sortValue: (n) => n.shareOfGdp,
    firstDirection: 'descending',
  },
  {
    id: 'eurPerCapita',
    header: 'EUR per capita',
    numeric: true,
    cell: (n) => formatPerCapita(n.eurPerCapita),
    sortValue: (n) => n.eurPerCapita,
    firstDirection: 'descending',
  },
  {
    id: 'personnel',
    header: 'Personnel',
    numeric: true,
    cell: (n) => formatNumber(n.personnel),
    sortValue: (n) => n.personnel,
    firstDirection: 'descending',
  },
  {
    id: 'personnelPer100k',
    header: 'Personnel per 100k',
    numeric: true,
    cell: (n) => formatPer100k(n.personnelPer100k),
    sortValue: (n) => n.personnelPer100k,
    firstDirection: 'descending',
  },
];

export function CoalitionTotals({
  report,
  nameOf,
}: {
  report: BurdenReport;
  nameOf: (id: string) => string;
}) {
  const c = report.coalition;
  return (
    <dl className="coalition-totals" aria-label="Coalition totals">
      <div>
        <dt>Coalition, committed</dt>
        <dd>{formatEur(c.eur.committed)}</dd>
      </div>
      <div>
        <dt>Share of GDP</dt>
        <dd>{formatShare(c.shareOfGdp)}</dd>
      </div>
      <div>
        <dt>EUR per capita</dt>
        <dd>{formatPerCapita(c.eurPerCapita)}</dd>
      </div>
      <div>
        <dt>Personnel</dt>
        <dd>{formatNumber(c.personnel)}</dd>
      </div>
      <div>
        <dt>Personnel per 100k</dt>
        <dd>{formatPer100k(c.personnelPer100k)}</dd>
      </div>
      {c.gdpUnknown.length > 0 && (
        <div>
          <dt>GDP unknown</dt>
          <dd>{c.gdpUnknown.map(nameOf).join(', ')}</dd>
        </div>
      )}
    </dl>
  );
}

export function Ranking({
  measure,
  report,
  nameOf,
}: {
  measure: BurdenMeasure;
  report: BurdenReport;
  nameOf: (id: string) => string;
}) {
  const heading = useId();
  // Nations with nothing to rank on this measure (no money pledged) are counted, not listed.
  const entries = report.rankings[measure].filter((e) => e.value > 0);
  const none = report.rankings[measure].length - entries.length;
  return (
    <section className="ranking" aria-labelledby={heading}>
      <h3 id={heading}>{MEASURE_LABELS[measure]}</h3>
      {entries.length === 0 ? (
        <p className="panel-note">No nation to rank.</p>
      ) : (
        <ol>
          {entries.map((e) => (
            <li key={e.nation}>
              <span className="ranking-name">{nameOf(e.nation)}</span>
              <span className="ranking-value">{formatMeasure(measure, e.value)}</span>
            </li>
          ))}
        </ol>
      )}
      {none > 0 && entries.length > 0 && (
        <p className="panel-note">{countOf(none, 'other nation', 'other nations')}: none.</p>
      )}
    </section>
  );
}
