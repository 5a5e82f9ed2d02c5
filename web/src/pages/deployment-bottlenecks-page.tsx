// Bottlenecks: the arcs and nodes that hold the force back most (priority-weighted ULN-days of cargo
// waiting there), each with what happens there in words; the closure windows of the network and the
// ULNs each held; and every ULN that misses its LAD, with the reason, a page at a time.
import { useId, useMemo } from 'react';
import type { PlanBottleneck, PlanClosure, PlanReport } from '../../../src/contract/plan.ts';
import { formatCDay } from '../components/analysis-common.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { datedDay, daySpan } from '../components/deployment-model.ts';
import { PageControls, usePage } from '../components/page-controls.tsx';
import { countOf, formatNumber } from '../format.ts';

export const MISSED_LAD_PAGE_SIZE = 100;

const ONE_DECIMAL = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function BottlenecksView({ report }: { report: PlanReport }) {
  return (
    <>
      <BottleneckTable bottlenecks={report.bottlenecks} />
      {report.closures.length > 0 && <ClosureTable report={report} />}
      <MissedLadTable report={report} />
    </>
  );
}

function BottleneckTable({ bottlenecks }: { bottlenecks: readonly PlanBottleneck[] }) {
  const id = useId();
  const ranked = useMemo(() => bottlenecks.map((b, i) => ({ ...b, rank: i + 1 })), [bottlenecks]);
  const columns: Column<PlanBottleneck & { rank: number }>[] = [
    { id: 'rank', header: 'Rank', numeric: true, cell: (b) => b.rank, sortValue: (b) => b.rank },
    {
      id: 'name',
      header: 'Where',
      rowHeader: true,
      cell: (b) => b.name,
      sortValue: (b) => b.name,
      className: 'name-cell',
    },
    {
      id: 'kind',
      header: 'Kind',
      cell: (b) => (b.kind === 'arc' ? 'Arc (lift)' : 'Node (reception)'),
      sortValue: (b) => b.kind,
    },
    {
      id: 'days',
      header: 'Days at capacity',
      numeric: true,
      cell: (b) => formatNumber(b.daysAtCapacity),
      sortValue: (b) => b.daysAtCapacity,
      firstDirection: 'descending',
    },
    {
      id: 'waiting',
      header: 'Weighted waiting',
      numeric: true,
      cell: (b) => (
        <>
          {ONE_DECIMAL.format(b.weightedWaiting)}
          <span className="cell-note block">ULN-days</span>
        </>
      ),
      sortValue: (b) => b.weightedWaiting,
      firstDirection: 'descending',
    },
    { id: 'why', header: 'What happens there', cell: (b) => b.explanation, className: 'explanation-cell' },
  ];
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Bottlenecks</h2>
      <p className="panel-note">
        Ranked by days at capacity times the priority-weighted ULN-days of cargo held back there (priority 1
        counts fully, priority 2 half, and so on); a closed arc, with waiting but no days at capacity, comes
        after those.
      </p>
      <DataTable
        caption="Bottlenecks"
        captionHidden
        columns={columns}
        rows={ranked}
        rowKey={(b) => `${b.kind}:${b.id}`}
        emptyMessage="No arc or node holds any cargo back."
      />
    </section>
  );
}

function ClosureTable({ report }: { report: PlanReport }) {
  const id = useId();
  const day = datedDay(report.cDay, formatCDay);
  const columns: Column<PlanClosure>[] = [
    { id: 'name', header: 'Where', rowHeader: true, cell: (c) => c.name, className: 'name-cell' },
    {
      id: 'when',
      header: 'Closed',
      cell: (c) => daySpan(c.from, c.to, day),
      sortValue: (c) => c.from,
    },
    { id: 'reason', header: 'Why', cell: (c) => c.reason, className: 'explanation-cell' },
    {
      id: 'held',
      header: 'ULNs held',
      numeric: true,
      cell: (c) => formatNumber(c.ulnsHeld),
      sortValue: (c) => c.ulnsHeld,
      firstDirection: 'descending',
    },
    {
      id: 'days',
      header: 'Longest hold',
      numeric: true,
      cell: (c) => (c.ulnsHeld > 0 ? countOf(c.mostDaysHeld, 'day') : '—'),
      sortValue: (c) => c.mostDaysHeld,
    },
    {
      id: 'missing',
      header: 'Of them miss their LAD',
      numeric: true,
      cell: (c) => formatNumber(c.ulnsMissingLad),
      sortValue: (c) => c.ulnsMissingLad,
    },
  ];
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Closures</h2>
      <p className="panel-note">
        Days on which nothing departs on an arc (loads already on their way arrive). A ULN is held when its
        cargo waited at the arc while it was closed.
      </p>
      <DataTable
        caption="Closures"
        captionHidden
        columns={columns}
        rows={report.closures}
        rowKey={(c) => `${c.arc}:${c.from}`}
      />
    </section>
  );
}

function MissedLadTable({ report }: { report: PlanReport }) {
  const id = useId();
  const byUln = useMemo(() => new Map(report.ulns.map((u) => [u.uln, u])), [report]);
  const page = usePage(report.missedLad, MISSED_LAD_PAGE_SIZE);
  type Row = PlanReport['missedLad'][number];
  const columns: Column<Row>[] = [
    {
      id: 'uln',
      header: 'ULN',
      rowHeader: true,
      cell: (m) => {
        const u = byUln.get(m.uln);
        return (
          <>
            {m.uln}
            {u && (
              <span className="cell-note block">
                {u.capability} · priority {u.priority}
              </span>
            )}
          </>
        );
      },
      className: 'mono-cell',
    },
    {
      id: 'pax',
      header: 'PAX',
      numeric: true,
      cell: (m) => {
        const u = byUln.get(m.uln);
        return u ? formatNumber(u.personnel) : '—';
      },
    },
    { id: 'reason', header: 'Why it misses its LAD', cell: (m) => m.reason, className: 'explanation-cell' },
  ];
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        ULNs that miss their LAD{' '}
        <span className="heading-count">{formatNumber(report.missedLad.length)}</span>
      </h2>
      <p className="panel-note">
        {report.missedLad.length === 0
          ? 'Every ULN reaches its port of debarkation by its latest arrival date.'
          : `${countOf(report.missedLad.length, 'ULN')} of ${formatNumber(report.ulns.length)} cannot arrive by their LAD.`}
      </p>
      {report.missedLad.length > 0 && (
        <>
          <DataTable
            caption="ULNs that miss their LAD"
            captionHidden
            columns={columns}
            rows={page.rows}
            rowKey={(m) => m.uln}
          />
          <PageControls
            page={page.page}
            pages={page.pages}
            pageSize={MISSED_LAD_PAGE_SIZE}
            total={report.missedLad.length}
            onPage={page.setPage}
            what="ULNs"
          />
        </>
      )}
    </section>
  );
}
