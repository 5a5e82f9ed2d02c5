// Sustainment: how long the coalition can hold its force, given each nation's rotation policy (tour
// length and dwell ratio, or an assumed default where a nation states none). Headline "X personnel
// sustainable for N months" rows, each nation's rotational pool, each requirement line's verdict, and
// "Without the US" from the dependency analysis: what the force lacks if the US stays out.
import { useId } from 'react';
import type {
  AppliedRotationPolicy,
  CoalitionHorizonRow,
  DefaultPolicyKey,
  Endurance,
  LineSustainment,
  NationSustainment,
} from '../../../src/domain/analysis/sustainment.ts';
import type { CapabilityLoss, LineUsDependency } from '../../../src/domain/analysis/us-dependency-report.ts';
import type { AnalysisEnvelope, PersonnelBasis } from '../api-client.ts';
import {
  LineName,
  AssumptionControls,
  Figure,
  IdList,
  NationName,
  PartialNotice,
  nationLabel,
  useAnalysis,
  useAssumptions,
  useNationNames,
  withQuery,
  type AnalysisState,
  type Assumptions,
} from '../components/analysis-common.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { countOf, formatDate, formatNumber } from '../format.ts';
import { useRouter } from '../router.tsx';
import { useScenario } from './scenario-layout.tsx';

/** The default rotation policies the API knows (sustainment.ts), by key. */
export const DEFAULT_POLICY_LABELS: Readonly<Record<DefaultPolicyKey, string>> = {
  'rule-of-thirds': 'Rule of thirds',
  'uk-harmony': 'UK harmony guideline',
};

const BASIS_LABELS: Readonly<Record<PersonnelBasis, string>> = {
  offered: 'Personnel offered',
  matched: 'Personnel matched by the fill',
};

export interface SustainmentOptions {
  defaultPolicy: DefaultPolicyKey;
  basis: PersonnelBasis;
}

export const DEFAULT_SUSTAINMENT_OPTIONS: SustainmentOptions = {
  defaultPolicy: 'rule-of-thirds',
  basis: 'offered',
};

/** `?defaultPolicy=uk-harmony&basis=matched`; anything unknown is the API's default. */
export function readSustainmentOptions(search: string): SustainmentOptions {
  const q = new URLSearchParams(search);
  const policy = q.get('defaultPolicy') ?? '';
  const basis = q.get('basis') ?? '';
  return {
    defaultPolicy: Object.hasOwn(DEFAULT_POLICY_LABELS, policy)
      ? (policy as DefaultPolicyKey)
      : DEFAULT_SUSTAINMENT_OPTIONS.defaultPolicy,
    basis: Object.hasOwn(BASIS_LABELS, basis) ? (basis as PersonnelBasis) : DEFAULT_SUSTAINMENT_OPTIONS.basis,
  };
}

export function SustainmentPage() {
  const scenario = useScenario();
  const { path, search, navigate } = useRouter();
  const [assumptions, setAssumptions] = useAssumptions();
  const options = readSustainmentOptions(search);
  const result = useAnalysis(scenario.id, scenario.version, 'sustainment', { ...assumptions, ...options });
  // The dependency analysis compares with and without the US itself, so it takes no backstop switch.
  const dependency = useAnalysis(scenario.id, scenario.version, 'dependency', {
    allowLate: assumptions.allowLate,
  });
  const names = useNationNames(scenario.id, scenario.version);
  if (result.status === 'loading') return <LoadingMessage>Running the sustainment analysis…</LoadingMessage>;
  if (result.status === 'error') {
    return (
      <ErrorMessage
        title="The sustainment analysis could not be run."
        error={result.error}
        onRetry={result.reload}
      />
    );
  }
  return (
    <SustainmentView
      envelope={result.data}
      dependency={dependency}
      names={names}
      assumptions={assumptions}
      onAssumptionsChange={setAssumptions}
      options={options}
      onOptionsChange={(changes) =>
        navigate(path + withQuery(search, changes, { ...DEFAULT_SUSTAINMENT_OPTIONS }), { replace: true })
      }
      updating={result.updating}
    />
  );
}

export interface SustainmentViewProps {
  envelope: AnalysisEnvelope<'sustainment'>;
  dependency: AnalysisState<'dependency'>;
  names: ReadonlyMap<string, string>;
  assumptions: Assumptions;
  onAssumptionsChange: (changes: Partial<Assumptions>) => void;
  options: SustainmentOptions;
  onOptionsChange: (changes: Partial<SustainmentOptions>) => void;
  updating?: boolean;
}

export function SustainmentView({
  envelope,
  dependency,
  names,
  assumptions,
  onAssumptionsChange,
  options,
  onOptionsChange,
  updating = false,
}: SustainmentViewProps) {
  const id = useId();
  const report = envelope.result;
  const p = envelope.parameters;
  return (
    <>
      <h2 className="visually-hidden">Sustainment</h2>
      <PartialNotice envelope={envelope} />
      <AssumptionControls
        value={assumptions}
        onChange={onAssumptionsChange}
        updating={updating}
        summary={
          <>
            As of {formatDate(envelope.asOf)}; offers from status “{p.minStatus}” up count. A nation without a
            rotation policy is assumed to follow the {report.defaultPolicy.name} (
            {formatNumber(report.defaultPolicy.tourMonths)}-month tours, dwell ratio{' '}
            {formatNumber(report.defaultPolicy.dwellRatio)}).
          </>
        }
      >
        <div className="field">
          <label htmlFor={`${id}-policy`}>Default rotation policy</label>
          <select
            id={`${id}-policy`}
            className="input"
            value={options.defaultPolicy}
            onChange={(e) => onOptionsChange({ defaultPolicy: e.target.value as DefaultPolicyKey })}
          >
            {Object.entries(DEFAULT_POLICY_LABELS).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-basis`}>Each nation’s strength</label>
          <select
            id={`${id}-basis`}
            className="input"
            value={options.basis}
            onChange={(e) => onOptionsChange({ basis: e.target.value as PersonnelBasis })}
          >
            {Object.entries(BASIS_LABELS).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </AssumptionControls>
      <CoalitionPanel report={report} names={names} />
      <NationsPanel nations={report.nations} names={names} />
      <LinesPanel lines={report.lines} names={names} />
      <WithoutUsPanel state={dependency} names={names} />
    </>
  );
}

// ---- Formats ----

/** `'indefinite'` → "Indefinitely"; `12` → "12 months". */
export function formatEndurance(e: Endurance): string {
  return e === 'indefinite' ? 'Indefinitely' : countOf(e, 'month');
}

function horizonHeader(h: Endurance): string {
  return h === 'indefinite' ? 'Indefinitely' : `For ${countOf(h, 'month')}`;
}

function PolicyCell({ policy }: { policy: AppliedRotationPolicy }) {
  return (
    <>
      {formatNumber(policy.tourMonths)}-month tours, dwell ratio {formatNumber(policy.dwellRatio)}
      {policy.basis === 'scenario' ? (
        <span className="cell-note block">Scenario’s policy</span>
      ) : (
        <span className="cell-note block policy-reason">
          <strong>Default applied: {DEFAULT_POLICY_LABELS[policy.default]}.</strong> {policy.reason}
        </span>
      )}
    </>
  );
}

// ---- Coalition ----

function CoalitionPanel({
  report,
  names,
}: {
  report: AnalysisEnvelope<'sustainment'>['result'];
  names: ReadonlyMap<string, string>;
}) {
  const id = useId();
  const c = report.coalition;
  const indefinite =
    c.sustainableFor.find((r) => r.horizon === 'indefinite')?.personnel ?? c.sustainableStrength;
  const columns: Column<CoalitionHorizonRow>[] = [
    { id: 'horizon', header: 'How long', rowHeader: true, cell: (r) => horizonHeader(r.horizon) },
    {
      id: 'personnel',
      header: 'Personnel sustainable',
      numeric: true,
      cell: (r) => formatNumber(r.personnel),
    },
    {
      id: 'share',
      header: 'Of the strength',
      numeric: true,
      cell: (r) => (c.strength > 0 ? `${Math.round((r.personnel / c.strength) * 100)}%` : '—'),
    },
    { id: 'label', header: 'In words', cell: (r) => r.label },
  ];
  return (
    <>
      <section aria-label="Sustainment figures" className="figures">
        <Figure label="Sustainable indefinitely" value={formatNumber(indefinite)} unit="personnel">
          Held without end by rotating each nation’s pool
        </Figure>
        <Figure label="Coalition strength" value={formatNumber(c.strength)} unit="personnel">
          Pool {formatNumber(c.pool)}
        </Figure>
        <Figure label="Rotational pool needed" value={formatNumber(c.poolNeeded)} unit="personnel">
          {c.poolShortfall > 0 ? `${formatNumber(c.poolShortfall)} short` : 'No nation short'}
        </Figure>
        <Figure
          label="Nations on a default policy"
          value={formatNumber(c.defaultPolicyNations.length)}
          tone={c.defaultPolicyNations.length > 0 ? 'shortfall' : undefined}
        >
          {c.defaultPolicyNations.length > 0
            ? c.defaultPolicyNations.map((n) => nationLabel(names, n)).join(', ')
            : 'Every nation states its own policy'}
        </Figure>
      </section>
      <section className="panel" aria-labelledby={id}>
        <h2 id={id}>Personnel sustainable over time</h2>
        <p className="figure-note">Summed over nations: one nation’s troops do not relieve another’s.</p>
        <DataTable
          caption="Personnel sustainable by horizon"
          captionHidden
          columns={columns}
          rows={c.sustainableFor}
          rowKey={(r) => String(r.horizon)}
        />
      </section>
    </>
  );
}

// ---- Nations ----

function NationsPanel({
  nations,
  names,
}: {
  nations: NationSustainment[];
  names: ReadonlyMap<string, string>;
}) {
  const id = useId();
  const columns: Column<NationSustainment>[] = [
    {
      id: 'nation',
      header: 'Nation',
      rowHeader: true,
      cell: (n) => <NationName names={names} code={n.nation} />,
      sortValue: (n) => names.get(n.nation) ?? n.nation,
    },
    {
      id: 'strength',
      header: 'Strength',
      numeric: true,
      cell: (n) => (
        <>
          {formatNumber(n.strength)}
          <span className="cell-note block">
            pool {formatNumber(n.pool)}
            {n.poolBasis === 'strength' ? ' (the strength)' : ''}
          </span>
        </>
      ),
      sortValue: (n) => n.strength,
      firstDirection: 'descending',
    },
    {
      id: 'policy',
      header: 'Rotation policy',
      cell: (n) => <PolicyCell policy={n.policy} />,
      className: 'policy-cell',
    },
    {
      id: 'needed',
      header: 'Pool needed',
      numeric: true,
      cell: (n) => (
        <>
          {formatNumber(n.poolNeeded)}
          {n.poolShortfall > 0 ? (
            <span className="cell-note block shortfall-text">{formatNumber(n.poolShortfall)} short</span>
          ) : (
            <span className="cell-note block">enough</span>
          )}
        </>
      ),
      sortValue: (n) => n.poolShortfall,
      firstDirection: 'descending',
    },
    {
      id: 'indefinite',
      header: 'Sustainable indefinitely',
      numeric: true,
      cell: (n) => formatNumber(n.sustainableStrength),
      sortValue: (n) => n.sustainableStrength,
      firstDirection: 'descending',
    },
    {
      id: 'months',
      header: 'At full strength',
      numeric: true,
      cell: (n) => formatEndurance(n.monthsAtFullStrength),
      sortValue: (n) => (n.monthsAtFullStrength === 'indefinite' ? Infinity : n.monthsAtFullStrength),
    },
  ];
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>By nation</h2>
      <p className="figure-note">
        Pool needed to hold the strength indefinitely: strength × (1 + dwell ratio). A pool short of it holds
        the full strength for as many tours as it fields contingents.
      </p>
      <DataTable
        caption="Sustainment by nation"
        captionHidden
        columns={columns}
        rows={nations}
        rowKey={(n) => n.nation}
        emptyMessage="No nation puts personnel in this analysis."
      />
    </section>
  );
}

// ---- Lines ----

const VERDICT: Record<LineSustainment['verdict'], { label: string; className: string }> = {
  sustainable: { label: 'Sustainable', className: 'line-status line-status-filled' },
  'pool-short': { label: 'Pool short', className: 'line-status line-status-partial' },
  'no-contributors': { label: 'No contributors', className: 'line-status line-status-empty' },
};

function LinesPanel({ lines, names }: { lines: LineSustainment[]; names: ReadonlyMap<string, string> }) {
  const id = useId();
  const columns: Column<LineSustainment>[] = [
    {
      id: 'line',
      header: 'Line',
      rowHeader: true,
      cell: (l) => (
        <>
          {l.lineId}
          <span className="cell-note block">for {countOf(l.durationMonths, 'month')}</span>
        </>
      ),
      sortValue: (l) => l.lineId,
    },
    {
      id: 'verdict',
      header: 'Verdict',
      cell: (l) => <span className={VERDICT[l.verdict].className}>{VERDICT[l.verdict].label}</span>,
      sortValue: (l) => l.verdict,
    },
    {
      id: 'personnel',
      header: 'Personnel',
      numeric: true,
      cell: (l) => formatNumber(l.personnel),
      sortValue: (l) => l.personnel,
      firstDirection: 'descending',
    },
    { id: 'needed', header: 'Pool needed', numeric: true, cell: (l) => formatNumber(l.poolNeeded) },
    { id: 'available', header: 'Pool available', numeric: true, cell: (l) => formatNumber(l.poolAvailable) },
    {
      id: 'short',
      header: 'Pool short',
      numeric: true,
      cell: (l) =>
        l.poolShortfall > 0 ? (
          <span className="shortfall-text">{formatNumber(l.poolShortfall)}</span>
        ) : (
          <span className="no">0</span>
        ),
      sortValue: (l) => l.poolShortfall,
      firstDirection: 'descending',
    },
    {
      id: 'months',
      header: 'Held for',
      numeric: true,
      cell: (l) => formatEndurance(l.monthsAtFullStrength),
      sortValue: (l) => (l.monthsAtFullStrength === 'indefinite' ? Infinity : l.monthsAtFullStrength),
    },
    {
      id: 'who',
      header: 'Contributors',
      cell: (l) =>
        l.contributions.length === 0 ? (
          <span className="no">None</span>
        ) : (
          l.contributions.map((c) => (
            <span key={c.nation} className="line-block">
              {nationLabel(names, c.nation)}: {formatNumber(c.personnel)}
              {!c.sustainable && (
                <span className="shortfall-text"> ({formatNumber(c.poolShortfall)} short)</span>
              )}
            </span>
          ))
        ),
    },
  ];
  const short = lines.filter((l) => l.verdict !== 'sustainable').length;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>By requirement line</h2>
      <p className="figure-note">
        Can each line’s contributors hold their personnel for the line’s duration? A nation’s pool is shared
        between its lines in proportion to what it puts on each. {countOf(short, 'line')} of{' '}
        {formatNumber(lines.length)} not sustainable.
      </p>
      <DataTable
        caption="Sustainment by requirement line"
        captionHidden
        columns={columns}
        rows={lines}
        rowKey={(l) => l.lineId}
        emptyMessage="No requirement line in this analysis."
      />
    </section>
  );
}

// ---- Without the US ----

function WithoutUsPanel({
  state,
  names,
}: {
  state: AnalysisState<'dependency'>;
  names: ReadonlyMap<string, string>;
}) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Without the US</h2>
      {state.status === 'loading' ? (
        <LoadingMessage>Running the US dependency analysis…</LoadingMessage>
      ) : state.status === 'error' ? (
        <ErrorMessage
          title="The US dependency analysis could not be run."
          error={state.error}
          onRetry={state.reload}
        />
      ) : (
        <WithoutUs envelope={state.data} names={names} />
      )}
    </section>
  );
}

function WithoutUs({
  envelope,
  names,
}: {
  envelope: AnalysisEnvelope<'dependency'>;
  names: ReadonlyMap<string, string>;
}) {
  const r = envelope.result;
  const backstopOnly = r.lines.filter((l) => l.onlyBackstopOffers);
  const lineColumns: Column<LineUsDependency>[] = [
    {
      id: 'line',
      header: 'Line',
      rowHeader: true,
      cell: (l) => <LineName line={l} />,
    },
    { id: 'priority', header: 'Priority', numeric: true, cell: (l) => l.priority },
    {
      id: 'units',
      header: 'Units with → without the US',
      numeric: true,
      cell: (l) => (
        <>
          {formatNumber(l.filledWithUs)} → {formatNumber(l.filledWithoutUs)}{' '}
          <span className="cell-note">of {formatNumber(l.requiredQuantity)}</span>
        </>
      ),
    },
    {
      id: 'lost',
      header: 'Personnel lost',
      numeric: true,
      cell: (l) =>
        l.lostPersonnel > 0 ? (
          <>
            <span className="shortfall-text">{formatNumber(l.lostPersonnel)}</span>
            <span className="cell-note block">{countOf(l.lostQuantity, 'unit')}</span>
          </>
        ) : (
          <span className="no">0</span>
        ),
    },
    {
      id: 'why',
      header: 'Depends on',
      cell: (l) => (
        <>
          {l.onlyBackstopOffers && <strong className="line-block">Only offers needing a US backstop</strong>}
          {l.onlyAbsentNations && <strong className="line-block">Only absent nations</strong>}
          {l.backstopOffers.length > 0 && (
            <span className="line-block">
              Backstop offers: <IdList ids={l.backstopOffers} />
            </span>
          )}
          {l.absentNations.length > 0 && (
            <span className="line-block">
              Absent: {l.absentNations.map((n) => nationLabel(names, n)).join(', ')}
            </span>
          )}
          {l.backstopOffers.length === 0 && l.absentNations.length === 0 && (
            <span className="no">No backstop offer or absent nation on this line</span>
          )}
        </>
      ),
    },
  ];
  const capabilityColumns: Column<CapabilityLoss>[] = [
    { id: 'capability', header: 'Capability', rowHeader: true, cell: (c) => c.capability },
    { id: 'quantity', header: 'Units lost', numeric: true, cell: (c) => formatNumber(c.quantity) },
    { id: 'personnel', header: 'Personnel lost', numeric: true, cell: (c) => formatNumber(c.personnel) },
  ];
  return (
    <>
      <PartialNotice envelope={envelope} />
      <p className="figure-note">
        The fill with a US backstop and every nation’s offers, against the fill without the backstop and
        without nations absent on {formatDate(r.asOf)}
        {r.absentNations.length > 0 && <> ({r.absentNations.map((n) => nationLabel(names, n)).join(', ')})</>}
        : {formatNumber(r.withUs.personnelMatched)} personnel matched with the US,{' '}
        {formatNumber(r.withoutUs.personnelMatched)} without.
      </p>
      <section aria-label="Without the US figures" className="figures">
        <Figure
          label="Personnel lost without the US"
          value={formatNumber(r.lacks.personnel)}
          unit="personnel"
          tone={r.lacks.personnel > 0 ? 'shortfall' : undefined}
        >
          {countOf(r.lacks.quantity, 'unit')} at the lines’ planning sizes
        </Figure>
        <Figure label="Lines emptied" value={formatNumber(r.lacks.linesEmptied.length)}>
          {r.lacks.linesEmptied.length > 0 ? <IdList ids={r.lacks.linesEmptied} /> : 'None'}
        </Figure>
        <Figure label="Lines filled only by US-backstop offers" value={formatNumber(backstopOnly.length)}>
          {backstopOnly.length > 0 ? <IdList ids={backstopOnly.map((l) => l.line)} /> : 'None'}
        </Figure>
        <Figure label="Lines losing units" value={formatNumber(r.lacks.lines.length)} />
      </section>
      <DataTable
        caption="Lines that depend on the US"
        columns={lineColumns}
        rows={r.lines}
        rowKey={(l) => l.line}
        emptyMessage="No line depends on the US."
      />
      <DataTable
        caption="Lost without the US, by capability"
        columns={capabilityColumns}
        rows={r.lacks.byCapability}
        rowKey={(c) => c.capability}
        emptyMessage="Nothing is lost without the US."
      />
    </>
  );
}
