// Compare: the scenario as the baseline and chosen variants side by side (the courses of action),
// from GET /api/scenarios/:id/compare. The variants are picked above and kept in the address, with
// the COA criteria as edited (`?variants=a,b&criteria=matchedOnTime:3:100000,…`), so a comparison is
// a link a planner can send. Below: every figure with its change and drivers, the closure curves and
// Monte Carlo distributions overlaid, what each variant changes, the COA matrix recomputed live as
// the criteria are edited, and, for coalition staff, the decision and its records.
import { useEffect, useId, useMemo, useReducer, useRef } from 'react';
import type { CompareEnvelope } from '../../../src/contract/compare.ts';
import type { CoaCriterion } from '../../../src/domain/comparison/coa.ts';
import type { UserView } from '../api-client.ts';
import {
  AssumptionControls,
  DEFAULT_ASSUMPTIONS,
  PartialNotice,
  readAssumptions,
  withQuery,
  type Assumptions,
} from '../components/analysis-common.tsx';
import { AnswerFrame, useKeptAnswer } from '../components/analysis-shell.tsx';
import { checkDrafts, criteriaReducer, draftsOf, sameCriteria } from '../components/coa-criteria.ts';
import { CoaPanel } from '../components/coa-matrix.tsx';
import { CompareCharts } from '../components/compare-charts.tsx';
import type { DriversTarget } from '../components/compare-drivers.tsx';
import { CompareFiguresTable } from '../components/compare-figures-table.tsx';
import { CompareInputs } from '../components/compare-inputs.tsx';
import { VariantPicker, variantCandidates } from '../components/compare-variant-picker.tsx';
import { DecisionPanel } from '../components/decision-panel.tsx';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { Link, useRouter } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import { useApi } from '../use-api.tsx';
import '../compare.css';
import {
  CRITERIA_PARAM,
  VARIANTS_PARAM,
  compareSearch,
  criteriaText,
  readCriteria,
  readVariants,
} from './compare-paths.ts';
import { branchPath, canEditScenario } from './edit-paths.ts';
import { useScenario } from './scenario-layout.tsx';

/**
 * The address with the criteria replaced, without the router: its navigation scrolls to the top,
 * which must not happen on every keystroke in a weight. The router reads the address again on the
 * next navigation, so nothing is lost.
 */
function replaceCriteriaInAddress(criteria: readonly CoaCriterion[] | undefined): void {
  if (typeof window === 'undefined') return;
  const { pathname, search } = window.location;
  const next = pathname + compareSearch(search, { [CRITERIA_PARAM]: criteria && criteriaText(criteria) });
  if (next !== pathname + search) window.history.replaceState(window.history.state, '', next);
}

/** The query string as it is now (the criteria may have been replaced since the router last read it). */
function currentSearch(routerSearch: string): string {
  return typeof window === 'undefined' ? routerSearch : window.location.search;
}

export function ComparePage() {
  const scenario = useScenario();
  const user = useCurrentUser();
  const { path, search, navigate } = useRouter();
  const variants = readVariants(search);
  // The address as it is now: the criteria may have been written into it since the router read it.
  const assumptions = readAssumptions(search);
  const setAssumptions = (changes: Partial<Assumptions>) =>
    navigate(path + withQuery(currentSearch(search), changes, { ...DEFAULT_ASSUMPTIONS }), { replace: true });
  const list = useApi((client, signal) => client.listScenarios({ signal }), [scenario.id, scenario.version]);
  const compare = (ids: string[]) =>
    navigate(path + compareSearch(currentSearch(search), { [VARIANTS_PARAM]: ids.join(',') }));
  return (
    <>
      {list.status === 'loading' && <LoadingMessage>Loading the scenarios…</LoadingMessage>}
      {list.status === 'error' && (
        <ErrorMessage title="The scenarios could not be listed." error={list.error} onRetry={list.reload} />
      )}
      {list.status === 'ready' && (
        <VariantPicker
          key={variants.join(',')}
          baselineName={scenario.name}
          candidates={variantCandidates(scenario.id, list.data)}
          chosen={variants}
          onCompare={compare}
        />
      )}
      {variants.length === 0 ? (
        <NothingChosen scenarioId={scenario.id} canBranch={canEditScenario(user)} />
      ) : (
        <>
          <AssumptionControls value={assumptions} onChange={setAssumptions} />
          <Comparison
            scenario={scenario}
            variants={variants}
            assumptions={assumptions}
            user={user}
            criteriaSearch={currentSearch(search)}
          />
        </>
      )}
    </>
  );
}

export function NothingChosen({ scenarioId, canBranch }: { scenarioId: string; canBranch: boolean }) {
  return (
    <p className="notice" role="note">
      Choose one or more scenarios above and press Compare to see them side by side with this one: every
      figure with its change and what drives it, what each changes, and the COA matrix.{' '}
      {canBranch ? (
        <>
          To try a what-if first, <Link to={branchPath(scenarioId)}>Branch a variant</Link>.
        </>
      ) : (
        'Planners and administrators can branch variants of this scenario to compare.'
      )}
    </p>
  );
}

function Comparison({
  scenario,
  variants,
  assumptions,
  user,
  criteriaSearch,
}: {
  scenario: { id: string; version: number };
  variants: readonly string[];
  assumptions: Assumptions;
  user: Pick<UserView, 'role' | 'nation'>;
  criteriaSearch: string;
}) {
  const key = variants.join(',');
  const shown = useKeptAnswer(
    (client, signal) => client.compare(scenario.id, { variants: [...variants], ...assumptions }, { signal }),
    [scenario.id, scenario.version, key, assumptions.usBackstop, assumptions.allowLate],
    scenario.id,
  );
  const fromAddress = readCriteria(criteriaSearch);
  return (
    <AnswerFrame
      shown={shown}
      loading="Comparing the scenarios…"
      failed="The scenarios could not be compared."
    >
      {(envelope) => (
        <CompareView
          key={envelope.result.scenarios.map((s) => s.id).join(',')}
          envelope={envelope}
          user={user}
          baselineVersion={scenario.version}
          initialCriteria={fromAddress.kind === 'valid' ? fromAddress.criteria : undefined}
          criteriaProblems={fromAddress.kind === 'invalid' ? fromAddress.problems : undefined}
          onCriteriaChange={replaceCriteriaInAddress}
        />
      )}
    </AnswerFrame>
  );
}

export interface CompareViewProps {
  envelope: CompareEnvelope;
  user: Pick<UserView, 'role' | 'nation'>;
  /** The baseline's version now, to say whether a variant was branched from an older one. */
  baselineVersion?: number | undefined;
  /** Criteria from the address; the API's defaults otherwise. */
  initialCriteria?: CoaCriterion[] | undefined;
  /** Why the address's criteria could not be read. */
  criteriaProblems?: string[] | undefined;
  /** Valid criteria as edited; undefined when they are the defaults again. */
  onCriteriaChange?: (criteria: CoaCriterion[] | undefined) => void;
  initialDrivers?: DriversTarget | undefined;
}

export function CompareView({
  envelope,
  user,
  baselineVersion,
  initialCriteria,
  criteriaProblems,
  onCriteriaChange,
  initialDrivers,
}: CompareViewProps) {
  const { result } = envelope;
  const defaults = result.criteria;
  const [drafts, dispatch] = useReducer(criteriaReducer, initialCriteria ?? defaults, draftsOf);
  const check = useMemo(() => checkDrafts(drafts), [drafts]);
  const lastValid = useRef<CoaCriterion[]>(initialCriteria ?? defaults);
  if (check.ok) lastValid.current = check.criteria;
  const criteria = check.ok ? check.criteria : lastValid.current;
  useEffect(() => {
    if (check.ok) onCriteriaChange?.(sameCriteria(check.criteria, defaults) ? undefined : check.criteria);
  }, [check, defaults, onCriteriaChange]);
  const names = useMemo(() => result.scenarios.map((s) => s.name), [result.scenarios]);
  return (
    <>
      <PartialNotice partial={envelope.partial} />
      {criteriaProblems && (
        <p className="notice" role="note">
          The criteria in the address could not be read ({criteriaProblems.join('; ')}): the default criteria
          are shown.
        </p>
      )}
      <ComparedScenarios scenarios={result.scenarios} baselineVersion={baselineVersion} />
      <CompareFiguresTable
        figures={result.figures}
        scenarios={result.scenarios}
        initialDrivers={initialDrivers}
      />
      <CompareCharts names={names} charts={result.charts} figures={result.figures} />
      <CompareInputs scenarios={result.scenarios} inputs={result.inputs} />
      <CoaPanel
        figures={result.figures}
        scenarios={result.scenarios}
        drafts={drafts}
        check={check}
        criteria={criteria}
        onAction={dispatch}
        defaults={defaults}
      />
      {canEditScenario(user) && (
        <DecisionPanel
          baselineId={envelope.baseline}
          scenarios={result.scenarios}
          criteria={check.ok ? check.criteria : null}
          assumptions={{
            usBackstop: envelope.parameters.usBackstop,
            allowLate: envelope.parameters.allowLate,
          }}
        />
      )}
    </>
  );
}

/** The courses of action compared: what each variant is, and what a reader of its figures must know. */
function ComparedScenarios({
  scenarios,
  baselineVersion,
}: {
  scenarios: CompareEnvelope['result']['scenarios'];
  baselineVersion: number | undefined;
}) {
  const id = useId();
  const [baseline] = scenarios;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Courses of action compared</h2>
      <ol className="compared-scenarios">
        {scenarios.map((s, i) => (
          <li key={s.id}>
            <strong>{s.name}</strong> <span className="iso">{s.id}</span>
            {i === 0 ? ' — the baseline.' : ` — ${whatVariantIs(s, baseline?.id, baselineVersion)}`}
            {s.notes.length > 0 && (
              <ul className="compared-notes">
                {s.notes.map((n, j) => (
                  <li key={j}>Note: {n}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A compared scenario in words: a variant of this baseline (and its what-ifs), of another, or neither. */
function whatVariantIs(
  s: CompareEnvelope['result']['scenarios'][number],
  baselineId: string | undefined,
  baselineVersion: number | undefined,
): string {
  const v = s.variantOf;
  if (!v) return 'a scenario of its own.';
  if (v.parent !== baselineId) return `a variant of ${v.parent}, not of this baseline.`;
  const moved =
    baselineVersion !== undefined && baselineVersion > v.parentVersion
      ? ` (the baseline is now at version ${baselineVersion}: changes since are not in this variant)`
      : '';
  const whatIfs = v.whatIfs.length > 0 ? `: ${v.whatIfs.join('; ')}` : '';
  return `a variant of the baseline as of its version ${v.parentVersion}${moved}${whatIfs}.`;
}
