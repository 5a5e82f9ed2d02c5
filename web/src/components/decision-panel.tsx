// The decision on the compared courses of action (coalition staff only; the API refuses others): the
// course chosen and why, recorded with the comparison as it stands (the criteria edited above), and
// the baseline's decision records, newest first. Reopening a record checks it against the scenarios
// now: either their inputs are unchanged and the figures recomputed are the same (or which differ),
// or the inputs changed since are named, scenario by scenario.
import { useId, useState, type FormEvent } from 'react';
import type { CoaCriterion } from '../../../src/domain/comparison/coa.ts';
import type {
  CompareResult,
  DecisionCheck,
  DecisionRecord,
  DecisionRequest,
} from '../../../src/contract/compare.ts';
import { asApiError, type ApiClient, type ApiError, type ApiIssue } from '../api-client.ts';
import { formatDateTime } from '../format.ts';
import { useApi, useApiClient } from '../use-api.tsx';
import { DecisionRecordsView, type ReopenState } from './decision-records.tsx';
import { RefusedMessage } from './form-problems.tsx';
import { ErrorMessage, LoadingMessage } from './status-message.tsx';

type ComparedScenario = CompareResult['scenarios'][number];

export type DecisionField = 'chosen' | 'rationale';
export type DecisionErrors = Partial<Record<DecisionField, string>>;

export type DecisionProblem = { kind: 'issues'; issues: ApiIssue[] } | { kind: 'refused'; error: ApiError };

/** The request that records `chosen` on this comparison. */
export function decisionRequestOf(
  scenarios: readonly Pick<ComparedScenario, 'id'>[],
  criteria: readonly CoaCriterion[],
  chosen: string,
  rationale: string,
  assumptions?: DecisionAssumptions,
): DecisionRequest {
  return {
    variants: scenarios.slice(1).map((s) => s.id),
    criteria: [...criteria],
    chosen,
    rationale: rationale.trim(),
    // The comparison's own assumptions, so the record is of the figures on screen.
    ...(assumptions && { parameters: { ...assumptions } }),
  };
}

/** The page's assumptions the comparison was made under (the API's defaults otherwise). */
export interface DecisionAssumptions {
  usBackstop: boolean;
  allowLate: boolean;
}

/** What the form refuses before asking the API. */
export function checkDecisionForm(chosen: string, rationale: string): DecisionErrors {
  const errors: DecisionErrors = {};
  if (!chosen) errors.chosen = 'Choose the course of action decided on.';
  if (rationale.trim() === '') errors.rationale = 'Say why this course of action was chosen.';
  return errors;
}

/** A refused decision: a 400's issues at the fields they name, the rest (and other errors) above. */
export function decisionFailure(e: unknown): { errors: DecisionErrors; problem: DecisionProblem | null } {
  const error = asApiError(e);
  if (error.status !== 400 || error.issues.length === 0)
    return { errors: {}, problem: { kind: 'refused', error } };
  const errors: DecisionErrors = {};
  const general: ApiIssue[] = [];
  for (const issue of error.issues) {
    if (issue.path === 'chosen' || issue.path === 'rationale') errors[issue.path] ??= sentence(issue.message);
    else general.push(issue);
  }
  return { errors, problem: general.length > 0 ? { kind: 'issues', issues: general } : null };
}

const sentence = (message: string) => `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;

export type DecisionOutcome =
  | { kind: 'recorded'; record: DecisionRecord }
  | { kind: 'not-recorded'; errors: DecisionErrors; problem: DecisionProblem | null };

/**
 * Records the decision: the form's own checks first (nothing is sent while they fail, nor while
 * the criteria have problems), then the API, whose refusal is put at the fields it names.
 */
export async function recordDecision(
  client: ApiClient,
  baselineId: string,
  scenarios: readonly Pick<ComparedScenario, 'id'>[],
  criteria: readonly CoaCriterion[] | null,
  form: { chosen: string; rationale: string },
  assumptions?: DecisionAssumptions,
): Promise<DecisionOutcome> {
  const errors = checkDecisionForm(form.chosen, form.rationale);
  if (Object.keys(errors).length > 0 || !criteria) return { kind: 'not-recorded', errors, problem: null };
  try {
    const request = decisionRequestOf(scenarios, criteria, form.chosen, form.rationale, assumptions);
    return { kind: 'recorded', record: await client.decide(baselineId, request) };
  } catch (e) {
    return { kind: 'not-recorded', ...decisionFailure(e) };
  }
}

export interface DecisionPanelProps {
  baselineId: string;
  scenarios: readonly ComparedScenario[];
  /** The criteria as edited, or null while they have problems. */
  criteria: readonly CoaCriterion[] | null;
  /** The assumptions the comparison was made under. */
  assumptions?: DecisionAssumptions | undefined;
}

export function DecisionPanel({ baselineId, scenarios, criteria, assumptions }: DecisionPanelProps) {
  const id = useId();
  const client = useApiClient();
  const [refresh, setRefresh] = useState(0);
  const [reopened, setReopened] = useState<Readonly<Record<string, ReopenState>>>({});
  const records = useApi((c, signal) => c.decisions(baselineId, { signal }), [baselineId, refresh]);

  const reopen = async (decisionId: string) => {
    setReopened((r) => ({ ...r, [decisionId]: { status: 'loading' } }));
    try {
      const check: DecisionCheck = await client.checkDecision(baselineId, decisionId);
      setReopened((r) => ({ ...r, [decisionId]: { status: 'ready', check } }));
    } catch (e) {
      setReopened((r) => ({ ...r, [decisionId]: { status: 'error', error: asApiError(e) } }));
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Decision</h2>
      <DecisionForm
        baselineId={baselineId}
        scenarios={scenarios}
        criteria={criteria}
        assumptions={assumptions}
        onRecorded={() => setRefresh((n) => n + 1)}
      />
      <h3>Decision records</h3>
      {records.status === 'loading' && <LoadingMessage>Loading the decision records…</LoadingMessage>}
      {records.status === 'error' && (
        <ErrorMessage
          title="The decision records could not be read."
          error={records.error}
          onRetry={records.reload}
        />
      )}
      {records.status === 'ready' && (
        <DecisionRecordsView records={records.data} reopened={reopened} onReopen={(d) => void reopen(d)} />
      )}
    </section>
  );
}

export interface DecisionFormViewProps {
  scenarios: readonly Pick<ComparedScenario, 'id' | 'name'>[];
  chosen: string;
  rationale: string;
  errors: DecisionErrors;
  problem: DecisionProblem | null;
  criteriaInvalid: boolean;
  sending: boolean;
  recorded: DecisionRecord | null;
  onChange: (change: { chosen?: string; rationale?: string }) => void;
  onSubmit: () => void;
}

function DecisionForm({
  baselineId,
  scenarios,
  criteria,
  assumptions,
  onRecorded,
}: DecisionPanelProps & { onRecorded: () => void }) {
  const client = useApiClient();
  const [chosen, setChosen] = useState('');
  const [rationale, setRationale] = useState('');
  const [errors, setErrors] = useState<DecisionErrors>({});
  const [problem, setProblem] = useState<DecisionProblem | null>(null);
  const [sending, setSending] = useState(false);
  const [recorded, setRecorded] = useState<DecisionRecord | null>(null);

  const submit = async () => {
    setProblem(null);
    setRecorded(null);
    setSending(true);
    const outcome = await recordDecision(
      client,
      baselineId,
      scenarios,
      criteria,
      { chosen, rationale },
      assumptions,
    );
    setSending(false);
    if (outcome.kind === 'recorded') {
      setErrors({});
      setRecorded(outcome.record);
      setRationale('');
      onRecorded();
    } else {
      setErrors(outcome.errors);
      setProblem(outcome.problem);
    }
  };

  return (
    <DecisionFormView
      scenarios={scenarios}
      chosen={chosen}
      rationale={rationale}
      errors={errors}
      problem={problem}
      criteriaInvalid={criteria === null}
      sending={sending}
      recorded={recorded}
      onChange={(change) => {
        if (change.chosen !== undefined) setChosen(change.chosen);
        if (change.rationale !== undefined) setRationale(change.rationale);
        setErrors((e) => ({
          ...(change.chosen === undefined && e.chosen ? { chosen: e.chosen } : {}),
          ...(change.rationale === undefined && e.rationale ? { rationale: e.rationale } : {}),
        }));
      }}
      onSubmit={() => void submit()}
    />
  );
}

/** The decision form as it stands (controlled, so a test can render each state). */
export function DecisionFormView(props: DecisionFormViewProps) {
  const { scenarios, chosen, rationale, errors, problem, criteriaInvalid, sending, recorded } = props;
  const id = useId();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    props.onSubmit();
  };
  const chosenName = (sid: string) => scenarios.find((s) => s.id === sid)?.name ?? sid;
  return (
    <form className="form decision-form" aria-label="Record a decision" onSubmit={submit} noValidate>
      {problem?.kind === 'issues' && (
        <div className="form-error" role="alert">
          <p>The decision was not recorded:</p>
          <ul className="issue-list">
            {problem.issues.map((issue, i) => (
              <li key={i}>
                {issue.path ? <code>{issue.path}</code> : 'The decision'}: {issue.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {problem?.kind === 'refused' && <RefusedMessage error={problem.error} />}
      <fieldset
        className={errors.chosen ? 'choice-list field-invalid' : 'choice-list'}
        aria-describedby={errors.chosen ? `${id}-chosen-error` : undefined}
      >
        <legend className="field-label">Course of action chosen</legend>
        <div className="choice-list-items">
          {scenarios.map((s) => (
            <label key={s.id} className="check-field">
              <input
                type="radio"
                name={`${id}-chosen`}
                value={s.id}
                checked={chosen === s.id}
                onChange={() => props.onChange({ chosen: s.id })}
              />
              <span>
                <span className="visually-hidden">Choose </span>
                {s.name}
              </span>
            </label>
          ))}
        </div>
        {errors.chosen && (
          <p className="field-error" id={`${id}-chosen-error`} role="alert">
            {errors.chosen}
          </p>
        )}
      </fieldset>
      <div className={errors.rationale ? 'field field-invalid field-wide' : 'field field-wide'}>
        <label htmlFor={`${id}-rationale`}>Rationale</label>
        <p className="field-hint" id={`${id}-rationale-hint`}>
          Why this course of action: kept with the figures and the COA matrix as they stand now.
        </p>
        <textarea
          id={`${id}-rationale`}
          className="input"
          rows={4}
          maxLength={4000}
          required
          value={rationale}
          aria-invalid={errors.rationale ? true : undefined}
          aria-describedby={`${id}-rationale-hint${errors.rationale ? ` ${id}-rationale-error` : ''}`}
          onChange={(e) => props.onChange({ rationale: e.target.value })}
        />
        {errors.rationale && (
          <p className="field-error" id={`${id}-rationale-error`} role="alert">
            {errors.rationale}
          </p>
        )}
      </div>
      {criteriaInvalid && (
        <p className="field-error" role="alert">
          Correct the COA criteria above first: the decision is recorded with them.
        </p>
      )}
      <p className="form-actions">
        <button type="submit" className="button" disabled={sending}>
          Record decision
        </button>
      </p>
      {recorded && (
        <p className="notice notice-good" role="status">
          Decision recorded: {chosenName(recorded.chosen)} chosen, {formatDateTime(recorded.decidedAt)}.
        </p>
      )}
    </form>
  );
}
