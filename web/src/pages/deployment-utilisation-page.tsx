// Lift and reception utilisation: two heat maps, arcs by day and nodes (ports, crossings, staging
// areas) by day, coloured by the share of their daily capacity the plan uses, busiest first. Each has
// its table beneath with the same rows: capacity, peak, days at capacity and the first such day.
import { useId, useMemo, useState } from 'react';
import type { PlanArc, PlanNode, PlanReport } from '../../../src/contract/plan.ts';
import { formatCDay } from '../components/analysis-common.tsx';
import { Chart, type ChartOption } from '../components/chart.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import {
  arcName,
  firstDayAtCapacity,
  heatMapData,
  modeLabel,
  nodeKindLabel,
  nodesById,
  shortArcName,
  shortName,
  type HeatMapData,
  type HeatSource,
} from '../components/deployment-model.ts';
import { countOf, formatNumber } from '../format.ts';

/** How many rows a heat map shows unless the reader asks for all. */
export const HEAT_LIMITS = [25, 50] as const;

/** The colour bands of utilisation, emptiest first; each named in the legend. */
export const HEAT_BANDS: readonly { gte: number; lt?: number; label: string; color: string }[] = [
  { gte: 0, lt: 0.25, label: 'Under 25%', color: '#d6e8f5' },
  { gte: 0.25, lt: 0.5, label: '25–50%', color: '#8fc1e3' },
  { gte: 0.5, lt: 0.75, label: '50–75%', color: '#f4c65b' },
  { gte: 0.75, lt: 0.999, label: '75–99%', color: '#e8833a' },
  { gte: 0.999, label: 'At capacity', color: '#a61b1b' },
];

/** Text for an ECharts tooltip, which is HTML: names come from the scenario and must not be markup. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function formatUtilisation(u: number): string {
  return `${Math.round(u * 100)}%`;
}

interface HeatRow extends HeatSource {
  /** The name on the chart's axis, without the explanations in brackets. */
  short: string;
  /** "600 personnel, 3,000 t a day". */
  capacity: string;
}

export function heatMapOption(data: HeatMapData<HeatRow>): ChartOption {
  const labels = data.rows.map((r) => r.short);
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 32, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: [number, number, number] }) => {
        const [day, row, u] = p.data;
        const r = data.rows[row];
        if (!r) return '';
        return `${escapeHtml(r.label)}<br/>${formatCDay(day)}: <b>${formatUtilisation(u)}</b> of capacity<br/>Capacity ${escapeHtml(r.capacity)}`;
      },
    },
    xAxis: {
      type: 'category',
      data: Array.from({ length: data.days }, (_, d) => formatCDay(d)),
      name: 'C-day',
      nameLocation: 'middle',
      nameGap: 22,
      nameTextStyle: { color: '#4f5b67' },
      splitArea: { show: false },
      axisLabel: { color: '#4f5b67' },
    },
    yAxis: {
      type: 'category',
      data: labels,
      inverse: true,
      axisLabel: { color: '#17202a', width: 260, overflow: 'truncate', fontSize: 11 },
    },
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      top: 0,
      right: 0,
      itemWidth: 14,
      itemHeight: 10,
      textStyle: { color: '#17202a' },
      pieces: HEAT_BANDS.map((b) => ({
        gte: b.gte,
        ...(b.lt !== undefined && { lt: b.lt }),
        label: b.label,
        color: b.color,
      })),
    },
    series: [
      {
        type: 'heatmap',
        data: data.cells,
        itemStyle: { borderColor: '#ffffff', borderWidth: 0.5 },
        emphasis: { itemStyle: { borderColor: '#17202a', borderWidth: 1 } },
      },
    ],
  };
}

export function UtilisationView({ report }: { report: PlanReport }) {
  const nodes = useMemo(() => nodesById(report), [report]);
  const arcRows = useMemo(
    () =>
      report.arcs.map((a): HeatRow & { arc: PlanArc } => ({
        ...a,
        label: arcName(nodes, a),
        short: shortArcName(nodes, a),
        capacity: `${formatNumber(a.capacityPerDay.personnel)} personnel, ${formatNumber(a.capacityPerDay.tonnes)} t a day`,
        arc: a,
      })),
    [report, nodes],
  );
  const nodeRows = useMemo(
    () =>
      report.nodes.map((n): HeatRow & { node: PlanNode } => ({
        ...n,
        label: `${n.name} (${n.nation})`,
        short: `${shortName(n.name)} (${n.nation})`,
        capacity: n.receptionPerDay
          ? `${formatNumber(n.receptionPerDay.personnel)} personnel, ${formatNumber(n.receptionPerDay.tonnes)} t a day`
          : 'unlimited',
        node: n,
      })),
    [report],
  );
  return (
    <>
      <HeatPanel
        title="Arc utilisation"
        what="arcs"
        axisName="Arc"
        rows={arcRows}
        unusedNote="carrying nothing in this plan"
        detailHeader="Mode"
        detail={(r) => modeLabel(r.arc.mode)}
      />
      <HeatPanel
        title="Node reception"
        what="nodes"
        axisName="Node"
        rows={nodeRows}
        unusedNote="receiving nothing or without a reception limit"
        detailHeader="Kind"
        detail={(r) => nodeKindLabel(r.node.kind)}
      />
    </>
  );
}

function HeatPanel<R extends HeatRow>({
  title,
  what,
  axisName,
  rows,
  unusedNote,
  detailHeader,
  detail,
}: {
  title: string;
  what: string;
  axisName: string;
  rows: readonly R[];
  unusedNote: string;
  detailHeader: string;
  detail: (row: R) => string;
}) {
  const id = useId();
  const [chosen, setLimit] = useState<number>(HEAT_LIMITS[0]);
  const used = useMemo(() => rows.filter((r) => r.peak > 0).length, [rows]);
  const limit = chosen >= used ? Infinity : chosen;
  const data = useMemo(() => heatMapData(rows, limit), [rows, limit]);
  const option = useMemo(() => heatMapOption(data), [data]);
  const atCapacity = data.rows.filter((r) => r.daysAtCapacity > 0).length;
  const columns: Column<R>[] = [
    {
      id: 'name',
      header: axisName,
      rowHeader: true,
      cell: (r) => r.label,
      sortValue: (r) => r.label,
      className: 'name-cell',
    },
    { id: 'detail', header: detailHeader, cell: detail, sortValue: detail },
    { id: 'capacity', header: 'Capacity', cell: (r) => r.capacity },
    {
      id: 'peak',
      header: 'Peak',
      numeric: true,
      cell: (r) => formatUtilisation(r.peak),
      sortValue: (r) => r.peak,
      firstDirection: 'descending',
    },
    {
      id: 'days',
      header: 'Days at capacity',
      numeric: true,
      cell: (r) => formatNumber(r.daysAtCapacity),
      sortValue: (r) => r.daysAtCapacity,
      firstDirection: 'descending',
    },
    {
      id: 'first',
      header: 'First full',
      numeric: true,
      cell: (r) => {
        const d = firstDayAtCapacity(r.utilisation);
        return d === null ? <span className="no">—</span> : formatCDay(d);
      },
      sortValue: (r) => firstDayAtCapacity(r.utilisation) ?? Infinity,
    },
  ];
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="filter-fields">
        <div className="field">
          <label htmlFor={`${id}-limit`}>{`${what[0]!.toUpperCase()}${what.slice(1)} shown`}</label>
          <select
            id={`${id}-limit`}
            className="input"
            value={String(limit)}
            onChange={(e) => setLimit(Number(e.target.value))}
          >
            {HEAT_LIMITS.filter((l) => l < used).map((l) => (
              <option key={l} value={String(l)}>
                Busiest {l}
              </option>
            ))}
            <option value={String(Infinity)}>All {formatNumber(used)} in use</option>
          </select>
        </div>
      </div>
      <p className="panel-note">
        {countOf(used, what.slice(0, -1), what)} in use, busiest first; {formatNumber(atCapacity)} of those
        shown reach capacity.
        {data.unused > 0 && ` Not shown, ${unusedNote}: ${countOf(data.unused, what.slice(0, -1), what)}.`}
      </p>
      {data.rows.length === 0 ? (
        <p className="empty-cell">No {what.slice(0, -1)} is used in this plan.</p>
      ) : (
        <Chart
          option={option}
          height={Math.max(200, data.rows.length * 18 + 90)}
          ariaLabel={`Heat map: ${title.toLowerCase()} by C-day for the ${data.rows.length} busiest ${what}, coloured by share of daily capacity`}
        >
          <details className="chart-data">
            <summary>{title} as a table</summary>
            <DataTable
              caption={title}
              captionHidden
              columns={columns}
              rows={data.rows}
              rowKey={(r) => r.id}
            />
          </details>
        </Chart>
      )}
    </section>
  );
}
