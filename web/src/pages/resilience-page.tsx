// Resilience: how the force holds up when nations do not deliver. The Monte Carlo draws which
// nations deliver (by the probability of their stance) and shows the spread of personnel matched,
// with P10, P50, P90 and the target marked, the chance of meeting the target and each line's chance
// of being filled. The withdrawal table answers "what if this nation stays out": what each nation's
// withdrawal breaks, with a nation picker (and `?nation=DEU` links) that spells out one nation's case.
import { ShortNumberField } from '../components/short-number-field.tsx';
import { useId, useState, type FormEvent } from 'react';
import type { MonteCarloReport } from '../../../src/domain/analysis/resilience-report.ts';
import type { AnalysisAnswer } from '../api-client.ts';
import {
  AssumptionControls,
  Figure,
  PartialNotice,
  formatCDay,
  formatProbability,
  formatProbabilityError,
  useAssumptions,
  useNationNames,
  withQuery,
  type Assumptions,
} from '../components/analysis-common.tsx';
import { AnalysisShell } from '../components/analysis-shell.tsx';
import { HistogramPanel } from '../components/monte-carlo-histogram.tsx';
import { DeliveryPanel, LinesPanel } from '../components/monte-carlo-lines.tsx';
import { WithdrawalPanel } from '../components/withdrawal-panel.tsx';
import { countOf, formatDate, formatNumber } from '../format.ts';
import { Link, useRouter } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import { canEditScenario, deliveryProbabilityPath } from './edit-paths.ts';
import { SavedNotice } from './edit-saved-notice.tsx';
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
  const names = useNationNames(scenario.id, scenario.version);
  const initialNation = new URLSearchParams(search).get('nation') ?? '';
  const user = useCurrentUser();
  return (
    <AnalysisShell
      scenario={scenario}
      kind="resilience"
      query={{ ...assumptions, ...monteCarlo }}
      loading="Running the resilience analysis…"
      failed="The resilience analysis could not be run."
    >
      {(envelope) => (
        <ResilienceView
          scenarioId={scenario.id}
          envelope={envelope}
          names={names}
          assumptions={assumptions}
          onAssumptionsChange={setAssumptions}
          onRun={(draws, seed) => navigate(path + withQuery(search, { draws, seed }), { replace: true })}
          initialNation={initialNation}
          editProbabilitiesTo={
            canEditScenario(user) ? deliveryProbabilityPath(scenario.id, { back: path + search }) : undefined
          }
        />
      )}
    </AnalysisShell>
  );
}

export interface ResilienceViewProps {
  scenarioId: string;
  envelope: AnalysisAnswer<'resilience'>;
  names: ReadonlyMap<string, string>;
  assumptions: Assumptions;
  onAssumptionsChange: (changes: Partial<Assumptions>) => void;
  onRun: (draws: number, seed: number) => void;
  /** The nation whose withdrawal is spelt out first (`?nation=DEU`); empty for none. */
  initialNation?: string;
  /** The form of the scenario's delivery probabilities, for those who may change them. */
  editProbabilitiesTo?: string | undefined;
}

export function ResilienceView({
  scenarioId,
  envelope,
  names,
  assumptions,
  onAssumptionsChange,
  onRun,
  initialNation = '',
  editProbabilitiesTo,
}: ResilienceViewProps) {
  const { monteCarlo: mc, withdrawals } = envelope.result;
  const p = envelope.parameters;
  return (
    <>
      <h2 className="visually-hidden">Resilience</h2>
      <SavedNotice />
      <PartialNotice partial={envelope.partial} />
      <AssumptionControls
        value={assumptions}
        onChange={onAssumptionsChange}
        summary={
          <>
            As of {formatDate(envelope.asOf)}; offers from status “{p.minStatus}” up count.{' '}
            {p.readyByCDay !== null && (
              <>Only offers ready by {formatCDay(p.readyByCDay)} count in the draws. </>
            )}
            Each nation delivers all its offers or none, independently, with the probability of its stance
            {mc.deliveryProbabilityProvenance ? ' set in the scenario' : ' (default values)'}.
            {editProbabilitiesTo && (
              <>
                {' '}
                <Link to={editProbabilitiesTo}>Edit delivery probabilities</Link>
              </>
            )}
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
    <ShortNumberField
      formId={id}
      name={name}
      label={label}
      hint={hint}
      value={value}
      onChange={set}
      invalid={error?.field === name}
    />
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
