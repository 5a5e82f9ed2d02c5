// The Cost page's charts: the coalition's cost over the horizon against what it has pledged, and the
// same per nation, each a pair of stacked bars. Cost in oranges (personnel, sustainment, transport),
// pledges in the Funding page's blues (delivered, then allocated, then committed only), so the bar's
// length is the total cost against the commitment. Their figures are on the page as text too: the
// caption, the headline figures and the table under the charts.
import { useId, useMemo } from 'react';
import type { CostResult } from '../../../src/contract/analyses/cost.ts';
import { countOf } from '../format.ts';
import { STAGE_COLOURS } from '../pages/funding-format.ts';
import { Chart, type ChartOption } from './chart.tsx';
import { formatEurCompact, formatEurExact, formatMeur } from './cost-format.ts';
import { DataTable, type Column } from './data-table.tsx';

/** What a cost bar and a pledge bar are made of, for one nation or the coalition. */
export interface CostBars {
  key: string;
  name: string;
  personnel: number;
  sustainment: number;
  transport: number;
  total: number;
  delivered: number;
  allocatedOnly: number;
  committedOnly: number;
  committed: number;
}

/** Over `months`: the personnel and sustainment of every month, the transport once. */
export function costBars(
  key: string,
  name: string,
  parts: { personnelPerMonth: number; sustainmentPerMonth: number; transport: number; total: number },
  pledged: { committed: number; allocated: number; delivered: number },
  months: number,
): CostBars {
  return {
    key,
    name,
    personnel: parts.personnelPerMonth * months,
    sustainment: parts.sustainmentPerMonth * months,
    transport: parts.transport,
    total: parts.total,
    delivered: pledged.delivered,
    allocatedOnly: pledged.allocated - pledged.delivered,
    committedOnly: pledged.committed - pledged.allocated,
    committed: pledged.committed,
  };
}

const COST_SERIES: readonly {
  part: 'personnel' | 'sustainment' | 'transport';
  name: string;
  colour: string;
}[] = [
  { part: 'personnel', name: 'Personnel', colour: '#7f2704' },
  { part: 'sustainment', name: 'Sustainment', colour: '#d94801' },
  { part: 'transport', name: 'Transport', colour: '#fdae6b' },
];

const PLEDGE_SERIES: readonly {
  part: 'delivered' | 'allocatedOnly' | 'committedOnly';
  name: string;
  colour: string;
}[] = [
  { part: 'delivered', name: 'Delivered', colour: STAGE_COLOURS.delivered },
  { part: 'allocatedOnly', name: 'Allocated, not yet delivered', colour: STAGE_COLOURS.allocated },
  { part: 'committedOnly', name: 'Committed, not yet allocated', colour: STAGE_COLOURS.committed },
];

const AXIS_TEXT = '#4f5b67';

/** Two stacked bars per row: the cost (stack "cost") and the pledges (stack "pledged"). */
function costAgainstPledgesOption(rows: readonly CostBars[]): ChartOption {
  return {
    grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: '#17202a' } },
    xAxis: {
      type: 'value',
      splitNumber: 3,
      axisLabel: { color: AXIS_TEXT, hideOverlap: true, formatter: (v: number) => formatEurCompact(v) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisLabel: { color: '#17202a' },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => formatEurExact(Number(v)),
    },
    series: [
      ...COST_SERIES.map((s) => ({
        type: 'bar',
        name: s.name,
        stack: 'cost',
        barMaxWidth: 18,
        itemStyle: { color: s.colour },
        data: rows.map((r) => r[s.part]),
      })),
      ...PLEDGE_SERIES.map((s) => ({
        type: 'bar',
        name: s.name,
        stack: 'pledged',
        barMaxWidth: 18,
        itemStyle: { color: s.colour },
        data: rows.map((r) => r[s.part]),
      })),
    ],
  };
}

const money = (v: number) => formatEurCompact(v);

/** The chart's figures as a table: in € million, as the other tables of the page. */
const BAR_COLUMNS: readonly Column<CostBars>[] = [
  { id: 'name', header: 'Nation', rowHeader: true, cell: (r) => r.name },
  ...COST_SERIES.map((s) => ({
    id: s.part,
    header: s.name,
    numeric: true,
    cell: (r: CostBars) => formatMeur(r[s.part]),
  })),
  { id: 'total', header: 'Total cost', numeric: true, cell: (r) => formatMeur(r.total) },
  { id: 'delivered', header: 'Delivered', numeric: true, cell: (r) => formatMeur(r.delivered) },
  {
    id: 'allocated',
    header: 'Allocated',
    numeric: true,
    cell: (r) => formatMeur(r.delivered + r.allocatedOnly),
  },
  { id: 'committed', header: 'Committed', numeric: true, cell: (r) => formatMeur(r.committed) },
];

/** The coalition's cost against its pledges, then each nation's, with the figures as a table. */
export function CostChartsPanel({ result }: { result: CostResult }) {
  const id = useId();
  const c = result.coalition;
  const coalition = useMemo(
    () => [costBars('coalition', 'Coalition', c, c.pledged, result.months)],
    [c, result.months],
  );
  const nations = useMemo(
    () =>
      result.nations
        .filter((n) => n.total > 0 || n.pledged.committed > 0)
        .map((n) => costBars(n.nation, n.name, n, n.pledged, result.months)),
    [result],
  );
  const coalitionOption = useMemo(() => costAgainstPledgesOption(coalition), [coalition]);
  const nationsOption = useMemo(() => costAgainstPledgesOption(nations), [nations]);
  const over = countOf(result.months, 'month');
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Cost against pledges</h2>
      <div className="cost-charts">
        <Chart
          option={coalitionOption}
          height={170}
          ariaLabel={`Coalition cost over ${over} against pledges: cost ${money(c.total)}; pledged ${money(c.pledged.committed)} committed, ${money(c.pledged.allocated)} allocated, ${money(c.pledged.delivered)} delivered`}
        />
        {nations.length > 0 && (
          <Chart
            option={nationsOption}
            height={Math.max(170, 72 + nations.length * 44)}
            ariaLabel={`Cost over ${over} against pledges by nation: ${nations
              .map((n) => `${n.name} cost ${money(n.total)}, committed ${money(n.committed)}`)
              .join('; ')}`}
          />
        )}
      </div>
      <p className="chart-caption">
        For the coalition and each nation, the orange bar is the cost over {over} (personnel and sustainment
        every month, transport once) and the blue bar the money pledged, darkest where delivered: where the
        blue bar is the shorter, the pledges do not cover the cost.
      </p>
      <details className="chart-data">
        <summary>Cost and pledges as a table</summary>
        <DataTable
          caption={`Cost over ${over} and pledges, € million`}
          rows={[...coalition, ...nations]}
          rowKey={(r) => r.key}
          columns={BAR_COLUMNS}
        />
      </details>
    </section>
  );
}
