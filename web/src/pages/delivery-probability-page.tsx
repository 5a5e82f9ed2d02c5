// The scenario's delivery probabilities, on a form of their own: the chance that a nation delivers
// all its offers, by its stance (`assumptions.deliveryProbability` in the scenario header) and, for
// single nations, instead of its stance's (`assumptions.nationDeliveryProbability`), which the Monte
// Carlo of the Resilience page draws from. A stance left empty takes the default, a nation left
// empty its stance's. Saved with
// PATCH /api/scenarios/:id and the header's version, like the record forms: a refused figure's reason
// is shown next to it, a stale version shows the figures as they now stand with a way to reload them.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { DELIVERY_STANCES } from '../../../src/domain/scenario-schema.ts';
import type { StoredScenario } from '../../../src/domain/records.ts';
import { RecordForm } from '../components/record-form.tsx';
import {
  hasFormErrors,
  issuesByField,
  recordOf,
  valuesOf,
  type FormErrors,
  type FormValue,
  type FormValues,
} from '../components/record-form-model.ts';
import { deliveryProbabilityFields } from '../components/header-form-specs.ts';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { formatDateTime } from '../format.ts';
import { scenarioPath, RESILIENCE_SLUG } from '../paths.ts';
import { Link, useRouter } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import { useApi, useApiClient } from '../use-api.tsx';
import { backPathOf, canEditScenario } from './edit-paths.ts';
import { withSaved } from './edit-saved-notice.tsx';
import { useScenario } from './scenario-layout.tsx';
import {
  IssuesMessage,
  RefusedMessage,
  headerSaveFailure,
  type HeaderProblem,
} from '../components/form-problems.tsx';

export type Header = Pick<StoredScenario, 'version' | 'updatedAt' | 'assumptions'>;

export type DeliveryFormProblem = HeaderProblem<Header>;

export function DeliveryProbabilityPage() {
  const scenario = useScenario();
  // Read afresh, not from the frame's copy: the version sent must be the one the figures were read at.
  const result = useApi((client, signal) => client.getScenario(scenario.id, { signal }), [scenario.id]);
  if (result.status === 'loading')
    return <LoadingMessage>Loading the delivery probabilities…</LoadingMessage>;
  if (result.status === 'error') {
    return (
      <ErrorMessage title="The scenario could not be loaded." error={result.error} onRetry={result.reload}>
        <Link to={scenarioPath(scenario.id)}>Back to the overview</Link>
      </ErrorMessage>
    );
  }
  return <DeliveryProbabilityNations header={result.data} />;
}

/** The nations the user is shown, for a field each; the header waits for them. */
function DeliveryProbabilityNations({ header }: { header: Header }) {
  const scenario = useScenario();
  const nations = useApi(
    (client, signal) => client.listRecords(scenario.id, 'nations', { signal }),
    [scenario.id],
  );
  if (nations.status === 'loading') return <LoadingMessage>Loading the nations…</LoadingMessage>;
  if (nations.status === 'error') {
    return (
      <ErrorMessage title="The nations could not be loaded." error={nations.error} onRetry={nations.reload} />
    );
  }
  return (
    <DeliveryProbabilityEditor
      header={header}
      nations={nations.data.map((n) => ({ id: n.id as string, name: n.name }))}
    />
  );
}

/**
 * The assumptions section a form describes: the probabilities given and the source or assumption
 * behind them; `null` (the defaults apply again) when it gives none of them.
 */
export function assumptionsOf(record: Record<string, unknown>): Record<string, unknown> | null {
  const section = record.assumptions as Record<string, unknown> | undefined;
  if (!section) return null;
  const given = section.deliveryProbability as Record<string, unknown> | undefined;
  const perNation = section.nationDeliveryProbability as Record<string, unknown> | undefined;
  const { deliveryProbability: _p, nationDeliveryProbability: _n, ...provenance } = section;
  const out = {
    ...(given && Object.keys(given).length > 0 ? { deliveryProbability: given } : {}),
    ...(perNation && Object.keys(perNation).length > 0 ? { nationDeliveryProbability: perNation } : {}),
    ...provenance,
  };
  return Object.keys(out).length > 0 ? out : null;
}

function DeliveryProbabilityEditor({
  header,
  nations,
}: {
  header: Header;
  nations: readonly { id: string; name: string }[];
}) {
  const scenario = useScenario();
  const user = useCurrentUser();
  const client = useApiClient();
  const { search, navigate } = useRouter();
  const headingId = useId();
  const formBox = useRef<HTMLDivElement>(null);
  const fields = useMemo(() => deliveryProbabilityFields(nations), [nations]);
  const [base, setBase] = useState<Header>(header);
  const [values, setValues] = useState<FormValues>(() => valuesOf(fields, header));
  const [errors, setErrors] = useState<FormErrors>({});
  const [problem, setProblem] = useState<DeliveryFormProblem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const back = backPathOf(search, scenario.id, scenarioPath(scenario.id, RESILIENCE_SLUG));

  useEffect(() => {
    if (attempt === 0) return;
    const box = formBox.current;
    const target =
      box?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      box?.querySelector<HTMLElement>('.form-error');
    target?.focus();
  }, [attempt]);

  if (!canEditScenario(user)) {
    return (
      <section className="panel" aria-labelledby={headingId}>
        <h2 id={headingId}>Delivery probabilities</h2>
        <p className="notice" role="note">
          Only coalition planners and administrators may change the scenario’s delivery probabilities.
        </p>
        <p>
          <Link to={back}>Back</Link>
        </p>
      </section>
    );
  }

  const change = (path: string, value: FormValue) => {
    setValues((v) => ({ ...v, [path]: value }));
    if (errors[path]) setErrors(({ [path]: _gone, ...rest }) => rest);
  };

  const save = async () => {
    const built = recordOf(fields, values);
    setProblem(null);
    if (hasFormErrors(built.errors)) {
      setErrors(built.errors);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      const saved = await client.updateScenario(scenario.id, {
        // The section is replaced whole: what the form leaves out goes back to its default.
        assumptions: assumptionsOf(built.record) as never,
        version: base.version,
      });
      navigate(withSaved(back, `delivery probabilities (scenario version ${saved.version})`));
    } catch (e) {
      setSubmitting(false);
      const failure = headerSaveFailure<Header>(e, (issues) => issuesByField(fields, issues));
      setErrors(failure.errors);
      setProblem(failure.problem);
      setAttempt((n) => n + 1);
    }
  };

  const reload = (current: Header) => {
    setBase(current);
    setValues(valuesOf(fields, current));
    setErrors({});
    setProblem(null);
  };

  return (
    <section className="panel edit-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Delivery probabilities</h2>
      <p className="panel-note">
        The chance that a nation delivers all its offers, by its stance, drawn by the Monte Carlo on the
        Resilience page. Scenario version {base.version}, last changed {formatDateTime(base.updatedAt)}.
      </p>
      <div ref={formBox}>
        <RecordForm
          label="Delivery probabilities"
          fields={fields}
          values={values}
          errors={errors}
          onChange={change}
          onSubmit={() => void save()}
          submitting={submitting}
          submitLabel="Save changes"
          cancelTo={back}
          formError={
            problem && (
              <DeliveryProblem
                problem={problem}
                onReload={reload}
                onKeepMine={(current) => {
                  setBase(current);
                  setProblem(null);
                }}
              />
            )
          }
        />
      </div>
    </section>
  );
}

export function DeliveryProblem({
  problem,
  onReload,
  onKeepMine,
}: {
  problem: DeliveryFormProblem;
  onReload: (current: Header) => void;
  onKeepMine: (current: Header) => void;
}) {
  if (problem.kind === 'issues') {
    return <IssuesMessage what={'delivery probabilities'} whole="The scenario" issues={problem.issues} />;
  }
  if (problem.kind === 'refused') return <RefusedMessage error={problem.error} />;
  const { current } = problem;
  const given = current.assumptions?.deliveryProbability ?? {};
  return (
    <div className="form-error conflict" role="alert" tabIndex={-1}>
      <p>
        Someone else changed this scenario while you were editing: it is now at version {current.version}{' '}
        (changed {formatDateTime(current.updatedAt)}). Your changes were not saved.
      </p>
      <dl className="record-fields" aria-label="Delivery probabilities now">
        {DELIVERY_STANCES.map((s) => (
          <div key={s}>
            <dt>{s}</dt>
            <dd>{given[s] ?? 'default'}</dd>
          </div>
        ))}
      </dl>
      <p className="form-actions">
        <button type="button" className="button" onClick={() => onReload(current)}>
          Reload the current version
        </button>
        <button type="button" className="button button-secondary" onClick={() => onKeepMine(current)}>
          Keep my changes and save them over it
        </button>
      </p>
    </div>
  );
}
