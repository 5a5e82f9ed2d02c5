// The resilience Monte Carlo's histogram of personnel matched over the draws, with P10, P50, P90 and
// the target marked, its figures in the caption and the bins as a table.
import { useId, useMemo } from 'react';
import type { HistogramBin, MonteCarloReport } from '../../../src/domain/analysis/resilience-report.ts';
import { formatNumber } from '../format.ts';
import { formatProbability } from './analysis-common.tsx';
import { Chart, type ChartOption } from './chart.tsx';
import { DataTable } from './data-table.tsx';

const PERCENTILE_COLOR = '#0b5cad';
const TARGET_COLOR = '#a61b1b';

function binLabel(bin: Pick<HistogramBin, 'from' | 'to'>): string {
  return `${formatNumber(bin.from)}–${formatNumber(bin.to)}`;
}

export function histogramOption(mc: MonteCarloReport): ChartOption {
  const { bins, binWidth } = mc.histogram;
  const last = bins[bins.length - 1];
  const m = mc.personnelMatched;
  const max = Math.max(mc.personnelTarget, last ? last.to : 0);
  // A label near the right end of the axis is set to the left of its line, so it is not cut off.
  const marker = (name: string, value: number, color: string, type: 'dashed' | 'solid', lift: number) => ({
    name,
    xAxis: value,
    lineStyle: { color, type, width: type === 'solid' ? 2 : 1.5 },
    label: {
      formatter: `${name} ${formatNumber(value)}`,
      color,
      fontWeight: 600,
      distance: lift,
      ...(value > max * 0.85 && { align: 'right' }),
    },
  });
  return {
    grid: { left: 8, right: 24, top: 64, bottom: 36, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (x: { data: { value: [number, number]; bin: HistogramBin } }) => {
        const bin = x.data.bin;
        return `${binLabel(bin)} personnel: ${formatNumber(bin.count)} draws (${formatProbability(bin.share)})`;
      },
    },
    xAxis: {
      type: 'value',
      min: bins[0]?.from ?? 0,
      max,
      name: 'Personnel matched',
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { color: '#4f5b67' },
      axisLabel: {
        formatter: (v: number) => (v >= 1000 ? `${formatNumber(v / 1000)}k` : formatNumber(v)),
        color: '#4f5b67',
        hideOverlap: true,
      },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: 'Draws',
      nameTextStyle: { color: '#4f5b67', align: 'left' },
      axisLabel: { color: '#4f5b67', formatter: (v: number) => formatNumber(v) },
      splitLine: { lineStyle: { color: '#e3e8ee' } },
    },
    series: [
      {
        type: 'bar',
        name: 'Draws',
        barWidth: '94%',
        itemStyle: { color: '#5b8fc9' },
        data: bins.map((bin) => ({ value: [bin.from + binWidth / 2, bin.count], bin })),
        markLine: {
          symbol: 'none',
          silent: true,
          label: { position: 'end' },
          data: [
            marker('P10', m.p10, PERCENTILE_COLOR, 'dashed', 4),
            marker('P50', m.p50, PERCENTILE_COLOR, 'dashed', 20),
            marker('P90', m.p90, PERCENTILE_COLOR, 'dashed', 36),
            marker('Target', mc.personnelTarget, TARGET_COLOR, 'solid', 4),
          ],
        },
      },
    ],
  };
}

export function HistogramPanel({ mc }: { mc: MonteCarloReport }) {
  const id = useId();
  const option = useMemo(() => histogramOption(mc), [mc]);
  const m = mc.personnelMatched;
  const bins = mc.histogram.bins;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Personnel matched over {formatNumber(mc.draws)} draws</h2>
      <Chart
        option={option}
        height={300}
        ariaLabel={`Histogram of personnel matched over ${formatNumber(mc.draws)} draws: P10 ${formatNumber(m.p10)}, P50 ${formatNumber(m.p50)}, P90 ${formatNumber(m.p90)}, target ${formatNumber(mc.personnelTarget)}`}
      >
        <figcaption className="chart-caption">
          Personnel matched in each draw, in bins of {formatNumber(mc.histogram.binWidth)}: P10{' '}
          {formatNumber(m.p10)}, median (P50) {formatNumber(m.p50)}, P90 {formatNumber(m.p90)}; the target of{' '}
          {formatNumber(mc.personnelTarget)} is met in {formatProbability(mc.probabilityTargetMet)} of draws.
        </figcaption>
      </Chart>
      <details className="chart-data">
        <summary>The histogram as a table</summary>
        <DataTable
          caption="Draws by personnel matched"
          columns={[
            {
              id: 'bin',
              header: 'Personnel matched',
              rowHeader: true,
              cell: (b: HistogramBin) => binLabel(b),
            },
            { id: 'count', header: 'Draws', numeric: true, cell: (b: HistogramBin) => formatNumber(b.count) },
            {
              id: 'share',
              header: 'Share',
              numeric: true,
              cell: (b: HistogramBin) => formatProbability(b.share),
            },
          ]}
          rows={bins}
          rowKey={(b) => String(b.from)}
        />
      </details>
    </section>
  );
}
