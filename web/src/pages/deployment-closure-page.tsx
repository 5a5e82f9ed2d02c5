// Deployment closure: the headline answers (the objective the plan minimises, its parts and its gap
// to a proved bound, when the force is in place against the mission's target, how much of it is late
// or cannot move), what holds it up in words, and the closure curve against the personnel the RDDs
// call for, with the same figures in a table beneath.
import { useId, useMemo } from 'react';
import type { PlanReport } from '../../../src/contract/plan.ts';
import type { PlanEnvelope } from '../api-client.ts';
import { Figure, formatCDay } from '../components/analysis-common.tsx';
import { Chart, type ChartOption } from '../components/chart.tsx';
import { datedDay, rddDemandCurve, whyNoClosure } from '../components/deployment-model.ts';
import { countOf, formatNumber, formatPercent } from '../format.ts';

export function ClosureView({ envelope }: { envelope: PlanEnvelope }) {
  const report = envelope.result;
  return (
    <>
      <ClosureFigures report={report} />
      <HoldUps report={report} />
      <ClosureCurve report={report} />
    </>
  );
}

/** "C+12" (with its date once C-day is set), or the words for a day that never comes. */
function dayOrNever(report: Pick<PlanReport, 'cDay'>, day: number | null, never = 'Never'): string {
  return day === null ? never : datedDay(report.cDay, formatCDay)(day);
}

export function ClosureFigures({ report }: { report: PlanReport }) {
  const { target, forceList, closure, objective } = report;
  const dayOf = (day: number | null, never?: string) => dayOrNever(report, day, never);
  const why = whyNoClosure(report);
  return (
    <section aria-label="Closure figures" className="figures">
      <Figure
        label="Objective"
        value={formatNumber(Math.round(objective.value))}
        unit="weighted personnel-days late"
        tone={objective.value > 0 ? 'shortfall' : 'met'}
      >
        <span className="figure-line">{objectiveParts(report, dayOf)}</span>
        {/* How far from the best possible: proved, optimal, or why there is no bound. */}
        <span className="figure-line">{objective.bound.text}</span>
      </Figure>
      <Figure
        label="Force list"
        value={formatNumber(forceList.personnel)}
        unit="personnel"
        tone={target.notInForceList > 0 ? 'shortfall' : undefined}
      >
        {formatPercent(forceList.personnel, target.personnel)} of the mission target of{' '}
        {formatNumber(target.personnel)}; {countOf(forceList.ulns, 'ULN')},{' '}
        {forceList.source === 'stored' ? 'stored' : 'generated from the force-generation fill'}
        {target.notInForceList > 0 && `; ${formatNumber(target.notInForceList)} not in the list`}
      </Figure>
      <Figure
        label="Target closes"
        value={dayOf(closure.targetDay, 'Does not close')}
        textValue={closure.targetDay === null}
        tone={closure.targetDay === null ? 'shortfall' : 'met'}
      >
        {why ?? `Personnel in place reach the mission’s ${formatNumber(target.personnel)}.`}
      </Figure>
      <Figure label="50% in place" value={dayOf(closure.halfDay)}>
        Half the force list’s personnel at their destinations
      </Figure>
      <Figure label="90% in place" value={dayOf(closure.ninetyDay)}>
        Nine-tenths of the force list’s personnel
      </Figure>
      <Figure
        label="100% in place"
        value={dayOf(closure.allDay)}
        tone={closure.allDay === null ? 'shortfall' : undefined}
      >
        {closure.lastArrivalDay === null
          ? 'No ULN is scheduled'
          : `Last scheduled ULN arrives ${dayOf(closure.lastArrivalDay)}`}
      </Figure>
      <Figure
        label="Late ULNs"
        value={formatNumber(objective.lateUlns)}
        unit={objective.lateUlns === 1 ? 'ULN' : 'ULNs'}
        tone={objective.lateUlns > 0 ? 'shortfall' : 'met'}
      >
        Delivered after their RDD: {formatNumber(Math.round(objective.personnelDaysLate))} personnel-days late
        ({formatNumber(Math.round(objective.weightedPersonnelDaysLate))} weighted by priority),{' '}
        {formatNumber(Math.round(objective.unitDaysLate))} unit-days
      </Figure>
      <Figure
        label="Make their LAD"
        value={formatNumber(objective.madeLad)}
        unit={`of ${formatNumber(report.ulns.length)}`}
        tone={objective.madeLad < report.ulns.length ? 'shortfall' : 'met'}
      >
        Last load at the destination by the latest arrival date
      </Figure>
      <Figure
        label="Ready too late"
        value={formatNumber(objective.readinessLateUlns)}
        unit={objective.readinessLateUlns === 1 ? 'ULN' : 'ULNs'}
        tone={objective.readinessLateUlns > 0 ? 'shortfall' : 'met'}
      >
        Not ready in time for their requirement line’s RDD: their windows follow their readiness
      </Figure>
      <Figure
        label="Unscheduled ULNs"
        value={formatNumber(objective.unscheduled)}
        unit={objective.unscheduled === 1 ? 'ULN' : 'ULNs'}
        tone={objective.unscheduled > 0 ? 'shortfall' : 'met'}
      >
        {objective.unscheduled > 0
          ? `No route their lift allows, or cannot arrive within the ${formatNumber(report.horizonDays)}-day horizon; each counted as delivered on the penalty day, ${dayOf(objective.penaltyDay)}`
          : 'Every ULN has a route and a schedule'}
      </Figure>
    </section>
  );
}

/**
 * What the objective counts, under its figure: when a ULN is delivered, the late ULNs' part and the
 * unplanned ULNs' penalty. The plan's own sentence (`objective.summary`) says the same in one line.
 */
export function objectiveParts(report: PlanReport, dayOf: (day: number | null) => string): string {
  const o = report.objective;
  const share = `${Math.round(o.criticalShare * 100)}%`;
  const late =
    o.lateUlns > 0
      ? `${formatNumber(Math.round(o.weightedPersonnelDaysLate))} from ${countOf(o.lateUlns, 'ULN')} delivered late (${formatNumber(Math.round(o.personnelDaysLate))} personnel-days, ${formatNumber(Math.round(o.unitDaysLate))} unit-days)`
      : 'no ULN delivered late';
  const unplanned =
    o.unscheduled > 0
      ? `; ${formatNumber(Math.round(o.unplannedPenalty))} penalty for ${countOf(o.unscheduled, 'ULN')} that cannot be moved, counted as delivered on ${dayOf(o.penaltyDay)}`
      : '';
  const held = o.heldOnTime
    ? ' Units with days to spare wait at their origins to arrive by their RDD, and follow-on equipment leaves after its unit, arriving by its LAD, leaving the early lift to units without.'
    : '';
  return `Lower is better: days from each ULN’s RDD to its delivery (personnel and ${share} of its tonnes, its critical equipment, in) × personnel × priority weight; ${late}${unplanned}.${held}${guidedText(o)}`;
}

/** How the plan was improved after its bound: from its LP solution and a neighbourhood search, by its prices, an order search, or both. */
function guidedText(o: PlanReport['objective']): string {
  const g = o.guided;
  if (!g) return '';
  const searchedFrom = g.search?.startValue ?? o.value;
  const lp = g.lpSchedules;
  const n = g.neighbourhood;
  const around = n
    ? ` A neighbourhood search re-planned ${formatNumber(n.moves)} late units with the units taking their lift, keeping ${formatNumber(n.accepted)}, in ${n.seconds.toFixed(1)} s: ${formatNumber(Math.round(n.startValue - o.value))} below the plan it began from (${formatNumber(Math.round(n.startValue))}).`
    : '';
  if (lp)
    return (
      ` Planned from the proved bound’s LP solution: ${formatNumber(lp.kept)} of ${countOf(lp.of, 'ULN')} on the schedule it gives them${lp.followOnAfterLad ? ' (follow-on equipment may arrive after its LAD)' : ''}, the rest after them${g.pricesUsed ? ' against its capacity prices' : ''}: ${formatNumber(Math.round(g.unguidedValue - (n?.startValue ?? o.value)))} below the plan without it (${formatNumber(Math.round(g.unguidedValue))}).` +
      around
    );
  const priced = g.pricesUsed
    ? ` Routes chosen against the proved bound’s capacity prices: ${formatNumber(Math.round(g.unguidedValue - searchedFrom))} below the plan without them (${formatNumber(Math.round(g.unguidedValue))}).`
    : '';
  const searched = g.search
    ? ` An order search tried ${formatNumber(g.search.moves)} orders in ${g.search.seconds.toFixed(1)} s: ${formatNumber(Math.round(g.search.startValue - o.value))} below the plan it began from (${formatNumber(Math.round(g.search.startValue))}).`
    : '';
  return priced + searched;
}

function HoldUps({ report }: { report: PlanReport }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>What holds it up</h2>
      <ol className="hold-ups">
        {report.holdUps.map((h, i) => (
          <li key={i}>{h}</li>
        ))}
      </ol>
    </section>
  );
}

const IN_PLACE_COLOUR = '#0b5cad';
const DEMAND_COLOUR = '#b35c00';
const TARGET_COLOUR = '#a61b1b';

/**
 * An axis from 0 to at least `top` in about five round steps (1, 2, 2.5 or 5 times a power of ten),
 * so the target line is always on the chart however far the force falls short of it.
 */
export function niceAxis(top: number): { min: number; max: number; interval: number } {
  if (!(top > 0)) return { min: 0, max: 1, interval: 1 };
  const raw = top / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const interval = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  return { min: 0, max: Math.ceil(top / interval) * interval, interval };
}

/** The closure curve, what the RDDs call for by each day, and the target as a line. */
export function closureChartOption(report: PlanReport): ChartOption {
  const days = report.closure.curve.length;
  const demand = rddDemandCurve(report.ulns, days);
  const labels = Array.from({ length: days }, (_, d) => formatCDay(d));
  return {
    grid: { left: 8, right: 24, top: 48, bottom: 36, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: '#17202a' } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number) => `${formatNumber(v)} personnel`,
    },
    xAxis: {
      type: 'category',
      data: labels,
      boundaryGap: false,
      name: 'C-day',
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { color: '#4f5b67' },
      axisLabel: { color: '#4f5b67' },
    },
    yAxis: {
      type: 'value',
      ...niceAxis(
        Math.max(report.target.personnel, ...report.closure.curve, demand[demand.length - 1] ?? 0) * 1.02,
      ),
      axisLabel: {
        color: '#4f5b67',
        formatter: (v: number) => (v >= 1000 ? `${formatNumber(v / 1000)}k` : formatNumber(v)),
      },
    },
    series: [
      {
        name: 'Personnel in place',
        type: 'line',
        data: report.closure.curve,
        showSymbol: false,
        lineStyle: { width: 2.5, color: IN_PLACE_COLOUR },
        itemStyle: { color: IN_PLACE_COLOUR },
        areaStyle: { color: 'rgba(11, 92, 173, 0.08)' },
        markLine: {
          symbol: 'none',
          silent: true,
          data: [
            {
              name: 'Mission target',
              yAxis: report.target.personnel,
              lineStyle: { color: TARGET_COLOUR, type: 'solid', width: 1.5 },
              label: {
                formatter: `Target ${formatNumber(report.target.personnel)}`,
                position: 'insideEndTop',
                color: TARGET_COLOUR,
                fontWeight: 600,
              },
            },
          ],
        },
      },
      {
        name: 'Required by RDD',
        type: 'line',
        step: 'end',
        data: demand,
        showSymbol: false,
        lineStyle: { width: 1.5, type: 'dashed', color: DEMAND_COLOUR },
        itemStyle: { color: DEMAND_COLOUR },
      },
    ],
  };
}

/** Rows of the curve's table: every seventh day, the closure days and the last day. */
export function closureTableDays(report: PlanReport): number[] {
  const days = report.closure.curve.length;
  const c = report.closure;
  const set = new Set<number>();
  for (let d = 0; d < days; d += 7) set.add(d);
  for (const d of [c.halfDay, c.ninetyDay, c.allDay, c.targetDay, c.lastArrivalDay])
    if (d !== null && d >= 0 && d < days) set.add(d);
  if (days > 0) set.add(days - 1);
  return [...set].sort((a, b) => a - b);
}

function ClosureCurve({ report }: { report: PlanReport }) {
  const id = useId();
  const option = useMemo(() => closureChartOption(report), [report]);
  const demand = useMemo(() => rddDemandCurve(report.ulns, report.closure.curve.length), [report]);
  const { closure, forceList, target } = report;
  const end = closure.curve.length > 0 ? closure.curve[closure.curve.length - 1]! : 0;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Closure curve</h2>
      <Chart
        option={option}
        height={300}
        ariaLabel={`Line chart: personnel in place by C-day, reaching ${formatNumber(end)} of ${formatNumber(forceList.personnel)} in the force list by ${formatCDay(Math.max(0, closure.curve.length - 1))}; mission target ${formatNumber(target.personnel)}`}
      >
        <figcaption className="chart-caption">
          Personnel at their destinations by the end of each day (solid), the personnel the ULNs’ RDDs call
          for by then (dashed), and the mission target. {formatNumber(end)} personnel are in place by the end
          of the horizon.
        </figcaption>
        <details className="chart-data">
          <summary>Closure by day as a table</summary>
          <div className="table-scroll" tabIndex={0} role="group" aria-label="Closure by day (scrollable)">
            <table className="data-table">
              <caption className="visually-hidden">Closure by day</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col" className="num">
                    In place
                  </th>
                  <th scope="col" className="num">
                    Of the force list
                  </th>
                  <th scope="col" className="num">
                    Required by RDD
                  </th>
                </tr>
              </thead>
              <tbody>
                {closureTableDays(report).map((d) => (
                  <tr key={d}>
                    <th scope="row">{formatCDay(d)}</th>
                    <td className="num">{formatNumber(closure.curve[d]!)}</td>
                    <td className="num">{formatPercent(closure.curve[d]!, forceList.personnel)}</td>
                    <td className="num">{formatNumber(demand[d]!)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </Chart>
    </section>
  );
}
