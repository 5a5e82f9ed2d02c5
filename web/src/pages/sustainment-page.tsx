// Sustainment: how long the coalition can hold its force, given each nation's rotation policy (tour
// length and dwell ratio, or an assumed default where a nation states none). Headline "X personnel
// sustainable for N months" rows, each nation's rotational pool, each requirement line's verdict, and
// "Without the US" from the dependency analysis, in a frame of its own (us-dependency-panel.tsx).
import { useId } from 'react';
import type { DefaultPolicyKey } from '../../../src/domain/analysis/sustainment.ts';
import type { AnalysisAnswer, PersonnelBasis } from '../api-client.ts';
import {
  AssumptionControls,
  PartialNotice,
  useAssumptions,
  useNationNames,
  withQuery,
  type Assumptions,
} from '../components/analysis-common.tsx';
import { AnalysisShell } from '../components/analysis-shell.tsx';
import {
  CoalitionPanel,
  DEFAULT_POLICY_LABELS,
  LinesPanel,
  NationsPanel,
} from '../components/sustainment-tables.tsx';
import { UsDependencyPanel } from '../components/us-dependency-panel.tsx';
import { formatDate, formatNumber } from '../format.ts';
import { useRouter } from '../router.tsx';
import { useScenario } from './scenario-layout.tsx';

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
  const names = useNationNames(scenario.id, scenario.version);
  return (
    <>
      <AnalysisShell
        scenario={scenario}
        kind="sustainment"
        query={{ ...assumptions, ...options }}
        loading="Running the sustainment analysis…"
        failed="The sustainment analysis could not be run."
      >
        {(envelope) => (
          <SustainmentView
            envelope={envelope}
            names={names}
            assumptions={assumptions}
            onAssumptionsChange={setAssumptions}
            options={options}
            onOptionsChange={(changes) =>
              navigate(path + withQuery(search, changes, { ...DEFAULT_SUSTAINMENT_OPTIONS }), {
                replace: true,
              })
            }
          />
        )}
      </AnalysisShell>
      <UsDependencyPanel scenario={scenario} allowLate={assumptions.allowLate} names={names} />
    </>
  );
}

export interface SustainmentViewProps {
  envelope: AnalysisAnswer<'sustainment'>;
  names: ReadonlyMap<string, string>;
  assumptions: Assumptions;
  onAssumptionsChange: (changes: Partial<Assumptions>) => void;
  options: SustainmentOptions;
  onOptionsChange: (changes: Partial<SustainmentOptions>) => void;
}

export function SustainmentView({
  envelope,
  names,
  assumptions,
  onAssumptionsChange,
  options,
  onOptionsChange,
}: SustainmentViewProps) {
  const id = useId();
  const report = envelope.result;
  const p = envelope.parameters;
  return (
    <>
      <h2 className="visually-hidden">Sustainment</h2>
      <PartialNotice partial={envelope.partial} />
      <AssumptionControls
        value={assumptions}
        onChange={onAssumptionsChange}
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
    </>
  );
}
