// The resilience Monte Carlo per line and per nation: each requirement line's chance of being
// filled, and each nation's probability of delivering with where it came from.
import { useId } from 'react';
import type {
  LineResilience,
  MonteCarloReport,
  NationDelivery,
} from '../../../src/domain/analysis/resilience-report.ts';
import { countOf, formatNumber } from '../format.ts';
import { DOMAIN_LABELS, LineStatus, NationName, formatProbability } from './analysis-common.tsx';
import { DataTable, type Column } from './data-table.tsx';
import { StanceBadge } from './stance-badge.tsx';

export function LinesPanel({ lines, draws }: { lines: LineResilience[]; draws: number }) {
  const id = useId();
  const columns: Column<LineResilience>[] = [
    {
      id: 'line',
      header: 'Line',
      rowHeader: true,
      cell: (l) => (
        <>
          {l.line}
          <span className="cell-note block">
            {l.capability} · {DOMAIN_LABELS[l.domain]} · {l.sector}
          </span>
        </>
      ),
      sortValue: (l) => l.line,
    },
    {
      id: 'priority',
      header: 'Priority',
      numeric: true,
      cell: (l) => l.priority,
      sortValue: (l) => l.priority,
    },
    {
      id: 'all',
      header: 'Every nation delivers',
      cell: (l) => (
        <>
          <LineStatus status={l.allDeliver.status} />
          <span className="cell-note block">
            {formatNumber(l.allDeliver.filledQuantity)} of {countOf(l.requiredQuantity, 'unit')}
          </span>
        </>
      ),
      sortValue: (l) => l.allDeliver.filledQuantity / Math.max(1, l.requiredQuantity),
    },
    {
      id: 'filled',
      header: 'P(filled)',
      numeric: true,
      cell: (l) => <Chance p={l.probabilityFilled} />,
      sortValue: (l) => l.probabilityFilled,
    },
    {
      id: 'empty',
      header: 'P(empty)',
      numeric: true,
      cell: (l) => formatProbability(l.probabilityEmpty),
      sortValue: (l) => l.probabilityEmpty,
      firstDirection: 'descending',
    },
    {
      id: 'mean',
      header: 'Mean fill',
      numeric: true,
      cell: (l) => formatProbability(l.meanFillRatio),
      sortValue: (l) => l.meanFillRatio,
    },
  ];
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Chance each line is filled</h2>
      <p className="figure-note">
        Share of the {formatNumber(draws)} draws in which the line is completely filled, or left empty; least
        likely first when sorted by P(filled).
      </p>
      <DataTable
        caption="Chance each line is filled"
        captionHidden
        columns={columns}
        rows={lines}
        rowKey={(l) => l.line}
      />
    </section>
  );
}

/** A probability with a bar behind it (decoration: the number is the content). */
function Chance({ p }: { p: number }) {
  return (
    <span className="chance">
      {formatProbability(p)}
      <span className="chance-bar" aria-hidden="true">
        <span className="chance-bar-value" style={{ width: `${Math.round(p * 100)}%` }} />
      </span>
    </span>
  );
}

export function DeliveryPanel({ mc, names }: { mc: MonteCarloReport; names: ReadonlyMap<string, string> }) {
  const id = useId();
  const FROM: Record<NationDelivery['probabilityFrom'], string> = {
    stance: 'its stance',
    'nation-override': 'set for the nation',
    excluded: 'left out',
  };
  const columns: Column<NationDelivery>[] = [
    {
      id: 'nation',
      header: 'Nation',
      rowHeader: true,
      cell: (n) => <NationName names={names} code={n.nation} />,
      sortValue: (n) => names.get(n.nation) ?? n.nation,
    },
    {
      id: 'stance',
      header: 'Stance',
      cell: (n) => (n.stance ? <StanceBadge stance={n.stance} /> : <span className="no">None recorded</span>),
    },
    {
      id: 'p',
      header: 'Chance of delivering',
      numeric: true,
      cell: (n) => (
        <>
          {formatProbability(n.probability)}
          <span className="cell-note block">from {FROM[n.probabilityFrom]}</span>
        </>
      ),
      sortValue: (n) => n.probability,
      firstDirection: 'descending',
    },
    {
      id: 'delivered',
      header: 'Delivered in draws',
      numeric: true,
      cell: (n) => formatProbability(n.deliveredShare),
      sortValue: (n) => n.deliveredShare,
      firstDirection: 'descending',
    },
    {
      id: 'available',
      header: 'Counting personnel',
      numeric: true,
      cell: (n) => formatNumber(n.personnelAvailable),
      sortValue: (n) => n.personnelAvailable,
      firstDirection: 'descending',
    },
  ];
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Who delivers in the draws</h2>
      <DataTable
        caption="Who delivers in the draws"
        captionHidden
        columns={columns}
        rows={mc.nations}
        rowKey={(n) => n.nation}
      />
    </section>
  );
}
