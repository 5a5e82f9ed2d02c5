// The compared scenarios overlaid: the closure curves (personnel at their destinations by C-day, one
// line per scenario) and the Monte Carlo distributions of personnel matched (one line per scenario,
// the share of draws in each bin at the bin's midpoint, since each scenario has bins of its own).
// Each line has its own colour and dash, so the chart reads in greyscale too; each chart's figures
// are on the page as text (a caption and a table).
import { useId, useMemo } from 'react';
import type { CompareResult } from '../../../src/contract/compare.ts';
import type { ComparedFigureKey } from '../../../src/domain/comparison/figures.ts';
import { formatNumber } from '../format.ts';
import { formatCDay, formatProbability } from './analysis-common.tsx';
import { Chart, type ChartOption } from './chart.tsx';
import { formatValue } from './compare-format.ts';

type Charts = CompareResult['charts'];
type Distribution = Charts['monteCarlo'][number];
type FigureComparison = CompareResult['figures'][number];

/** The baseline dark and solid; the variants in colours that stay apart for colour-blind readers. */
const SERIES_COLOURS = ['#17202a', '#0b5cad', '#b35c00', '#0f6a2e', '#7b3fa0', '#a61b1b', '#00838f'];
const SERIES_DASHES = ['solid', 'dashed', 'dotted', 'solid', 'dashed', 'dotted', 'solid'] as const;

function seriesStyle(i: number) {
  const color = SERIES_COLOURS[i % SERIES_COLOURS.length];
  return {
    lineStyle: { width: i === 0 ? 3 : 2, color, type: SERIES_DASHES[i % SERIES_DASHES.length] },
    itemStyle: { color },
  };
}

const thousands = (v: number) => (v >= 1000 ? `${formatNumber(v / 1000)}k` : formatNumber(v));
const AXIS_TEXT = { color: '#4f5b67' };

export function closureCurvesOption(
  names: readonly string[],
  curves: readonly (readonly number[])[],
): ChartOption {
  const days = Math.max(0, ...curves.map((c) => c.length));
  return {
    grid: { left: 8, right: 24, top: 56, bottom: 36, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: '#17202a' } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${formatNumber(v)} personnel` },
    xAxis: {
      type: 'category',
      data: Array.from({ length: days }, (_, d) => formatCDay(d)),
      boundaryGap: false,
      name: 'C-day',
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: AXIS_TEXT,
      axisLabel: AXIS_TEXT,
    },
    yAxis: { type: 'value', axisLabel: { ...AXIS_TEXT, formatter: thousands } },
    series: curves.map((curve, i) => ({
      name: names[i],
      type: 'line',
      data: [...curve],
      showSymbol: false,
      ...seriesStyle(i),
    })),
  };
}

export function distributionsOption(
  names: readonly string[],
  distributions: readonly Distribution[],
): ChartOption {
  return {
    grid: { left: 8, right: 24, top: 56, bottom: 36, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: '#17202a' } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${formatProbability(v)} of draws` },
    xAxis: {
      type: 'value',
      name: 'Personnel matched',
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: AXIS_TEXT,
      scale: true,
      axisLabel: { ...AXIS_TEXT, formatter: thousands, hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: 'Share of draws',
      nameTextStyle: { ...AXIS_TEXT, align: 'left' },
      axisLabel: { ...AXIS_TEXT, formatter: (v: number) => formatProbability(v) },
    },
    series: distributions.map((d, i) => ({
      name: names[i],
      type: 'line',
      data: d.bins.map((b) => [(b.from + b.to) / 2, b.share]),
      showSymbol: d.bins.length <= 30,
      symbolSize: 5,
      ...seriesStyle(i),
    })),
  };
}

/** Rows of the closure table: every seventh day and the last day of the longest curve. */
export function closureTableDays(curves: readonly (readonly number[])[]): number[] {
  const days = Math.max(0, ...curves.map((c) => c.length));
  const out: number[] = [];
  for (let d = 0; d < days; d += 7) out.push(d);
  if (days > 0 && out[out.length - 1] !== days - 1) out.push(days - 1);
  return out;
}

export function CompareCharts({
  names,
  charts,
  figures,
}: {
  names: readonly string[];
  charts: Charts;
  figures: readonly FigureComparison[];
}) {
  const value = (key: ComparedFigureKey, i: number) => {
    const f = figures.find((x) => x.key === key);
    return f ? formatValue(f.unit, f.values[i] ?? null) : '—';
  };
  return (
    <>
      <ClosureCurvesPanel names={names} curves={charts.closureCurves} value={value} />
      <DistributionsPanel names={names} distributions={charts.monteCarlo} value={value} />
    </>
  );
}

type FigureText = (key: ComparedFigureKey, i: number) => string;

function ClosureCurvesPanel({
  names,
  curves,
  value,
}: {
  names: readonly string[];
  curves: readonly (readonly number[])[];
  value: FigureText;
}) {
  const id = useId();
  const option = useMemo(() => closureCurvesOption(names, curves), [names, curves]);
  const last = (c: readonly number[]) => c[c.length - 1] ?? 0;
  const summary = names
    .map(
      (n, i) => `${n}: ${formatNumber(last(curves[i] ?? []))} in place, 90% by ${value('closureDay90', i)}`,
    )
    .join('; ');
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Closure curves</h2>
      {curves.every((c) => c.length === 0) ? (
        <p className="panel-note">No compared scenario has a deployment plan with a closure curve to draw.</p>
      ) : (
        <Chart
          option={option}
          height={300}
          ariaLabel={`Line chart: personnel at their destinations by C-day. ${summary}.`}
        >
          <figcaption className="chart-caption">
            Personnel at their destinations by the end of each day, one line per scenario (the baseline solid
            and dark). {summary}.
          </figcaption>
          <details className="chart-data">
            <summary>The closure curves as a table</summary>
            <div className="table-scroll" tabIndex={0} role="group" aria-label="Closure by day (scrollable)">
              <table className="data-table compare-charts-table">
                <caption className="visually-hidden">Personnel in place by day</caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    {names.map((n, i) => (
                      <th key={i} scope="col" className="num">
                        {n}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {closureTableDays(curves).map((d) => (
                    <tr key={d}>
                      <th scope="row">{formatCDay(d)}</th>
                      {curves.map((c, i) => (
                        <td key={i} className="num">
                          {d < c.length ? formatNumber(c[d]!) : '—'}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </Chart>
      )}
    </section>
  );
}

function DistributionsPanel({
  names,
  distributions,
  value,
}: {
  names: readonly string[];
  distributions: readonly Distribution[];
  value: FigureText;
}) {
  const id = useId();
  const option = useMemo(() => distributionsOption(names, distributions), [names, distributions]);
  const summary = names
    .map(
      (n, i) =>
        `${n}: median ${value('mcP50', i)}, target met in ${value('probabilityTargetMet', i)} of draws`,
    )
    .join('; ');
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Monte Carlo: personnel matched</h2>
      {distributions.every((d) => d.bins.length === 0) ? (
        <p className="panel-note">No Monte Carlo draws to draw.</p>
      ) : (
        <Chart
          option={option}
          height={300}
          ariaLabel={`Line chart: share of Monte Carlo draws by personnel matched, per scenario. ${summary}.`}
        >
          <figcaption className="chart-caption">
            The share of draws matching each number of personnel, one line per scenario, each point at the
            middle of its bin (the scenarios’ bins differ). {summary}.
          </figcaption>
          <div
            className="table-scroll"
            tabIndex={0}
            role="group"
            aria-label="Monte Carlo figures (scrollable)"
          >
            <table className="data-table compare-charts-table">
              <caption>Monte Carlo figures by scenario</caption>
              <thead>
                <tr>
                  <th scope="col">Scenario</th>
                  <th scope="col" className="num">
                    Draws
                  </th>
                  <th scope="col" className="num">
                    P10
                  </th>
                  <th scope="col" className="num">
                    P50
                  </th>
                  <th scope="col" className="num">
                    P90
                  </th>
                  <th scope="col" className="num">
                    Chance of meeting the target
                  </th>
                </tr>
              </thead>
              <tbody>
                {names.map((n, i) => (
                  <tr key={i}>
                    <th scope="row">{n}</th>
                    <td className="num">{formatNumber(distributions[i]?.draws ?? 0)}</td>
                    <td className="num">{value('mcP10', i)}</td>
                    <td className="num">{value('mcP50', i)}</td>
                    <td className="num">{value('mcP90', i)}</td>
                    <td className="num">{value('probabilityTargetMet', i)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <details className="chart-data">
            <summary>The distributions as a table</summary>
            <BinsTable names={names} distributions={distributions} />
          </details>
        </Chart>
      )}
    </section>
  );
}

function BinsTable({
  names,
  distributions,
}: {
  names: readonly string[];
  distributions: readonly Distribution[];
}) {
  return (
    <div
      className="table-scroll"
      tabIndex={0}
      role="group"
      aria-label="Draws by personnel matched (scrollable)"
    >
      <table className="data-table compare-charts-table">
        <caption className="visually-hidden">Share of draws by personnel matched, per scenario</caption>
        <thead>
          <tr>
            <th scope="col">Scenario</th>
            <th scope="col" className="num">
              Personnel matched
            </th>
            <th scope="col" className="num">
              Draws
            </th>
            <th scope="col" className="num">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {distributions.flatMap((d, i) =>
            d.bins.map((b) => (
              <tr key={`${i}-${b.from}`}>
                <th scope="row">{names[i]}</th>
                <td className="num">
                  {formatNumber(b.from)}–{formatNumber(b.to)}
                </td>
                <td className="num">{formatNumber(b.count)}</td>
                <td className="num">{formatProbability(b.share)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
