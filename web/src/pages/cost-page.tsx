// The Cost section of a scenario (issue 16): what the force costs and who pays. Personnel and
// sustainment per month and the one-off deployment transport, over a horizon of months, against the
// money pledged by stage (committed ⊇ allocated ⊇ delivered, as on the Funding page): the gap, the
// share the pledges cover, each nation's cost against its pledges and its GDP, the cost per domain and
// per transport mode, and every rate with its currency, exchange rate and source or assumption.
// Every figure is the API's cost analysis (GET /api/scenarios/:id/analysis/cost); the fill
// assumptions, the personnel basis and the months are kept in the address, so a view can be briefed.
import { useId, useState, type FormEvent } from 'react';
import type { AnalysisAnswer, PersonnelBasis } from '../api-client.ts';
import {
  AssumptionControls,
  Figure,
  PartialNotice,
  useAssumptions,
  withQuery,
  type Assumptions,
} from '../components/analysis-common.tsx';
import { AnalysisShell } from '../components/analysis-shell.tsx';
import { CostChartsPanel } from '../components/cost-charts.tsx';
import {
  formatCoverage,
  formatEurCompact,
  formatEurExact,
  formatLoads,
  personnelText,
} from '../components/cost-format.ts';
import { RatesPanel } from '../components/cost-rates.tsx';
import { DomainModePanel, NationCostPanel } from '../components/cost-tables.tsx';
import { countOf, formatDate } from '../format.ts';
import { useRouter } from '../router.tsx';
import { formatShare } from './funding-format.ts';
import { useScenario } from './scenario-layout.tsx';

type CostResult = AnalysisAnswer<'cost'>['result'];

/** The months the API accepts (src/contract/analyses/cost.ts). */
export const MONTHS_MIN = 1;
export const MONTHS_MAX = 120;

export const BASIS_LABELS: Readonly<Record<PersonnelBasis, string>> = {
  matched: 'Matched by the fill',
  offered: 'Offered (not withdrawn)',
};

/** What the Cost page reads from its address besides the fill assumptions; absent: the API's default. */
export interface CostOptions {
  basis?: PersonnelBasis;
  months?: number;
}

/** `?basis=offered&months=6`; a value the API would refuse is left out. */
export function readCostOptions(search: string): CostOptions {
  const q = new URLSearchParams(search);
  const basis = q.get('basis') ?? '';
  const raw = q.get('months');
  const months = raw !== null && /^\d{1,3}$/.test(raw) ? Number(raw) : undefined;
  return {
    ...(Object.hasOwn(BASIS_LABELS, basis) && { basis: basis as PersonnelBasis }),
    ...(months !== undefined && months >= MONTHS_MIN && months <= MONTHS_MAX && { months }),
  };
}

export function CostPage() {
  const scenario = useScenario();
  const { path, search, navigate } = useRouter();
  const [assumptions, setAssumptions] = useAssumptions();
  const options = readCostOptions(search);
  return (
    <AnalysisShell
      scenario={scenario}
      kind="cost"
      query={{ ...assumptions, ...options }}
      loading="Costing the force…"
      failed="The cost of the force could not be computed."
    >
      {(envelope) => (
        <CostView
          envelope={envelope}
          assumptions={assumptions}
          onAssumptionsChange={setAssumptions}
          options={options}
          onOptionsChange={(changes) =>
            navigate(path + withQuery(search, { ...changes }, { basis: 'matched' }), { replace: true })
          }
        />
      )}
    </AnalysisShell>
  );
}

export interface CostViewProps {
  envelope: AnalysisAnswer<'cost'>;
  assumptions: Assumptions;
  onAssumptionsChange: (changes: Partial<Assumptions>) => void;
  /** What the address asks for (the envelope's parameters say what was computed). */
  options: CostOptions;
  onOptionsChange: (changes: CostOptions) => void;
}

export function CostView({
  envelope,
  assumptions,
  onAssumptionsChange,
  options,
  onOptionsChange,
}: CostViewProps) {
  const id = useId();
  const result = envelope.result;
  const p = envelope.parameters;
  return (
    <>
      <h2 className="visually-hidden">Cost of the force</h2>
      <PartialNotice partial={envelope.partial} />
      <AssumptionControls
        value={assumptions}
        onChange={onAssumptionsChange}
        summary={
          <>
            As of <time dateTime={envelope.asOf}>{formatDate(envelope.asOf)}</time>; offers from status “
            {p.minStatus}” up count. Personnel costed: {BASIS_LABELS[p.basis].toLowerCase()}, over{' '}
            {countOf(p.months, 'month')}
            {options.months === undefined && ' (the longest requirement line’s duration)'}. Amounts in euros.
          </>
        }
      >
        <div className="field">
          <label htmlFor={`${id}-basis`}>Personnel costed</label>
          <select
            id={`${id}-basis`}
            className="input"
            value={p.basis}
            onChange={(e) => onOptionsChange({ basis: e.target.value as PersonnelBasis })}
          >
            {Object.entries(BASIS_LABELS).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <MonthsForm
          key={`${p.months}/${options.months ?? ''}`}
          months={p.months}
          chosen={options.months}
          onApply={(months) => onOptionsChange({ months })}
        />
      </AssumptionControls>
      <CostFigures result={result} basis={p.basis} />
      <CostChartsPanel result={result} />
      <NationCostPanel result={result} />
      <DomainModePanel result={result} />
      <RatesPanel result={result} />
      {result.notes.length > 0 && <NotesPanel notes={result.notes} />}
    </>
  );
}

/** The horizon: a whole number of months, or empty for the API's default. */
function MonthsForm({
  months,
  chosen,
  onApply,
}: {
  /** The months computed. */
  months: number;
  /** The months the address asks for, if any. */
  chosen: number | undefined;
  onApply: (months: number | undefined) => void;
}) {
  const id = useId();
  const [text, setText] = useState(chosen === undefined ? '' : String(chosen));
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const raw = text.trim();
    if (raw === '') {
      setError(null);
      onApply(undefined);
      return;
    }
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < MONTHS_MIN || n > MONTHS_MAX) {
      setError(`Enter a whole number of months from ${MONTHS_MIN} to ${MONTHS_MAX}, or leave it empty.`);
      return;
    }
    setError(null);
    onApply(n);
  };
  return (
    <form className="cost-months-form" onSubmit={submit} aria-label="Horizon" noValidate>
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${id}-months`}>Months costed</label>
        <div className="inline-input">
          <input
            id={`${id}-months`}
            name="months"
            className="input input-short"
            inputMode="numeric"
            value={text}
            placeholder={String(months)}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-months-hint ${id}-months-error` : `${id}-months-hint`}
          />
          <button type="submit" className="button">
            Apply
          </button>
        </div>
        <p className="field-hint" id={`${id}-months-hint`}>
          {MONTHS_MIN} to {MONTHS_MAX}; empty: the longest requirement line’s duration
        </p>
        {error && (
          <p className="field-error" id={`${id}-months-error`} role="alert">
            {error}
          </p>
        )}
      </div>
    </form>
  );
}

/** Said under a gap: which way it goes. */
function gapWords(gap: number, stage: 'committed' | 'delivered'): string {
  if (gap > 0) return `Cost the pledges ${stage} do not cover`;
  if (gap < 0) return `Pledges ${stage} exceed the cost`;
  return `Pledges ${stage} meet the cost exactly`;
}

const gapTone = (gap: number) => (gap > 0 ? 'shortfall' : gap < 0 ? 'surplus' : 'met');

function CostFigures({ result, basis }: { result: CostResult; basis: PersonnelBasis }) {
  const c = result.coalition;
  const over = countOf(result.months, 'month');
  const coverage = c.coverage;
  return (
    <section aria-label="Cost of the force" className="figures figures-eight">
      <Figure label="Cost per month" value={formatEurCompact(c.perMonth)}>
        <span className="figure-line figure-exact">{formatEurExact(c.perMonth)}</span>
        <span className="figure-line">
          Personnel {formatEurCompact(c.personnelPerMonth)}, sustainment{' '}
          {formatEurCompact(c.sustainmentPerMonth)}
        </span>
        <span className="figure-line">
          {personnelText(c.personnel)} {basis === 'matched' ? 'matched' : 'offered'}
        </span>
      </Figure>
      <Figure label="Deployment transport" value={formatEurCompact(c.transport)}>
        <span className="figure-line figure-exact">{formatEurExact(c.transport)}</span>
        <span className="figure-line">Once: {formatLoads(c.loads)} loads moved by the deployment plan</span>
      </Figure>
      <Figure label={`Total over ${over}`} value={formatEurCompact(c.total)}>
        <span className="figure-line figure-exact">{formatEurExact(c.total)}</span>
        <span className="figure-line">Transport plus {over} at the monthly cost</span>
      </Figure>
      <Figure label="Pledged" value={formatEurCompact(c.pledged.committed)} unit="committed">
        <span className="figure-line figure-exact">{formatEurExact(c.pledged.committed)}</span>
        <span className="figure-line">
          Allocated {formatEurCompact(c.pledged.allocated)}, delivered {formatEurCompact(c.pledged.delivered)}
        </span>
      </Figure>
      <Figure
        label="Gap against committed"
        value={formatEurCompact(c.gap.committed)}
        tone={gapTone(c.gap.committed)}
      >
        <span className="figure-line figure-exact">{formatEurExact(c.gap.committed)}</span>
        <span className="figure-line">{gapWords(c.gap.committed, 'committed')}</span>
      </Figure>
      <Figure
        label="Gap against delivered"
        value={formatEurCompact(c.gap.delivered)}
        tone={gapTone(c.gap.delivered)}
      >
        <span className="figure-line figure-exact">{formatEurExact(c.gap.delivered)}</span>
        <span className="figure-line">{gapWords(c.gap.delivered, 'delivered')}</span>
        <span className="figure-line">Against allocated: {formatEurCompact(c.gap.allocated)}</span>
      </Figure>
      <Figure
        label="Pledges cover"
        value={formatCoverage(coverage)}
        tone={coverage === null ? undefined : coverage >= 1 ? 'met' : 'shortfall'}
      >
        {coverage === null
          ? 'Nothing to cover: the force costs nothing as counted'
          : `Of the total cost over ${over}, by the pledges committed`}
      </Figure>
      <Figure label="Cost over coalition GDP" value={formatShare(c.costShareOfGdp)}>
        The total over {over} against one year’s GDP of the nations whose GDP is known (
        {formatEurCompact(c.gdpEur)})
      </Figure>
    </section>
  );
}

function NotesPanel({ notes }: { notes: readonly string[] }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Notes</h2>
      <ul className="cost-notes">
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </section>
  );
}
