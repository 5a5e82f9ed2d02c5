// The force generation fill's totals beside the matrix: by nation, by domain, and the offers left
// over with the reason each is not used.
import { useMemo } from 'react';
import type { ForceFillReport, UnmatchedOffer } from '../../../src/domain/analysis/force-fill-report.ts';
import { formatNumber } from '../format.ts';
import { DOMAIN_LABELS, NationName, formatShare, type DomainFilter } from './analysis-common.tsx';
import { DataTable, type Column } from './data-table.tsx';

export function NationTotals({
  report,
  names,
}: {
  report: ForceFillReport;
  names: ReadonlyMap<string, string>;
}) {
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

export function DomainTotals({ report, domain }: { report: ForceFillReport; domain: DomainFilter }) {
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

// Offers left over.

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

export function UnmatchedOffers({
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
