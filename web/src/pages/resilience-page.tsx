// Resilience: how the force holds up when nations do not deliver. The Monte Carlo draws which
// nations deliver (by the probability of their stance) and shows the spread of personnel matched,
// with P10, P50, P90 and the target marked, the chance of meeting the target and each line's chance
// of being filled. The withdrawal table answers "what if this nation stays out": what each nation's
// withdrawal breaks, with a nation picker (and `?nation=DEU` links) that spells out one nation's case.
import { useId, useMemo, useState, type FormEvent } from 'react';
import type {
  HistogramBin,
  LineResilience,
  MonteCarloReport,
  NationDelivery,
  NationWithdrawal,
  ResilienceReport,
} from '../../../src/domain/analysis/resilience-report.ts';
import type { AnalysisEnvelope } from '../api-client.ts';
import {
  LineName,
  AssumptionControls,
  DOMAIN_LABELS,
  Figure,
  IdList,
  LineStatus,
  NationName,
  PartialNotice,
  formatCDay,
  formatProbability,
  formatProbabilityError,
  formatShare,
  nationLabel,
  useAnalysis,
  useAssumptions,
  useNationNames,
  withQuery,
  type Assumptions,
} from '../components/analysis-common.tsx';
import { Chart, type ChartOption } from '../components/chart.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { StanceBadge } from '../components/stance-badge.tsx';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { countOf, formatDate, formatNumber, formatSigned } from '../format.ts';
import { FORCE_MATRIX_SLUG, scenarioPath } from '../paths.ts';
import { Link, useRouter } from '../router.tsx';
import { useScenario } from './scenario-layout.tsx';

/** Limits the API puts on the Monte Carlo (analysis-routes.ts). */
export const DRAWS_MAX = 100_000;
export const SEED_MAX = Number.MAX_SAFE_INTEGER;

/** `?draws=…&seed=…` when they are whole numbers in range; otherwise the API's defaults apply. */
export function readMonteCarlo(search: string): { draws?: number; seed?: number } {
  const q = new URLSearchParams(search);
  const int = (name: string, min: number, max: number) => {
    const raw = q.get(name);
    if (raw === null || !/^\d{1,16}$/.test(raw)) return undefined;
    const n = Number(raw);
    return n >= min && n <= max ? n : undefined;
  };
  const draws = int('draws', 1, DRAWS_MAX);
  const seed = int('seed', 0, SEED_MAX);
  return { ...(draws !== undefined && { draws }), ...(seed !== undefined && { seed }) };
}

export function ResiliencePage() {
  const scenario = useScenario();
  const { path, search, navigate } = useRouter();
  const [assumptions, setAssumptions] = useAssumptions();
  const monteCarlo = readMonteCarlo(search);
  const result = useAnalysis(scenario.id, scenario.version, 'resilience', { ...assumptions, ...monteCarlo });
  const names = useNationNames(scenario.id, scenario.version);
  const initialNation = new URLSearchParams(search).get('nation') ?? '';
  if (result.status === 'loading') return <LoadingMessage>Running the resilience analysis…</LoadingMessage>;
  if (result.status === 'error') {
    return (
      <ErrorMessage
        title="The resilience analysis could not be run."
        error={result.error}
        onRetry={result.reload}
      />
    );
  }
  return (
    <ResilienceView
      scenarioId={scenario.id}
      envelope={result.data}
      names={names}
      assumptions={assumptions}
      onAssumptionsChange={setAssumptions}
      onRun={(draws, seed) => navigate(path + withQuery(search, { draws, seed }), { replace: true })}
      updating={result.updating}
      initialNation={initialNation}
    />
  );
}

export interface ResilienceViewProps {
  scenarioId: string;
  envelope: AnalysisEnvelope<'resilience'>;
  names: ReadonlyMap<string, string>;
  assumptions: Assumptions;
  onAssumptionsChange: (changes: Partial<Assumptions>) => void;
  onRun: (draws: number, seed: number) => void;
  updating?: boolean;
  /** The nation whose withdrawal is spelt out first (`?nation=DEU`); empty for none. */
  initialNation?: string;
}

export function ResilienceView({
  scenarioId,
  envelope,
  names,
  assumptions,
  onAssumptionsChange,
  onRun,
  updating = false,
  initialNation = '',
}: ResilienceViewProps) {
  const { monteCarlo: mc, withdrawals } = envelope.result;
  const p = envelope.parameters;
  return (
    <>
      <h2 className="visually-hidden">Resilience</h2>
      <PartialNotice envelope={envelope} />
      <AssumptionControls
        value={assumptions}
        onChange={onAssumptionsChange}
        updating={updating}
        summary={
          <>
            As of {formatDate(envelope.asOf)}; offers from status “{p.minStatus}” up count.{' '}
            {p.readyByCDay !== null && (
              <>Only offers ready by {formatCDay(p.readyByCDay)} count in the draws. </>
            )}
            Each nation delivers all its offers or none, independently, with the probability of its stance
            {mc.deliveryProbabilityProvenance ? ' set in the scenario' : ' (default values)'}.
          </>
        }
      >
        <MonteCarloForm key={`${p.draws}/${p.seed}`} draws={p.draws} seed={p.seed} onRun={onRun} />
      </AssumptionControls>
      <MonteCarloFigures mc={mc} />
      <HistogramPanel mc={mc} />
      <WithdrawalPanel
        scenarioId={scenarioId}
        report={envelope.result}
        names={names}
        initialNation={initialNation}
        baseline={withdrawals.baseline}
      />
      <LinesPanel lines={mc.lines} draws={mc.draws} />
      <DeliveryPanel mc={mc} names={names} />
    </>
  );
}

// ---- Draws and seed ----

function MonteCarloForm({
  draws,
  seed,
  onRun,
}: {
  draws: number;
  seed: number;
  onRun: (draws: number, seed: number) => void;
}) {
  const id = useId();
  const [drawsText, setDrawsText] = useState(String(draws));
  const [seedText, setSeedText] = useState(String(seed));
  const [error, setError] = useState<{ field: 'draws' | 'seed'; message: string } | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const d = Number(drawsText);
    const s = Number(seedText);
    if (!/^\d+$/.test(drawsText.trim()) || d < 1 || d > DRAWS_MAX) {
      setError({
        field: 'draws',
        message: `Draws must be a whole number from 1 to ${formatNumber(DRAWS_MAX)}.`,
      });
    } else if (!/^\d+$/.test(seedText.trim()) || !Number.isSafeInteger(s)) {
      setError({ field: 'seed', message: 'The seed must be a whole number from 0 up.' });
    } else {
      setError(null);
      onRun(d, s);
    }
  };
  const field = (
    name: 'draws' | 'seed',
    label: string,
    value: string,
    set: (v: string) => void,
    hint: string,
  ) => (
    <div className={error?.field === name ? 'field field-invalid' : 'field'}>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        name={name}
        className="input input-short"
        inputMode="numeric"
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={error?.field === name ? true : undefined}
        aria-describedby={`${id}-${name}-hint${error?.field === name ? ` ${id}-error` : ''}`}
      />
      <p className="field-hint" id={`${id}-${name}-hint`}>
        {hint}
      </p>
    </div>
  );
  return (
    <form className="monte-carlo-form" onSubmit={submit} aria-label="Monte Carlo" noValidate>
      {field('draws', 'Draws', drawsText, setDrawsText, `1 to ${formatNumber(DRAWS_MAX)}`)}
      {field('seed', 'Seed', seedText, setSeedText, 'Same seed, same answer')}
      <button type="submit" className="button">
        Run
      </button>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error.message}
        </p>
      )}
    </form>
  );
}

// ---- Headline figures ----

function MonteCarloFigures({ mc }: { mc: MonteCarloReport }) {
  const m = mc.personnelMatched;
  const met = mc.probabilityTargetMet;
  return (
    <section aria-label="Monte Carlo figures" className="figures">
      <Figure
        label="Probability the target is met"
        value={formatProbability(met)}
        tone={met < 0.5 ? 'shortfall' : 'met'}
      >
        Share of {formatNumber(mc.draws)} draws (seed {mc.seed}) matching {formatNumber(mc.personnelTarget)}{' '}
        personnel or more ({formatProbabilityError(mc.probabilityTargetMetError)})
      </Figure>
      <Figure label="Personnel matched, median (P50)" value={formatNumber(m.p50)} unit="personnel">
        <span className="figure-line">
          P10 <strong>{formatNumber(m.p10)}</strong> · P90 <strong>{formatNumber(m.p90)}</strong>
        </span>
        <span className="figure-line">
          Mean {formatNumber(m.mean)}; from {formatNumber(m.min)} to {formatNumber(m.max)}
        </span>
      </Figure>
      <Figure
        label="If every nation delivers"
        value={formatNumber(mc.allDeliver.personnelMatched)}
        unit="personnel"
      >
        {countOf(mc.allDeliver.lineCounts.filled, 'line')} filled,{' '}
        {formatNumber(mc.allDeliver.lineCounts.partial)} partly,{' '}
        {formatNumber(mc.allDeliver.lineCounts.empty)} empty
      </Figure>
      <Figure label="Force target" value={formatNumber(mc.personnelTarget)} unit="personnel">
        {mc.personnelTarget > m.p90
          ? `${formatNumber(mc.personnelTarget - m.p90)} above the P90`
          : mc.personnelTarget > m.p10
            ? 'Between the P10 and the P90'
            : 'At or below the P10'}
      </Figure>
    </section>
  );
}

// ---- Histogram ----

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

function HistogramPanel({ mc }: { mc: MonteCarloReport }) {
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

// ---- Withdrawals ----

/** The anchor of a nation's row in the withdrawal table: `#withdrawal-DEU`. */
export function withdrawalAnchor(nation: string): string {
  return `withdrawal-${nation}`;
}

function WithdrawalPanel({
  scenarioId,
  report,
  names,
  initialNation,
  baseline,
}: {
  scenarioId: string;
  report: ResilienceReport;
  names: ReadonlyMap<string, string>;
  initialNation: string;
  baseline: ResilienceReport['withdrawals']['baseline'];
}) {
  const id = useId();
  const nations = report.withdrawals.nations;
  const [chosen, setChosen] = useState(initialNation.toUpperCase());
  const selected = nations.find((n) => n.nation === chosen);
  const byName = [...nations].sort((a, b) =>
    nationLabel(names, a.nation).localeCompare(nationLabel(names, b.nation), 'en-GB'),
  );
  const rows = selected ? [selected] : nations;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>If one nation withdraws</h2>
      <p className="figure-note">
        The best fill is run again without each nation’s offers; others’ offers re-route where they can. With
        every nation: {formatNumber(baseline.personnelMatched)} personnel matched,{' '}
        {countOf(baseline.lineCounts.filled, 'line')} filled. Most priority-weighted fill lost first.
      </p>
      <div className="filter-fields">
        <div className="field">
          <label htmlFor={`${id}-nation`}>Nation</label>
          <select
            id={`${id}-nation`}
            className="input"
            value={selected ? selected.nation : ''}
            onChange={(e) => setChosen(e.target.value)}
          >
            <option value="">All nations</option>
            {byName.map((n) => (
              <option key={n.nation} value={n.nation}>
                {nationLabel(names, n.nation)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {chosen && !selected && (
        <p className="notice" role="note">
          {nationLabel(names, chosen)} has no offer in this analysis, so its withdrawal changes nothing here.
        </p>
      )}
      {selected && <WithdrawalStory scenarioId={scenarioId} w={selected} names={names} />}
      <WithdrawalTable rows={rows} names={names} />
    </section>
  );
}

/** One nation's withdrawal in sentences, then the lines it changes. */
function WithdrawalStory({
  scenarioId,
  w,
  names,
}: {
  scenarioId: string;
  w: NationWithdrawal;
  names: ReadonlyMap<string, string>;
}) {
  const id = useId();
  const who = nationLabel(names, w.nation);
  const nothing = w.contribution.quantity === 0;
  return (
    <div className="withdrawal-story" role="region" aria-labelledby={id}>
      <h3 id={id}>If {who} stays out</h3>
      {nothing ? (
        <p>
          Nothing changes: none of {who}’s offers fill a line under these assumptions (
          {formatNumber(w.personnelOffered)} personnel offered, {formatNumber(w.personnelAvailable)}{' '}
          counting).{' '}
          {w.personnelOffered > w.personnelAvailable && (
            <>
              <Link to={scenarioPath(scenarioId, FORCE_MATRIX_SLUG)}>The force generation matrix</Link> lists
              its offers that do not count and why (for example, a US backstop they require).
            </>
          )}
        </p>
      ) : (
        <>
          <p>
            The coalition loses <strong>{formatNumber(w.lost.personnel)} matched personnel</strong> and{' '}
            <strong>{countOf(w.lost.quantity, 'unit')}</strong> ({formatShare(w.lost.weightedFillShare)} of
            the priority-weighted fill), leaving {formatNumber(w.after.personnelMatched)} personnel matched.{' '}
            {w.coveredByOthers.quantity > 0
              ? `Other nations take over ${countOf(w.coveredByOthers.quantity, 'unit')} of its ${formatNumber(w.contribution.quantity)}.`
              : `No other nation can take over any of its ${countOf(w.contribution.quantity, 'unit')}.`}
          </p>
          <p>
            {w.linesNewlyShort.length > 0 ? (
              <>
                <strong>{countOf(w.linesNewlyShort.length, 'line')} no longer filled:</strong>{' '}
                <IdList ids={w.linesNewlyShort} />.{' '}
              </>
            ) : (
              'No filled line falls short. '
            )}
            {w.linesNewlyEmpty.length > 0 ? (
              <>
                <strong>{countOf(w.linesNewlyEmpty.length, 'line')} left empty:</strong>{' '}
                <IdList ids={w.linesNewlyEmpty} />.
              </>
            ) : (
              'No line is left empty.'
            )}
          </p>
          {w.lines.length > 0 && (
            <DataTable
              caption={`Lines that change if ${who} stays out`}
              columns={[
                {
                  id: 'line',
                  header: 'Line',
                  rowHeader: true,
                  cell: (l) => <LineName line={l} />,
                },
                { id: 'priority', header: 'Priority', numeric: true, cell: (l) => l.priority },
                {
                  id: 'units',
                  header: 'Units filled',
                  numeric: true,
                  cell: (l) => (
                    <>
                      {formatNumber(l.filledBefore)} → {formatNumber(l.filledAfter)}{' '}
                      <span className="cell-note">of {formatNumber(l.requiredQuantity)}</span>
                    </>
                  ),
                },
                {
                  id: 'status',
                  header: 'Status',
                  cell: (l) => (
                    <>
                      <LineStatus status={l.statusBefore} /> → <LineStatus status={l.statusAfter} />
                    </>
                  ),
                },
              ]}
              rows={w.lines}
              rowKey={(l) => l.line}
            />
          )}
        </>
      )}
    </div>
  );
}

function WithdrawalTable({ rows, names }: { rows: NationWithdrawal[]; names: ReadonlyMap<string, string> }) {
  return (
    <div className="table-scroll" tabIndex={0} role="group" aria-label="Withdrawal table (scrollable)">
      <table className="data-table withdrawal-table">
        <caption className="visually-hidden">Withdrawal table</caption>
        <thead>
          <tr>
            <th scope="col">Nation</th>
            <th scope="col">Stance</th>
            <th scope="col" className="num">
              Offered
            </th>
            <th scope="col" className="num">
              Contributes
            </th>
            <th scope="col" className="num">
              Personnel lost
            </th>
            <th scope="col" className="num">
              Weighted fill lost
            </th>
            <th scope="col" className="num">
              Covered by others
            </th>
            <th scope="col">Lines newly short</th>
            <th scope="col">Lines newly empty</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((w) => (
            <tr
              key={w.nation}
              id={withdrawalAnchor(w.nation)}
              className={w.linesNewlyShort.length + w.linesNewlyEmpty.length > 0 ? 'is-short' : undefined}
            >
              <th scope="row">
                <NationName names={names} code={w.nation} />
              </th>
              <td>
                {w.stance ? <StanceBadge stance={w.stance} /> : <span className="no">None recorded</span>}
              </td>
              <td className="num">
                {formatNumber(w.personnelOffered)}
                <span className="cell-note block">{formatNumber(w.personnelAvailable)} counting</span>
              </td>
              <td className="num">
                {formatNumber(w.contribution.personnel)}
                <span className="cell-note block">{countOf(w.contribution.quantity, 'unit')}</span>
              </td>
              <td className="num">
                {w.lost.personnel !== 0 ? (
                  <span className="shortfall-text">{formatSigned(-w.lost.personnel)}</span>
                ) : (
                  <span className="no">0</span>
                )}
                <span className="cell-note block">{countOf(w.lost.quantity, 'unit')}</span>
              </td>
              <td className="num">{formatShare(w.lost.weightedFillShare)}</td>
              <td className="num">{countOf(w.coveredByOthers.quantity, 'unit')}</td>
              <td className="id-cell">
                <LineList ids={w.linesNewlyShort} />
              </td>
              <td className="id-cell">
                <LineList ids={w.linesNewlyEmpty} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LineList({ ids }: { ids: string[] }) {
  if (ids.length === 0) return <span className="no">None</span>;
  return (
    <>
      <strong>{formatNumber(ids.length)}</strong>
      <IdList ids={ids} className="cell-note block" />
    </>
  );
}

// ---- Lines ----

function LinesPanel({ lines, draws }: { lines: LineResilience[]; draws: number }) {
  const id = useId();
  const columns: Column<LineResilience>[] = [
    {
      id: 'line',
      header: 'Line',
      rowHeader: true,
      cell: (l) => (
        <>
          {l.line}
          <span className="cell-note block">
            {l.capability} · {DOMAIN_LABELS[l.domain]} · {l.sector}
          </span>
        </>
      ),
      sortValue: (l) => l.line,
    },
    {
      id: 'priority',
      header: 'Priority',
      numeric: true,
      cell: (l) => l.priority,
      sortValue: (l) => l.priority,
    },
    {
      id: 'all',
      header: 'Every nation delivers',
      cell: (l) => (
        <>
          <LineStatus status={l.allDeliver.status} />
          <span className="cell-note block">
            {formatNumber(l.allDeliver.filledQuantity)} of {countOf(l.requiredQuantity, 'unit')}
          </span>
        </>
      ),
      sortValue: (l) => l.allDeliver.filledQuantity / Math.max(1, l.requiredQuantity),
    },
    {
      id: 'filled',
      header: 'P(filled)',
      numeric: true,
      cell: (l) => <Chance p={l.probabilityFilled} />,
      sortValue: (l) => l.probabilityFilled,
    },
    {
      id: 'empty',
      header: 'P(empty)',
      numeric: true,
      cell: (l) => formatProbability(l.probabilityEmpty),
      sortValue: (l) => l.probabilityEmpty,
      firstDirection: 'descending',
    },
    {
      id: 'mean',
      header: 'Mean fill',
      numeric: true,
      cell: (l) => formatProbability(l.meanFillRatio),
      sortValue: (l) => l.meanFillRatio,
    },
  ];
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Chance each line is filled</h2>
      <p className="figure-note">
        Share of the {formatNumber(draws)} draws in which the line is completely filled, or left empty; least
        likely first when sorted by P(filled).
      </p>
      <DataTable
        caption="Chance each line is filled"
        captionHidden
        columns={columns}
        rows={lines}
        rowKey={(l) => l.line}
      />
    </section>
  );
}

/** A probability with a bar behind it (decoration: the number is the content). */
function Chance({ p }: { p: number }) {
  return (
    <span className="chance">
      {formatProbability(p)}
      <span className="chance-bar" aria-hidden="true">
        <span className="chance-bar-value" style={{ width: `${Math.round(p * 100)}%` }} />
      </span>
    </span>
  );
}

// ---- Delivery probabilities ----

function DeliveryPanel({ mc, names }: { mc: MonteCarloReport; names: ReadonlyMap<string, string> }) {
  const id = useId();
  const FROM: Record<NationDelivery['probabilityFrom'], string> = {
    stance: 'its stance',
    'nation-override': 'set for the nation',
    excluded: 'left out',
  };
  const columns: Column<NationDelivery>[] = [
    {
      id: 'nation',
      header: 'Nation',
      rowHeader: true,
      cell: (n) => <NationName names={names} code={n.nation} />,
      sortValue: (n) => names.get(n.nation) ?? n.nation,
    },
    {
      id: 'stance',
      header: 'Stance',
      cell: (n) => (n.stance ? <StanceBadge stance={n.stance} /> : <span className="no">None recorded</span>),
    },
    {
      id: 'p',
      header: 'Chance of delivering',
      numeric: true,
      cell: (n) => (
        <>
          {formatProbability(n.probability)}
          <span className="cell-note block">from {FROM[n.probabilityFrom]}</span>
        </>
      ),
      sortValue: (n) => n.probability,
      firstDirection: 'descending',
    },
    {
      id: 'delivered',
      header: 'Delivered in draws',
      numeric: true,
      cell: (n) => formatProbability(n.deliveredShare),
      sortValue: (n) => n.deliveredShare,
      firstDirection: 'descending',
    },
    {
      id: 'available',
      header: 'Counting personnel',
      numeric: true,
      cell: (n) => formatNumber(n.personnelAvailable),
      sortValue: (n) => n.personnelAvailable,
      firstDirection: 'descending',
    },
  ];
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Who delivers in the draws</h2>
      <DataTable
        caption="Who delivers in the draws"
        captionHidden
        columns={columns}
        rows={mc.nations}
        rowKey={(n) => n.nation}
      />
    </section>
  );
}
