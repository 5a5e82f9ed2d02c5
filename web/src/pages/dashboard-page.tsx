// The scenario dashboard: the force against its target (the headline figures, each with its
// definition and the records behind it), nations by stance, funding in EUR by stage and the headline
// risks: what the US's absence empties, how much of the force can be held for 6 and 12 months and
// indefinitely, the single withdrawal that costs most, the chance of meeting the target, and the risk
// analysis's headline (exposure, the top rung of escalation, the register). The two
// assumptions that move these most (a US backstop, late offers) are switches that ask again.
import { useId, useMemo } from 'react';
import type { AnalysisAnswer, AnalysisDashboard } from '../api-client.ts';
import {
  AssumptionControls,
  DEFAULT_ASSUMPTIONS,
  Figure,
  IdList,
  PartialNotice,
  formatEur,
  formatProbability,
  formatProbabilityError,
  formatShare,
  nationLabel,
  useAssumptions,
  useNationNames,
  withQuery,
  type Assumptions,
} from '../components/analysis-common.tsx';
import { AnalysisShell } from '../components/analysis-shell.tsx';
import { Chart, type ChartOption } from '../components/chart.tsx';
import { DashboardRiskFigures } from '../components/dashboard-risk-figures.tsx';
import { ForceFigures } from '../components/force-figures.tsx';
import { StanceSummary } from '../components/stance-summary.tsx';
import { countOf, formatDate, formatNumber } from '../format.ts';
import { FORCE_MATRIX_SLUG, RESILIENCE_SLUG, scenarioPath } from '../paths.ts';
import { Link } from '../router.tsx';
import { useScenario } from './scenario-layout.tsx';

export function DashboardPage() {
  const scenario = useScenario();
  const [assumptions, setAssumptions] = useAssumptions();
  const names = useNationNames(scenario.id, scenario.version);
  return (
    <AnalysisShell
      scenario={scenario}
      kind="dashboard"
      query={assumptions}
      loading="Computing the dashboard…"
      failed="The dashboard could not be computed."
    >
      {(envelope) => (
        <DashboardView
          scenarioId={scenario.id}
          scenarioVersion={scenario.version}
          envelope={envelope}
          names={names}
          assumptions={assumptions}
          onAssumptionsChange={setAssumptions}
        />
      )}
    </AnalysisShell>
  );
}

export interface DashboardViewProps {
  scenarioId: string;
  scenarioVersion: number;
  envelope: AnalysisAnswer<'dashboard'>;
  names: ReadonlyMap<string, string>;
  assumptions: Assumptions;
  onAssumptionsChange: (changes: Partial<Assumptions>) => void;
}

/** The dashboard as pure presentation of the API's answer, so tests render it without HTTP. */
export function DashboardView({
  scenarioId,
  scenarioVersion,
  envelope,
  names,
  assumptions,
  onAssumptionsChange,
}: DashboardViewProps) {
  const { result: d, parameters: p } = envelope;
  const stanceTotal = Object.values(d.stances).reduce((a, b) => a + b, 0);
  return (
    <>
      <h2 className="visually-hidden">Dashboard</h2>
      <PartialNotice partial={envelope.partial} />
      <AssumptionControls
        value={assumptions}
        onChange={onAssumptionsChange}
        summary={
          <>
            As of {formatDate(envelope.asOf)}; offers from status “{p.minStatus}” up count; rotation policy “
            {p.defaultPolicy}” where a nation has none; Monte Carlo of {formatNumber(p.draws)} draws, seed{' '}
            {p.seed}.
          </>
        }
      />
      <ForcePanel
        scenarioId={scenarioId}
        scenarioVersion={scenarioVersion}
        force={d.force}
        assumptions={assumptions}
        matrixPath={
          scenarioPath(scenarioId, FORCE_MATRIX_SLUG) +
          withQuery('', { ...assumptions }, { ...DEFAULT_ASSUMPTIONS })
        }
      />
      <StanceSummary counts={d.stances} unknown={Math.max(0, d.nations - stanceTotal)} />
      <FundingPanel funding={d.funding} />
      <RisksPanel
        assumptions={assumptions}
        risks={d.risks}
        target={d.force.values.target}
        names={names}
        scenarioId={scenarioId}
        draws={p.draws}
      />
    </>
  );
}

function ForcePanel({
  scenarioId,
  scenarioVersion,
  force,
  assumptions,
  matrixPath,
}: {
  scenarioId: string;
  scenarioVersion: number;
  force: AnalysisDashboard['force'];
  assumptions: Assumptions;
  matrixPath: string;
}) {
  const id = useId();
  const option = useMemo(() => forceChartOption(force), [force]);
  const v = force.values;
  const lines = force.lineCounts;
  const lineTotal = lines.filled + lines.partial + lines.empty;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Force against target</h2>
      <ForceFigures
        scenarioId={scenarioId}
        scenarioVersion={scenarioVersion}
        figures={force}
        query={assumptions}
      />
      <Chart
        option={option}
        height={260}
        ariaLabel={`Bar chart: target ${formatNumber(v.target)}, required ${formatNumber(v.required)}, offered ${formatNumber(v.offered)}, counting ${formatNumber(v.counting)}, matched on time ${formatNumber(v.matchedOnTime)}, matched late ${formatNumber(v.matchedLate)} personnel`}
      >
        <figcaption className="chart-caption">
          Personnel: target {formatNumber(v.target)}; requirement lines {formatNumber(v.required)}; offered{' '}
          {formatNumber(v.offered)}; counting under these assumptions {formatNumber(v.counting)}; matched on
          time {formatNumber(v.matchedOnTime)}; matched late {formatNumber(v.matchedLate)}.
        </figcaption>
      </Chart>
      <p>
        Requirement lines: <strong>{formatNumber(lines.filled)} filled</strong>,{' '}
        <strong>{formatNumber(lines.partial)} partly filled</strong>,{' '}
        <strong>{formatNumber(lines.empty)} empty</strong> of {formatNumber(lineTotal)}
        {force.countsLate ? ', late matches counted' : ', on-time matches only'}.{' '}
        <Link to={matrixPath}>Force generation matrix</Link>
      </p>
    </section>
  );
}

/** Colours of the force chart: the design tokens of styles.css. */
const FORCE_BARS = [
  { key: 'target', label: 'Target', color: '#4f5b67' },
  { key: 'required', label: 'Requirement lines', color: '#8593a3' },
  { key: 'offered', label: 'Offered', color: '#0b5cad' },
  { key: 'counting', label: 'Counting', color: '#5b8fc9' },
  { key: 'matchedOnTime', label: 'Matched on time', color: '#0f6a2e' },
  { key: 'matchedLate', label: 'Matched late', color: '#b7791f' },
] as const;

export function forceChartOption(force: AnalysisDashboard['force']): ChartOption {
  const bars = [...FORCE_BARS].reverse(); // ECharts draws the first category at the bottom
  return {
    grid: { left: 8, right: 64, top: 8, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => formatNumber(Number(v)),
    },
    xAxis: {
      type: 'value',
      axisLabel: {
        formatter: (v: number) => (v >= 1000 ? `${formatNumber(v / 1000)}k` : formatNumber(v)),
        color: '#4f5b67',
        hideOverlap: true,
      },
      splitNumber: 4,
      splitLine: { lineStyle: { color: '#e3e8ee' } },
    },
    yAxis: {
      type: 'category',
      data: bars.map((b) => b.label),
      axisLabel: { color: '#17202a' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: 'Personnel',
        barMaxWidth: 26,
        data: bars.map((b) => ({ value: force.values[b.key], itemStyle: { color: b.color } })),
        label: {
          show: true,
          position: 'right',
          color: '#17202a',
          // A backing so the dashed target line does not run through the figure.
          backgroundColor: 'rgba(255, 255, 255, 0.9)',
          padding: [1, 2],
          formatter: (x: { value: number }) => formatNumber(x.value),
        },
        markLine: {
          symbol: 'none',
          silent: true,
          z: 1,
          lineStyle: { color: '#a61b1b', type: 'dashed', width: 1.5 },
          label: { show: false },
          data: [{ xAxis: force.values.target }],
        },
      },
    ],
  };
}

function FundingPanel({ funding }: { funding: AnalysisDashboard['funding'] }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Funding in EUR by stage</h2>
      <div className="figures">
        <Figure label="Committed" value={formatEur(funding.eur.committed)}>
          All pledges, whatever stage they have reached
        </Figure>
        <Figure label="Allocated" value={formatEur(funding.eur.allocated)}>
          Earmarked in a concrete package
        </Figure>
        <Figure label="Delivered" value={formatEur(funding.eur.delivered)}>
          Handed over
        </Figure>
      </div>
      <p className="figure-note">
        {countOf(funding.pledges, 'pledge')}, converted to EUR at the rate of each pledge’s date; stages are
        cumulative (committed ⊇ allocated ⊇ delivered).
        {funding.unconvertiblePledges > 0 && (
          <>
            {' '}
            <strong>
              {countOf(funding.unconvertiblePledges, 'pledge')} could not be converted to EUR and{' '}
              {funding.unconvertiblePledges === 1 ? 'is' : 'are'} not counted.
            </strong>
          </>
        )}
      </p>
    </section>
  );
}

function RisksPanel({
  assumptions,
  risks,
  target,
  names,
  scenarioId,
  draws,
}: {
  assumptions: Assumptions;
  risks: AnalysisDashboard['risks'];
  target: number;
  names: ReadonlyMap<string, string>;
  scenarioId: string;
  draws: number;
}) {
  const id = useId();
  const worst = risks.biggestWithdrawal;
  const emptied = risks.linesEmptiedWithoutUs;
  // The resilience page under the same assumptions, with the worst nation's case spelt out.
  const resilience = scenarioPath(scenarioId, RESILIENCE_SLUG);
  const assumed = withQuery('', { ...assumptions }, { ...DEFAULT_ASSUMPTIONS });
  const worstCase = worst ? `${resilience}${withQuery(assumed, { nation: worst.nation })}` : resilience;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Headline risks</h2>
      <div className="figures">
        <Figure
          label="Lines empty without the US"
          value={formatNumber(emptied.length)}
          unit={emptied.length === 1 ? 'line' : 'lines'}
          tone={emptied.length > 0 ? 'shortfall' : undefined}
        >
          <span className="figure-line">
            {formatNumber(risks.personnelMatchedLostWithoutUs)} matched personnel lost without a US backstop
          </span>
          {emptied.length > 0 && <IdList ids={emptied} className="figure-line" />}
        </Figure>
        <Figure
          label="Sustainable personnel"
          value={formatNumber(risks.sustainable.indefinitely)}
          unit="indefinitely"
        >
          <span className="figure-line">
            <strong>{formatNumber(risks.sustainable.months6)}</strong> for 6 months
          </span>
          <span className="figure-line">
            <strong>{formatNumber(risks.sustainable.months12)}</strong> for 12 months
          </span>
        </Figure>
        <Figure
          label="Worst single-nation withdrawal"
          value={worst ? nationLabel(names, worst.nation) : 'None'}
          textValue
          tone={worst && worst.personnelMatchedLost > 0 ? 'shortfall' : undefined}
        >
          {worst ? (
            <>
              <span className="figure-line">
                {formatNumber(worst.personnelMatchedLost)} matched personnel lost (
                {formatNumber(worst.personnelMatchedWithout)} left), {formatShare(worst.weightedFillShare)} of
                the priority-weighted fill
              </span>
              <span className="figure-line">
                {countOf(worst.linesEmptied.length, 'line')} left empty ·{' '}
                <Link to={worstCase}>What its withdrawal breaks</Link>
              </span>
            </>
          ) : (
            'No nation offers anything that counts'
          )}
        </Figure>
        <Figure
          label="Probability the target is met"
          value={formatProbability(risks.probabilityTargetMet)}
          tone={risks.probabilityTargetMet < 0.5 ? 'shortfall' : 'met'}
        >
          <span className="figure-line">
            Share of {formatNumber(draws)} Monte Carlo draws reaching {formatNumber(target)} matched personnel
            ({formatProbabilityError(risks.probabilityTargetMetError)})
          </span>
          <span className="figure-line">
            <Link to={resilience + assumed}>Resilience analysis</Link>
          </span>
        </Figure>
      </div>
      <DashboardRiskFigures risks={risks} scenarioId={scenarioId} />
    </section>
  );
}
