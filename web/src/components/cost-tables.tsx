// The Cost page's tables: each nation's cost against its pledges and its GDP (with its burden ratio:
// its share of the cost over its share of the coalition's GDP, marked above 1), the cost per domain
// of the units costed, and the deployment transport per mode. Amounts in millions of euros.
import { useId } from 'react';
import type { CostResult } from '../../../src/contract/analyses/cost.ts';
import { countOf, formatNumber } from '../format.ts';
import { formatShare } from '../pages/funding-format.ts';
import {
  COST_DOMAIN_LABELS,
  COST_MODE_LABELS,
  formatBurdenRatio,
  formatLoads,
  formatMeur,
} from './cost-format.ts';
import { DataTable, type Column } from './data-table.tsx';

type NationCost = CostResult['nations'][number];
type DomainCost = CostResult['domains'][number];
type ModeCost = CostResult['modes'][number];

/** A column of millions of euros, sortable, largest first. */
function meurColumn<T>(id: string, header: string, value: (row: T) => number): Column<T> {
  return {
    id,
    header,
    numeric: true,
    cell: (row) => formatMeur(value(row)),
    sortValue: value,
    firstDirection: 'descending',
  };
}

/** A column of shares (0 to 1) as percentages; `–` where a GDP is unknown. */
function shareColumn<T>(id: string, header: string, value: (row: T) => number | null): Column<T> {
  return {
    id,
    header,
    numeric: true,
    cell: (row) => formatShare(value(row)),
    sortValue: value,
    firstDirection: 'descending',
  };
}

/** Its cost less its pledges committed: red where short, green (a surplus) where more is pledged. */
function GapCell({ gap }: { gap: number }) {
  if (gap > 0) return <span className="shortfall-text">{formatMeur(gap)}</span>;
  if (gap < 0) return <span className="cost-surplus-text">{formatMeur(gap)}</span>;
  return <>{formatMeur(0)}</>;
}

/** Above 1 the nation carries more than its weight: bold, marked and said, never colour alone. */
function BurdenRatioCell({ ratio }: { ratio: number | null }) {
  if (ratio === null || ratio <= 1) return <>{formatBurdenRatio(ratio)}</>;
  return (
    <span className="cost-burden-over">
      <span aria-hidden="true">▲ </span>
      {formatBurdenRatio(ratio)}
      <span className="visually-hidden"> (more than its share of GDP)</span>
    </span>
  );
}

export const NATION_COST_COLUMNS: readonly Column<NationCost>[] = [
  {
    id: 'name',
    header: 'Nation',
    rowHeader: true,
    cell: (n) => (
      <>
        {n.name} <span className="iso">{n.nation}</span>
      </>
    ),
    sortValue: (n) => n.name,
  },
  {
    id: 'personnel',
    header: 'Personnel',
    numeric: true,
    cell: (n) => formatNumber(n.personnel),
    sortValue: (n) => n.personnel,
    firstDirection: 'descending',
  },
  meurColumn('perMonth', 'Per month', (n) => n.perMonth),
  meurColumn('transport', 'Transport', (n) => n.transport),
  meurColumn('total', 'Total', (n) => n.total),
  meurColumn('pledged', 'Pledged (committed)', (n) => n.pledged.committed),
  {
    id: 'gap',
    header: 'Gap',
    numeric: true,
    cell: (n) => <GapCell gap={n.gapCommitted} />,
    sortValue: (n) => n.gapCommitted,
    firstDirection: 'descending',
  },
  shareColumn('shareOfCost', 'Share of cost', (n) => n.shareOfCoalitionCost),
  shareColumn('shareOfGdp', 'Share of GDP', (n) => n.shareOfCoalitionGdp),
  {
    id: 'burdenRatio',
    header: 'Burden ratio',
    numeric: true,
    cell: (n) => <BurdenRatioCell ratio={n.burdenRatio} />,
    sortValue: (n) => n.burdenRatio,
    firstDirection: 'descending',
  },
  shareColumn('costOfGdp', 'Cost, % of GDP', (n) => n.costShareOfGdp),
  shareColumn('contributionOfGdp', 'Cost + pledges, % of GDP', (n) => n.contributionShareOfGdp),
];

/** Each nation that costs something or pledges something; the others are named beneath. */
export function NationCostPanel({ result }: { result: CostResult }) {
  const id = useId();
  const shown = result.nations.filter((n) => n.total > 0 || n.pledged.committed > 0);
  const others = result.nations.filter((n) => !shown.includes(n));
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Cost by nation</h2>
      <p className="panel-note">
        Costs lie where they fall: each nation pays for its own personnel, their sustainment and their
        transport. Amounts in € million over {countOf(result.months, 'month')}; the gap is the total less the
        pledges committed (negative: more pledged than it costs). The burden ratio is the share of the cost
        over the share of the coalition’s GDP: above 1 (marked ▲) a nation carries more than its weight. Cost
        and contribution are over one year’s GDP. Click a column heading to rank by it.
      </p>
      <div className="cost-compact">
        <DataTable
          caption="Cost by nation"
          captionHidden
          rows={shown}
          rowKey={(n) => n.nation}
          initialSort={{ column: 'total', direction: 'descending' }}
          emptyMessage="No nation has a cost or a pledge."
          columns={NATION_COST_COLUMNS}
        />
      </div>
      {others.length > 0 && (
        <p className="panel-note">
          Neither cost nor pledge ({countOf(others.length, 'nation')}): {others.map((n) => n.name).join(', ')}
          .
        </p>
      )}
    </section>
  );
}

const DOMAIN_COLUMNS: readonly Column<DomainCost>[] = [
  {
    id: 'domain',
    header: 'Domain',
    rowHeader: true,
    cell: (d) => COST_DOMAIN_LABELS[d.domain],
    sortValue: (d) => COST_DOMAIN_LABELS[d.domain],
  },
  {
    id: 'personnel',
    header: 'Personnel',
    numeric: true,
    cell: (d) => formatNumber(d.personnel),
    sortValue: (d) => d.personnel,
    firstDirection: 'descending',
  },
  meurColumn('personnelPerMonth', 'Personnel per month', (d) => d.personnelPerMonth),
  meurColumn('sustainmentPerMonth', 'Sustainment per month', (d) => d.sustainmentPerMonth),
  meurColumn('perMonth', 'Per month', (d) => d.perMonth),
  {
    id: 'loads',
    header: 'Loads',
    numeric: true,
    cell: (d) => formatLoads(d.loads),
    sortValue: (d) => d.loads,
    firstDirection: 'descending',
  },
  meurColumn('transport', 'Transport', (d) => d.transport),
  meurColumn('total', 'Total', (d) => d.total),
];

const MODE_COLUMNS: readonly Column<ModeCost>[] = [
  { id: 'mode', header: 'Mode', rowHeader: true, cell: (m) => COST_MODE_LABELS[m.mode] },
  { id: 'loads', header: 'Loads', numeric: true, cell: (m) => formatLoads(m.loads) },
  { id: 'transport', header: 'Transport', numeric: true, cell: (m) => formatMeur(m.transport) },
];

/** The cost per domain of the units costed, and the deployment transport per mode. */
export function DomainModePanel({ result }: { result: CostResult }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Cost by domain and transport by mode</h2>
      <p className="panel-note">
        Amounts in € million; totals over {countOf(result.months, 'month')}. Transport is one-off: the loads
        the deployment plan moves, for the part of each offer costed.
      </p>
      <div className="cost-tables cost-compact">
        <DataTable
          caption="Cost by domain"
          rows={result.domains}
          rowKey={(d) => d.domain}
          emptyMessage="No unit is costed."
          columns={DOMAIN_COLUMNS}
        />
        <DataTable
          caption="Deployment transport by mode"
          rows={result.modes}
          rowKey={(m) => m.mode}
          emptyMessage="No load is moved."
          columns={MODE_COLUMNS}
        />
      </div>
    </section>
  );
}
