// The ULN schedule: a Gantt chart with one row per ULN (legs as bars coloured by mode, ALD, LAD and
// RDD as markers), filtered by nation, priority and lateness and sorted as the planner chooses, and
// the same rows as a table a page at a time: the chart's text alternative, and where each ULN's
// figures can be read and copied.
import { useId, useMemo, useState } from 'react';
import type { PlanReport, PlanUln } from '../../../src/contract/plan.ts';
import { formatCDay } from '../components/analysis-common.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import {
  DEFAULT_GANTT_FILTER,
  GANTT_SORT_LABELS,
  GANTT_STATE_LABELS,
  ULN_STATUS_LABELS,
  datedDay,
  filterGanttRows,
  ganttDayRange,
  liftSummary,
  modeLabel,
  nodeName,
  nodesById,
  routePaths,
  type GanttFilter,
  type GanttSort,
  type GanttState,
} from '../components/deployment-model.ts';
import { GanttChart, GanttLegend } from '../components/gantt-chart.tsx';
import { PageControls, usePage } from '../components/page-controls.tsx';
import { countOf, formatNumber } from '../format.ts';
import { recordPagePath } from '../paths.ts';
import { Link } from '../router.tsx';

export const SCHEDULE_PAGE_SIZE = 50;

export function ScheduleView({ report, scenarioId }: { report: PlanReport; scenarioId: string }) {
  const id = useId();
  const [filter, setFilter] = useState<GanttFilter>(DEFAULT_GANTT_FILTER);
  const nodes = useMemo(() => nodesById(report), [report]);
  const rows = useMemo(() => filterGanttRows(report.ulns, filter), [report, filter]);
  // The scale covers every ULN, so a filter does not stretch the chart under the reader's eyes.
  const range = useMemo(() => ganttDayRange(report.ulns, report.today), [report]);
  const nations = useMemo(() => [...new Set(report.ulns.map((u) => u.nation))].sort(), [report]);
  const priorities = useMemo(
    () => [...new Set(report.ulns.map((u) => u.priority))].sort((a, b) => a - b),
    [report],
  );
  const set = (changes: Partial<GanttFilter>) => setFilter((f) => ({ ...f, ...changes }));
  return (
    <>
      <section className="panel" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>ULN schedule</h2>
        <div className="filter-fields" role="group" aria-label="Filter and sort the ULNs">
          <div className="field">
            <label htmlFor={`${id}-nation`}>Nation</label>
            <select
              id={`${id}-nation`}
              className="input"
              value={filter.nation}
              onChange={(e) => set({ nation: e.target.value })}
            >
              <option value="">Every nation</option>
              {nations.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-priority`}>Priority</label>
            <select
              id={`${id}-priority`}
              className="input"
              value={filter.priority}
              onChange={(e) => set({ priority: e.target.value })}
            >
              <option value="">Every priority</option>
              {priorities.map((p) => (
                <option key={p} value={String(p)}>
                  {p}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-state`}>Show</label>
            <select
              id={`${id}-state`}
              className="input"
              value={filter.state}
              onChange={(e) => set({ state: e.target.value as GanttState })}
            >
              {Object.entries(GANTT_STATE_LABELS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-sort`}>Sort by</label>
            <select
              id={`${id}-sort`}
              className="input"
              value={filter.sort}
              onChange={(e) => set({ sort: e.target.value as GanttSort })}
            >
              {Object.entries(GANTT_SORT_LABELS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="panel-note" role="status">
          {rows.length === report.ulns.length
            ? `All ${countOf(rows.length, 'ULN')}.`
            : `${formatNumber(rows.length)} of ${countOf(report.ulns.length, 'ULN')} match.`}
        </p>
        <GanttLegend />
        {rows.length > 0 ? (
          <GanttChart
            rows={rows}
            range={range}
            nodes={nodes}
            today={report.today}
            describedBy={`${id}-alt`}
            cDay={report.cDay}
          />
        ) : (
          <p className="empty-cell">No ULN matches these filters.</p>
        )}
        <p className="chart-caption" id={`${id}-alt`}>
          Each bar runs from a leg’s first departure to its last arrival (a ULN moves in several loads). The
          table below gives the same schedule in text.
        </p>
      </section>
      <ScheduleTable rows={rows} report={report} scenarioId={scenarioId} />
    </>
  );
}

function ScheduleTable({
  rows,
  report,
  scenarioId,
}: {
  rows: readonly PlanUln[];
  report: PlanReport;
  scenarioId: string;
}) {
  const id = useId();
  const nodes = useMemo(() => nodesById(report), [report]);
  const page = usePage(rows, SCHEDULE_PAGE_SIZE);
  // A generated force list is not stored, so its ULNs have no record page to link to.
  const stored = report.forceList.source === 'stored';
  // Each day with its calendar date once the scenario sets a C-day.
  const day = datedDay(report.cDay, formatCDay);
  const columns: Column<PlanUln>[] = [
    {
      id: 'uln',
      header: 'ULN',
      rowHeader: true,
      cell: (u) => (
        <>
          {stored ? <Link to={recordPagePath(scenarioId, 'ulns', u.uln)}>{u.uln}</Link> : u.uln}
          <span className="cell-note block">
            {u.nation} · {u.capability}
          </span>
        </>
      ),
      className: 'mono-cell',
    },
    { id: 'pax', header: 'PAX', numeric: true, cell: (u) => formatNumber(u.personnel) },
    { id: 'priority', header: 'Priority', numeric: true, cell: (u) => u.priority },
    { id: 'ald', header: 'ALD', numeric: true, cell: (u) => day(u.ald) },
    {
      id: 'window',
      header: 'EAD–LAD',
      numeric: true,
      cell: (u) => `${day(u.ead)}–${day(u.lad)}`,
    },
    { id: 'rdd', header: 'RDD', numeric: true, cell: (u) => day(u.rdd) },
    {
      id: 'departs',
      header: 'Departs',
      numeric: true,
      cell: (u) => (u.legs[0] ? day(u.legs[0].firstDeparture) : '—'),
    },
    {
      id: 'arrives',
      header: 'Arrives',
      numeric: true,
      cell: (u) =>
        u.status !== 'scheduled' ? (
          <span className="shortfall-text">{ULN_STATUS_LABELS[u.status]}</span>
        ) : (
          <>
            {day(u.arrivalDay ?? 0)}
            {u.heldBy && <span className="cell-note block">{u.heldBy.text}</span>}
          </>
        ),
    },
    {
      // Beside arrival: the day its personnel and critical equipment are in, which lateness counts
      // from; an unmoved ULN counts as delivered on the penalty day.
      id: 'delivered',
      header: 'Delivered',
      numeric: true,
      cell: (u) =>
        u.status !== 'scheduled' ? (
          <span className="shortfall-text">Penalty: {day(report.objective.penaltyDay)}</span>
        ) : (
          day(u.deliveredDay ?? u.arrivalDay ?? 0)
        ),
    },
    {
      id: 'late',
      header: 'Days late',
      numeric: true,
      cell: (u) =>
        u.daysLate > 0 ? <span className="shortfall-text">{u.daysLate}</span> : <span className="no">0</span>,
    },
    {
      id: 'route',
      header: 'Route',
      cell: (u) =>
        u.legs.length === 0 ? (
          <>
            <span className="no">
              {nodeName(nodes, u.origin)} → {nodeName(nodes, u.destination)}
            </span>
            {/* Why a ULN has no route is often what may carry it: say so. */}
            {u.status === 'no-route' && liftSummary(u) && (
              <span className="cell-note block">Lift: {liftSummary(u)}</span>
            )}
          </>
        ) : (
          routePaths(u).map((path) => (
            <span className="block" key={path.carries ?? 'unit'}>
              {path.carries && `${path.carries}: `}
              {path.legs.map((l) => modeLabel(l.mode)).join(' → ')}
              <span className="cell-note block">
                {[path.legs[0]!.from, ...path.legs.map((l) => l.to)]
                  .map((n) => nodeName(nodes, n))
                  .join(' → ')}
              </span>
            </span>
          ))
        ),
      className: 'route-cell',
    },
  ];
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>ULN schedule as a table</h2>
      <DataTable
        caption="ULN schedule"
        captionHidden
        columns={columns}
        rows={page.rows}
        rowKey={(u) => u.uln}
        emptyMessage="No ULN matches these filters."
      />
      <PageControls
        page={page.page}
        pages={page.pages}
        pageSize={SCHEDULE_PAGE_SIZE}
        total={rows.length}
        onPage={page.setPage}
        what="ULNs"
      />
    </section>
  );
}
