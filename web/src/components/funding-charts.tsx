// The Funding page's charts: the coalition's EUR by stage, and each nation's money split by how far
// it has got (committed, allocated, delivered).
import { useMemo } from 'react';
import type { BurdenReport, NationBurden } from '../../../src/domain/analysis/burden.ts';
import { PLEDGE_STAGES, type PledgeStage } from '../../../src/domain/scenario-schema.ts';
import { STAGE_COLOURS, STAGE_LABELS, formatEur, formatMoneyCompact } from '../pages/funding-format.ts';
import { Chart, type ChartOption } from './chart.tsx';

/** The coalition's EUR by stage, and each nation's money split by how far it has got. */
export function StageCharts({ report }: { report: BurdenReport }) {
  const payers = useMemo(
    () => report.nations.filter((n) => n.eur.committed > 0).sort((a, b) => b.eur.committed - a.eur.committed),
    [report],
  );
  const totals = useMemo(() => stageTotalsOption(report), [report]);
  const byNation = useMemo(() => nationPipelineOption(payers), [payers]);
  const money = (v: number) => formatMoneyCompact(v, 'EUR');
  return (
    <div className="funding-charts">
      <Chart
        option={totals}
        height={170}
        ariaLabel={`Coalition funding by stage: ${PLEDGE_STAGES.map((s) => `${STAGE_LABELS[s]} ${money(report.coalition.eur[s])}`).join(', ')}`}
      />
      {payers.length > 0 && (
        <Chart
          option={byNation}
          height={Math.max(140, 56 + payers.length * 30)}
          ariaLabel={`EUR by nation and stage: ${payers
            .map((n) => `${n.name} ${money(n.eur.committed)} committed, ${money(n.eur.delivered)} delivered`)
            .join('; ')}`}
        />
      )}
    </div>
  );
}

const AXIS_TEXT = '#4f5b67';

/** The value axis of the funding charts: amounts in EUR, compact, three steps. */
const EUR_AXIS = {
  type: 'value',
  splitNumber: 3,
  axisLabel: {
    color: AXIS_TEXT,
    hideOverlap: true,
    formatter: (v: number) => formatMoneyCompact(v, 'EUR'),
  },
} as const;

function stageTotalsOption(report: BurdenReport): ChartOption {
  return {
    // Room on the right for the value printed after the longest bar.
    grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
    xAxis: EUR_AXIS,
    yAxis: {
      type: 'category',
      inverse: true,
      data: PLEDGE_STAGES.map((s) => STAGE_LABELS[s]),
      axisLabel: { color: '#17202a', fontWeight: 600 },
    },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatEur(Number(v)) },
    series: [
      {
        type: 'bar',
        name: 'EUR',
        barMaxWidth: 28,
        data: PLEDGE_STAGES.map((s) => ({
          value: report.coalition.eur[s],
          itemStyle: { color: STAGE_COLOURS[s] },
        })),
        label: {
          show: true,
          position: 'right',
          color: '#17202a',
          formatter: (p: { value: number }) => formatMoneyCompact(p.value, 'EUR'),
        },
      },
    ],
  };
}

/** Stacked: delivered, then allocated only, then committed only; the bar's length is the commitment. */
function nationPipelineOption(payers: readonly NationBurden[]): ChartOption {
  const pipeline: readonly [PledgeStage, string][] = [
    ['delivered', 'Delivered'],
    ['allocated', 'Allocated, not yet delivered'],
    ['committed', 'Committed, not yet allocated'],
  ];
  return {
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: '#17202a' } },
    xAxis: EUR_AXIS,
    yAxis: {
      type: 'category',
      inverse: true,
      data: payers.map((n) => n.name),
      axisLabel: { color: '#17202a' },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => formatEur(Number(v)),
    },
    series: pipeline.map(([stage, name]) => ({
      type: 'bar',
      name,
      stack: 'eur',
      barMaxWidth: 22,
      itemStyle: { color: STAGE_COLOURS[stage] },
      data: payers.map((n) => n.atStage[stage]),
    })),
  };
}
