// Every rate the cost was computed at, so a figure on the Cost page can be traced: the rate as given
// (amount and currency), in euros with the exchange rate and its period, whether the scenario, a
// nation or the product's default sets it, and the source it comes from (linked only through
// externalHref) or the assumption it rests on.
import { useId } from 'react';
import type { CostResult } from '../../../src/contract/analyses/cost.ts';
import { externalHref } from '../external-link.ts';
import { formatDate } from '../format.ts';
import {
  COST_DOMAIN_LABELS,
  COST_MODE_LABELS,
  RATE_FROM_LABELS,
  describeConversion,
  formatEurRate,
  formatRateGiven,
  type CostRate,
} from './cost-format.ts';
import { DataTable, type Column } from './data-table.tsx';

export interface RateRow {
  key: string;
  label: string;
  per: string;
  rate: CostRate;
}

const PER_PERSON = 'person per month';

/** The rates in the order a cost is built: personnel, nations' own, sustainment, transport. */
export function rateRows(result: CostResult): RateRow[] {
  const names = new Map(result.nations.map((n) => [n.nation, n.name]));
  const r = result.rates;
  return [
    { key: 'personnel', label: 'Personnel', per: PER_PERSON, rate: r.personnelPerMonth },
    ...r.nationPersonnelPerMonth.map((x) => ({
      key: `personnel-${x.nation}`,
      label: `Personnel, ${names.get(x.nation) ?? x.nation}`,
      per: PER_PERSON,
      rate: x,
    })),
    ...r.sustainmentPerMonth.map((x) => ({
      key: `sustainment-${x.domain}`,
      label: `Sustainment, ${COST_DOMAIN_LABELS[x.domain].toLowerCase()}`,
      per: PER_PERSON,
      rate: x,
    })),
    ...r.transportPerLoad.map((x) => ({
      key: `transport-${x.mode}`,
      label: `Transport, ${COST_MODE_LABELS[x.mode].toLowerCase()}`,
      per: 'load',
      rate: x,
    })),
  ];
}

/** Where a rate comes from: its source (a link when it has an http(s) URL), or its assumption. */
export function RateProvenance({ rate }: { rate: CostRate }) {
  const { source, assumption } = rate;
  if (!source && assumption === undefined) return <span className="cell-note">No source given</span>;
  const href = externalHref(source?.url);
  return (
    <>
      {source && (
        <span className="line-block">
          <span className="provenance-label">Source:</span>{' '}
          {href ? (
            <a href={href} target="_blank" rel="noreferrer noopener">
              {source.publication}
            </a>
          ) : (
            <cite>{source.publication}</cite>
          )}
          {source.date && (
            <>
              , <time dateTime={source.date}>{formatDate(source.date)}</time>
            </>
          )}
          {source.note && <span className="cell-note block">{source.note}</span>}
        </span>
      )}
      {assumption !== undefined && (
        <span className="line-block">
          <span className="provenance-label">Assumption:</span> {assumption}
        </span>
      )}
    </>
  );
}

const RATE_COLUMNS: readonly Column<RateRow>[] = [
  { id: 'rate', header: 'Rate', rowHeader: true, cell: (r) => r.label },
  { id: 'per', header: 'Per', cell: (r) => r.per },
  {
    id: 'given',
    header: 'As given',
    numeric: true,
    className: 'nowrap',
    cell: (r) => formatRateGiven(r.rate),
  },
  { id: 'eur', header: 'In EUR', numeric: true, className: 'nowrap', cell: (r) => formatEurRate(r.rate.eur) },
  {
    id: 'conversion',
    header: 'Exchange rate',
    className: 'cost-conversion',
    cell: (r) => describeConversion(r.rate),
  },
  { id: 'from', header: 'Set by', cell: (r) => RATE_FROM_LABELS[r.rate.from] },
  {
    id: 'provenance',
    header: 'Source or assumption',
    className: 'cost-provenance',
    cell: (r) => <RateProvenance rate={r.rate} />,
  },
];

export function RatesPanel({ result }: { result: CostResult }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Rates</h2>
      <p className="panel-note">
        The rates every figure above is computed at: the scenario’s own (its cost assumptions), a nation’s own
        rate for its personnel, or the default. The UN troop reimbursement rate, the default for personnel, is
        a floor: it repays common additional costs, not the full cost of a force.
      </p>
      <DataTable
        caption="Rates used"
        captionHidden
        rows={rateRows(result)}
        rowKey={(r) => r.key}
        columns={RATE_COLUMNS}
      />
    </section>
  );
}
